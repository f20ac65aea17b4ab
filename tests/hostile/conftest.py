"""Fixtures for hostile-input, abuse and fault tests: a ready instance and row counts."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from audit.models import AuditEvent
from cases.models import Attachment, AttachmentChunk, Case, CaseKeyWrap, CaseMessage
from reporting.models import ReporterSession
from tests.factories import ensure_recovery_key, make_network

COUNTED = {"cases": Case, "attachments": Attachment, "chunks": AttachmentChunk,
           "messages": CaseMessage, "wraps": CaseKeyWrap, "reporter_sessions": ReporterSession}


def counts(session: Session, *, audit: bool = False) -> dict[str, int]:
    """How many rows each table of case content holds (to prove nothing was half-stored)."""
    session.expire_all()
    tables: dict[str, Any] = dict(COUNTED)
    if audit:
        tables["audit"] = AuditEvent
    return {name: session.scalar(select(func.count()).select_from(model)) or 0
            for name, model in tables.items()}


@pytest.fixture
def ready(session: Session) -> Session:
    """One national network and the recovery key: the reporter side can take reports."""
    make_network(session)
    ensure_recovery_key(session)
    session.commit()
    return session
