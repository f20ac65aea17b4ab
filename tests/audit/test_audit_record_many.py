"""record_many(): several events in one append, indistinguishable from one record() each."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from audit.actions import Action, Actor
from audit.canonical import decode_event
from audit.models import AuditEvent
from audit.service import Entry, record, record_many, verify
from tests.audit.audit_helpers import T0


def test_a_batch_continues_the_chain_and_verifies(session: Session) -> None:
    first = record(session, Action.CASE_CREATED, actor=Actor.reporter(), case_ref="SN-1", at=T0)
    batch = record_many(session, [
        Entry(Action.CASE_CREATED, Actor.reporter(), "SN-2", "senegal", {"urgent": True}),
        Entry(Action.KEY_GRANTED, Actor.system(), "SN-2", "senegal", {"to": "a"}),
        Entry(Action.KEY_GRANTED, Actor.system(), "SN-2", "senegal", {"to": "b"}),
    ], at=T0)
    after = record(session, Action.MESSAGE_SENT, actor=Actor.reporter(), case_ref="SN-2", at=T0)

    assert [e.seq for e in batch] == [2, 3, 4]
    assert batch[0].prev_hash == first.hash
    assert [b.prev_hash for b in batch[1:]] == [b.hash for b in batch[:-1]]
    assert after.prev_hash == batch[-1].hash
    assert [decode_event(e.body).details for e in batch] == [
        {"urgent": True}, {"to": "a"}, {"to": "b"}]
    session.flush()
    assert verify(session, public_keys=[]).ok


def test_a_refused_entry_appends_nothing(session: Session) -> None:
    record(session, Action.CASE_CREATED, actor=Actor.reporter(), case_ref="SN-1", at=T0)
    with pytest.raises(ValueError, match="snake_case"):
        record_many(session, [
            Entry(Action.KEY_GRANTED, Actor.system(), "SN-1", None, {"to": "a"}),
            Entry(Action.KEY_GRANTED, Actor.system(), "SN-1", None, {"Bad Key": "b"}),
        ])
    assert session.scalar(select(func.count()).select_from(AuditEvent)) == 1


def test_an_empty_batch_is_a_no_op(session: Session) -> None:
    assert record_many(session, []) == []
    assert session.scalar(select(func.count()).select_from(AuditEvent)) == 0
