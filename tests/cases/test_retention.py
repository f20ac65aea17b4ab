"""Retention: purged means unreadable with every key, while the trail and counts remain."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from audit.actions import Action
from audit.models import AuditEvent
from audit.service import public_key_for, verify
from cases import services
from cases.models import (
    Case,
    CaseKeyWrap,
    CaseMessage,
    CaseStatus,
    Category,
    Finding,
    HolderKind,
    Outcome,
)
from cases.retention import due_for_purge, run_retention, set_retention
from cases.workflow import CaseAction
from crypto import DecryptionError, open_, unwrap_data_key
from db import db_session
from keyring.services import active_recovery_key
from reporting.services import recovery_context, report_where
from tests.conftest import FIXED_NOW, FreshDatabase, https_client
from tests.factories import ensure_recovery_key, make_network, make_staff
from tests.helpers import open_followup, receipt_from, submit_report


def close_case(session: Session, case: Case, handler: Any, key: Any, *, when: dt.datetime,
               finding: Finding = Finding.UNSUBSTANTIATED) -> None:
    case.status = CaseStatus.FEEDBACK_GIVEN
    case.finding = finding
    case.category = Category.FRAUD_CORRUPTION  # not a two-person closure
    case.flag_minor_involved = False
    services.assign_role(session, case, handler, key, handler, services.CaseRoleKind.HANDLER,
                         now=when)
    services.perform(session, case, CaseAction.CLOSE, handler, key, now=when,
                     outcome=Outcome.NO_ACTION, text="closed")


@pytest.fixture
def closed_case(fresh_app: Flask) -> dict[str, Any]:
    with fresh_app.app_context():
        session = db_session()
        network = make_network(session)
        pair = ensure_recovery_key(session)
        handler, _ = make_staff(session, networks=[network],
                                secret_key=fresh_app.config["SETTINGS"].secret_key)
        session.commit()
    reporter = https_client(fresh_app)
    receipt = receipt_from(submit_report(reporter, what_happened="purge me later"))
    with fresh_app.app_context():
        session = db_session()
        case = session.scalars(select(Case)).one()
        from crypto import unwrap_private_key  # noqa: PLC0415
        from tests.factories import PASSWORD  # noqa: PLC0415

        handler = session.merge(handler)
        key = services.open_case(session, case, handler,
                                 unwrap_private_key(handler.private_key_wrapped or b"",
                                                    PASSWORD))
        close_case(session, case, handler, key, when=FIXED_NOW)
        session.commit()
        return {"reference": case.reference, "pair": pair, "receipt": receipt,
                "reporter": reporter, "handler_id": handler.id, "key": key}


def test_unfounded_case_is_due_two_months_after_closure(fresh_app: Flask,
                                                        closed_case: dict[str, Any]) -> None:
    with fresh_app.app_context():
        case = db_session().scalars(select(Case)).one()
        assert case.retention_until == FIXED_NOW + dt.timedelta(days=60)
        assert due_for_purge(db_session(), FIXED_NOW + dt.timedelta(days=59)) == []
        assert [d.reference for d in due_for_purge(db_session(),
                                                   FIXED_NOW + dt.timedelta(days=61))] \
            == [closed_case["reference"]]


def test_purged_case_is_unreadable_with_every_key_but_its_trail_remains(
    fresh_app: Flask, fresh_database: FreshDatabase, closed_case: dict[str, Any]
) -> None:
    later = FIXED_NOW + dt.timedelta(days=61)
    with fresh_app.app_context():
        case = db_session().scalars(select(Case)).one()
        recovery = active_recovery_key(db_session())
        old_wrap = db_session().scalars(select(CaseKeyWrap).where(
            CaseKeyWrap.holder_kind == HolderKind.RECOVERY)).one().wrapped_key
        old_report = case.report_sealed
        context = recovery_context(case, recovery)
        where = report_where(case)
    assert run_retention(fresh_database.engine, now=later) == 1
    assert run_retention(fresh_database.engine, now=later) == 0  # twice deletes nothing more
    with fresh_app.app_context():
        session = db_session()
        case = session.scalars(select(Case)).one()
        assert case.status == CaseStatus.PURGED
        assert case.report_sealed is None
        assert case.receipt_lookup is None
        assert session.scalar(select(func.count()).select_from(CaseKeyWrap)) == 0
        assert session.scalar(select(func.count()).select_from(CaseMessage)) == 0
        # The tombstone keeps what statistics need.
        assert (case.reference, case.network.slug, case.outcome) == (
            closed_case["reference"], "senegal", Outcome.NO_ACTION)
        # Even the recovery key opens nothing: its wrap is gone, and the copy a thief
        # kept from an old backup only unwraps a key whose ciphertext no longer exists.
        key = unwrap_data_key(closed_case["pair"].private, old_wrap, context)
        assert key == closed_case["key"]
        assert case.report_sealed is None
        with pytest.raises(DecryptionError):
            open_(key, b"\x01" + b"\x00" * 40, where)
        assert old_report is not None
        events = session.scalars(select(AuditEvent).where(
            AuditEvent.case_ref == closed_case["reference"])).all()
        assert Action.CASE_CREATED in {e.action for e in events}
        assert Action.RETENTION_PURGED in {e.action for e in events}
        assert verify(session, public_keys=[public_key_for(
            fresh_app.config["SETTINGS"].audit_signing_key)]).ok
    # The reporter's receipt now answers like any wrong receipt.
    response = open_followup(closed_case["reporter"], closed_case["receipt"])
    assert response.status_code == 400


def test_legal_hold_blocks_purge(fresh_app: Flask, fresh_database: FreshDatabase,
                                 closed_case: dict[str, Any]) -> None:
    with fresh_app.app_context():
        session = db_session()
        case = session.scalars(select(Case)).one()
        case.legal_hold = True
        session.commit()
    assert run_retention(fresh_database.engine, now=FIXED_NOW + dt.timedelta(days=400)) == 0


def test_reporter_information_restarts_the_clock(fresh_app: Flask,
                                                 closed_case: dict[str, Any]) -> None:
    with fresh_app.app_context():
        session = db_session()
        case = session.scalars(select(Case)).one()
        case.last_reporter_activity_at = FIXED_NOW + dt.timedelta(days=30)
        set_retention(case)
        assert case.retention_until == FIXED_NOW + dt.timedelta(days=90)


def test_manual_purge_before_term_needs_two_different_people(
    session: Session, staff: Any
) -> None:
    from tests.factories import make_case  # noqa: PLC0415

    network = make_network(session)
    first, _ = staff(networks=[network])
    second, _ = staff(name="Second Person", networks=[network])
    case, key = make_case(session, network=network, holders=[first, second], now=FIXED_NOW)
    with pytest.raises(services.ActionRefused, match="no_purge_proposed"):
        services.confirm_purge(session, case, first, now=FIXED_NOW)
    services.propose_purge(session, case, first, key, reason="filed twice by mistake",
                           now=FIXED_NOW)
    with pytest.raises(services.ActionRefused, match="same_person"):
        services.confirm_purge(session, case, first, now=FIXED_NOW)
    case.legal_hold = True
    with pytest.raises(services.ActionRefused, match="legal_hold"):
        services.confirm_purge(session, case, second, now=FIXED_NOW)
    case.legal_hold = False
    services.confirm_purge(session, case, second, now=FIXED_NOW)
    session.refresh(case)
    assert case.status == CaseStatus.PURGED


def test_dry_run_lists_without_deleting(fresh_app: Flask, closed_case: dict[str, Any]) -> None:
    fresh_app.extensions["redevable.clock"] = lambda: FIXED_NOW + dt.timedelta(days=61)
    result = fresh_app.test_cli_runner().invoke(args=["retention", "run", "--dry-run"])
    assert result.exit_code == 0
    assert closed_case["reference"] in result.output
    assert "1 cases would be purged" in result.output
    with fresh_app.app_context():
        assert db_session().scalars(select(Case)).one().status == CaseStatus.CLOSED
