"""Fixtures for the audit trail: a checkpoint key pair and a way to tamper."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from crypto.signing import generate_signing_key
from tests.audit.audit_helpers import allow_tampering


@pytest.fixture
def keys() -> tuple[bytes, bytes]:
    """(signing seed, public key) for checkpoints."""
    return generate_signing_key()


@pytest.fixture
def tamper(session: Session) -> Callable[[str, dict[str, object] | None], None]:
    """Run raw SQL against the trail with the triggers off."""
    allow_tampering(session.connection())

    def run(sql: str, params: dict[str, object] | None = None) -> None:
        session.execute(text(sql), params or {})
        session.expire_all()

    return run
