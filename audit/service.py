"""Writing, checking and exporting the audit trail.

Every event is one link of a single hash chain (audit.canonical documents the bytes), appended
inside the caller's transaction so that an action and its audit event commit or roll back
together. Checkpoints sign the chain head with a key the database never holds.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import uuid
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import Connection, String, Table, func, insert, select, text, type_coerce
from sqlalchemy.orm import Session

from audit.actions import Action, Actor, ActorKind
from audit.canonical import (
    CHECKPOINT_ACTION,
    CHECKPOINT_FORMAT,
    EVENT_FIELDS,
    EVENT_FORMAT,
    EXPORT_FORMAT,
    GENESIS_HASH,
    DetailValue,
    check_text,
    checkpoint_message,
    details_json,
    event_body,
    format_timestamp,
    parse_timestamp,
)
from audit.models import AuditCheckpoint, AuditEvent
from audit.prove import prove_committed
from audit.verify import (
    Checkpoint,
    CheckpointTracker,
    VerifyResult,
    first_failure,
    result_from,
)
from crypto.signing import sign
from db import attach_inserted, utcnow

# pg_advisory_xact_lock key that serialises appends to the one chain across every connection,
# process and server: the first 8 bytes of SHA-256("redevable:audit_events"), as a signed bigint.
AUDIT_LOCK_KEY = int.from_bytes(
    hashlib.sha256(b"redevable:audit_events").digest()[:8], "big", signed=True
)

_EVENTS = cast(Table, AuditEvent.__table__)
MAX_DETAIL_KEYS = 16
MAX_DETAIL_STRING = 200
MAX_TEXT_COLUMN = 64
# JSON numbers beyond 2**53 lose precision in many auditors' tools.
MAX_DETAIL_INT = 2**53
_DETAIL_KEY_RE = re.compile(r"[a-z][a-z0-9_]{0,39}")
_NEWLINES_IN_BODY = EVENT_FIELDS - 1


# --- writing -----------------------------------------------------------------------------------


def _clean_details(details: Mapping[str, DetailValue] | None) -> dict[str, DetailValue]:
    """Refuse anything but a few short scalars, so that content cannot slip into the trail.

    The trail is kept longer than cases and is shown to auditors: a message body, a name or a
    reporter's contact passed here by mistake would outlive the case's retention and its
    encryption. Short identifiers, enum values and counts are all an event needs.
    """
    if details is None:
        return {}
    if len(details) > MAX_DETAIL_KEYS:
        raise ValueError(f"at most {MAX_DETAIL_KEYS} details per event")
    clean: dict[str, DetailValue] = {}
    for key, value in details.items():
        if not isinstance(key, str) or not _DETAIL_KEY_RE.fullmatch(key):
            raise ValueError(f"detail key {key!r} must be a short snake_case name")
        if value is None or isinstance(value, bool):
            clean[key] = value
        elif isinstance(value, int):
            if abs(value) > MAX_DETAIL_INT:
                raise ValueError(f"detail {key!r} is too large a number")
            clean[key] = int(value)
        elif isinstance(value, str):
            if len(value) > MAX_DETAIL_STRING:
                raise ValueError(f"detail {key!r} is longer than {MAX_DETAIL_STRING} characters")
            value.encode("utf-8")  # a lone surrogate cannot be hashed reproducibly
            clean[key] = str(value)  # a StrEnum becomes its plain value
        else:
            raise TypeError(f"detail {key!r} must be a str, int, bool or None, "
                            f"not {type(value).__name__}")
    return clean


def _optional_text(value: str | None, name: str) -> str | None:
    return None if value is None else check_text(value, name=name, max_length=MAX_TEXT_COLUMN)


def _check_actor(actor: Actor) -> None:
    if actor.kind == ActorKind.STAFF:
        if not isinstance(actor.id, int) or isinstance(actor.id, bool):
            raise ValueError("a staff actor needs their staff id")
    elif actor.id is not None or actor.role is not None:
        # Reporters are anonymous here by design; the system has no id.
        raise ValueError(f"a {actor.kind} actor carries no id or role")


def _lock_chain(session: Session) -> None:
    """Serialise appends so that the chain never forks.

    PostgreSQL: a transaction-scoped advisory lock, released at commit or rollback, taken
    *before* the head is read; under READ COMMITTED the read that follows sees the previous
    holder's committed event. (Under REPEATABLE READ a stale head makes the insert fail on the
    primary key instead: the chain still never forks.) SQLite: db.py begins every transaction
    with BEGIN IMMEDIATE, so writers are already serialised.
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": AUDIT_LOCK_KEY})


