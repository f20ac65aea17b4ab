"""The quick proof of an intact trail (audit.prove.prove_intact), and `flask audit verify` on it.

It must prove exactly what the exact walk (audit.service.verify) finds intact and give up on all
else: the tamper tests check that for each kind of damage (tests.audit.audit_helpers.verify_both).
Here: chunk and checkpoint layouts, damage aimed at the SQL that rebuilds the bodies, the two
passes side by side on one snapshot (a second connection, or on SQLite a child process), and the
command taking the quick path.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import sqlite3
from collections.abc import Callable, Iterator

import pytest
from flask import Flask
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session

import migrations
from audit import prove as audit_prove_module
from audit import service as audit_service_module
from audit.actions import Action, Actor
from audit.cli import audit_cli
from audit.prove import prove_intact, shared_snapshot
from audit.service import make_checkpoint, record, verify
from audit.verify import VerifyResult
from config import Settings
from tests.audit.audit_helpers import add_events, allow_tampering, verify_both
from tests.conftest import ON_POSTGRES, FreshDatabase
from web import create_app

Tamper = Callable[[str, dict[str, object] | None], None]
sqlite_only = pytest.mark.skipif(ON_POSTGRES, reason="SQLite's dynamic types and text")


def _quick(session: Session, keys: tuple[bytes, bytes], chunk: int = 1000) -> VerifyResult | None:
    connection = session.connection()
    return prove_intact(connection.connection.driver_connection, connection.dialect.name,
                        public_keys={keys[1]}, chunk=chunk)


def _rechain_from(session: Session, tamper: Tamper, seq: int) -> None:
    """Recompute prev_hash and hash from ``seq`` on, as an insider rewriting the tail would."""
    prev = session.execute(text("SELECT hash FROM audit_events WHERE seq = :s"),
                           {"s": seq - 1}).scalar_one()
    rows = session.execute(text("SELECT seq, body FROM audit_events WHERE seq >= :s ORDER BY seq"),
                           {"s": seq}).all()
    for row_seq, body in rows:
        digest = hashlib.sha256(bytes(prev) + bytes(body)).digest()
        tamper("UPDATE audit_events SET prev_hash = :p, hash = :h WHERE seq = :s",
               {"p": prev, "h": digest, "s": row_seq})
        prev = digest


# --- intact trails --------------------------------------------------------------------------------


@pytest.mark.parametrize("chunk", [1, 2, 3, 5, 6, 10, 11, 12, 1000])
def test_an_intact_trail_is_proved_however_it_is_chunked(
    session: Session, keys: tuple[bytes, bytes], chunk: int
) -> None:
    add_events(session, 5)
    make_checkpoint(session, keys[0])  # seq 6
    add_events(session, 3, start=5)
    make_checkpoint(session, keys[0])  # seq 10
    add_events(session, 1, start=8)

    exact = verify(session, public_keys={keys[1]})

    assert exact == VerifyResult(ok=True, count=11, checkpoints=2)
    assert _quick(session, keys, chunk) == exact


def test_empty_and_unicode_trails_are_proved(session: Session, keys: tuple[bytes, bytes]) -> None:
    assert verify_both(session, public_keys={keys[1]}) == VerifyResult(ok=True, count=0)
    record(session, Action.NOTE_ADDED, actor=Actor.staff(3, "focal_point"), case_ref="SN-Ñ1",
           network="côte-d'ivoire", details={"langue": "français", "mot": "شكرا", "n": -4})
    record(session, Action.LOGIN, actor=Actor.staff(3, "focal_point"),
           at=dt.datetime(2026, 11, 2, 23, 59, 59, 999999, tzinfo=dt.UTC))

    assert verify_both(session, public_keys={keys[1]}).count == 2


def test_trails_that_are_stored_oddly_are_left_to_the_exact_walk(
    session: Session, tamper: Tamper, keys: tuple[bytes, bytes]
) -> None:
    add_events(session, 2)
    make_checkpoint(session, keys[0], at=dt.datetime(2026, 11, 2, 9, 30, tzinfo=dt.UTC))
    if ON_POSTGRES:  # a column type its queries do not expect: the driver's error, then a walk
        tamper("ALTER TABLE audit_events ALTER COLUMN seq TYPE bigint", None)
        expected: contextlib.AbstractContextManager[object] = pytest.raises(
            session.get_bind().dialect.loaded_dbapi.Error)
    else:  # a timestamp form SQLAlchemy reads but never writes
        tamper("UPDATE audit_checkpoints SET signed_at = '2026-11-02 09:30:00'", None)
        expected = contextlib.nullcontext()

    with expected:
        assert _quick(session, keys) is None
    assert verify(session, public_keys={keys[1]}).ok


# --- damage aimed at the rebuilt bodies -----------------------------------------------------------


@sqlite_only  # PostgreSQL text cannot hold a NUL
def test_a_column_value_with_a_nul_after_it_is_a_difference(
    session: Session, tamper: Tamper, keys: tuple[bytes, bytes]
) -> None:
    # printf('%s') would stop at the NUL and rebuild the original text; queries would miss it.
    add_events(session, 6)
    tamper("UPDATE audit_events SET case_ref = case_ref || char(0) WHERE seq = 4", None)

    result = verify_both(session, public_keys={keys[1]})

    assert (result.ok, result.first_broken_seq) == (False, 4)


@sqlite_only
@pytest.mark.parametrize("column", ["actor_kind", "actor_id", "actor_role", "action", "case_ref",
                                    "network", "details"])
def test_a_column_stored_as_a_blob_of_the_same_bytes_is_a_difference(
    session: Session, tamper: Tamper, keys: tuple[bytes, bytes], column: str
) -> None:
    # Seq 4 is a staff event with every column set; a blob never equals the text in queries.
    add_events(session, 6)
    tamper("PRAGMA ignore_check_constraints = ON", None)  # actor_kind's IN (...) check
    try:
        tamper(f"UPDATE audit_events SET {column} = CAST({column} AS BLOB) "  # noqa: S608
               "WHERE seq = 4", None)
    finally:
        tamper("PRAGMA ignore_check_constraints = OFF", None)

    result = verify_both(session, public_keys={keys[1]})

    assert (result.ok, result.first_broken_seq) == (False, 4)


@sqlite_only
def test_a_body_and_columns_that_are_not_utf8_are_not_proved(
    session: Session, tamper: Tamper, keys: tuple[bytes, bytes]
) -> None:
    add_events(session, 6)
    body = session.execute(text("SELECT body FROM audit_events WHERE seq = 5")).scalar_one()
    tamper("UPDATE audit_events SET case_ref = CAST(x'534e2dff' AS TEXT), body = :b "
           "WHERE seq = 5", {"b": body.replace(b"SN-0004", b"SN-\xff")})
    _rechain_from(session, tamper, 5)

    # The exact walk cannot even read the row; the quick proof must not call it intact.
    assert _quick(session, keys) is None
    assert _quick(session, keys, chunk=2) is None


def test_a_line_feed_in_a_rewritten_tail_is_found(
    session: Session, tamper: Tamper, keys: tuple[bytes, bytes]
) -> None:
    # Columns and body agree and every hash is recomputed, but the body has ten line feeds.
    add_events(session, 6)
    body = session.execute(text("SELECT body FROM audit_events WHERE seq = 4")).scalar_one()
    tamper("UPDATE audit_events SET case_ref = :c, body = :b WHERE seq = 4",
           {"c": "SN-0003\nx", "b": bytes(body).replace(b"SN-0003", b"SN-0003\nx")})
    _rechain_from(session, tamper, 4)

    result = verify_both(session, public_keys={keys[1]})

    assert (result.ok, result.first_broken_seq) == (False, 4)
    assert "columns differ" in (result.reason or "")


def test_prev_hashes_cut_at_another_place_are_found(
    session: Session, tamper: Tamper, keys: tuple[bytes, bytes]
) -> None:
    # The prev_hashes laid end to end read the same; only their lengths give it away.
    events = add_events(session, 6)
    tamper("UPDATE audit_events SET prev_hash = :p WHERE seq = 3", {"p": events[1].hash[:31]})
    tamper("UPDATE audit_events SET prev_hash = :p WHERE seq = 4",
           {"p": events[1].hash[31:] + events[2].hash})

    result = verify_both(session, public_keys={keys[1]})

    assert (result.ok, result.first_broken_seq) == (False, 3)


@pytest.mark.parametrize("column", ["actor_role", "case_ref", "network"])
def test_an_empty_text_where_the_body_has_none_is_a_difference(
    session: Session, tamper: Tamper, keys: tuple[bytes, bytes], column: str
) -> None:
    # Seq 3 is a system event: no role, case or network; '' rebuilds the same body as NULL.
    add_events(session, 6)
    tamper(f"UPDATE audit_events SET {column} = '' WHERE seq = 3", None)  # noqa: S608

    result = verify_both(session, public_keys={keys[1]})

    assert (result.ok, result.first_broken_seq) == (False, 3)


def test_an_event_slipped_in_before_the_first_is_found(
    session: Session, tamper: Tamper, keys: tuple[bytes, bytes]
) -> None:
    # Well-formed on its own (its body says seq 0), outside the seqs 1..head the chain covers.
    add_events(session, 6)
    body = session.execute(text("SELECT body FROM audit_events WHERE seq = 1")).scalar_one()
    tamper("INSERT INTO audit_events SELECT 0, occurred_at, actor_kind, actor_id, actor_role, "
           "action, case_ref, network, details, :b, prev_hash, hash FROM audit_events "
           "WHERE seq = 1", {"b": bytes(body).replace(b"\n1\n", b"\n0\n", 1)})

    assert verify_both(session, public_keys={keys[1]}).first_broken_seq == 1


def test_a_forged_first_event_and_a_removed_one_keep_the_count_but_are_found(
    session: Session, tamper: Tamper, keys: tuple[bytes, bytes]
) -> None:
    # Six events, seqs -1, 1, 2, 4, 5, 6, bodies that say so and a chain rebuilt through them.
    add_events(session, 6)
    body = session.execute(text("SELECT body FROM audit_events WHERE seq = 1")).scalar_one()
    forged = bytes(body).replace(b"\n1\n", b"\n-1\n", 1)
    tamper("DELETE FROM audit_events WHERE seq = 3", None)
    tamper("INSERT INTO audit_events SELECT -1, occurred_at, actor_kind, actor_id, actor_role, "
           "action, case_ref, network, details, :b, prev_hash, hash FROM audit_events "
           "WHERE seq = 1", {"b": forged})
    prev = bytes(32)
    for seq in (-1, 1, 2, 4, 5, 6):
        stored = session.execute(text("SELECT body FROM audit_events WHERE seq = :s"),
                                 {"s": seq}).scalar_one()
        digest = hashlib.sha256(prev + bytes(stored)).digest()
        tamper("UPDATE audit_events SET prev_hash = :p, hash = :h WHERE seq = :s",
               {"p": prev, "h": digest, "s": seq})
        prev = digest

    assert verify_both(session, public_keys={keys[1]}).first_broken_seq == 1


@sqlite_only
def test_a_table_rebuilt_without_seq_as_its_rowid_is_left_to_the_exact_walk(
    session: Session, tamper: Tamper, keys: tuple[bytes, bytes]
) -> None:
    # seq is no longer the rowid, so nothing keeps it unique: the quick proof cannot count on it.
    add_events(session, 6)
    tamper("ALTER TABLE audit_events RENAME TO audit_events_old", None)
    tamper("CREATE TABLE audit_events AS SELECT * FROM audit_events_old ORDER BY seq DESC", None)

    assert _quick(session, keys) is None
    assert verify(session, public_keys={keys[1]}).count == 6


@pytest.mark.postgres
def test_postgres_a_null_that_a_line_feed_makes_up_for_is_found(
    session: Session, tamper: Tamper, keys: tuple[bytes, bytes]
) -> None:
    # concat_ws would skip the NULL details; the line feed in case_ref restores the count.
    add_events(session, 6)
    body = session.execute(text("SELECT body FROM audit_events WHERE seq = 4")).scalar_one()
    details = bytes(body).rsplit(b"\n", 1)[1]
    tamper("ALTER TABLE audit_events ALTER COLUMN details DROP NOT NULL", None)
    tamper("UPDATE audit_events SET details = NULL, case_ref = :c, body = :b WHERE seq = 4",
           {"c": "SN-0003\nx", "b": bytes(body).replace(b"SN-0003", b"SN-0003\nx").replace(
               b"\n" + details, b"")})
    _rechain_from(session, tamper, 4)

    assert verify_both(session, public_keys={keys[1]}).first_broken_seq == 4


@pytest.mark.postgres
def test_postgres_a_duplicate_seq_and_a_gap_that_keep_the_count_are_found(
    session: Session, tamper: Tamper, keys: tuple[bytes, bytes]
) -> None:
    # Once the key is dropped: seqs 1, 2, 3, 3, 5, 6, the second 3 forged from event 4 and the
    # chain rebuilt through it. Six rows up to seq 6: only the seqs in order give it away.
    add_events(session, 6)
    tamper("ALTER TABLE audit_events DROP CONSTRAINT pk_audit_events", None)
    body = session.execute(text("SELECT body FROM audit_events WHERE seq = 4")).scalar_one()
    tamper("UPDATE audit_events SET seq = 3, body = :b WHERE seq = 4",
           {"b": bytes(body).replace(b"\n4\n", b"\n3\n", 1)})
    prev = session.execute(text("SELECT hash FROM audit_events WHERE seq = 2")).scalar_one()
    rows = session.execute(text("SELECT ctid, body FROM audit_events WHERE seq >= 3 "
                                "ORDER BY seq")).all()
    for ctid, stored in rows:  # in the order both verifiers read them
        digest = hashlib.sha256(bytes(prev) + bytes(stored)).digest()
        tamper("UPDATE audit_events SET prev_hash = :p, hash = :h WHERE ctid = :c",
               {"p": prev, "h": digest, "c": ctid})
        prev = digest

    assert verify_both(session, public_keys={keys[1]}).first_broken_seq == 4


@pytest.mark.postgres
def test_postgres_a_null_where_the_schema_allowed_none_is_found(
    session: Session, tamper: Tamper, keys: tuple[bytes, bytes]
) -> None:
    add_events(session, 6)
    tamper("ALTER TABLE audit_events ALTER COLUMN details DROP NOT NULL", None)
    tamper("UPDATE audit_events SET details = NULL WHERE seq = 5", None)

    assert verify_both(session, public_keys={keys[1]}).first_broken_seq == 5


@pytest.mark.postgres
def test_postgres_a_duplicate_row_once_the_key_is_dropped_is_found(
    session: Session, tamper: Tamper, keys: tuple[bytes, bytes]
) -> None:
    add_events(session, 6)
    tamper("ALTER TABLE audit_events DROP CONSTRAINT pk_audit_events", None)
    tamper("INSERT INTO audit_events SELECT * FROM audit_events WHERE seq = 3", None)

    assert _quick(session, keys) is None
    assert _quick(session, keys, chunk=2) is None
    assert not verify(session, public_keys={keys[1]}).ok


# --- one snapshot, two passes side by side --------------------------------------------------------


def _commit_events(engine: Engine, count: int, *, start: int = 0,
                   checkpoint_key: bytes | None = None) -> None:
    with Session(engine) as session:
        add_events(session, count, start=start)
        if checkpoint_key is not None:
            make_checkpoint(session, checkpoint_key)
        session.commit()


def _prove_side_by_side(engine: Engine, keys: tuple[bytes, bytes]) -> VerifyResult | None:
    with shared_snapshot(engine.raw_connection, engine.dialect.name) as (connection, side):
        return prove_intact(connection, engine.dialect.name, public_keys={keys[1]}, side=side)


def test_side_by_side_the_passes_prove_an_intact_trail_and_not_a_tampered_one(
    fresh_database: FreshDatabase, keys: tuple[bytes, bytes]
) -> None:
    engine = fresh_database.engine
    _commit_events(engine, 1500, checkpoint_key=keys[0])
    _commit_events(engine, 20, start=1500)

    assert _prove_side_by_side(engine, keys) == VerifyResult(ok=True, count=1521, checkpoints=1)

    with engine.connect() as connection:
        allow_tampering(connection)
        connection.execute(text("UPDATE audit_events SET network = 'kenya' WHERE seq = 1200"))
        connection.commit()
    assert _prove_side_by_side(engine, keys) is None
    with Session(engine) as session:
        assert verify(session, public_keys={keys[1]}).first_broken_seq == 1200


@sqlite_only
def test_a_column_pass_that_fails_in_its_process_raises_the_driver_error(
    fresh_database: FreshDatabase, keys: tuple[bytes, bytes]
) -> None:
    # Only the column pass reads occurred_at: the chain pass gets through, the child does not.
    _commit_events(fresh_database.engine, 4)
    with fresh_database.engine.connect() as connection:
        connection.execute(text("ALTER TABLE audit_events RENAME COLUMN occurred_at TO at"))
        connection.commit()

    with pytest.raises(sqlite3.OperationalError, match="no such column: occurred_at"):
        _prove_side_by_side(fresh_database.engine, keys)


def test_an_in_memory_database_is_not_shared() -> None:
    connection = sqlite3.connect(":memory:")
    with pytest.raises(ValueError, match="in-memory"), shared_snapshot(lambda: connection,
                                                                        "sqlite"):
        pass


def test_side_by_side_the_passes_see_one_moment_and_do_not_hold_writers_up(
    fresh_database: FreshDatabase, keys: tuple[bytes, bytes]
) -> None:
    engine = fresh_database.engine
    _commit_events(engine, 5, checkpoint_key=keys[0])
    dialect = engine.dialect.name

    with shared_snapshot(engine.raw_connection, dialect) as (connection, side):
        # Committed while both are open: neither pass may see it.
        _commit_events(engine, 3, start=5, checkpoint_key=keys[0])
        result = prove_intact(connection, dialect, public_keys={keys[1]}, side=side)

    assert result == VerifyResult(ok=True, count=6, checkpoints=1)
    assert _prove_side_by_side(engine, keys) == VerifyResult(ok=True, count=10, checkpoints=2)


# --- flask audit verify ---------------------------------------------------------------------------


@pytest.fixture
def cli_app(fresh_app: Flask) -> Flask:
    if "audit" not in fresh_app.cli.commands:
        fresh_app.cli.add_command(audit_cli)
    return fresh_app


def _no_exact_walk(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: object, **_kwargs: object) -> VerifyResult:
        raise AssertionError("the quick proof should have settled an intact trail")

    monkeypatch.setattr(audit_service_module, "verify", refuse)


def test_verify_command_proves_an_intact_trail_without_the_exact_walk(
    cli_app: Flask, fresh_database: FreshDatabase, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings: Settings = cli_app.config["SETTINGS"]
    _commit_events(fresh_database.engine, 6, checkpoint_key=settings.audit_signing_key)
    _no_exact_walk(monkeypatch)

    result = cli_app.test_cli_runner().invoke(args=["audit", "verify"])

    assert result.exit_code == 0, result.output
    assert "7 events verified, 1 signed checkpoints" in result.output


def test_verify_command_falls_back_when_the_quick_queries_fail(
    cli_app: Flask, fresh_database: FreshDatabase, monkeypatch: pytest.MonkeyPatch
) -> None:
    _commit_events(fresh_database.engine, 4)
    error = fresh_database.engine.dialect.loaded_dbapi.OperationalError

    def fail(*_args: object, **_kwargs: object) -> VerifyResult:
        raise error("the table was altered")

    monkeypatch.setattr(audit_prove_module, "prove_intact", fail)

    result = cli_app.test_cli_runner().invoke(args=["audit", "verify"])

    assert result.exit_code == 0, result.output
    assert "quick check unavailable (the table was altered)" in result.output
    assert "4 events verified" in result.output


@sqlite_only
def test_verify_command_falls_back_when_the_column_pass_cannot_start(
    cli_app: Flask, fresh_database: FreshDatabase, monkeypatch: pytest.MonkeyPatch
) -> None:
    _commit_events(fresh_database.engine, 4)
    monkeypatch.setattr(audit_prove_module.sys, "executable", "/nonexistent/python")

    result = cli_app.test_cli_runner().invoke(args=["audit", "verify"])

    assert result.exit_code == 0, result.output
    assert "the column pass could not start" in result.output
    assert "4 events verified" in result.output


@pytest.fixture
def memory_app(clock: list[dt.datetime]) -> Iterator[Flask]:
    """An app on an in-memory SQLite database: one connection, shared with the session."""
    app = create_app(Settings.from_env({"REDEVABLE_TESTING": "1", "DATABASE_URL": "sqlite://"}))
    engine: Engine = app.extensions["redevable.engine"]
    with engine.connect() as connection:
        migrations.upgrade(connection)
        connection.commit()
    if "audit" not in app.cli.commands:
        app.cli.add_command(audit_cli)
    yield app
    engine.dispose()


def test_verify_command_on_an_in_memory_database_uses_the_session(
    memory_app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings: Settings = memory_app.config["SETTINGS"]
    _commit_events(memory_app.extensions["redevable.engine"], 3,
                   checkpoint_key=settings.audit_signing_key)
    _no_exact_walk(monkeypatch)

    result = memory_app.test_cli_runner().invoke(args=["audit", "verify"])

    assert result.exit_code == 0, result.output
    assert "4 events verified, 1 signed checkpoints" in result.output
