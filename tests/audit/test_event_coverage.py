"""Each action the issue lists leaves its event, and no event carries report content."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from flask import Flask
from sqlalchemy import select
from sqlalchemy.orm import Session

from audit.actions import Action
from audit.models import AuditEvent
from auth.models import GlobalRole
from tests.conftest import https_client
from tests.factories import PASSWORD, ensure_recovery_key, make_network, totp_code
from tests.helpers import csrf_token, open_followup, receipt_from, staff_login, submit_report

MARKER = "EVENTMARKER-9090"


def test_a_journey_records_every_kind_of_event_without_content(
    app: Flask, session: Session, staff: Any, login: Any, clock: list[dt.datetime]
) -> None:
    network = make_network(session)
    ensure_recovery_key(session)
    fp, fp_secret = staff(name="Fatou Diallo", networks=[network])
    colleague, _ = staff(name="Moussa Kane", networks=[network])
    admin, admin_secret = staff(role=GlobalRole.ADMIN, name="Ada Admin")
    session.commit()

    reporter = https_client(app)
    receipt = receipt_from(submit_report(
        reporter, what_happened=f"what {MARKER}", identity_choice="identified",
        name=f"name {MARKER}", concerned_names=f"who {MARKER}"))
    staff_login(https_client(app), fp.email, "wrong password!!", "0")  # failed login
    client = login(fp, fp_secret)
    queue = client.get("/staff/cases/").get_data(as_text=True)
    found = re.search(r'href="/staff/cases/([0-9a-f-]{36})"', queue)
    assert found is not None
    case_id = found.group(1)
    base = f"/staff/cases/{case_id}"
    client.post(f"{base}/action/acknowledge", data={"csrf_token": csrf_token(client, base)})
    client.post(f"{base}/messages", data={"body": f"reply {MARKER}",
                                          "csrf_token": csrf_token(client, base)})
    client.post(f"{base}/notes", data={"note-body": f"note {MARKER}",
                                       "note-csrf_token": csrf_token(client, base)})
    client.post(f"{base}/roles", data={"person": colleague.public_id, "role": "investigator",
                                       "csrf_token": csrf_token(client, base)})
    open_followup(reporter, receipt)
    reporter.post("/follow-up/case", data={"body": f"answer {MARKER}",
                                           "csrf_token": csrf_token(reporter, "/follow-up/case")})
    client.get(base)  # reads the reporter's answer
    clock[0] += dt.timedelta(seconds=31)
    client.post("/staff/step-up", data={"password": PASSWORD,
                                        "code": totp_code(fp_secret, clock[0]),
                                        "next": f"{base}/identity",
                                        "csrf_token": csrf_token(client, "/staff/step-up")})
    client.get(f"{base}/identity")
    client.post(f"{base}/conflict", data={"csrf_token": csrf_token(client, base)})
    client.get(base)  # now a denial
    client.post("/staff/logout", data={"csrf_token": csrf_token(client, "/staff/cases/")})

    admin_client = login(admin, admin_secret)
    admin_client.post("/staff/admin/users/new", data={
        "display_name": "New Person", "email": "new@example.org", "role": "auditor",
        "csrf_token": csrf_token(admin_client, "/staff/admin/users/new")})
    admin_client.post(f"/staff/admin/users/{colleague.public_id}", data={
        "display_name": colleague.display_name, "role": "focal_point", "safeguarding": "y",
        "networks": [network.slug],
        "csrf_token": csrf_token(admin_client, "/staff/admin/users")})
    admin_client.post("/staff/admin/networks", data={
        "slug": "togo", "name": "Togo", "kind": "national", "parent": "", "country": "TG",
        "csrf_token": csrf_token(admin_client, "/staff/admin/networks")})

    events = session.scalars(select(AuditEvent).order_by(AuditEvent.seq)).all()
    seen = {e.action for e in events}
    expected = {
        Action.CASE_CREATED, Action.LOGIN_FAILED, Action.LOGIN, Action.CASE_OPENED,
        Action.CASE_STATUS_CHANGED, Action.MESSAGE_SENT, Action.NOTE_ADDED,
        Action.CASE_ROLE_CHANGED, Action.KEY_GRANTED, Action.MESSAGE_READ, Action.STEP_UP,
        Action.IDENTITY_REVEALED, Action.RECUSAL_DECLARED, Action.KEY_REVOKED,
        Action.PERMISSION_DENIED, Action.LOGOUT, Action.USER_CREATED,
        Action.USER_ROLE_CHANGED, Action.CONFIGURATION_CHANGED,
    }
    assert expected <= seen, expected - seen
    for event in events:
        assert MARKER.encode() not in event.body
        assert receipt.encode() not in event.body
