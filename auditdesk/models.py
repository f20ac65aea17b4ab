"""The auditor's quality review of a closed case."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from db import Base, utcnow


class QualityReview(Base):
    """One auditor's checklist and findings for one closed case (process, never content)."""

    __tablename__ = "quality_reviews"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    reviewer_id: Mapped[int] = mapped_column(ForeignKey("staff_users.id"))
    checks: Mapped[dict[str, bool | None]] = mapped_column(JSON)
    findings: Mapped[str] = mapped_column(String(2000), default="")
    signed_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
