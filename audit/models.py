"""The audit trail's two append-only tables.

No foreign keys on purpose: purging a case or a staff account must never remove, cascade to or
block an event, so events name a case by its plaintext reference and a person by id.
"""

from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import Enum, Integer, LargeBinary, String, Text, TypeDecorator
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Mapped, mapped_column

from audit.actions import Action, ActorKind
from audit.canonical import DetailValue, details_json
from db import Base, enum_type


class CanonicalJSON(TypeDecorator[dict[str, DetailValue]]):
    """A JSON object stored as its canonical text (audit.canonical.details_json).

    Plain text rather than the JSON type so that the stored characters are exactly those inside
    the hashed body: the verifier compares them without parsing JSON for every event.
    """

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: dict[str, DetailValue] | None,
                           dialect: Dialect) -> str | None:
        return None if value is None else details_json(value)

    def process_result_value(self, value: str | None,
                             dialect: Dialect) -> dict[str, DetailValue] | None:
        if value is None:
            return None
        loaded: dict[str, DetailValue] = json.loads(value)
        return loaded


def _action_type() -> Enum:
    # Validated in Python but without a CHECK constraint: adding an action must never need a
    # migration, and an event must never be refused because the schema lags the code.
    return Enum(
        Action,
        native_enum=False,
        create_constraint=False,
        length=64,
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )


class AuditEvent(Base):
    """One link of the chain. ``body`` holds the hashed bytes; the other columns are for queries
    and must agree with it (audit.service.verify checks both)."""

    __tablename__ = "audit_events"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    occurred_at: Mapped[dt.datetime] = mapped_column(index=True)
    actor_kind: Mapped[ActorKind] = mapped_column(enum_type(ActorKind))
    actor_id: Mapped[int | None] = mapped_column(Integer)
    actor_role: Mapped[str | None] = mapped_column(String(64))
    action: Mapped[Action] = mapped_column(_action_type(), index=True)
    case_ref: Mapped[str | None] = mapped_column(String(64), index=True)
    network: Mapped[str | None] = mapped_column(String(64), index=True)
    details: Mapped[dict[str, DetailValue]] = mapped_column(CanonicalJSON())
    body: Mapped[bytes] = mapped_column(LargeBinary)
    prev_hash: Mapped[bytes] = mapped_column(LargeBinary(32))
    hash: Mapped[bytes] = mapped_column(LargeBinary(32))

    def __repr__(self) -> str:
        return f"<AuditEvent {self.seq} {self.action}>"


class AuditCheckpoint(Base):
    """An Ed25519 signature over the chain head at ``seq``, made with a key kept off the database.

    Someone who can write to the database can rebuild a consistent chain, but cannot sign it:
    events altered, inserted or removed up to a checkpoint no longer match its signed hash.
    """

    __tablename__ = "audit_checkpoints"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    event_hash: Mapped[bytes] = mapped_column(LargeBinary(32))
    signed_at: Mapped[dt.datetime]
    signature: Mapped[bytes] = mapped_column(LargeBinary(64))
    public_key: Mapped[bytes] = mapped_column(LargeBinary(32))

    def __repr__(self) -> str:
        return f"<AuditCheckpoint {self.seq}>"
