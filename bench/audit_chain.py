"""3. Audit: `flask audit verify` over 1,000,000 stored events, against a bare hashing loop.

The chain is written straight through the database driver (executemany on SQLite, COPY on
PostgreSQL) with the bodies, hashes and signed checkpoints audit.service.record() and
make_checkpoint() would have written (one checkpoint every 1,000 events), so building it takes
seconds rather than minutes. Then, in one process: the `audit verify` command (run in-process
through Flask's CLI runner, reading every event from the database), and the ceiling: the same
stored bodies, fetched first, hashed in a tight loop, sha256(previous hash + body) per event.
The command is also run as its own process, start-up included, for the operator's view.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import subprocess
import sys
import time
from collections.abc import Iterator
from typing import Any

from bench.common import ROOT, Figure, Instance, Results, make_instance

EVENTS = 1_000_000
CHECKPOINT_EVERY = 1000
RATIO_TARGET = 0.25
COLUMNS = ("seq", "occurred_at", "actor_kind", "actor_id", "actor_role", "action", "case_ref",
           "network", "details", "body", "prev_hash", "hash")


def _rows(count: int, signing_key: bytes) -> Iterator[tuple[str, tuple[Any, ...]]]:
    """("event", row) and ("checkpoint", row) tuples, in order, as the app would store them."""
    from audit.actions import Action  # noqa: PLC0415
    from audit.canonical import (  # noqa: PLC0415
        GENESIS_HASH,
        checkpoint_message,
        details_json,
        event_body,
        format_timestamp,
    )
    from audit.service import public_key_for  # noqa: PLC0415
    from crypto.signing import sign  # noqa: PLC0415

    actions = [a.value for a in Action if a != Action.CHECKPOINT_MADE]
    public_key = public_key_for(signing_key)
    checkpoint_details = details_json({"public_key": public_key.hex()})
    start = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    prev = GENESIS_HASH
    sha256 = hashlib.sha256
    for seq in range(1, count + 1):
        at = start + dt.timedelta(seconds=seq, microseconds=seq % 997)
        stamp = format_timestamp(at)
        if seq % CHECKPOINT_EVERY == 0:
            fields: tuple[Any, ...] = ("system", None, None, Action.CHECKPOINT_MADE.value,
                                       None, None, checkpoint_details)
        else:
            details = details_json({"case_id": seq // 3, "count": seq % 11,
                                    "status": "triage"})
            fields = ("staff", seq % 13 + 1, "focal_point", actions[seq % len(actions)],
                      f"RDV-{seq:08d}", "senegal", details)
        body = event_body(seq, stamp, *fields)
        digest = sha256(prev + body).digest()
        yield "event", (seq, at, *fields, body, prev, digest)
        if seq % CHECKPOINT_EVERY == 0:
            signature = sign(signing_key, checkpoint_message(seq, digest, stamp))
            yield "checkpoint", (seq, digest, at, signature, public_key)
        prev = digest


def build_chain(instance: Instance, count: int) -> None:
    settings = instance.settings()
    rows = _rows(count, settings.audit_signing_key)
    engine = instance.engine()
    raw: Any = engine.raw_connection()
    try:
        if instance.backend == "sqlite":
            _fill_sqlite(raw, rows)
        else:
            _fill_postgres(raw, rows)
        raw.commit()
    finally:
        raw.close()
        engine.dispose()


def _fill_sqlite(raw: Any, rows: Iterator[tuple[str, tuple[Any, ...]]]) -> None:
    events, checkpoints = [], []
    for kind, row in rows:
        # SQLAlchemy stores SQLite datetimes as naive UTC "YYYY-MM-DD HH:MM:SS.ffffff".
        when = row[1] if kind == "event" else row[2]
        text = when.replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")
        if kind == "event":
            events.append((row[0], text, *row[2:]))
        else:
            checkpoints.append((row[0], row[1], text, row[3], row[4]))
    cursor = raw.cursor()
    cursor.execute("BEGIN")
    cursor.executemany("INSERT INTO audit_events (seq, occurred_at, actor_kind, actor_id, "
                       "actor_role, action, case_ref, network, details, body, prev_hash, hash) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", events)
    cursor.executemany("INSERT INTO audit_checkpoints (seq, event_hash, signed_at, signature, "
                       "public_key) VALUES (?, ?, ?, ?, ?)", checkpoints)


def _fill_postgres(raw: Any, rows: Iterator[tuple[str, tuple[Any, ...]]]) -> None:
    checkpoints = []
    cursor = raw.cursor()
    with cursor.copy(f"COPY audit_events ({', '.join(COLUMNS)}) FROM STDIN") as copy:
        for kind, row in rows:
            if kind == "event":
                copy.write_row(row)
            else:
                checkpoints.append(row)
    cursor.executemany("INSERT INTO audit_checkpoints (seq, event_hash, signed_at, signature, "
                       "public_key) VALUES (%s, %s, %s, %s, %s)", checkpoints)
    cursor.execute("ANALYZE audit_events")


def verify_in_process(instance: Instance) -> tuple[float, float, str]:
    """`audit verify` run through the app's own CLI in this process: (seconds, CPU seconds of
    this process, all threads; the database server's own work not included, output)."""
    from config import Settings  # noqa: PLC0415
    from web import create_app  # noqa: PLC0415

    app = create_app(Settings.from_env({**instance.env, "REDEVABLE_LOG_LEVEL": "WARNING"}))
    runner = app.test_cli_runner()
    started, cpu_started = time.perf_counter(), time.process_time()
    outcome = runner.invoke(args=["audit", "verify"])
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    app.extensions["redevable.engine"].dispose()
    if outcome.exit_code != 0:
        raise RuntimeError(f"audit verify failed: {outcome.output}")
    return elapsed, cpu, outcome.output.strip()


