"""Verification speed against a bare SHA-256 chain loop.

    python -m tests.audit.bench_audit_verify [EVENTS] [DATABASE_URL]

Builds a chain of EVENTS (default 200 000) in a new SQLite file (or the given, empty database),
then times audit.service.verify (the exact walk) and audit.prove.prove_intact (the quick proof
`flask audit verify` tries first) against a loop doing only sha256(prev + body) per event.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

import db
import migrations
from audit.actions import Action
from audit.canonical import (
    GENESIS_HASH,
    DetailValue,
    details_json,
    event_body,
    format_timestamp,
)
from audit.models import AuditEvent
from audit.prove import prove_intact, shared_snapshot
from audit.service import make_checkpoint, verify
from crypto.signing import generate_signing_key

ACTIONS = [a for a in Action if a != Action.CHECKPOINT_MADE]


def build_chain(session: Session, count: int, signing_key: bytes) -> None:
    """Insert events in bulk (as record() would write them), a checkpoint every 1000."""
    start = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    prev, seq = GENESIS_HASH, 0
    batch: list[dict[str, object]] = []
    while seq < count:
        seq += 1
        if seq % 1000 == 0:
            session.execute(insert(AuditEvent), batch)
            batch = []
            make_checkpoint(session, signing_key, at=start + dt.timedelta(seconds=seq))
            prev = session.scalars(select(AuditEvent.hash).where(AuditEvent.seq == seq)).one()
            continue
        at = start + dt.timedelta(seconds=seq, microseconds=seq % 997)
        action = ACTIONS[seq % len(ACTIONS)]
        details: dict[str, DetailValue] = {"case_id": seq // 3, "status": "triage",
                                           "count": seq % 11}
        case_ref, network = f"SN-{seq:07d}", "senegal"
        body = event_body(seq, format_timestamp(at), "staff", seq % 13 + 1, "focal_point",
                          action.value, case_ref, network, details_json(details))
        digest = hashlib.sha256(prev + body).digest()
        batch.append({"seq": seq, "occurred_at": at, "actor_kind": "staff",
                      "actor_id": seq % 13 + 1, "actor_role": "focal_point", "action": action,
                      "case_ref": case_ref, "network": network, "details": details,
                      "body": body, "prev_hash": prev, "hash": digest})
        prev = digest
    if batch:
        session.execute(insert(AuditEvent), batch)


def bare_loop(session: Session) -> float:
    bodies = session.scalars(select(AuditEvent.body).order_by(AuditEvent.seq)).all()
    started = time.perf_counter()
    prev = GENESIS_HASH
    sha256 = hashlib.sha256
    for body in bodies:
        prev = sha256(prev + body).digest()
    return len(bodies) / (time.perf_counter() - started)


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000
    with tempfile.TemporaryDirectory() as folder:
        url = sys.argv[2] if len(sys.argv) > 2 else f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
        engine = db.make_engine(url.replace("postgresql://", "postgresql+psycopg://"))
        with engine.connect() as connection:
            migrations.upgrade(connection)
            connection.commit()
        signing_key, public_key = generate_signing_key()
        with Session(engine) as session:
            build_chain(session, count, signing_key)
            session.commit()
        with Session(engine) as session:
            bare = bare_loop(session)
        with Session(engine) as session:
            started = time.perf_counter()
            result = verify(session, public_keys={public_key})
            elapsed = time.perf_counter() - started
        started = time.perf_counter()
        with shared_snapshot(engine.raw_connection, engine.dialect.name) as (connection, side):
            quick = prove_intact(connection, engine.dialect.name, public_keys={public_key},
                                 side=side)
        quick_elapsed = time.perf_counter() - started
        engine.dispose()
    assert result.ok, result
    assert quick == result, quick
    speed, quick_speed = result.count / elapsed, result.count / quick_elapsed
    print(f"{result.count} events, {result.checkpoints} checkpoints")
    print(f"verify (exact walk): {speed:,.0f} events/s ({elapsed:.2f} s)")
    print(f"prove_intact (quick proof): {quick_speed:,.0f} events/s ({quick_elapsed:.2f} s)")
    print(f"bare sha256(prev + body) loop over bodies in memory: {bare:,.0f} events/s")
    print(f"ratios: {speed / bare:.0%}, {quick_speed / bare:.0%}")


if __name__ == "__main__":
    main()
