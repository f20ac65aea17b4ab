"""Shared fixtures: settings, a migrated database, a per-test transaction, clients.

The schema is built by the migrations, never by `create_all`, so the tests
exercise what production runs. DATABASE_URL selects PostgreSQL; the default is
a SQLite file in a temporary folder.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import Connection, Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

import db
import migrations
from config import Settings
from web import create_app

DATABASE_URL = os.environ.get("DATABASE_URL", "")
ON_POSTGRES = DATABASE_URL.startswith("postgres")
FIXED_NOW = dt.datetime(2026, 11, 2, 9, 30, tzinfo=dt.UTC)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    skip_pg = pytest.mark.skip(reason="needs PostgreSQL: run with DATABASE_URL=postgresql://...")
    for item in items:
        if "postgres" in item.keywords and not ON_POSTGRES:
            item.add_marker(skip_pg)
    # Tests that read a background model build run last, so the build overlaps the rest.
    items.sort(key=lambda item: "model_build" in item.keywords)


# The full classifier build takes minutes of one core and reads no database. It starts in a
# child process as soon as the tests are collected, on the core pytest leaves idle; the test
# that compares it with the committed model runs last. The PostgreSQL pass leaves it out.
_MODEL_BUILD = pytest.StashKey[tuple[subprocess.Popen[bytes], Path]]()


def pytest_collection_finish(session: pytest.Session) -> None:
    if ON_POSTGRES or not any("model_build" in item.keywords for item in session.items):
        return
    out = Path(tempfile.mkdtemp(prefix="redevable-model-")) / "model.json"
    process = subprocess.Popen(  # noqa: S603 - our own module, fixed arguments
        [sys.executable, "-m", "classification.build", "--out", str(out)],
        cwd=Path(__file__).resolve().parents[1],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    session.config.stash[_MODEL_BUILD] = (process, out)


def pytest_unconfigure(config: pytest.Config) -> None:
    build = config.stash.get(_MODEL_BUILD, None)
    if build is not None and build[0].poll() is None:
        build[0].kill()
        build[0].wait()


@pytest.fixture
def background_model_build(request: pytest.FixtureRequest) -> Path:
    """The model file that `python -m classification.build` wrote from the training data."""
    build = request.config.stash.get(_MODEL_BUILD, None)
    if build is None:
        pytest.skip("the background model build runs in the SQLite pass only")
    process, out = build
    _, errors = process.communicate(timeout=1800)
    assert process.returncode == 0, errors.decode(errors="replace")
    return out


def _settings(database_url: str) -> Settings:
    return Settings.from_env({"REDEVABLE_TESTING": "1", "DATABASE_URL": database_url})


def _reset_postgres(url: str) -> None:
    engine = create_engine(Settings.from_env({"REDEVABLE_TESTING": "1",
                                              "DATABASE_URL": url}).database_url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@dataclass
class FreshDatabase:
    """A database of its own for a test that must commit (raw-file checks, servers)."""

    url: str
    engine: Engine
    path: Path | None  # the SQLite file, when SQLite


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    if ON_POSTGRES:
        _reset_postgres(DATABASE_URL)
        return DATABASE_URL
    return f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite3'}"


@pytest.fixture(scope="session")
def engine(database_url: str) -> Iterator[Engine]:
    engine = db.make_engine(_settings(database_url).database_url)
    with engine.connect() as connection:
        migrations.upgrade(connection)
        connection.commit()
    yield engine
    engine.dispose()


@pytest.fixture
def connection(engine: Engine) -> Iterator[Connection]:
    """One outer transaction per test, rolled back at the end: tests never see each other."""
    with engine.connect() as connection:
        transaction = connection.begin()
        yield connection
        if transaction.is_active:
            transaction.rollback()


@pytest.fixture
def settings(database_url: str) -> Settings:
    return _settings(database_url)


@pytest.fixture
def clock() -> list[dt.datetime]:
    """The app's current time; tests move it with `clock[0] += timedelta(...)`."""
    return [FIXED_NOW]


