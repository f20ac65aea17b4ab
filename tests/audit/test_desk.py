"""The auditor's desk: the trail with filters, verification, closed cases and reviews."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from audit import service as audit_service
from audit.actions import Action, Actor
from audit.models import AuditEvent
from audit.service import record
from auditdesk.models import QualityReview
from auth.models import GlobalRole
from cases.models import CaseStatus
from tests.audit.audit_helpers import allow_tampering
from tests.conftest import FIXED_NOW, FreshDatabase, https_client
from tests.factories import PASSWORD, make_case, make_network, make_staff, totp_code
from tests.helpers import csrf_token, staff_login


def auditor(staff: Any, login: Any) -> Any:
    user, secret = staff(role=GlobalRole.AUDITOR, name="Aude Auditor")
    return login(user, secret)


def test_trail_lists_events_and_filters_by_case(app: Flask, session: Session, staff: Any,
                                                login: Any) -> None:
    network = make_network(session)
    one, _ = make_case(session, network=network, now=FIXED_NOW)
    two, _ = make_case(session, network=network, now=FIXED_NOW)
    for case in (one, two):
        record(session, Action.CASE_CREATED, actor=Actor.reporter(), case_ref=case.reference,
               network=network.slug)
    session.commit()
    client = auditor(staff, login)
    page = client.get(f"/staff/audit/?case={one.reference}").get_data(as_text=True)
    assert one.reference in page
    assert two.reference not in page


def test_closed_case_shows_its_timeline_and_takes_a_review(
    app: Flask, session: Session, staff: Any, login: Any
) -> None:
    network = make_network(session)
    case, _ = make_case(session, network=network, status=CaseStatus.CLOSED, now=FIXED_NOW)
    case.closed_at = FIXED_NOW
    record(session, Action.CASE_STATUS_CHANGED, actor=Actor.system(), case_ref=case.reference,
           network=network.slug, details={"to_status": "closed"})
    open_case, _ = make_case(session, network=network, now=FIXED_NOW)
    session.commit()
    client = auditor(staff, login)
    listing = client.get("/staff/audit/closed").get_data(as_text=True)
    assert case.reference in listing
    assert open_case.reference not in listing
    url = f"/staff/audit/closed/{case.public_id}"
    page = client.get(url).get_data(as_text=True)
    assert "case:status:change" in page
    # Open cases are not the auditor's to see.
    assert client.get(f"/staff/audit/closed/{open_case.public_id}").status_code == 404
    response = client.post(url, data={"ack_in_time": "y", "reasons_recorded": "y",
                                      "findings": "Feedback came late.",
                                      "csrf_token": csrf_token(client, url)})
    assert response.status_code == 303
    review = session.scalars(select(QualityReview)).one()
    assert review.checks["ack_in_time"] is True
    assert review.checks["feedback_in_time"] is False
    assert review.findings == "Feedback came late."


def test_auditors_read_closure_reasons_through_their_shared_key(
    app: Flask, session: Session, staff: Any, login: Any, clock: Any
) -> None:
    import datetime as dt  # noqa: PLC0415

    from cases import services  # noqa: PLC0415
    from cases.models import CaseRoleKind, Category, Outcome  # noqa: PLC0415
    from cases.workflow import CaseAction  # noqa: PLC0415

    first_user, first_secret = staff(role=GlobalRole.AUDITOR, name="Aude Auditor")
    login(first_user, first_secret)  # the first auditor's login creates the shared key
    second_user, second_secret = staff(role=GlobalRole.AUDITOR, name="Bea Auditor")
    clock[0] += dt.timedelta(seconds=31)
    login(first_user, first_secret)  # ...and the next one shares it with Bea
    network = make_network(session)
    handler, _ = staff(name="Hawa Handler", networks=[network])
    case, key = make_case(session, network=network, holders=[handler],
                          status=CaseStatus.FEEDBACK_GIVEN, category=Category.FRAUD_CORRUPTION,
                          now=FIXED_NOW)
    services.assign_role(session, case, handler, key, handler, CaseRoleKind.HANDLER,
                         now=FIXED_NOW)
    services.perform(session, case, CaseAction.CLOSE, handler, key, now=FIXED_NOW,
                     outcome=Outcome.ACTION_TAKEN, text="Funds repaid; treasurer replaced.")
    session.commit()
    assert case.closure_for_audit is not None
    assert b"treasurer" not in case.closure_for_audit
    client = login(second_user, second_secret)
    page = client.get(f"/staff/audit/closed/{case.public_id}").get_data(as_text=True)
    assert "Funds repaid; treasurer replaced." in page


def committed_auditor(app: Flask, engine: Any, clock: list[Any]) -> Any:
    """An auditor logged in on an app whose commits are real (the quick proof reads those)."""
    with Session(engine) as session:
        user, secret = make_staff(session, role=GlobalRole.AUDITOR, name="Ana Auditor",
                                  secret_key=app.config["SETTINGS"].secret_key, now=clock[0])
        session.commit()
        email = user.email
    client = https_client(app)
    assert staff_login(client, email, PASSWORD, totp_code(secret, clock[0])).status_code == 303
    return client


def test_verify_now_proves_a_committed_trail_without_walking_it(
    fresh_app: Flask, fresh_database: FreshDatabase, clock: list[Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    client = committed_auditor(fresh_app, fresh_database.engine, clock)
    with Session(fresh_database.engine) as session:
        for n in range(5):
            record(session, Action.CASE_STATUS_CHANGED, actor=Actor.system(), case_ref=f"SN-{n}")
        session.commit()
        count = session.scalar(select(func.count()).select_from(AuditEvent))

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the quick proof should have settled an intact trail")

    monkeypatch.setattr(audit_service, "verify", refuse)
    token = csrf_token(client, "/staff/audit/")
    page = client.post("/staff/audit/verify", data={"csrf_token": token}).get_data(as_text=True)
    assert f"Intact: {count} events" in page


def test_verify_now_names_the_first_broken_event(
    fresh_app: Flask, fresh_database: FreshDatabase, clock: list[Any],
) -> None:
    client = committed_auditor(fresh_app, fresh_database.engine, clock)
    with Session(fresh_database.engine) as session:
        events = [record(session, Action.CASE_STATUS_CHANGED, actor=Actor.system(),
                         case_ref=f"SN-{n}") for n in range(5)]
        session.commit()
        target = events[2].seq
    with fresh_database.engine.begin() as connection:
        allow_tampering(connection)
        connection.execute(text("UPDATE audit_events SET case_ref = 'SN-X' WHERE seq = :seq"),
                           {"seq": target})
    token = csrf_token(client, "/staff/audit/")
    page = client.post("/staff/audit/verify", data={"csrf_token": token}).get_data(as_text=True)
    assert f"Broken at event {target}" in page
