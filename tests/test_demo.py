"""`flask demo seed` makes a usable demo, and never mixes with real cases."""

from __future__ import annotations

from flask import Flask
from sqlalchemy import func, select

from audit.service import public_key_for, verify
from cases.models import Case, CaseStatus
from db import db_session
from tests.conftest import https_client
from tests.factories import ensure_recovery_key
from tests.helpers import submit_report


def test_demo_seed_fills_every_kind_of_state_and_the_trail_verifies(fresh_app: Flask) -> None:
    with fresh_app.app_context():
        ensure_recovery_key(db_session())
        db_session().commit()
    result = fresh_app.test_cli_runner().invoke(args=["demo", "seed"])
    assert result.exit_code == 0, result.output
    assert "TOTP key" in result.output
    with fresh_app.app_context():
        session = db_session()
        statuses = set(session.scalars(select(Case.status)))
        assert {CaseStatus.RECEIVED, CaseStatus.ACKNOWLEDGED, CaseStatus.TRIAGE,
                CaseStatus.INVESTIGATION, CaseStatus.CLOSED} <= statuses
        refs = session.scalars(select(Case.reference)).all()
        assert all(ref.startswith("DEMO-") for ref in refs)
        key = public_key_for(fresh_app.config["SETTINGS"].audit_signing_key)
        assert verify(session, public_keys=[key]).ok
    again = fresh_app.test_cli_runner().invoke(args=["demo", "seed"])
    assert again.exit_code != 0


def test_demo_seed_refuses_an_instance_with_real_cases(fresh_app: Flask) -> None:
    from tests.factories import make_network  # noqa: PLC0415

    with fresh_app.app_context():
        make_network(db_session())
        ensure_recovery_key(db_session())
        db_session().commit()
    assert submit_report(https_client(fresh_app)).status_code == 200
    result = fresh_app.test_cli_runner().invoke(args=["demo", "seed"])
    assert result.exit_code != 0
    assert "real cases" in result.output
    with fresh_app.app_context():
        assert db_session().scalar(select(func.count()).select_from(Case)) == 1
