"""Recovery-key rotation (interrupted and resumed), backups that restore every case."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import func, select, text

from audit.service import public_key_for, verify
from cases.models import Case, CaseKeyWrap, HolderKind
from crypto import unwrap_data_key
from db import db_session
from keyring.cli import reseal_all
from keyring.models import OrgKey
from keyring.services import active_recovery_key, pending_recovery_key, read_private_key
from reporting.services import read_report, recovery_context
from tests.conftest import ON_POSTGRES, FreshDatabase, https_client
from tests.factories import ensure_recovery_key, make_network
from tests.helpers import receipt_from, submit_report


def file_cases(app: Flask, count: int) -> list[str]:
    client = https_client(app)
    return [receipt_from(submit_report(client, what_happened=f"report number {n}"))
            for n in range(count)]


def readable_with(app: Flask, private: bytes) -> int:
    """How many cases the given recovery private key opens (through the active key's wraps)."""
    with app.app_context():
        session = db_session()
        recovery = active_recovery_key(session)
        opened = 0
        for case in session.scalars(select(Case)):
            wrap = next(w for w in case.key_wraps if w.holder_kind == HolderKind.RECOVERY
                        and w.holder_id == recovery.id)
            key = unwrap_data_key(private, wrap.wrapped_key, recovery_context(case, recovery))
            assert read_report(case, key)["what_happened"].startswith("report number")
            opened += 1
        return opened


@pytest.fixture
def instance(fresh_app: Flask, tmp_path: Path) -> Path:
    with fresh_app.app_context():
        make_network(db_session())
        pair = ensure_recovery_key(db_session())
        assert pair is not None
        db_session().commit()
    old = tmp_path / "old.txt"
    old.write_text(pair.private.hex())
    file_cases(fresh_app, 5)
    return old


def test_interrupted_rotation_resumes_and_every_case_stays_readable(
    fresh_app: Flask, instance: Path, tmp_path: Path
) -> None:
    new = tmp_path / "new.txt"
    # A first run that stopped right after storing the new key ("the power went").
    runner = fresh_app.test_cli_runner()
    with fresh_app.app_context():
        session = db_session()
        old_key = active_recovery_key(session)
    # Do the first half by hand: create the pending key exactly as the command does.
    from crypto import generate_keypair  # noqa: PLC0415
    from keyring.models import OrgKeyKind  # noqa: PLC0415
    from keyring.services import fingerprint, write_private_key  # noqa: PLC0415

    pair = generate_keypair()
    write_private_key(new, pair.private)
    with fresh_app.app_context():
        session = db_session()
        session.add(OrgKey(kind=OrgKeyKind.RECOVERY, public_key=pair.public,
                           fingerprint=fingerprint(pair.public), pending=True))
        session.commit()
        pending = pending_recovery_key(session)
        assert pending is not None
        # One batch of two re-sealed before the interruption.
        assert reseal_all(session, old_key, read_private_key(instance), pending, batch=2,
                          max_batches=1) == 2
    # A report arriving mid-rotation is sealed to both keys.
    file_cases(fresh_app, 1)
    with fresh_app.app_context():
        session = db_session()
        newest = session.scalars(select(Case).order_by(Case.id.desc())).first()
        assert newest is not None
        holders = {w.holder_id for w in newest.key_wraps
                   if w.holder_kind == HolderKind.RECOVERY}
        assert holders == {old_key.id, pending.id}
    # Resume with the same command: it finds the pending key in --out and finishes.
    result = runner.invoke(args=["keys", "rotate-recovery", "--old-key-file", str(instance),
                                 "--out", str(new), "--batch", "2"])
    assert result.exit_code == 0, result.output
    with fresh_app.app_context():
        session = db_session()
        assert pending_recovery_key(session) is None
        assert active_recovery_key(session).public_key == pair.public
        old_wraps = session.scalar(select(func.count()).select_from(CaseKeyWrap).where(
            CaseKeyWrap.holder_id == old_key.id,
            CaseKeyWrap.holder_kind == HolderKind.RECOVERY))
        assert old_wraps == 0
    assert readable_with(fresh_app, read_private_key(new)) == 6


def test_rotation_refuses_a_wrong_old_key(fresh_app: Flask, instance: Path,
                                          tmp_path: Path) -> None:
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("22" * 32)
    result = fresh_app.test_cli_runner().invoke(args=[
        "keys", "rotate-recovery", "--old-key-file", str(wrong), "--out",
        str(tmp_path / "n.txt")])
    assert result.exit_code != 0
    assert "not the active recovery key" in result.output


@pytest.mark.skipif(ON_POSTGRES, reason="SQLite backups; PostgreSQL uses pg_dump (documented)")
def test_backup_wipe_restore_brings_every_case_back(
    fresh_app: Flask, fresh_database: FreshDatabase, instance: Path, tmp_path: Path
) -> None:
    backup = tmp_path / "backup.sqlite3"
    runner = fresh_app.test_cli_runner()
    assert runner.invoke(args=["backup", "create", str(backup)]).exit_code == 0
    with fresh_database.engine.begin() as conn:  # the disaster
        conn.execute(text("DELETE FROM case_key_wraps"))
    assert runner.invoke(args=["backup", "restore", str(backup), "--yes"]).exit_code == 0
    assert readable_with(fresh_app, read_private_key(instance)) == 5
    with fresh_app.app_context():
        key = public_key_for(fresh_app.config["SETTINGS"].audit_signing_key)
        assert verify(db_session(), public_keys=[key]).ok
    raw = backup.read_bytes()
    assert b"report number" not in raw


@pytest.mark.postgres
def test_pg_dump_wipe_pg_restore_brings_every_case_back(
    fresh_app: Flask, fresh_database: FreshDatabase, instance: Path, tmp_path: Path
) -> None:
    import shutil  # noqa: PLC0415
    import subprocess  # noqa: PLC0415

    from sqlalchemy.engine import make_url  # noqa: PLC0415

    url = make_url(fresh_database.url)
    conn_args = ["-h", url.host or "127.0.0.1", "-p", str(url.port or 5432),
                 "-U", url.username or "postgres", "-d", url.database or ""]
    dump = tmp_path / "redevable.dump"
    pg_dump, pg_restore = shutil.which("pg_dump"), shutil.which("pg_restore")
    assert pg_dump
    assert pg_restore
    subprocess.run([pg_dump, "-Fc", "-f", str(dump), *conn_args], check=True)  # noqa: S603
    fresh_database.engine.dispose()
    with fresh_database.engine.begin() as conn:  # the disaster: everything gone
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    fresh_database.engine.dispose()
    subprocess.run([pg_restore, "--no-owner", *conn_args, str(dump)],  # noqa: S603
                   check=True)
    assert readable_with(fresh_app, read_private_key(instance)) == 5
    with fresh_app.app_context():
        key = public_key_for(fresh_app.config["SETTINGS"].audit_signing_key)
        assert verify(db_session(), public_keys=[key]).ok
    assert b"report number" not in dump.read_bytes()
