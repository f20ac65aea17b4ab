"""The database says no (read-only, disk full, gone): a clear page in the reporter's
language with their text kept, never a traceback, nothing half-stored, nothing logged."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import event, func, select, text
from sqlalchemy.orm import Session

from cases.models import Case
from config import Settings
from tests.conftest import ON_POSTGRES, FreshDatabase, https_client
from tests.factories import ensure_recovery_key, make_network
from tests.helpers import csrf_token, report_form
from web import create_app

MARKER = "texte-à-garder-7781"
FRENCH_HEADING = "Votre signalement n’a pas pu être enregistré"


@pytest.fixture
def prepared(fresh_database: FreshDatabase) -> FreshDatabase:
    with Session(fresh_database.engine) as session:
        make_network(session)
        ensure_recovery_key(session)
        session.commit()
    return fresh_database


def french_reporter(app: Flask) -> tuple[Any, str]:
    """A reporter who opened the form while the database was still fine."""
    client = https_client(app)
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "fr"
    return client, csrf_token(client, "/report")


def file_in_french(client: Any, token: str) -> Any:
    return client.post("/report", data=report_form(csrf_token=token, what_happened=MARKER),
                       content_type="multipart/form-data")


def assert_kept_and_clear(response: Any) -> None:
    page = response.get_data(as_text=True)
    assert response.status_code == 503
    assert MARKER in page, "the reporter's text was lost"
    assert FRENCH_HEADING in page
    assert 'lang="fr"' in page
    assert "Traceback" not in page
    assert "sqlalchemy" not in page.lower()


def case_count(fresh: FreshDatabase) -> int:
    with Session(fresh.engine) as session:
        return session.scalar(select(func.count()).select_from(Case)) or 0


@pytest.fixture
def log_lines() -> Iterator[list[logging.LogRecord]]:
    records: list[logging.LogRecord] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record)

    handler = Keep()
    logging.getLogger().addHandler(handler)
    yield records
    logging.getLogger().removeHandler(handler)


def test_read_only_database_keeps_the_text_and_stores_nothing(
        prepared: FreshDatabase, fresh_app: Flask, log_lines: list[logging.LogRecord]) -> None:
    engine = prepared.engine
    reporter, token = french_reporter(fresh_app)
    staff = https_client(fresh_app)
    staff_token = csrf_token(staff, "/staff/login")
    if ON_POSTGRES:
        name = engine.url.database
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text(f'ALTER DATABASE "{name}" SET default_transaction_read_only = on'))
    else:
        @event.listens_for(engine, "connect")
        def _read_only(dbapi_connection: Any, _record: Any) -> None:
            dbapi_connection.execute("PRAGMA query_only = ON")
    engine.dispose()
    # (On SQLite even reading needs the write lock, so a new visitor gets the 503 page.)
    assert_kept_and_clear(file_in_french(reporter, token))
    # Staff pages say "try again" too, without a traceback.
    answer = staff.post("/staff/login", data={"email": "a@example.org", "password": "x" * 16,
                                              "csrf_token": staff_token})
    assert answer.status_code == 503
    assert "Traceback" not in answer.get_data(as_text=True)
    if ON_POSTGRES:
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("SET default_transaction_read_only = off"))
            conn.execute(text(f'ALTER DATABASE "{name}" RESET default_transaction_read_only'))
    else:
        event.remove(engine, "connect", _read_only)
    engine.dispose()
    assert case_count(prepared) == 0
    assert not [r for r in log_lines if MARKER in r.getMessage() or MARKER in str(r.__dict__)]


@pytest.mark.skipif(ON_POSTGRES, reason="fills the SQLite file; PostgreSQL: see soak/")
def test_full_disk_keeps_the_text_and_stores_nothing(prepared: FreshDatabase,
                                                     fresh_app: Flask) -> None:
    engine = prepared.engine

    @event.listens_for(engine, "connect")
    def _full(dbapi_connection: Any, _record: Any) -> None:
        pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")

    engine.dispose()
    big = report_form(what_happened=MARKER + " " + "x" * 19_000)
    client = https_client(fresh_app)
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "fr"
    big["csrf_token"] = csrf_token(client, "/report")
    response = client.post("/report", data=big, content_type="multipart/form-data")
    assert_kept_and_clear(response)
    event.remove(engine, "connect", _full)
    engine.dispose()
    assert case_count(prepared) == 0


def test_database_gone_keeps_the_text(fresh_app: Flask) -> None:
    """Nothing listens on the database port: even the network list cannot be read."""
    settings: Settings = fresh_app.config["SETTINGS"]
    gone = create_app(Settings(**{**settings.__dict__,
                                  "database_url": "postgresql+psycopg://x@127.0.0.1:9/none"}),
                      connect_args={"connect_timeout": 2})
    client = https_client(gone)
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "fr"
    form_page = client.get("/report")
    assert form_page.status_code == 503  # the "briefly unavailable" page
    assert "Traceback" not in form_page.get_data(as_text=True)
    assert client.get("/healthz").status_code == 503
    # A reporter who loaded the form before the database went away still has their text.
    working = https_client(fresh_app)
    token = csrf_token(working, "/report")
    client.set_cookie("__Host-session", working.get_cookie("__Host-session").value,
                      domain="localhost")
    response = client.post("/report", data=report_form(csrf_token=token, what_happened=MARKER,
                                                       excluded_staff="someone"),
                           content_type="multipart/form-data")
    assert_kept_and_clear(response)
    assert 'value="someone"' in response.get_data(as_text=True)  # the exclusion survives


def test_staff_pages_say_try_again_when_the_database_dies(
        prepared: FreshDatabase, fresh_app: Flask, clock: list[Any]) -> None:
    """Found by the soak: a logged-in focal point got a 500 (the error page itself asked the
    dead database who was logged in); it must be the same clear 503 as everyone else."""
    from tests.factories import PASSWORD, make_staff, totp_code  # noqa: PLC0415
    from tests.helpers import staff_login  # noqa: PLC0415

    with Session(prepared.engine) as session:
        user, secret = make_staff(session, secret_key=fresh_app.config["SETTINGS"].secret_key,
                                  now=clock[0])
        session.commit()
        email = user.email
    client = https_client(fresh_app)
    assert staff_login(client, email, PASSWORD, totp_code(secret, clock[0])).status_code == 303
    assert client.get("/staff/cases/").status_code == 200
    engine = prepared.engine

    @event.listens_for(engine, "connect")
    def _gone(_dbapi_connection: Any, _record: Any) -> None:
        raise engine.dialect.loaded_dbapi.OperationalError("the database went away")

    engine.dispose()
    try:
        for path in ("/staff/cases/", "/staff/", "/staff/account/password"):
            response = client.get(path)
            assert response.status_code == 503, path
            assert "Traceback" not in response.get_data(as_text=True)
    finally:
        event.remove(engine, "connect", _gone)
        engine.dispose()
    assert client.get("/staff/cases/").status_code == 200  # and back by itself
