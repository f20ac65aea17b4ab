"""The organisation recovery key and the KDF cost settings."""

from __future__ import annotations

import hashlib
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from crypto import (
    PRODUCTION_PASSWORD_PARAMS,
    RECEIPT_PARAMS,
    TEST_PARAMS,
    Argon2Params,
    KeyPair,
    combine_shares,
    generate_keypair,
    split_secret,
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
        select(OrgKey).where(OrgKey.kind == OrgKeyKind.RECOVERY, OrgKey.retired_at.is_(None),
                             OrgKey.pending.is_(False))
    ).first()
    if key is None:
        raise RecoveryKeyMissing
    return key


def pending_recovery_key(session: Session) -> OrgKey | None:
    """The key a rotation is moving to, if one is under way."""
    return session.scalars(
        select(OrgKey).where(OrgKey.kind == OrgKeyKind.RECOVERY, OrgKey.retired_at.is_(None),
                             OrgKey.pending.is_(True))
    ).first()


def recovery_keys_to_seal(session: Session) -> list[OrgKey]:
    """Every recovery key a new case key must be sealed to (two during a rotation).

    One query for both (every intake asks): the active key, then the pending one if any.
    """
    keys = session.scalars(
        select(OrgKey).where(OrgKey.kind == OrgKeyKind.RECOVERY, OrgKey.retired_at.is_(None))
        .order_by(OrgKey.id)
    ).all()
    active = next((key for key in keys if not key.pending), None)
    if active is None:
        raise RecoveryKeyMissing
    return [active, *[key for key in keys if key.pending][:1]]


PRIVATE_KEY_HEADER = [
    "# Redevable organisation RECOVERY KEY (private). Keep offline; never on the server.",
    "# It opens every case. Print it, store it in a safe, then delete this file.",
]


def write_private_key(path: Path, private: bytes, *, shares: int = 0,
                      threshold: int = 0) -> None:
    """Write a recovery private key (or its custodian shares) to a new 0600 file."""
    if shares:
        if not 1 < threshold <= shares:
            raise ValueError("threshold must be between 2 and the number of shares")
        lines = split_secret(private, threshold, shares)
    else:
        lines = [private.hex()]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.touch(mode=0o600, exist_ok=False)
    path.write_text("\n".join([*PRIVATE_KEY_HEADER, *lines, ""]), encoding="utf-8")


def read_private_key(path: Path) -> bytes:
    """Read a key file written by write_private_key: hex, or enough shares to combine."""
    lines = [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines()
             if ln.strip() and not ln.startswith("#")]
    if len(lines) == 1 and not lines[0].startswith("RDV"):
        try:
            return bytes.fromhex(lines[0])
        except ValueError:
            raise ValueError("the key file holds neither a hex key nor shares") from None
    return combine_shares(lines)


def init_recovery_key(session: Session) -> KeyPair:
    """Create the recovery key pair; store the public half, return the pair for offline keeping.

    Refuses when one exists: replacing it is a rotation (every case key re-sealed),
    not a second init.
    """
    existing = session.scalars(
        select(OrgKey).where(OrgKey.kind == OrgKeyKind.RECOVERY, OrgKey.retired_at.is_(None))
    ).first()
    if existing is not None:  # replacing it is a rotation: flask keys rotate-recovery
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
