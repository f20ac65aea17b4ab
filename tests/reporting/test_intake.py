"""The anonymous intake: validation keeps what was typed, a good report becomes a sealed case."""

from __future__ import annotations

import io
import json

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cases.models import Case, CaseKeyWrap, CaseStatus, Channel, HolderKind
from config import Settings
from crypto import open_
from db import db_session
from tests.conftest import FreshDatabase, https_client
from tests.factories import ensure_recovery_key, make_network
from tests.helpers import csrf_token, receipt_from, report_form, submit_report


def case_count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Case)) or 0


def test_complete_report_becomes_sealed_case_with_receipt(client: FlaskClient,
                                                          ready: Session) -> None:
    response = submit_report(client, what_happened="Le trésorier garde l'argent chez lui.")
    assert response.status_code == 200
    receipt = receipt_from(response)
    assert len(receipt.replace("-", "")) == 20
    case = ready.scalars(select(Case)).one()
    assert case.status == CaseStatus.RECEIVED
    assert case.channel == Channel.COMPLAINT
    assert case.network.slug == "senegal"
    assert case.report_sealed is not None
    assert b"tr\xc3\xa9sorier" not in case.report_sealed
    holders = {wrap.holder_kind for wrap in case.key_wraps}
    assert holders == {HolderKind.RECOVERY, HolderKind.REPORTER}
    # The acknowledgement deadline is 7 days after receipt (EU 2019/1937 Art. 9(1)(b)).
    assert (case.ack_due_at - case.received_at).days == 7


def test_receipt_is_not_in_url_cookie_or_headers(client: FlaskClient, ready: Session) -> None:
    response = submit_report(client)
    receipt = receipt_from(response)
    assert receipt not in str(response.headers)
    assert response.headers["Cache-Control"].startswith("no-store")
    for cookie in client._cookies.values():
        assert receipt not in cookie.value
        assert receipt.replace("-", "") not in cookie.value


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"what_happened": ""}, "what_happened"),
        ({"what_happened": "x" * 20_001}, "what_happened"),
        ({"network": ""}, "network"),
        ({"network": "atlantis"}, "network"),
        ({"danger_now": ""}, "danger_now"),
        ({"child_involved": ""}, "child_involved"),
        ({"on_behalf": "other", "consent": ""}, "consent"),
        ({"identity_choice": "identified", "name": "  "}, "name"),
        ({"channel": "gossip"}, "channel"),
        ({"website": "http://spam.example"}, "website"),
    ],
)
def test_invalid_report_rerenders_with_everything_typed(
    client: FlaskClient, ready: Session, overrides: dict[str, str], field: str
) -> None:
    kept = {"when": "Since last Easter, still going on", "location": "Thiès regional office",
            "outcome": "I want it to stop and the money returned"}
    if field != "what_happened":
        kept["what_happened"] = "Le trésorier garde l'argent des cotisations chez lui <b>."
    response = submit_report(client, **kept, **overrides)
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert 'class="error-summary"' in page
    assert f'href="#{field}"' in page
    for value in kept.values():
        # Jinja escapes what it shows back, so the typed text is there, inert.
        assert value.replace("'", "&#39;").replace("<", "&lt;").replace(">", "&gt;") in page
    assert case_count(ready) == 0


def test_missing_csrf_token_keeps_the_text_and_stores_nothing(client: FlaskClient,
                                                              ready: Session) -> None:
    data = report_form(what_happened="Une histoire que je ne veux pas retaper")
    response = client.post("/report", data=data, content_type="multipart/form-data")
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Une histoire que je ne veux pas retaper" in page
    assert "send it again" in page
    assert case_count(ready) == 0


def test_form_is_offered_in_each_language(client: FlaskClient, ready: Session) -> None:
    expected = {
        "en": "What happened?",
        "fr": "Que s’est-il passé\u00a0?",
        "es": "¿Qué pasó?",
        "pt": "O que aconteceu?",
    }
    for lang, question in expected.items():
        page = client.get("/report", headers={"Accept-Language": lang}).get_data(as_text=True)
        assert f'<html lang="{lang}">' in page
        assert question in page, lang


