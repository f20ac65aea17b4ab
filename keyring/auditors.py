"""The auditors' shared key: closure reasons readable by auditors, and by nobody else.

Auditors check that decisions were reasoned, so they must read a closed case's
outcome and reasons, but never its content. At closure those few lines are
sealed to one organisation key pair; its private half is sealed in turn to
each auditor's own key. An auditor who logs in passes it on to colleagues who
do not have it yet, so the server never needs it in the clear at rest.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from auth.models import GlobalRole, StaffUser
from auth.services import key_fingerprint
from crypto import DecryptionError, generate_keypair, open_sealed, seal_to
from keyring.models import OrgKey, OrgKeyGrant, OrgKeyKind
from keyring.services import fingerprint


def _context(staff: StaffUser) -> bytes:
    return f"redevable/audit-reader/{staff.public_id}".encode()


def reader_key(session: Session) -> OrgKey | None:
    return session.scalars(select(OrgKey).where(OrgKey.kind == OrgKeyKind.AUDIT_READER,
                                                OrgKey.retired_at.is_(None))).first()


def ensure_reader_key(session: Session, auditor: StaffUser, now: dt.datetime) -> None:
    """Create the shared key the first time an auditor with a key pair exists."""
    if reader_key(session) is not None or auditor.public_key is None:
        return
    pair = generate_keypair()
    key = OrgKey(kind=OrgKeyKind.AUDIT_READER, public_key=pair.public,
                 fingerprint=fingerprint(pair.public), created_at=now)
    session.add(key)
    session.flush()
    _grant(session, key, pair.private, auditor, now)


def _grant(session: Session, key: OrgKey, private: bytes, auditor: StaffUser,
           now: dt.datetime) -> None:
    assert auditor.public_key is not None  # noqa: S101 - callers check
    session.add(OrgKeyGrant(org_key_id=key.id, staff_id=auditor.id,
                            wrapped_private=seal_to(auditor.public_key, private,
                                                    _context(auditor)),
                            recipient_fpr=key_fingerprint(auditor.public_key), created_at=now))
    session.flush()


def unlock_reader_key(session: Session, auditor: StaffUser, private_key: bytes) -> bytes | None:
    key = reader_key(session)
    if key is None or auditor.public_key is None:
        return None
    grant = session.scalars(select(OrgKeyGrant).where(
        OrgKeyGrant.org_key_id == key.id, OrgKeyGrant.staff_id == auditor.id,
        OrgKeyGrant.recipient_fpr == key_fingerprint(auditor.public_key))).first()
    if grant is None:
        return None
    try:
        return open_sealed(private_key, grant.wrapped_private, _context(auditor))
    except DecryptionError:
        return None


def share_with_colleagues(session: Session, reader_private: bytes, now: dt.datetime) -> int:
    """Seal the shared key to every active auditor who lacks a current grant."""
    key = reader_key(session)
    if key is None:
        return 0
    granted = 0
    for auditor in session.scalars(select(StaffUser).where(
            StaffUser.role == GlobalRole.AUDITOR, StaffUser.active.is_(True),
            StaffUser.public_key.is_not(None))):
        current = session.scalars(select(OrgKeyGrant).where(
            OrgKeyGrant.org_key_id == key.id, OrgKeyGrant.staff_id == auditor.id)).first()
        fpr = key_fingerprint(auditor.public_key or b"")
        if current is not None and current.recipient_fpr == fpr:
            continue
        if current is not None:
            session.delete(current)
            session.flush()
        _grant(session, key, reader_private, auditor, now)
        granted += 1
    return granted


def seal_for_auditors(session: Session, payload: bytes, case_public_id: str) -> bytes | None:
    key = reader_key(session)
    if key is None:
        return None
    return seal_to(key.public_key, payload, f"redevable/closure/{case_public_id}".encode())


def open_for_auditor(reader_private: bytes, sealed: bytes, case_public_id: str) -> bytes:
    return open_sealed(reader_private, sealed, f"redevable/closure/{case_public_id}".encode())