_HEAD = select(_EVENTS.c.seq, _EVENTS.c.hash).order_by(_EVENTS.c.seq.desc()).limit(1)


def _head(session: Session) -> tuple[int, bytes]:
    row = session.execute(_HEAD).first()
    return (0, GENESIS_HASH) if row is None else (row[0], row[1])


@dataclass(frozen=True)
class Entry:
    """One event for :func:`record_many`: the same arguments :func:`record` takes."""

    action: Action
    actor: Actor
    case_ref: str | None = None
    network: str | None = None
    details: Mapping[str, DetailValue] | None = None


def record(
    session: Session,
    action: Action,
    *,
    actor: Actor,
    case_ref: str | None = None,
    network: str | None = None,
    details: Mapping[str, DetailValue] | None = None,
    at: dt.datetime | None = None,
) -> AuditEvent:
    """Append one event to the chain within the caller's transaction (flushes, never commits).

    Holding the append lock until commit is what keeps the chain linear, so every writer of
    audit events queues behind it on PostgreSQL: call this late in a transaction, after the
    slow work. ``details`` takes only short scalars (ids, enum values, counts), never content.
    """
    return record_many(session, [Entry(action, actor, case_ref, network, details)], at=at)[0]


def record_many(
    session: Session, entries: Iterable[Entry], *, at: dt.datetime | None = None
) -> list[AuditEvent]:
    """Append several events in order with one lock, one head read and one flush.

    Every entry is checked before anything is added, so a refused detail appends nothing.
    """
    occurred_text = format_timestamp(at or utcnow())
    occurred_at = parse_timestamp(occurred_text)
    checked = []
    for entry in entries:
        _check_actor(entry.actor)
        checked.append((
            Action(entry.action), ActorKind(entry.actor.kind), entry.actor.id,
            _optional_text(entry.actor.role, "actor_role"),
            _optional_text(entry.case_ref, "case_ref"),
            _optional_text(entry.network, "network"), _clean_details(entry.details)))
    if not checked:
        return []
    # The caller's pending changes go first, before the lock: the reads below are plain
    # statements, which do not flush the session.
    session.flush()
    _lock_chain(session)
    seq, prev_hash = _head(session)
    events = []
    for action, actor_kind, actor_id, actor_role, case_ref, network, clean in checked:
        seq += 1
        body = event_body(seq, occurred_text, actor_kind.value, actor_id, actor_role,
                          action.value, case_ref, network, details_json(clean))
        digest = hashlib.sha256(prev_hash + body).digest()
        events.append(AuditEvent(
            seq=seq, occurred_at=occurred_at, actor_kind=actor_kind, actor_id=actor_id,
            actor_role=actor_role, action=action, case_ref=case_ref, network=network,
            details=clean, body=body, prev_hash=prev_hash, hash=digest))
        prev_hash = digest
    # One executemany, not the unit of work: every transaction that writes appends here.
    session.execute(insert(_EVENTS), [
        {"seq": e.seq, "occurred_at": e.occurred_at, "actor_kind": e.actor_kind,
         "actor_id": e.actor_id, "actor_role": e.actor_role, "action": e.action,
         "case_ref": e.case_ref, "network": e.network, "details": e.details, "body": e.body,
         "prev_hash": e.prev_hash, "hash": e.hash} for e in events])
    for event in events:
        attach_inserted(session, event)
    return events


def public_key_for(signing_key: bytes) -> bytes:
    """The raw Ed25519 public key of a 32-byte signing seed: what auditors are given."""
    return Ed25519PrivateKey.from_private_bytes(signing_key).public_key().public_bytes_raw()


def make_checkpoint(
    session: Session, signing_key: bytes, *, at: dt.datetime | None = None
) -> AuditCheckpoint:
    """Sign the chain head; flushes, never commits. Idempotent when nothing happened since.

    The checkpoint first records its own event (which names the public key) and then signs
    that event's hash, so the chain itself shows when checkpoints were made and a removed
    checkpoint is noticed. Automatic checkpoints are left to cron (``flask audit checkpoint``,
    every few minutes, safe on every server at once): record() runs in every request and must
    not need the private key, which stays in the operator's environment, and a time-based
    checkpoint bounds the unsigned tail by minutes even when little happens.
    """
    _lock_chain(session)
    last_seq, _ = _head(session)
    if last_seq:
        existing = session.get(AuditCheckpoint, last_seq)
        if existing is not None:
            return existing
    public_key = public_key_for(signing_key)
    signed_at = at or utcnow()
    event = record(session, Action.CHECKPOINT_MADE, actor=Actor.system(),
                   details={"public_key": public_key.hex()}, at=signed_at)
    signed_text = format_timestamp(signed_at)
    checkpoint = AuditCheckpoint(
        seq=event.seq,
        event_hash=event.hash,
        signed_at=parse_timestamp(signed_text),
        signature=sign(signing_key, checkpoint_message(event.seq, event.hash, signed_text)),
        public_key=public_key,
    )
    session.add(checkpoint)
    session.flush()
    return checkpoint


