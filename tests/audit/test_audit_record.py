"""record(): one gapless chain, appended in the caller's transaction, with no room for content."""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from audit.actions import Action, Actor, ActorKind
from audit.canonical import GENESIS_HASH, decode_event
from audit.models import AuditEvent
from audit.service import record, verify
from tests.audit.audit_helpers import T0, add_events


def test_events_form_a_gapless_chain_from_the_genesis_hash(session: Session) -> None:
    events = add_events(session, 5)

    assert [e.seq for e in events] == [1, 2, 3, 4, 5]
    assert events[0].prev_hash == GENESIS_HASH
    for before, after in itertools.pairwise(events):
        assert after.prev_hash == before.hash
    for event in events:
        assert event.hash == hashlib.sha256(event.prev_hash + event.body).digest()


def test_body_says_what_the_columns_say(session: Session) -> None:
    event = record(session, Action.CASE_STATUS_CHANGED, actor=Actor.staff(12, "focal_point"),
                   case_ref="SN-7K3P", network="senegal",
                   details={"to": "triage", "from": "received", "urgent": True, "count": 3},
                   at=T0)
    session.expire_all()
    stored = session.get(AuditEvent, event.seq)
    assert stored is not None

    fields = decode_event(stored.body)
    assert fields.seq == stored.seq == 1
    assert fields.occurred_at == "2026-11-02T09:30:00.000000Z"
    assert stored.occurred_at == T0
    assert (fields.actor_kind, fields.actor_id, fields.actor_role) == ("staff", 12, "focal_point")
    assert stored.actor_kind == ActorKind.STAFF
    assert fields.action == stored.action == Action.CASE_STATUS_CHANGED
    assert (fields.case_ref, fields.network) == ("SN-7K3P", "senegal")
    assert fields.details == stored.details == {"to": "triage", "from": "received",
                                                "urgent": True, "count": 3}
    # Canonical: keys sorted, no spaces.
    assert fields.details_text == '{"count":3,"from":"received","to":"triage","urgent":true}'


def test_reporter_and_system_events_store_nulls(session: Session) -> None:
    event = record(session, Action.MESSAGE_SENT, actor=Actor.reporter(), case_ref="SN-1")
    system = record(session, Action.REMINDER_SENT, actor=Actor.system())

    assert (event.actor_kind, event.actor_id, event.actor_role) == ("reporter", None, None)
    assert (system.network, system.case_ref, system.details) == (None, None, {})
    assert decode_event(system.body).case_ref is None


def test_record_flushes_but_leaves_the_commit_to_the_caller(session: Session) -> None:
    savepoint = session.begin_nested()
    record(session, Action.LOGIN, actor=Actor.staff(1, "admin"))
    assert session.scalar(select(func.count()).select_from(AuditEvent)) == 1

    savepoint.rollback()

    # The event disappears with the caller's work: an action and its record go together.
    assert session.scalar(select(func.count()).select_from(AuditEvent)) == 0
    assert record(session, Action.LOGIN, actor=Actor.staff(1, "admin")).seq == 1


def test_staff_role_enum_is_stored_as_its_value(session: Session) -> None:
    from auth.models import GlobalRole  # noqa: PLC0415 - only this test needs staff roles

    event = record(session, Action.LOGOUT, actor=Actor.staff(3, GlobalRole.FOCAL_POINT))
    assert event.actor_role == "focal_point"
    assert type(event.actor_role) is str


@pytest.mark.parametrize(
    "details",
    [
        {"names": ["Awa", "Moussa"]},
        {"nested": {"a": 1}},
        {"ratio": 0.5},
        {"blob": b"bytes"},
        {"when": dt.datetime(2026, 1, 1, tzinfo=dt.UTC)},
    ],
    ids=["list", "dict", "float", "bytes", "datetime"],
)
def test_details_refuse_anything_but_scalars(session: Session, details: dict[str, Any]) -> None:
    with pytest.raises(TypeError, match="must be a str, int, bool or None"):
        record(session, Action.NOTE_ADDED, actor=Actor.staff(1, "admin"), details=details)
    assert session.scalar(select(func.count()).select_from(AuditEvent)) == 0


def test_details_refuse_long_strings_so_content_cannot_slip_in(session: Session) -> None:
    message = "The treasurer kept the membership fees at home instead of the bank. " * 3
    with pytest.raises(ValueError, match="longer than 200"):
        record(session, Action.MESSAGE_SENT, actor=Actor.reporter(), details={"text": message})
    record(session, Action.MESSAGE_SENT, actor=Actor.reporter(), details={"text": "x" * 200})


@pytest.mark.parametrize(
    "details",
    [{"Message Body": "x"}, {"": 1}, {"k" * 41: 1}, {f"k{i}": i for i in range(17)},
     {"big": 2**60}],
    ids=["key-with-spaces", "empty-key", "long-key", "too-many", "huge-int"],
)
def test_details_refuse_odd_keys_and_sizes(session: Session, details: dict[str, Any]) -> None:
    with pytest.raises(ValueError, match="detail"):
        record(session, Action.NOTE_ADDED, actor=Actor.staff(1, "admin"), details=details)


@pytest.mark.parametrize(
    ("field", "value"),
    [("case_ref", ""), ("case_ref", "SN-1\nforged"), ("network", "x" * 65),
     ("network", "sene\x00gal")],
)
def test_text_columns_refuse_values_that_would_make_the_encoding_ambiguous(
    session: Session, field: str, value: str
) -> None:
    texts: dict[str, str | None] = {"case_ref": None, "network": None, field: value}
    with pytest.raises(ValueError, match=field):
        record(session, Action.CASE_CREATED, actor=Actor.system(), case_ref=texts["case_ref"],
               network=texts["network"])


def test_actor_constructors_keep_reporters_anonymous(session: Session) -> None:
    assert Actor.reporter() == Actor(ActorKind.REPORTER)
    assert Actor.system().id is None
    with pytest.raises(ValueError, match="carries no id"):
        record(session, Action.MESSAGE_SENT, actor=Actor(ActorKind.REPORTER, 5))
    with pytest.raises(ValueError, match="staff id"):
        record(session, Action.LOGIN, actor=Actor(ActorKind.STAFF, None, "admin"))


def test_naive_timestamps_are_refused(session: Session) -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        record(session, Action.LOGIN, actor=Actor.system(),
               at=dt.datetime(2026, 1, 1))  # noqa: DTZ001 - the point of the test


def test_a_fresh_trail_verifies_as_intact(session: Session, keys: tuple[bytes, bytes]) -> None:
    assert verify(session, public_keys={keys[1]}).ok
    add_events(session, 7)

    result = verify(session, public_keys={keys[1]})

    assert result.ok, result
    assert (result.count, result.first_broken_seq, result.reason) == (7, None, None)


def test_verify_accepts_a_plain_connection(session: Session, keys: tuple[bytes, bytes]) -> None:
    add_events(session, 3)
    assert verify(session.connection(), public_keys={keys[1]}).count == 3


def test_verify_streams_in_batches(session: Session, keys: tuple[bytes, bytes]) -> None:
    add_events(session, 12)
    result = verify(session, public_keys={keys[1]}, batch_size=5)
    assert (result.ok, result.count) == (True, 12)


def test_every_action_value_is_distinct_and_scoped() -> None:
    values = [a.value for a in Action]
    assert len(values) == len(set(values))
    assert all(v.count(":") == 2 for v in values)
