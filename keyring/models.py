"""Organisation-level public keys kept by the server (private halves never are)."""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import ForeignKey, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from db import Base, enum_type, utcnow


class OrgKeyKind(enum.StrEnum):
    RECOVERY = "recovery"
    # Shared by the auditors: opens the closure reasons of closed cases, nothing else.
    AUDIT_READER = "audit_reader"


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


class OrgKeyGrant(Base):
    """An organisation private key, sealed to one staff member (the auditors' shared key)."""

    __tablename__ = "org_key_grants"
    __table_args__ = (UniqueConstraint("org_key_id", "staff_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    org_key_id: Mapped[int] = mapped_column(ForeignKey("org_keys.id", ondelete="CASCADE"))
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff_users.id", ondelete="CASCADE"))
    wrapped_private: Mapped[bytes] = mapped_column(LargeBinary)
    recipient_fpr: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
