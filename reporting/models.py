"""The reporter's short server-side session after entering a receipt."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, LargeBinary
from sqlalchemy.orm import Mapped, mapped_column

from db import Base, utcnow


class ReporterSession(Base):
    """Lets a reporter who entered a receipt keep reading and writing for a few minutes.

    The cookie carries a random token; the row is found by the token's SHA-256 and
    holds the case key sealed under a key derived from the token. The database
    alone therefore opens nothing, and the receipt is never kept anywhere.
    """

    __tablename__ = "reporter_sessions"

    token_hash: Mapped[bytes] = mapped_column(LargeBinary(32), primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    sealed_key: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[dt.datetime] = mapped_column(index=True)
