"""The empty intake form is rendered once per language and directory, never shared stale."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import text
from sqlalchemy.orm import Session

from config import Settings
from db import db_session
from reporting import views
from tests.conftest import FreshDatabase, https_client
from tests.factories import ensure_recovery_key, make_network, make_staff
from tests.helpers import CSRF_INPUT_RE, csrf_token, receipt_from, submit_report


def test_each_reader_gets_their_own_working_token(app: Flask, ready: Session) -> None:
    first, second = https_client(app), https_client(app)
    token_one, token_two = csrf_token(first, "/report"), csrf_token(second, "/report")
    assert token_one != token_two
    assert views._CSRF_PLACEHOLDER not in first.get("/report").get_data(as_text=True)
    # A token only works in the session it was given to.
    swapped = submit_report(first, csrf_token=token_two)
    assert swapped.status_code == 400
    assert receipt_from(submit_report(first, csrf_token=token_one))


def csrf_of(page: str) -> str:
    match = CSRF_INPUT_RE.search(page)
    assert match is not None
    return match.group(0)


def test_the_page_follows_the_language(client: FlaskClient, ready: Session) -> None:
    english = client.get("/report?lang=en").get_data(as_text=True)
    french = client.get("/report?lang=fr").get_data(as_text=True)
    again = client.get("/report?lang=en").get_data(as_text=True)
    assert '<html lang="en">' in english
    assert "<h1>Make a report</h1>" in english
    assert '<html lang="fr">' in french
    assert "<h1>Faire un signalement</h1>" in french
    assert "Make a report" not in french
    assert again.replace(csrf_of(again), "") == english.replace(csrf_of(english), "")


def test_new_focal_points_and_closed_networks_show_at_once(
    client: FlaskClient, ready: Session, settings: Settings
) -> None:
    before = client.get("/report").get_data(as_text=True)
    assert "Awa Newcomer" not in before
    kenya = make_network(ready, slug="kenya", name="Kenya national network")
    make_staff(ready, name="Awa Newcomer", networks=[kenya],
               secret_key=settings.secret_key)
    ready.commit()
    after = client.get("/report").get_data(as_text=True)
    assert "Awa Newcomer (Kenya national network)" in after
    assert 'value="kenya"' in after

    kenya.active = False
    ready.commit()
    closed = client.get("/report").get_data(as_text=True)
    assert 'value="kenya"' not in closed


def test_the_form_opens_while_another_report_is_being_written(
    fresh_app: Flask, fresh_database: FreshDatabase
) -> None:
    with fresh_app.app_context():
        session = db_session()
        make_network(session)
        ensure_recovery_key(session)
        session.commit()
    client = https_client(fresh_app)
    with fresh_database.engine.connect() as writer:
        writer.begin()  # on SQLite: BEGIN IMMEDIATE, the write lock, held until the end
        writer.execute(text("UPDATE networks SET name = name"))
        page = client.get("/report")
        assert page.status_code == 200
        assert "Senegal national network" in page.get_data(as_text=True)
        writer.rollback()