# --- reading -----------------------------------------------------------------------------------


def _connection(source: Session | Connection) -> Connection:
    return source.connection() if isinstance(source, Session) else source


def _occurred_text(dialect: str) -> Any:
    """occurred_at as canonical text, computed by the database: no datetime object per row."""
    if dialect == "sqlite":
        # SQLAlchemy stores SQLite datetimes as "YYYY-MM-DD HH:MM:SS.ffffff" (always 6 digits).
        raw = type_coerce(AuditEvent.occurred_at, String())
        return func.replace(raw, " ", "T", type_=String()) + "Z"
    if dialect == "postgresql":
        return func.to_char(func.timezone("UTC", AuditEvent.occurred_at),
                            'YYYY-MM-DD"T"HH24:MI:SS.US"Z"', type_=String())
    raise NotImplementedError(f"audit verification does not support {dialect}")


def _raw_events_sql(connection: Connection) -> str:
    """Every event as the raw values the body is built from, in seq order, as SQL text."""
    query = select(
        AuditEvent.seq,
        _occurred_text(connection.dialect.name),
        AuditEvent.actor_kind,
        AuditEvent.actor_id,
        AuditEvent.actor_role,
        AuditEvent.action,
        AuditEvent.case_ref,
        AuditEvent.network,
        AuditEvent.details,
        AuditEvent.prev_hash,
        AuditEvent.hash,
        AuditEvent.body,
    ).order_by(AuditEvent.seq)
    return str(query.compile(dialect=connection.dialect, compile_kwargs={"literal_binds": True}))


@contextmanager
def _event_cursor(connection: Connection, batch_size: int) -> Iterator[Iterable[tuple[Any, ...]]]:
    """The driver's own cursor over the raw event rows, with bounded memory.

    The driver's cursor rather than a SQLAlchemy result: building a Row and running type
    processors for twelve columns would cost more than the hashing itself. PostgreSQL gets a
    server-side (named) cursor fetching ``batch_size`` rows at a time; sqlite3 steps lazily.
    """
    driver: Any = connection.connection.dbapi_connection
    if connection.dialect.name == "postgresql":
        cursor = driver.cursor(name=f"audit_events_{uuid.uuid4().hex}")
        cursor.itersize = batch_size
    else:
        cursor = driver.cursor()
    try:
        cursor.execute(_raw_events_sql(connection))
        yield cursor
    finally:
        cursor.close()


def _checkpoints(connection: Connection, seqs: Collection[int] | None = None
                 ) -> dict[int, Checkpoint]:
    query = select(AuditCheckpoint)
    if seqs is not None:
        query = query.where(AuditCheckpoint.seq.in_(list(seqs)))
    return {
        row.seq: Checkpoint(row.seq, bytes(row.event_hash), format_timestamp(row.signed_at),
                            bytes(row.signature), bytes(row.public_key))
        for row in connection.execute(query)
    }


def verify_stored(
    session: Session,
    *,
    public_keys: Collection[bytes],
    unavailable: Callable[[Exception], None] = lambda _exc: None,
) -> VerifyResult:
    """The verdict on the committed trail, fast when it is intact.

    First the quick proof (audit.prove), on two connections of its own side by side; unless it
    proves the trail intact, the exact walk (verify below), which names the first broken event.
    Call it outside a write transaction: on SQLite the proof needs the write lock for a moment.
    ``unavailable`` hears why the quick queries could not run, if they could not.
    """
    bind = session.get_bind()
    proved = prove_committed(
        getattr(bind, "engine", bind), public_keys,
        current=lambda: session.connection().connection.driver_connection,
        unavailable=unavailable)
    return proved or verify(session, public_keys=public_keys)


