"""The case page end to end over HTTP: content, actions, identity reveal, files."""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from PIL import Image
from sqlalchemy import select
from sqlalchemy.orm import Session

from audit.actions import Action
from audit.models import AuditEvent
from cases.models import Case, CaseStatus
from tests.conftest import https_client
from tests.factories import PASSWORD, ensure_recovery_key, make_network, totp_code
from tests.helpers import csrf_token, open_followup, receipt_from, submit_report
from tests.reporting.test_uploads import photo_with_gps


@pytest.fixture
def filed(app: Flask, session: Session, staff: Any, login: Any) -> dict[str, Any]:
    network = make_network(session)
    ensure_recovery_key(session)
    user, secret = staff(name="Fatou Diallo", networks=[network])
    session.commit()
    reporter = https_client(app)
    receipt = receipt_from(submit_report(
        reporter, what_happened="Le coordinateur a menacé un bénévole.",
        identity_choice="identified", name="Awa Ndiaye", contact="awa@example.org",
        attachments=[(io.BytesIO(photo_with_gps()), "photo.jpg")]))
    case = session.scalars(select(Case)).one()
    return {"case": case, "client": login(user, secret), "reporter": reporter,
            "receipt": receipt, "user": user, "secret": secret}


def events(session: Session, action: Action) -> list[AuditEvent]:
    return list(session.scalars(select(AuditEvent).where(AuditEvent.action == action)))


def test_focal_point_reads_the_report_and_each_opening_is_logged(
    filed: dict[str, Any], session: Session
) -> None:
    page = filed["client"].get(f"/staff/cases/{filed['case'].public_id}")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Le coordinateur a menacé un bénévole." in html
    assert "Awa Ndiaye" not in html  # identity stays hidden until deliberately revealed
    assert "Acknowledge" in html
    assert len(events(session, Action.CASE_OPENED)) == 1
    # The reporter's choices read as the form showed them, not as stored codes.
    assert "<dd>Board or steering committee member</dd>" in html
    assert "<dd>No</dd>" in html
    assert "<dd>Myself</dd>" in html
    assert "<dd>board</dd>" not in html


def test_the_reporters_choices_read_in_the_handlers_language(filed: dict[str, Any]) -> None:
    html = filed["client"].get(f"/staff/cases/{filed['case'].public_id}?lang=fr") \
        .get_data(as_text=True)
    assert "<dd>Membre du conseil d’administration ou du comité de pilotage</dd>" in html
    assert "<dd>Pour moi</dd>" in html


def test_acknowledging_and_replying_reach_the_reporter_in_their_language(
    filed: dict[str, Any], session: Session
) -> None:
    client, case = filed["client"], filed["case"]
    base = f"/staff/cases/{case.public_id}"
    token = csrf_token(client, base)
    assert client.post(f"{base}/action/acknowledge", data={"csrf_token": token}) \
        .status_code == 303
    token = csrf_token(client, base)
    client.post(f"{base}/messages", data={"body": "Merci, nous vous contactons bientôt.",
                                          "csrf_token": token})
    session.refresh(case)
    assert case.status == CaseStatus.ACKNOWLEDGED
    reporter = filed["reporter"]
    reporter.get("/follow-up?lang=fr")
    open_followup(reporter, filed["receipt"])
    page = reporter.get("/follow-up/case").get_data(as_text=True)
    assert "Merci, nous vous contactons bientôt." in page
    assert "Accusé de réception" in page or "accusé" in page.lower()
    assert "auto:acknowledged" not in page


def test_an_action_the_table_refuses_is_explained_not_crashed(filed: dict[str, Any]) -> None:
    client, case = filed["client"], filed["case"]
    base = f"/staff/cases/{case.public_id}"
    token = csrf_token(client, base)
    response = client.post(f"{base}/action/close", data={"csrf_token": token},
                           follow_redirects=True)
    assert response.status_code == 200
    assert "Done:" not in response.get_data(as_text=True)


def test_identity_reveal_needs_step_up_and_is_recorded(
    filed: dict[str, Any], session: Session, clock: list[Any]
) -> None:
    import datetime as dt  # noqa: PLC0415

    client, case = filed["client"], filed["case"]
    url = f"/staff/cases/{case.public_id}/identity"
    first = client.get(url)
    assert first.status_code == 303
    assert "/staff/step-up" in first.headers["Location"]
    clock[0] += dt.timedelta(seconds=31)
    token = csrf_token(client, first.headers["Location"])
    done = client.post("/staff/step-up", data={
        "password": PASSWORD, "code": totp_code(filed["secret"], clock[0]), "next": url,
        "csrf_token": token})
    assert done.status_code == 303
    page = client.get(url).get_data(as_text=True)
    assert "Awa Ndiaye" in page
    assert len(events(session, Action.IDENTITY_REVEALED)) == 1


def test_attachments_download_clean_by_default_and_original_on_request(
    filed: dict[str, Any], session: Session
) -> None:
    client, case = filed["client"], filed["case"]
    html = client.get(f"/staff/cases/{case.public_id}").get_data(as_text=True)
    link = re.search(r'href="(/staff/cases/[^"]+/attachments/[^"?]+)"', html)
    assert link is not None
    clean = client.get(link.group(1))
    assert clean.status_code == 200
    assert clean.headers["Content-Disposition"].startswith("attachment;")
    assert b"SpyPhone" not in clean.data
    with Image.open(io.BytesIO(clean.data)) as image:
        assert not image.getexif()
    original = client.get(link.group(1) + "?original=1")
    assert b"SpyPhone" in original.data
    variants = [e.details["variant"] for e in events(session, Action.ATTACHMENT_OPENED)]
    assert variants == ["sanitised", "original"]


def test_declaring_a_conflict_hides_the_case(filed: dict[str, Any], session: Session) -> None:
    client, case = filed["client"], filed["case"]
    base = f"/staff/cases/{case.public_id}"
    token = csrf_token(client, base)
    assert client.post(f"{base}/conflict", data={"csrf_token": token}).status_code == 303
    assert client.get(base).status_code == 404
    assert case.reference not in client.get("/staff/cases/").get_data(as_text=True)
    assert len(events(session, Action.RECUSAL_DECLARED)) == 1


def test_other_network_cannot_open_it(app: Flask, filed: dict[str, Any], session: Session,
                                      staff: Any, login: Any) -> None:
    other_net = make_network(session, slug="brasil", name="Brasil")
    other, secret = staff(name="Olga Other", networks=[other_net])
    client: FlaskClient = login(other, secret)
    assert client.get(f"/staff/cases/{filed['case'].public_id}").status_code == 404
    assert len(events(session, Action.PERMISSION_DENIED)) == 1