def test_switcher_choice_beats_accept_language(client: FlaskClient, ready: Session) -> None:
    client.get("/report?lang=pt", headers={"Accept-Language": "fr"})
    page = client.get("/report", headers={"Accept-Language": "fr"}).get_data(as_text=True)
    assert '<html lang="pt">' in page


def test_validation_message_is_in_the_reporters_language(client: FlaskClient,
                                                         ready: Session) -> None:
    client.get("/report?lang=es")
    response = submit_report(client, what_happened="")
    assert "Por favor, describa lo que pasó." in response.get_data(as_text=True)


def test_too_many_files_are_refused_with_text_kept(client: FlaskClient, ready: Session) -> None:
    files = [(io.BytesIO(b"x"), f"f{i}.txt") for i in range(6)]
    response = submit_report(client, what_happened="texte gardé", attachments=files)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "at most 5 files" in page
    assert "texte gardé" in page
    assert "choose your files again" in page
    assert case_count(ready) == 0


def test_oversized_file_is_refused_with_text_kept(settings, connection, engine,  # type: ignore[no-untyped-def]
                                                  ready: Session) -> None:
    from dataclasses import replace  # noqa: PLC0415

    from sqlalchemy.orm import sessionmaker  # noqa: PLC0415

    from tests.conftest import https_client  # noqa: PLC0415
    from web import create_app  # noqa: PLC0415

    small = create_app(replace(settings, max_attachment_bytes=1024))
    small.extensions["redevable.sessionmaker"] = sessionmaker(
        bind=connection, join_transaction_mode="create_savepoint")
    client = https_client(small)
    big = (io.BytesIO(b"A" * 5000), "scan.pdf")
    response = submit_report(client, what_happened="mon texte long", attachments=[big])
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "scan.pdf is larger than" in page
    assert "mon texte long" in page
    assert case_count(ready) == 0


def test_feedback_channel_is_recorded(client: FlaskClient, ready: Session) -> None:
    submit_report(client, channel="feedback", what_happened="The workshop venue was too far.")
    assert ready.scalars(select(Case)).one().channel == Channel.FEEDBACK


def test_child_answer_sets_urgent_flag_and_triage_clock(client: FlaskClient,
                                                       ready: Session) -> None:
    response = submit_report(client, child_involved="yes",
                             what_happened="The coach sends messages to a boy in the team.")
    page = response.get_data(as_text=True)
    case = ready.scalars(select(Case)).one()
    assert case.flag_minor_involved
    assert case.triage_due_at is not None
    assert (case.triage_due_at - case.received_at).total_seconds() == 24 * 3600
    # Safety guidance comes before the receipt.
    assert page.index("If someone is in danger right now") < page.index("Your receipt")


def test_danger_answer_shows_what_to_do_first(client: FlaskClient, ready: Session) -> None:
    response = submit_report(client, danger_now="yes")
    page = response.get_data(as_text=True)
    assert page.index("call your local emergency number") < page.index("Your receipt")
    assert ready.scalars(select(Case)).one().flag_immediate_danger


def test_without_recovery_key_nothing_is_stored_and_text_is_kept(client: FlaskClient,
                                                                 session: Session) -> None:
    make_network(session)
    session.commit()
    response = submit_report(client, what_happened="garder ce texte")
    assert response.status_code == 503
    assert "garder ce texte" in response.get_data(as_text=True)
    assert case_count(session) == 0


def test_identity_is_sealed_separately(client: FlaskClient, ready: Session) -> None:
    submit_report(client, identity_choice="identified", name="Awa Diop", contact="awa@example.org")
    case = ready.scalars(select(Case)).one()
    assert case.identity_sealed is not None
    assert b"Awa" not in case.identity_sealed
    assert b"Awa" not in (case.report_sealed or b"")


def test_recovery_key_opens_the_report(client: FlaskClient, session: Session) -> None:
    from crypto import unwrap_data_key  # noqa: PLC0415
    from keyring.services import active_recovery_key  # noqa: PLC0415
    from reporting.services import recovery_context, report_where  # noqa: PLC0415

    make_network(session)
    pair = ensure_recovery_key(session)
    assert pair is not None
    session.commit()
    submit_report(client, what_happened="recoverable words")
    case = session.scalars(select(Case)).one()
    wrap = session.scalars(select(CaseKeyWrap).where(
        CaseKeyWrap.holder_kind == HolderKind.RECOVERY)).one()
    key = unwrap_data_key(pair.private, wrap.wrapped_key,
                          recovery_context(case, active_recovery_key(session)))
    answers = json.loads(open_(key, case.report_sealed or b"", report_where(case)))
    assert answers["what_happened"] == "recoverable words"


