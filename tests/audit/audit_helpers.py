"""Helpers for the audit tests: a small varied trail, a way past the triggers, both verifiers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

from sqlalchemy import Connection, text
from sqlalchemy.orm import Session

from audit.actions import Action, Actor
from audit.models import AuditEvent
from audit.prove import CHUNK, prove_intact
from audit.service import record, verify
from audit.verify import VerifyResult

T0 = dt.datetime(2026, 11, 2, 9, 30, tzinfo=dt.UTC)


def add_events(session: Session, count: int, *, start: int = 0) -> list[AuditEvent]:
    """Append `count` varied events: staff, reporter and system actors, NULLs and details."""
    events = []
    for i in range(start, start + count):
        kind = i % 3
        if kind == 0:
            event = record(session, Action.CASE_STATUS_CHANGED, actor=Actor.staff(7, "focal_point"),
                           case_ref=f"SN-{i:04d}", network="senegal",
                           details={"from": "received", "to": "triage", "n": i},
                           at=T0 + dt.timedelta(minutes=i))
        elif kind == 1:
            event = record(session, Action.MESSAGE_SENT, actor=Actor.reporter(),
                           case_ref=f"SN-{i:04d}", at=T0 + dt.timedelta(minutes=i))
        else:
            event = record(session, Action.LOGIN_FAILED, actor=Actor.system(),
                           details={"attempts": i, "locked": False},
                           at=T0 + dt.timedelta(minutes=i, microseconds=i))
        events.append(event)
    return events


def allow_tampering(connection: Connection) -> None:
    """Switch off the append-only triggers, as an attacker with database access could.

    Inside the test's transaction: the per-test rollback puts them back.
    """
    if connection.dialect.name == "postgresql":
        for table in ("audit_events", "audit_checkpoints"):
            connection.execute(text(f"ALTER TABLE {table} DISABLE TRIGGER USER"))
    else:
        for table in ("audit_events", "audit_checkpoints"):
            for verb in ("update", "delete"):
                connection.execute(text(f"DROP TRIGGER IF EXISTS {table}_no_{verb}"))


def verify_both(source: Session | Connection, public_keys: Collection[bytes]) -> VerifyResult:
    """audit.service.verify's verdict, once the quick proof has been checked against it.

    audit.prove.prove_intact must prove exactly the trails the exact walk finds intact, with the
    same counts, and give up on every other: tried with chunks of 2 events and of the default
    size, run first so the exact walk also shows the transaction is left usable.
    """
    connection = source.connection() if isinstance(source, Session) else source
    driver = connection.connection.driver_connection
    quick = [prove_intact(driver, connection.dialect.name, public_keys=public_keys, chunk=chunk)
             for chunk in (2, CHUNK)]
    exact = verify(source, public_keys=public_keys)
    assert quick == [exact if exact.ok else None] * 2, (quick, exact)
    return exact