def hashing_ceiling(instance: Instance) -> tuple[float, int]:
    """The same stored bytes, fetched first (not timed), hashed one hashlib call per event."""
    engine = instance.engine()
    raw: Any = engine.raw_connection()
    try:
        cursor = raw.cursor()
        cursor.execute("SELECT body FROM audit_events ORDER BY seq")
        bodies = [bytes(row[0]) for row in cursor.fetchall()]
    finally:
        raw.close()
        engine.dispose()
    sha256 = hashlib.sha256
    prev = bytes(32)
    started = time.perf_counter()
    for body in bodies:
        prev = sha256(prev + body).digest()
    return time.perf_counter() - started, len(bodies)


def verify_subprocess(instance: Instance) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "flask", "--app", "wsgi", "audit", "verify"],
                   cwd=ROOT, env=instance.env, check=True, capture_output=True, timeout=600)
    return time.perf_counter() - started


def run(results: Results, backends: list[str], *, quick: bool) -> None:
    count = 100_000 if quick else EVENTS
    for backend in backends:
        instance = make_instance("audit", backend, setup=False)
        try:
            instance.flask("db", "upgrade")
            started = time.perf_counter()
            build_chain(instance, count)
            print(f"  {count} events stored in {time.perf_counter() - started:.0f} s",
                  flush=True)
            elapsed, cpu, output = verify_in_process(instance)
            ceiling_s, hashed = hashing_ceiling(instance)
            process_s = verify_subprocess(instance)
        finally:
            instance.cleanup()
        speed, ceiling = count / elapsed, hashed / ceiling_s
        ratio = speed / ceiling
        results.add(f"audit.{backend}.verify_events_per_s", Figure(
            speed, "events/s", ceiling=ceiling, ratio=ratio, target=f">= {RATIO_TARGET} x ceiling",
            met=ratio >= RATIO_TARGET,
            note=f"{count} events read from the database and checked in {elapsed:.2f} s, "
                 f"{cpu:.2f} s of CPU in this process ({output}); ceiling: sha256(prev + body) "
                 "loop over the same bodies in memory"))
        results.add(f"audit.{backend}.verify_command_s", Figure(
            process_s, "s for `flask --app wsgi audit verify` (own process, start-up included)"))