@pytest.fixture
def app(settings: Settings, connection: Connection, engine: Engine,
        clock: list[dt.datetime]) -> Flask:
    app = create_app(settings)
    app.extensions["redevable.engine"] = engine
    app.extensions["redevable.sessionmaker"] = sessionmaker(
        bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False
    )
    app.extensions["redevable.clock"] = lambda: clock[0]
    return app


@pytest.fixture
def session(app: Flask) -> Iterator[Session]:
    """A session on the test's transaction, outside any app context.

    Holding an app context open here would make every test request share its
    `g` (and so its database session), unlike production.
    """
    factory: sessionmaker[Session] = app.extensions["redevable.sessionmaker"]
    with factory() as dbs:
        yield dbs


class HttpsClient(FlaskClient):
    """Every request over https://localhost, so Secure __Host- cookies behave as in a browser."""

    def open(self, *args: Any, **kwargs: Any) -> Any:  # type: ignore[override]
        kwargs.setdefault("base_url", "https://localhost")
        return super().open(*args, **kwargs)


def https_client(app: Flask) -> FlaskClient:
    app.test_client_class = HttpsClient
    return app.test_client()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return https_client(app)


@pytest.fixture
def fresh_database(tmp_path: Path) -> Iterator[FreshDatabase]:
    """A new, migrated, empty database that the test may commit to; dropped afterwards."""
    if ON_POSTGRES:
        name = f"redevable_t_{uuid.uuid4().hex[:12]}"
        admin_url = _settings(DATABASE_URL).database_url
        admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        url = make_url(admin_url).set(database=name).render_as_string(hide_password=False)
        path = None
    else:
        path = tmp_path / "fresh.sqlite3"
        url = f"sqlite:///{path}"
    engine = db.make_engine(url)
    with engine.connect() as conn:
        migrations.upgrade(conn)
        conn.commit()
    yield FreshDatabase(url=url, engine=engine, path=path)
    engine.dispose()
    if ON_POSTGRES:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def fresh_app(fresh_database: FreshDatabase, clock: list[dt.datetime]) -> Flask:
    """An app on `fresh_database` whose commits are real."""
    app = create_app(_settings(fresh_database.url))
    app.extensions["redevable.engine"] = fresh_database.engine
    app.extensions["redevable.sessionmaker"] = sessionmaker(
        bind=fresh_database.engine, expire_on_commit=False
    )
    app.extensions["redevable.clock"] = lambda: clock[0]
    return app



@pytest.fixture
def staff(session: Session, settings: Settings, clock: list[dt.datetime]) -> Any:
    """Make an active staff member: `user, secret = staff(role=..., networks=[...])`."""
    from tests.factories import make_staff  # noqa: PLC0415

    def make(**kwargs: Any) -> Any:
        user, secret = make_staff(session, secret_key=settings.secret_key, now=clock[0], **kwargs)
        session.commit()
        return user, secret

    return make


@pytest.fixture
def login(app: Flask, clock: list[dt.datetime]) -> Any:
    """Log someone in on a client of their own (password, then a TOTP code)."""
    from tests.factories import PASSWORD, totp_code  # noqa: PLC0415
    from tests.helpers import staff_login  # noqa: PLC0415

    def do(user: Any, secret: str, client: FlaskClient | None = None) -> FlaskClient:
        client = client or https_client(app)
        response = staff_login(client, user.email, PASSWORD, totp_code(secret, clock[0]))
        assert response.status_code == 303, response.get_data(as_text=True)[:500]
        return client

    return do


@pytest.fixture
def ready(session: Session) -> Session:
    """A network to report to and a recovery key: the minimum to accept a report."""
    from tests.factories import ensure_recovery_key, make_network  # noqa: PLC0415

    make_network(session)
    ensure_recovery_key(session)
    session.commit()
    return session