def verify(
    source: Session | Connection,
    *,
    public_keys: Collection[bytes],
    batch_size: int = 5000,
) -> VerifyResult:
    """Walk the whole chain in seq order and say whether it is intact, and if not, where not.

    Checked for every event: seq continuity (a gap, duplicate or reordering), the link to the
    previous hash, the hash of the stored body, and that the queryable columns say exactly what
    the body says. Checked for every checkpoint: a valid signature by one of ``public_keys``
    (the database is not trusted to say which keys are genuine) and that it matches the chain,
    which is what exposes a chain rebuilt after tampering and events removed from its end.
    Events after the last checkpoint can be removed undetected: checkpoint often.

    Memory stays bounded: events are streamed ``batch_size`` at a time (a server-side cursor on
    PostgreSQL); only the checkpoints are held, a few per thousand events.
    """
    connection = _connection(source)
    # Checkpoints first: every one read now refers to an event the stream below will see.
    tracker = CheckpointTracker(_checkpoints(connection), frozenset(public_keys),
                                defer_missing=True)
    with _event_cursor(connection, batch_size) as rows:
        count, failure = _walk(rows, tracker)
    late = tracker.resolve_pending(_checkpoints(connection, [s for s, _ in tracker.pending])
                                   ) if tracker.pending else None
    if failure is None:
        failure = tracker.at_end(count)
    return result_from(count, tracker.verified, first_failure(failure, late))


def _walk(rows: Iterable[tuple[Any, ...]], tracker: CheckpointTracker
          ) -> tuple[int, tuple[int, str] | None]:
    """The hot loop of verify(): (events intact in a row from seq 1, the first failure)."""
    expected, prev = 1, GENESIS_HASH
    sha256, build, newlines = hashlib.sha256, event_body, _NEWLINES_IN_BODY
    checkpoint_seqs = tracker.checkpoints
    for (seq, occurred, kind, actor_id, role, action, case_ref, network, details,
         prev_hash, event_hash, body) in rows:
        if seq != expected:
            return expected - 1, (expected, f"expected event {expected}, found {seq} "
                                            "(a gap, duplicate or reordering)")
        if prev_hash != prev:
            return seq - 1, (seq, f"event {seq} does not link to event {seq - 1}")
        try:
            intact = sha256(prev + body).digest() == event_hash
            agrees = (build(seq, occurred, kind, actor_id, role, action, case_ref, network,
                            details) == body
                      and body.count(b"\n") == newlines and "" not in (role, case_ref, network))
        except (TypeError, AttributeError, UnicodeError):  # NULLs or junk written directly
            intact = agrees = False
        if not intact:
            return seq - 1, (seq, f"event {seq} does not match its hash")
        if not agrees:
            return seq - 1, (seq, f"event {seq}: the columns differ from the hashed body")
        if seq in checkpoint_seqs or action == CHECKPOINT_ACTION:
            failure = tracker.at_event(seq, action, event_hash)
            if failure is not None:
                return seq - 1, failure
        prev = event_hash
        expected += 1
    return expected - 1, None


def export(
    source: Session | Connection,
    path: Path,
    *,
    public_keys: Collection[bytes] = (),
) -> int:
    """Write the trail as JSON Lines for an auditor; returns the number of events written.

    Line 1 is a header naming the formats and the public key(s) to check signatures with (those
    given, else those the checkpoints carry); then one line per event, with the body that was
    hashed; then the checkpoints. ``python -m audit.verify FILE`` checks it anywhere. The trail
    is exported as stored, damage included: exporting is not verifying.
    """
    connection = _connection(source)
    checkpoints = _checkpoints(connection)
    keys = list(public_keys) or sorted({c.public_key for c in checkpoints.values()})
    header = {
        "type": "header",
        "format": EXPORT_FORMAT,
        "event_format": EVENT_FORMAT,
        "checkpoint_format": CHECKPOINT_FORMAT,
        "public_keys": [key.hex() for key in keys],
        "exported_at": format_timestamp(utcnow()),
    }
    count = 0
    with _event_cursor(connection, 5000) as rows, path.open("w", encoding="utf-8") as out:
        out.write(json.dumps(header) + "\n")
        for (seq, occurred, kind, actor_id, role, action, case_ref, network, details,
             prev_hash, event_hash, body) in rows:
            try:
                shown_details: Any = json.loads(details)
            except ValueError:
                shown_details = details
            line = {
                "type": "event", "seq": seq, "occurred_at": occurred, "actor_kind": kind,
                "actor_id": actor_id, "actor_role": role, "action": action,
                "case_ref": case_ref, "network": network, "details": shown_details,
                "prev_hash": bytes(prev_hash).hex(), "hash": bytes(event_hash).hex(),
                "body": bytes(body).decode("utf-8", errors="replace"),
            }
            out.write(json.dumps(line) + "\n")
            count += 1
        for checkpoint in sorted(checkpoints.values(), key=lambda c: c.seq):
            out.write(json.dumps({
                "type": "checkpoint", "seq": checkpoint.seq,
                "event_hash": checkpoint.event_hash.hex(), "signed_at": checkpoint.signed_at,
                "signature": checkpoint.signature.hex(), "public_key": checkpoint.public_key.hex(),
            }) + "\n")
    return count
