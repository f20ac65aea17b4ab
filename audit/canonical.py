"""The canonical byte encoding of audit events and checkpoints: the format auditors rely on.

Standard library only, on purpose: the standalone verifier (``python -m audit.verify``) imports
this module and nothing of the application, so an auditor needs this file, ``verify.py`` and the
``cryptography`` package, never Flask, SQLAlchemy or the database.

Event body (version 1) -- the UTF-8 encoding of ten fields joined by a line feed (0x0A)::

    redevable-audit-event/1          format tag
    <seq>                            decimal, 1, 2, 3 ... without gaps
    <occurred_at>                    UTC, always "YYYY-MM-DDTHH:MM:SS.ffffffZ"
    <actor_kind>                     staff | reporter | system
    <actor_id>                       decimal, or empty for NULL
    <actor_role>                     text, or empty for NULL
    <action>                         e.g. case:status:change
    <case_ref>                       text, or empty for NULL
    <network>                        text, or empty for NULL
    <details>                        JSON object: keys sorted, separators "," and ":",
                                     non-ASCII kept as UTF-8 (json.dumps(sort_keys=True,
                                     separators=(",", ":"), ensure_ascii=False))

Text fields are never empty and never hold a control character, and JSON escapes every control
character, so a body always holds exactly nine line feeds and the encoding is injective.

Chain: ``hash = SHA-256(prev_hash || body)``; the first event's prev_hash is 32 zero bytes. The
hashed message thus covers every stored column except ``hash`` itself.

Why not a JSON object per event: the verifier must also prove that the queryable columns agree
with the hashed bytes. With this layout it rebuilds the body from the raw column values with one
``join`` and compares bytes, instead of parsing JSON per event, which keeps verification within a
small factor of the bare SHA-256 loop.

Checkpoint message (version 1), signed with Ed25519::

    redevable-audit-checkpoint/1
    <seq>                            the last event covered
    <event_hash>                     that event's hash, lowercase hex
    <signed_at>                      same timestamp format as occurred_at
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Mapping
from typing import NamedTuple

EVENT_FORMAT = "redevable-audit-event/1"
CHECKPOINT_FORMAT = "redevable-audit-checkpoint/1"
EXPORT_FORMAT = "redevable-audit-export/1"
GENESIS_HASH = bytes(32)
HASH_BYTES = 32
EVENT_FIELDS = 10
SEPARATOR = "\n"
TIMESTAMP_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"
# The only action the verifiers need to know by name: a checkpoint covers its own event.
CHECKPOINT_ACTION = "audit:checkpoint:make"

_TIMESTAMP_RE = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z")
_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f]")

DetailValue = str | int | bool | None


class EventFields(NamedTuple):
    """The fields of an event body, decoded."""

    seq: int
    occurred_at: str
    actor_kind: str
    actor_id: int | None
    actor_role: str | None
    action: str
    case_ref: str | None
    network: str | None
    details: dict[str, DetailValue]
    details_text: str


def format_timestamp(value: dt.datetime) -> str:
    """Render an aware datetime in the one timestamp format of the trail."""
    if value.tzinfo is None:
        raise ValueError("audit timestamps must be timezone-aware")
    return value.astimezone(dt.UTC).strftime(TIMESTAMP_FORMAT)


def parse_timestamp(text: str) -> dt.datetime:
    if not _TIMESTAMP_RE.fullmatch(text):
        raise ValueError(f"not a canonical audit timestamp: {text!r}")
    return dt.datetime.strptime(text, TIMESTAMP_FORMAT).replace(tzinfo=dt.UTC)


def details_json(details: Mapping[str, DetailValue]) -> str:
    """The canonical JSON text of an event's details."""
    return json.dumps(details, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def check_text(value: str, *, name: str, max_length: int) -> str:
    """Refuse a text field that would make the encoding ambiguous (empty, control characters)."""
    if not value:
        raise ValueError(f"{name} must not be empty (use None)")
    if len(value) > max_length:
        raise ValueError(f"{name} is longer than {max_length} characters")
    if _CONTROL_RE.search(value):
        raise ValueError(f"{name} must not contain control characters")
    value.encode("utf-8")  # a lone surrogate cannot be stored or hashed
    return value


def event_body(  # noqa: PLR0917 - positional on purpose: verify calls it once per event
    seq: int,
    occurred_at: str,
    actor_kind: str,
    actor_id: int | None,
    actor_role: str | None,
    action: str,
    case_ref: str | None,
    network: str | None,
    details_text: str,
) -> bytes:
    """Encode an event's fields (already canonical text) as its body bytes.

    Both the writer and the verifiers call this one function, so they cannot drift apart.
    """
    return SEPARATOR.join(
        (
            EVENT_FORMAT,
            str(seq),
            occurred_at,
            actor_kind,
            "" if actor_id is None else str(actor_id),
            actor_role or "",
            action,
            case_ref or "",
            network or "",
            details_text,
        )
    ).encode("utf-8")


def decode_event(body: bytes) -> EventFields:
    """Parse an event body; raises ValueError when it is not a well-formed version-1 body."""
    parts = body.decode("utf-8").split(SEPARATOR)
    if len(parts) != EVENT_FIELDS or parts[0] != EVENT_FORMAT:
        raise ValueError("not a redevable-audit-event/1 body")
    _, seq, occurred_at, kind, actor_id, role, action, case_ref, network, details_text = parts
    details = json.loads(details_text)
    if not isinstance(details, dict):
        raise ValueError("details must be a JSON object")
    parse_timestamp(occurred_at)
    return EventFields(
        seq=int(seq),
        occurred_at=occurred_at,
        actor_kind=kind,
        actor_id=int(actor_id) if actor_id else None,
        actor_role=role or None,
        action=action,
        case_ref=case_ref or None,
        network=network or None,
        details=details,
        details_text=details_text,
    )


def chain_hash(prev_hash: bytes, body: bytes) -> bytes:
    return hashlib.sha256(prev_hash + body).digest()


def checkpoint_message(seq: int, event_hash: bytes, signed_at: str) -> bytes:
    """The exact bytes an audit checkpoint signature covers."""
    return SEPARATOR.join((CHECKPOINT_FORMAT, str(seq), event_hash.hex(), signed_at)).encode()
