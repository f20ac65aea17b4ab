"""`flask audit verify|export|checkpoint|public-key` on a real, committed database."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import Result
from flask import Flask
from sqlalchemy import text
from sqlalchemy.orm import Session

from audit.cli import audit_cli
from audit.service import public_key_for
from audit.verify import verify_export
from config import Settings
from tests.audit.audit_helpers import add_events, allow_tampering
from tests.conftest import FreshDatabase


@pytest.fixture
def cli_app(fresh_app: Flask) -> Flask:
    # Until web.cli.register_cli adds the group, register it here.
    if "audit" not in fresh_app.cli.commands:
        fresh_app.cli.add_command(audit_cli)
    return fresh_app


def invoke(app: Flask, *args: str) -> Result:
    return app.test_cli_runner().invoke(args=["audit", *args])


def _fill(database: FreshDatabase, count: int) -> None:
    with Session(database.engine) as session:
        add_events(session, count)
        session.commit()


def test_public_key_prints_the_key_of_the_configured_seed(cli_app: Flask) -> None:
    settings: Settings = cli_app.config["SETTINGS"]

    result = invoke(cli_app, "public-key")

    assert result.exit_code == 0
    assert result.output.strip() == public_key_for(settings.audit_signing_key).hex()


def test_verify_counts_an_intact_trail(cli_app: Flask, fresh_database: FreshDatabase) -> None:
    _fill(fresh_database, 6)
    assert invoke(cli_app, "checkpoint").exit_code == 0

    result = invoke(cli_app, "verify")

    assert result.exit_code == 0, result.output
    assert "7 events verified, 1 signed checkpoints" in result.output


def test_verify_exits_1_naming_the_first_broken_event(
    cli_app: Flask, fresh_database: FreshDatabase
) -> None:
    _fill(fresh_database, 6)
    with fresh_database.engine.connect() as connection:
        allow_tampering(connection)
        connection.execute(text("UPDATE audit_events SET network = 'kenya' WHERE seq = 2"))
        connection.commit()

    result = invoke(cli_app, "verify")

    assert result.exit_code == 1
    assert "BROKEN at event 2" in result.output


def test_checkpoint_is_committed_and_idempotent(cli_app: Flask,
                                                fresh_database: FreshDatabase) -> None:
    _fill(fresh_database, 3)

    first = invoke(cli_app, "checkpoint")
    second = invoke(cli_app, "checkpoint")

    assert first.exit_code == second.exit_code == 0
    assert first.output.strip() == second.output.strip() == "checkpoint at event 4"
    with fresh_database.engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM audit_checkpoints")).scalar() == 1


def test_export_writes_a_file_that_verifies_with_the_configured_key(
    cli_app: Flask, fresh_database: FreshDatabase, tmp_path: Path
) -> None:
    _fill(fresh_database, 4)
    invoke(cli_app, "checkpoint")
    path = tmp_path / "trail.jsonl"

    result = invoke(cli_app, "export", str(path))

    assert result.exit_code == 0, result.output
    assert "5 events exported" in result.output
    settings: Settings = cli_app.config["SETTINGS"]
    public_key = public_key_for(settings.audit_signing_key)
    assert verify_export(path, public_keys={public_key}).ok
