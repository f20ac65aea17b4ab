"""Plain typed factories for test data."""

from __future__ import annotations

import datetime as dt

import pyotp
from sqlalchemy import select
from sqlalchemy.orm import Session

from auth import services
from auth.models import GlobalRole, StaffUser
from crypto import TEST_PARAMS, KeyPair
from db import utcnow
from keyring.models import OrgKey, OrgKeyKind
from keyring.services import init_recovery_key
from networks.models import Network, NetworkKind


def make_network(
    session: Session,
    *,
    slug: str = "senegal",
    name: str = "Senegal national network",
    kind: NetworkKind = NetworkKind.NATIONAL,
    parent: Network | None = None,
) -> Network:
    network = Network(slug=slug, name=name, kind=kind, parent=parent)
    session.add(network)
    session.flush()
    return network


def ensure_recovery_key(session: Session) -> KeyPair | None:
    """Create the recovery key if missing; returns the pair when it made one."""
    existing = session.scalars(
        select(OrgKey).where(OrgKey.kind == OrgKeyKind.RECOVERY, OrgKey.retired_at.is_(None))
    ).first()
    if existing is not None:
        return None
    return init_recovery_key(session)


PASSWORD = "correct horse battery staple 42"


def make_staff(
    session: Session,
    *,
    role: GlobalRole = GlobalRole.FOCAL_POINT,
    name: str = "Amadou Ba",
    email: str | None = None,
    networks: list[Network] | None = None,
    safeguarding: bool = False,
    leadership: bool = False,
    password: str = PASSWORD,
    secret_key: bytes,
    now: dt.datetime | None = None,
) -> tuple[StaffUser, str]:
    """An active staff member with a password, a key pair and TOTP enrolled.

    Returns the user and their TOTP secret (to compute codes like a phone would).
    """
    now = now or utcnow()
    user = services.create_user(
        session, email=email or f"{name.lower().replace(' ', '.')}@example.org",
        display_name=name, role=role, networks=networks or [], safeguarding=safeguarding,
        leadership=leadership)
    services.set_password_with_new_keys(session, user, password, TEST_PARAMS, now)
    secret = services.begin_totp_enrolment(session, user, secret_key)
    user.totp_enabled_at = now
    session.flush()
    return user, secret


def totp_code(secret: str, at: dt.datetime) -> str:
    return pyotp.TOTP(secret).at(at)
