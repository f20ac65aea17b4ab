"""Organisation-level public keys kept by the server (private halves never are)."""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from db import Base, enum_type, utcnow


class OrgKeyKind(enum.StrEnum):
    RECOVERY = "recovery"


class OrgKey(Base):
    """A public key of the organisation. Exactly one active recovery key at a time."""

    __tablename__ = "org_keys"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[OrgKeyKind] = mapped_column(enum_type(OrgKeyKind))
    public_key: Mapped[bytes] = mapped_column(LargeBinary(32))
    fingerprint: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    retired_at: Mapped[dt.datetime | None]
    # A new recovery key during a rotation: sealed to, not yet the one to recover with.
    pending: Mapped[bool] = mapped_column(default=False)
