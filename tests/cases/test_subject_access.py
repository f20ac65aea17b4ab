"""Data-subject requests (GDPR Art. 15): exports withhold the reporter, need step-up, are logged."""

from __future__ import annotations

import datetime as dt
import io
import json
from typing import Any

from flask import Flask
from sqlalchemy import select
from sqlalchemy.orm import Session

from audit.actions import Action
from audit.models import AuditEvent
from auth.models import GlobalRole
from cases.models import Case
from tests.conftest import https_client
from tests.factories import PASSWORD, ensure_recovery_key, make_network, totp_code
from tests.helpers import csrf_token, submit_report


def step_up(client: Any, secret: str, clock: list[dt.datetime], target: str) -> None:
    clock[0] += dt.timedelta(seconds=31)
    client.post("/staff/step-up", data={"password": PASSWORD,
                                        "code": totp_code(secret, clock[0]), "next": target,
                                        "csrf_token": csrf_token(client, "/staff/step-up")})


def test_person_concerned_export_withholds_the_reporter(
    app: Flask, session: Session, staff: Any, login: Any, clock: list[dt.datetime]
) -> None:
    network = make_network(session)
    ensure_recovery_key(session)
    user, secret = staff(networks=[network])
    session.commit()
    submit_report(https_client(app), what_happened="Le coordinateur Paul a crié sur moi.",
                  concerned_names="Paul", identity_choice="identified",
                  name="Reporter Awa", contact="awa@example.org",
                  attachments=[(io.BytesIO(b"proof"), "proof.txt")])
    case = session.scalars(select(Case)).one()
    client = login(user, secret)
    url = f"/staff/cases/{case.public_id}/subject-export"
    assert "/staff/step-up" in client.get(url).headers["Location"]
    step_up(client, secret, clock, url)
    response = client.get(url)
    assert response.status_code == 200
    export = json.loads(response.data)
    assert export["report"]["what_happened"] == "Le coordinateur Paul a crié sur moi."
    assert export["report"]["concerned_names"] == "Paul"
    text = response.get_data(as_text=True)
    for withheld in ("Reporter Awa", "awa@example.org", "proof.txt"):
        assert withheld not in text
    events = session.scalars(select(AuditEvent).where(
        AuditEvent.action == Action.CASE_EXPORTED)).all()
    assert [e.details["what"] for e in events] == ["subject_access"]


def test_staff_member_export_lists_their_actions_without_content(
    app: Flask, session: Session, staff: Any, login: Any, clock: list[dt.datetime]
) -> None:
    admin, admin_secret = staff(role=GlobalRole.ADMIN, name="Ada Admin")
    person, person_secret = staff(name="Fatou Diallo")
    login(person, person_secret)
    client = login(admin, admin_secret)
    url = f"/staff/admin/users/{person.public_id}/export"
    assert "/staff/step-up" in client.get(url).headers["Location"]
    step_up(client, admin_secret, clock, url)
    export = json.loads(client.get(url).data)
    assert export["email"] == person.email
    assert {a["action"] for a in export["actions"]} >= {"auth:session:login"}
