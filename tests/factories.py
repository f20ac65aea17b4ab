"""Plain typed factories for test data."""

from __future__ import annotations

import datetime as dt
import json
import uuid

import pyotp
from sqlalchemy import select
from sqlalchemy.orm import Session

from auth import services
from auth.models import GlobalRole, StaffUser
from cases import access, deadlines
from cases.models import Case, CaseStatus, Category, Channel
from crypto import TEST_PARAMS, DataKey, KeyPair, new_data_key, seal
from db import utcnow
from keyring.models import OrgKey, OrgKeyKind
from keyring.services import init_recovery_key
from networks.models import Network, NetworkKind
from reporting import services as rs


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


def make_case(
    session: Session,
    *,
    network: Network,
    holders: list[StaffUser] = (),  # type: ignore[assignment]
    status: CaseStatus = CaseStatus.RECEIVED,
    category: Category | None = None,
    minor: bool = False,
    serious: bool = False,
    text: str = "The treasurer kept the fees.",
    excluded: list[StaffUser] = (),  # type: ignore[assignment]
    now: dt.datetime | None = None,
) -> tuple[Case, DataKey]:
    """A case sealed like intake seals it, held by `holders`; returns it and its key."""
    now = now or utcnow()
    key = new_data_key()
    case = Case(
        public_id=str(uuid.uuid4()), reference=rs.new_reference(), network=network,
        channel=Channel.COMPLAINT, status=status, received_at=now,
        ack_due_at=now + dt.timedelta(days=network.ack_days), category=category,
        suggested_category=category or Category.FRAUD_CORRUPTION, suggested_flags=[],
        flag_minor_involved=minor, serious=serious, last_reporter_activity_at=now,
    )
    if minor:
        case.triage_due_at = now + dt.timedelta(hours=24)
    if status != CaseStatus.RECEIVED:
        case.acknowledged_at = now
        case.feedback_due_at = now + dt.timedelta(days=network.feedback_days)
    answers = {"what_happened": text, "excluded_staff": [u.public_id for u in excluded],
               "child_involved": "yes" if minor else "no", "danger_now": "no"}
    case.report_sealed = seal(key, json.dumps(answers).encode(), rs.report_where(case))
    deadlines.refresh(case)
    session.add(case)
    session.flush()
    access.grant(session, case, key, holders)
    session.flush()
    return case, key
