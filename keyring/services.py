"""The organisation recovery key and the KDF cost settings."""

from __future__ import annotations

import hashlib

from sqlalchemy import select
from sqlalchemy.orm import Session

from crypto import (
    PRODUCTION_PASSWORD_PARAMS,
    RECEIPT_PARAMS,
    TEST_PARAMS,
    Argon2Params,
    KeyPair,
    generate_keypair,
)
from db import utcnow
from keyring.models import OrgKey, OrgKeyKind

KDF_PARAMS: dict[str, Argon2Params] = {
    "production": PRODUCTION_PASSWORD_PARAMS,
    "receipt": RECEIPT_PARAMS,
    "test": TEST_PARAMS,
}


class RecoveryKeyMissing(RuntimeError):
    """No recovery key: reports cannot be accepted until `flask keys init-recovery` ran."""


def fingerprint(public_key: bytes) -> str:
    return hashlib.sha256(b"redevable/org-key/" + public_key).hexdigest()


def active_recovery_key(session: Session) -> OrgKey:
    key = session.scalars(
        select(OrgKey).where(OrgKey.kind == OrgKeyKind.RECOVERY, OrgKey.retired_at.is_(None))
    ).first()
    if key is None:
        raise RecoveryKeyMissing
    return key


def init_recovery_key(session: Session) -> KeyPair:
    """Create the recovery key pair; store the public half, return the pair for offline keeping.

    Refuses when one exists: replacing it is a rotation (every case key re-sealed),
    not a second init.
    """
    existing = session.scalars(
        select(OrgKey).where(OrgKey.kind == OrgKeyKind.RECOVERY, OrgKey.retired_at.is_(None))
    ).first()
    if existing is not None:
        raise ValueError("a recovery key already exists")
    pair = generate_keypair()
    session.add(
        OrgKey(
            kind=OrgKeyKind.RECOVERY,
            public_key=pair.public,
            fingerprint=fingerprint(pair.public),
            created_at=utcnow(),
        )
    )
    session.flush()
    return pair