def test_csrf_token_is_required_on_follow_up(client: FlaskClient, ready: Session) -> None:
    response = client.post("/follow-up", data={"receipt": "AAAA-BBBB-CCCC-DDDD-EEEE"})
    assert response.status_code == 400
    assert csrf_token(client, "/follow-up")


def test_a_taken_reference_is_drawn_again_in_the_same_transaction(
        client: FlaskClient, ready: Session, monkeypatch: pytest.MonkeyPatch) -> None:
    from reporting import services  # noqa: PLC0415

    submit_report(client, what_happened="The first report.")
    taken = ready.scalars(select(Case.reference)).one()
    drawn = iter([taken, taken, "RDV-FRESH-0001"])
    monkeypatch.setattr(services, "new_reference", lambda prefix="RDV": next(drawn))
    response = submit_report(client, what_happened="The second report.")
    assert response.status_code == 200
    assert sorted(ready.scalars(select(Case.reference))) == sorted([taken, "RDV-FRESH-0001"])
    second = ready.scalars(select(Case).where(Case.reference == "RDV-FRESH-0001")).one()
    assert len(second.key_wraps) == 2  # recovery and reporter: nothing written twice


def test_staff_wraps_name_the_key_they_were_sealed_to(client: FlaskClient, ready: Session,
                                                      settings: Settings) -> None:
    from auth.services import key_fingerprint  # noqa: PLC0415
    from networks.models import Network  # noqa: PLC0415
    from tests.factories import make_staff  # noqa: PLC0415

    network = ready.scalars(select(Network).where(Network.slug == "senegal")).one()
    person, _ = make_staff(ready, name="Awa Focal", networks=[network],
                           secret_key=settings.secret_key)
    ready.commit()
    submit_report(client)
    wraps = {w.holder_kind: w for w in ready.scalars(select(Case)).one().key_wraps}
    assert wraps[HolderKind.STAFF].holder_id == person.id
    assert person.public_key is not None
    assert wraps[HolderKind.STAFF].recipient_fpr == key_fingerprint(person.public_key)
    assert wraps[HolderKind.RECOVERY].recipient_fpr is None


def test_each_reporter_sees_only_their_own_receipt(client: FlaskClient, ready: Session) -> None:
    first = submit_report(client).get_data(as_text=True)
    second = submit_report(client).get_data(as_text=True)
    one, two = (receipt_from_page(page) for page in (first, second))
    assert one != two
    assert one not in second
    assert two not in first
    assert "\x00" not in first + second
    # Everything but the receipt is the same page.
    def without(page: str, receipt: str) -> str:
        for part in [receipt, *receipt.split("-")]:
            page = page.replace(part, "R")
        return page

    assert without(first, one) == without(second, two)
    for group in one.split("-"):
        assert f'<span class="group">{group}' in first


def receipt_from_page(page: str) -> str:
    import re  # noqa: PLC0415

    found = re.search(r'id="receipt-copy"[^>]*value="([0-9A-Z-]{24})"', page)
    assert found
    return found.group(1)


def test_a_submission_is_one_write_transaction_and_on_postgresql_one_in_all(
        fresh_app: Flask, fresh_database: FreshDatabase) -> None:
    from sqlalchemy import event  # noqa: PLC0415

    with fresh_app.app_context():
        dbs = db_session()
        make_network(dbs)
        ensure_recovery_key(dbs)
        dbs.commit()
    client = https_client(fresh_app)
    token = csrf_token(client, "/report")
    engine = fresh_app.extensions["redevable.engine"]
    begins: list[object] = []
    count = begins.append  # one bound method, so that it can be removed again
    event.listen(engine, "begin", count)
    try:
        response = client.post("/report", data={**report_form(), "csrf_token": token},
                               content_type="multipart/form-data")
    finally:
        event.remove(engine, "begin", count)
    assert response.status_code == 200
    # SQLite: the directory, then the network and keys (reads), then the write.
    assert len(begins) == (1 if engine.dialect.name == "postgresql" else 3)
