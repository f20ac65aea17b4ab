"""Staff accounts, their keys, sessions and one-time links.

A staff member's X25519 private key is stored only wrapped under a key derived
from their password (crypto.kdf); while they are logged in it is kept wrapped
under a secret that lives in their session cookie. The database alone never
holds a usable private key.
"""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import Column, ForeignKey, Integer, LargeBinary, String, Table
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db import Base, enum_type, utcnow
from networks.models import Network


class GlobalRole(enum.StrEnum):
    """What a staff member may do in the system (DESIGN.md "People")."""

    ADMIN = "admin"
    FOCAL_POINT = "focal_point"
    AUDITOR = "auditor"


class TokenPurpose(enum.StrEnum):
    SETUP = "setup"  # the very first admin
    INVITE = "invite"
    RESET = "reset"


staff_networks = Table(
    "staff_networks",
    Base.metadata,
    Column("staff_id", Integer, ForeignKey("staff_users.id", ondelete="CASCADE"),
           primary_key=True),
    Column("network_id", Integer, ForeignKey("networks.id", ondelete="CASCADE"),
           primary_key=True),
)


class StaffUser(Base):
    __tablename__ = "staff_users"

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(String(36), unique=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[GlobalRole] = mapped_column(enum_type(GlobalRole))
    safeguarding: Mapped[bool] = mapped_column(default=False)
    # Network leadership: a concern about them escalates past their own network.
    leadership: Mapped[bool] = mapped_column(default=False)
    active: Mapped[bool] = mapped_column(default=True)
    # Empty until the invitation is accepted: an invited account cannot log in or receive cases.
    password_hash: Mapped[str | None] = mapped_column(String(200))
    public_key: Mapped[bytes | None] = mapped_column(LargeBinary(32))
    private_key_wrapped: Mapped[bytes | None] = mapped_column(LargeBinary)
    key_created_at: Mapped[dt.datetime | None]
    # TOTP secret sealed under a key derived from the instance secret (defence in depth).
    totp_secret_sealed: Mapped[bytes | None] = mapped_column(LargeBinary)
    totp_enabled_at: Mapped[dt.datetime | None]
    totp_last_step: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    password_changed_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    last_login_at: Mapped[dt.datetime | None]

    networks: Mapped[list[Network]] = relationship(secondary=staff_networks,
                                                   order_by=Network.name)

    # flask-login protocol
    @property
    def is_authenticated(self) -> bool:
        return True

    @property
    def is_active(self) -> bool:
        return self.active

    @property
    def is_anonymous(self) -> bool:
        return False

    def get_id(self) -> str:
        return self.public_id

    @property
    def is_focal_point(self) -> bool:
        return self.role == GlobalRole.FOCAL_POINT

    @property
    def is_safeguarding_lead(self) -> bool:
        return self.role == GlobalRole.FOCAL_POINT and self.safeguarding

    def __repr__(self) -> str:
        return f"<StaffUser {self.id} {self.role}>"


class RecoveryCode(Base):
    """A single-use code that stands in for TOTP when the phone is lost."""

    __tablename__ = "staff_recovery_codes"

    id: Mapped[int] = mapped_column(primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff_users.id", ondelete="CASCADE"),
                                          index=True)
    code_hash: Mapped[bytes] = mapped_column(LargeBinary(32), unique=True)
    used_at: Mapped[dt.datetime | None]


class StaffSession(Base):
    """A server-side staff session; the cookie holds the token, the row only its hash."""

    __tablename__ = "staff_sessions"

    token_hash: Mapped[bytes] = mapped_column(LargeBinary(32), primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff_users.id", ondelete="CASCADE"),
                                          index=True)
    # The private key, sealed under the cookie's token: useless without the cookie.
    sealed_private_key: Mapped[bytes] = mapped_column(LargeBinary)
    second_factor_done: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    last_seen_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[dt.datetime] = mapped_column(index=True)
    stepped_up_at: Mapped[dt.datetime | None]

    user: Mapped[StaffUser] = relationship()


class OneTimeToken(Base):
    """A single-use link: first-admin setup, an invitation, or a password reset."""

    __tablename__ = "staff_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[bytes] = mapped_column(LargeBinary(32), unique=True)
    purpose: Mapped[TokenPurpose] = mapped_column(enum_type(TokenPurpose))
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id",
                                                            ondelete="CASCADE"))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id",
                                                                 ondelete="SET NULL"))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[dt.datetime]
    used_at: Mapped[dt.datetime | None]

    user: Mapped[StaffUser | None] = relationship(foreign_keys=[staff_id])
