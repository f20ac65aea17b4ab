"""Whatever is done to the stored trail, verify() fails and names the first broken event.

Every verdict here also checks the quick proof (audit.prove.prove_intact): it proves the intact
trails and gives up on each of these broken ones (tests.audit.audit_helpers.verify_both).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable

import pytest
from sqlalchemy import insert, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from audit.canonical import checkpoint_message, decode_event, event_body
from audit.models import AuditCheckpoint, AuditEvent
from audit.service import make_checkpoint
from crypto.signing import generate_signing_key, sign
from tests.audit.audit_helpers import T0, add_events, verify_both

Tamper = Callable[[str, dict[str, object] | None], None]


def _verify(session: Session, keys: tuple[bytes, bytes]) -> tuple[bool, int | None, str]:
    result = verify_both(session, public_keys={keys[1]})
    return result.ok, result.first_broken_seq, result.reason or ""


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("occurred_at", dt.datetime(2026, 11, 2, 23, 59, tzinfo=dt.UTC)),
        ("actor_kind", "system"),
        ("actor_id", 99),
        ("actor_role", "admin"),
        ("action", "auth:session:logout"),
        ("case_ref", "SN-9999"),
        ("case_ref", None),
        ("network", "kenya"),
        ("network", ""),  # NULL and empty text must not pass for each other
        ("details", '{"from":"received","n":3,"to":"closed"}'),
    ],
)
def test_altering_a_column_breaks_that_event(
    session: Session, tamper: Tamper, keys: tuple[bytes, bytes], column: str, value: object
) -> None:
    add_events(session, 6)
    if column == "occurred_at":  # through the model type, so each backend stores it its way
        session.query(AuditEvent).filter_by(seq=4).update({"occurred_at": value})
    else:
        tamper(f"UPDATE audit_events SET {column} = :v WHERE seq = 4",  # noqa: S608 - our names
               {"v": value})

    ok, first, reason = _verify(session, keys)

    assert not ok
    assert first == 4
    assert "columns differ" in reason


@pytest.mark.parametrize(
    ("column", "expected_reason"),
    [("body", "does not match its hash"), ("hash", "does not match its hash"),
     ("prev_hash", "does not link")],
)
def test_altering_the_hashed_bytes_breaks_that_event(
    session: Session, tamper: Tamper, keys: tuple[bytes, bytes], column: str,
    expected_reason: str
) -> None:
    events = add_events(session, 6)
    altered = bytearray(getattr(events[2], column))
    altered[-1] ^= 1
    tamper(f"UPDATE audit_events SET {column} = :v WHERE seq = 3",  # noqa: S608 - our names
           {"v": bytes(altered)})

    ok, first, reason = _verify(session, keys)

    assert (ok, first) == (False, 3)
    assert expected_reason in reason


def test_a_body_rewritten_with_its_hash_still_breaks_the_next_link(
    session: Session, tamper: Tamper, keys: tuple[bytes, bytes]
) -> None:
    events = add_events(session, 6)
    fields = decode_event(events[2].body)
    forged = event_body(3, fields.occurred_at, fields.actor_kind, fields.actor_id,
                        fields.actor_role, fields.action, "SN-OTHER", fields.network,
                        fields.details_text)
    tamper("UPDATE audit_events SET body = :b, case_ref = 'SN-OTHER', hash = :h WHERE seq = 3",
           {"b": forged, "h": hashlib.sha256(events[2].prev_hash + forged).digest()})

    assert _verify(session, keys)[:2] == (False, 4)


def test_deleting_an_event_in_the_middle_is_a_gap(
    session: Session, tamper: Tamper, keys: tuple[bytes, bytes]
) -> None:
    add_events(session, 8)
    tamper("DELETE FROM audit_events WHERE seq = 5", None)

    ok, first, reason = _verify(session, keys)

    assert (ok, first) == (False, 5)
    assert "expected event 5, found 6" in reason


def test_inserting_an_event_breaks_the_chain_after_it(
    session: Session, tamper: Tamper, keys: tuple[bytes, bytes]
) -> None:
    events = add_events(session, 6)
    # Make room at seq 4 (from the top down, to keep the key unique), then slip in a
    # well-formed event linked to event 3: the original event 4 (now 5) no longer links to it.
    for seq in (6, 5, 4):
        tamper("UPDATE audit_events SET seq = :new WHERE seq = :old", {"new": seq + 1, "old": seq})
    body = event_body(4, "2026-11-02T10:00:00.000000Z", "staff", 7, "focal_point",
                      "case:content:open", "SN-0002", "senegal", "{}")
    session.execute(insert(AuditEvent).values(
        seq=4, occurred_at=T0 + dt.timedelta(minutes=30), actor_kind="staff", actor_id=7,
        actor_role="focal_point", action="case:content:open", case_ref="SN-0002",
        network="senegal", details={}, body=body, prev_hash=events[2].hash,
        hash=hashlib.sha256(events[2].hash + body).digest()))
    session.expire_all()
    # The insert itself is well-formed.
    assert verify_both(session, public_keys={keys[1]}).count >= 4

    ok, first, _ = _verify(session, keys)

    assert (ok, first) == (False, 5)


def test_reordering_two_events_breaks_the_first_of_them(
    session: Session, tamper: Tamper, keys: tuple[bytes, bytes]
) -> None:
    add_events(session, 6)
    tamper("UPDATE audit_events SET seq = -1 WHERE seq = 3", None)
    tamper("UPDATE audit_events SET seq = 3 WHERE seq = 4", None)
    tamper("UPDATE audit_events SET seq = 4 WHERE seq = -1", None)

    assert _verify(session, keys)[:2] == (False, 3)


def test_duplicated_seq_is_refused_by_the_key_and_a_renumbered_copy_by_verify(
    session: Session, tamper: Tamper, keys: tuple[bytes, bytes]
) -> None:
    add_events(session, 4)
    tamper("INSERT INTO audit_events SELECT 5, occurred_at, actor_kind, actor_id, actor_role, "
           "action, case_ref, network, details, body, prev_hash, hash FROM audit_events "
           "WHERE seq = 4", None)

    assert _verify(session, keys)[:2] == (False, 5)


def test_deleting_the_last_events_is_caught_by_the_checkpoint(
    session: Session, tamper: Tamper, keys: tuple[bytes, bytes]
) -> None:
    add_events(session, 5)
    checkpoint = make_checkpoint(session, keys[0])
    assert checkpoint.seq == 6
    assert _verify(session, keys)[0]

    tamper("DELETE FROM audit_events WHERE seq >= 4", None)

    ok, first, reason = _verify(session, keys)
    assert (ok, first) == (False, 4)
    assert "events 4..6 are missing" in reason


def test_a_chain_rebuilt_after_tampering_no_longer_matches_its_checkpoint(
    session: Session, tamper: Tamper, keys: tuple[bytes, bytes]
) -> None:
    add_events(session, 5)
    make_checkpoint(session, keys[0])  # seq 6
    add_events(session, 5, start=5)
    make_checkpoint(session, keys[0])  # seq 12
    assert _verify(session, keys)[0]

    # An insider rewrites event 8 and recomputes every later hash: a consistent chain...
    rows = session.execute(text("SELECT seq, body FROM audit_events WHERE seq >= 8 "
                                "ORDER BY seq")).all()
    prev = session.execute(text("SELECT hash FROM audit_events WHERE seq = 7")).scalar_one()
    for seq, stored in rows:
        body = stored
        if seq == 8:
            fields = decode_event(stored)
            body = event_body(8, fields.occurred_at, fields.actor_kind, fields.actor_id,
                              fields.actor_role, fields.action, "SN-HIDDEN", fields.network,
                              fields.details_text)
        digest = hashlib.sha256(prev + body).digest()
        tamper("UPDATE audit_events SET body = :b, prev_hash = :p, hash = :h, "
               "case_ref = CASE WHEN seq = 8 THEN 'SN-HIDDEN' ELSE case_ref END WHERE seq = :s",
               {"b": body, "p": prev, "h": digest, "s": seq})
        prev = digest

    # ...that the signature at seq 12 does not cover: events 7..12 are no longer vouched for.
    ok, first, reason = _verify(session, keys)
    assert (ok, first) == (False, 7)
    assert "events 7..12 differ from the signed checkpoint at seq 12" in reason


def test_a_checkpoint_with_an_altered_signature_fails(
    session: Session, tamper: Tamper, keys: tuple[bytes, bytes]
) -> None:
    add_events(session, 3)
    checkpoint = make_checkpoint(session, keys[0])
    forged = bytearray(checkpoint.signature)
    forged[0] ^= 0x80
    tamper("UPDATE audit_checkpoints SET signature = :s WHERE seq = 4", {"s": bytes(forged)})

    ok, first, reason = _verify(session, keys)
    assert (ok, first) == (False, 4)
    assert "invalid signature" in reason


def test_a_checkpoint_re_signed_with_another_key_fails(
    session: Session, tamper: Tamper, keys: tuple[bytes, bytes]
) -> None:
    add_events(session, 3)
    checkpoint = make_checkpoint(session, keys[0])
    mallory_private, mallory_public = generate_signing_key()
    signed_at = "2026-11-02T09:30:00.000000Z"
    tamper("UPDATE audit_checkpoints SET signature = :s, public_key = :k WHERE seq = 4",
           {"s": sign(mallory_private, checkpoint_message(4, checkpoint.event_hash, signed_at)),
            "k": mallory_public})

    ok, first, reason = _verify(session, keys)
    assert (ok, first) == (False, 4)
    assert "untrusted key" in reason


def test_a_forged_checkpoint_for_an_ordinary_event_fails(
    session: Session, keys: tuple[bytes, bytes]
) -> None:
    events = add_events(session, 3)
    mallory_private, mallory_public = generate_signing_key()
    stamp = T0
    session.add(AuditCheckpoint(
        seq=2, event_hash=events[1].hash, signed_at=stamp, public_key=mallory_public,
        signature=sign(mallory_private, checkpoint_message(2, events[1].hash,
                                                           "2026-11-02T09:30:00.000000Z"))))
    session.flush()

    assert _verify(session, keys)[:2] == (False, 2)


def test_a_removed_checkpoint_is_noticed_from_its_event(
    session: Session, tamper: Tamper, keys: tuple[bytes, bytes]
) -> None:
    add_events(session, 3)
    make_checkpoint(session, keys[0])
    add_events(session, 2, start=3)
    tamper("DELETE FROM audit_checkpoints WHERE seq = 4", None)

    ok, first, reason = _verify(session, keys)
    assert (ok, first) == (False, 4)
    assert "signature is missing" in reason


def test_checkpoints_from_a_key_no_longer_trusted_fail(
    session: Session, keys: tuple[bytes, bytes]
) -> None:
    add_events(session, 2)
    make_checkpoint(session, keys[0])

    result = verify_both(session, public_keys={generate_signing_key()[1]})
    assert (result.ok, result.first_broken_seq) == (False, 3)


def test_checkpoints_are_idempotent_and_recorded_in_the_chain(
    session: Session, keys: tuple[bytes, bytes]
) -> None:
    add_events(session, 2)
    first = make_checkpoint(session, keys[0])
    again = make_checkpoint(session, keys[0])

    assert again.seq == first.seq == 3
    event = session.get(AuditEvent, 3)
    assert event is not None
    assert event.action == "audit:checkpoint:make"
    assert event.details == {"public_key": keys[1].hex()}
    result = verify_both(session, public_keys={keys[1]})
    assert (result.ok, result.count, result.checkpoints) == (True, 3, 1)


@pytest.mark.parametrize("table", ["audit_events", "audit_checkpoints"])
@pytest.mark.parametrize("statement", ["UPDATE {table} SET seq = seq + 100", "DELETE FROM {table}"])
def test_the_database_refuses_update_and_delete(
    session: Session, keys: tuple[bytes, bytes], table: str, statement: str
) -> None:
    add_events(session, 2)
    make_checkpoint(session, keys[0])

    with pytest.raises(DBAPIError, match="append-only"), session.begin_nested():
        session.execute(text(statement.format(table=table)))

    assert _verify(session, keys)[0]


@pytest.mark.postgres
@pytest.mark.parametrize("table", ["audit_events", "audit_checkpoints"])
def test_postgres_refuses_truncate(session: Session, table: str) -> None:
    add_events(session, 1)
    with pytest.raises(DBAPIError, match="append-only"), session.begin_nested():
        session.execute(text(f"TRUNCATE {table}"))
