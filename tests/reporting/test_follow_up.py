"""Coming back with the receipt: right, wrong, malformed, throttled; messages both ways."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from cases.models import Author, Case, CaseKeyWrap, CaseMessage, CaseStatus, HolderKind
from crypto import (
    DataKey,
    derive_receipt_keys,
    open_reporter_wrap,
    seal_reporter_wrap,
    seal_text,
)
from keyring.services import KDF_PARAMS
from reporting import services
from reporting.models import ReporterSession
from reporting.views import RECEIPT_TRIES_PER_CLIENT
from tests.factories import ensure_recovery_key, make_network
from tests.helpers import csrf_token, open_followup, receipt_from, submit_report


@pytest.fixture
def receipt(client: FlaskClient, session: Session) -> str:
    make_network(session)
    ensure_recovery_key(session)
    session.commit()
    return receipt_from(submit_report(client, what_happened="Il me menace depuis mars."))


def test_right_receipt_opens_the_case_page(client: FlaskClient, receipt: str) -> None:
    response = open_followup(client, receipt)
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/follow-up/case")
    page = client.get("/follow-up/case").get_data(as_text=True)
    assert "Where it stands:" in page
    assert "Received" in page
    assert "You can expect an acknowledgement by" in page


@pytest.mark.parametrize("variant", [str.lower, lambda r: r.replace("-", " "),
                                     lambda r: r.replace("-", "")])
def test_receipt_typed_differently_still_opens(client: FlaskClient, receipt: str,
                                               variant: object) -> None:
    assert callable(variant)
    assert open_followup(client, variant(receipt)).status_code == 303


@pytest.mark.parametrize("typed", ["AAAA-BBBB-CCCC-DDDD-EEEE", "not a receipt", "1234"])
def test_wrong_receipts_get_the_same_answer(client: FlaskClient, receipt: str,
                                            typed: str) -> None:
    response = open_followup(client, typed)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "We could not find a report with this receipt" in page
    assert typed not in page  # the wrong guess is not echoed back
    assert client.get("/follow-up/case").status_code == 303


def test_purged_case_answers_like_a_wrong_receipt(client: FlaskClient, receipt: str,
                                                  session: Session) -> None:
    case = session.scalars(select(Case)).one()
    case.status = CaseStatus.PURGED
    session.commit()
    response = open_followup(client, receipt)
    assert response.status_code == 400
    assert "We could not find a report with this receipt" in response.get_data(as_text=True)


def test_guessing_is_throttled_and_even_the_right_receipt_waits(client: FlaskClient,
                                                                receipt: str) -> None:
    for _ in range(RECEIPT_TRIES_PER_CLIENT):
        assert open_followup(client, "AAAA-BBBB-CCCC-DDDD-EEEE").status_code == 400
    response = open_followup(client, receipt)
    assert response.status_code == 429
    assert "Too many attempts" in response.get_data(as_text=True)


def test_throttle_window_expires(app: Flask, client: FlaskClient, receipt: str) -> None:
    throttle = app.extensions["redevable.throttle"]
    for _ in range(RECEIPT_TRIES_PER_CLIENT + 1):
        open_followup(client, "AAAA-BBBB-CCCC-DDDD-EEEE")
    throttle.reset("receipt", "127.0.0.1")
    assert open_followup(client, receipt).status_code == 303


def test_reporter_reads_staff_reply_and_answers(client: FlaskClient, receipt: str,
                                                session: Session, app: Flask) -> None:
    open_followup(client, receipt)
    case = session.scalars(select(Case)).one()
    row = session.scalars(select(ReporterSession)).one()
    # A staff reply, sealed the way the handler side will seal it.
    with app.test_request_context():
        found = services.open_with_receipt(session, receipt, pepper=app.config["SETTINGS"]
                                           .receipt_pepper, legacy_params=KDF_PARAMS["test"])
    assert found is not None
    assert row.case_id == case.id
    _, key = found
    message = CaseMessage(public_id="11111111-2222-3333-4444-555555555555", case=case,
                          author=Author.STAFF, body_sealed=b"")
    message.body_sealed = seal_text(key, "Merci, nous avons bien reçu.",
                                    services.message_where(case, message))
    session.add(message)
    session.commit()

    page = client.get("/follow-up/case").get_data(as_text=True)
    assert "Merci, nous avons bien reçu." in page
    session.refresh(message)
    assert message.read_at is not None

    token = csrf_token(client, "/follow-up/case")
    response = client.post("/follow-up/case", data={
        "body": "Il y a eu une autre menace hier.", "csrf_token": token,
        "attachments": [(io.BytesIO(b"%PDF-1.4 proof"), "preuve.pdf")]},
        content_type="multipart/form-data")
    assert response.status_code == 303
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Il y a eu une autre menace hier." in page
    assert "Your message was sent." in page
    session.refresh(case)
    assert len(case.attachments) == 1
    assert case.attachments[0].author == Author.REPORTER


def test_empty_reply_keeps_the_page_with_an_error(client: FlaskClient, receipt: str) -> None:
    open_followup(client, receipt)
    token = csrf_token(client, "/follow-up/case")
    response = client.post("/follow-up/case", data={"body": "", "csrf_token": token})
    assert response.status_code == 400
    assert "Please write a message." in response.get_data(as_text=True)


def test_follow_up_session_expires_on_inactivity(client: FlaskClient, receipt: str,
                                                 clock: list[dt.datetime]) -> None:
    open_followup(client, receipt)
    assert client.get("/follow-up/case").status_code == 200
    clock[0] += dt.timedelta(minutes=21)
    assert client.get("/follow-up/case").status_code == 303


def test_leaving_ends_the_session(client: FlaskClient, receipt: str, session: Session) -> None:
    open_followup(client, receipt)
    token = csrf_token(client, "/follow-up/case")
    assert client.post("/follow-up/leave", data={"csrf_token": token}).status_code == 303
    assert client.get("/follow-up/case").status_code == 303
    assert session.scalars(select(ReporterSession)).first() is None


def test_session_row_alone_cannot_open_the_case_key(client: FlaskClient, receipt: str,
                                                    session: Session) -> None:
    open_followup(client, receipt)
    row = session.scalars(select(ReporterSession)).one()
    case = session.scalars(select(Case)).one()
    # Without the cookie's token the stored key is useless: guessing a token fails.
    assert services.resume_reporter_session(session, "00" * 32, now=row.created_at,
                                            minutes=20) is None
    assert row.sealed_key
    assert case.report_sealed


def test_a_receipt_from_before_scheme_2_opens_once_and_is_moved_to_it(
    client: FlaskClient, receipt: str, session: Session, app: Flask
) -> None:
    pepper = app.config["SETTINGS"].receipt_pepper
    case = session.scalars(select(Case)).one()
    current = derive_receipt_keys(receipt, pepper)
    legacy = derive_receipt_keys(receipt, pepper, KDF_PARAMS["test"])
    assert case.receipt_lookup == current.lookup  # new cases use scheme 2
    # Make it a case from before: scheme 1 lookup, reporter wrap under the scheme 1 key.
    wrap = session.scalars(select(CaseKeyWrap).where(
        CaseKeyWrap.case_id == case.id, CaseKeyWrap.holder_kind == HolderKind.REPORTER)).one()
    data_key = open_reporter_wrap(DataKey(current.wrap_key), wrap.wrapped_key,
                                  services.reporter_wrap_where(case))
    wrap.wrapped_key = seal_reporter_wrap(DataKey(legacy.wrap_key), data_key,
                                          services.reporter_wrap_where(case))
    case.receipt_lookup = legacy.lookup
    session.commit()
    # Without the scheme 1 parameters the old receipt finds nothing.
    assert services.open_with_receipt(session, receipt, pepper=pepper,
                                      legacy_params=None) is None

    assert open_followup(client, receipt).status_code == 303
    assert "Where it stands:" in client.get("/follow-up/case").get_data(as_text=True)
    session.expire_all()
    moved = session.get(Case, case.id)
    assert moved is not None
    assert moved.receipt_lookup == current.lookup
    found = services.open_with_receipt(session, receipt, pepper=pepper, legacy_params=None)
    assert found is not None
    assert found[1] == data_key
