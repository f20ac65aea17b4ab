"""Guessing is throttled, the rightful person gets back in when the window ends, and no
client address is kept: with the in-process store and with Redis (db 15 on this machine)."""

from __future__ import annotations

import time
from dataclasses import replace
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from redis import Redis
from sqlalchemy import Connection, select
from sqlalchemy.orm import Session

import db
from config import Settings
from networks.models import Network
from tests.conftest import https_client
from tests.factories import PASSWORD, totp_code
from tests.helpers import csrf_token, open_followup, receipt_from, staff_login, submit_report

REDIS_TEST_URL = "redis://127.0.0.1:6379/15"
ADDRESS = "203.0.113.9"


def redis_answers() -> bool:
    try:
        return bool(Redis.from_url(REDIS_TEST_URL, socket_timeout=1).ping())
    except Exception:
        return False


@pytest.fixture(params=["memory", "redis"])
def settings(request: pytest.FixtureRequest, database_url: str) -> Settings:
    base = Settings.from_env({"REDEVABLE_TESTING": "1", "DATABASE_URL": database_url})
    if request.param == "redis":
        if not redis_answers():
            pytest.skip("Redis is not answering on 127.0.0.1:6379")
        return replace(base, redis_url=REDIS_TEST_URL)
    return base


def from_address(app: Flask, address: str) -> FlaskClient:
    client = https_client(app)
    client.environ_base["REMOTE_ADDR"] = address
    return client


def stored_keys(app: Flask) -> list[str]:
    store = app.extensions["redevable.throttle"].store
    if hasattr(store, "_counts"):
        return list(store._counts)
    return [k.decode() for k in store._redis.scan_iter("redevable:throttle:*")]


def assert_no_address_anywhere(app: Flask, connection: Connection) -> None:
    for key in stored_keys(app):
        assert ADDRESS not in key
    for table in db.import_all_models().sorted_tables:
        rows = connection.execute(select(table)).all()
        assert ADDRESS not in repr(rows), table.name


def test_receipt_guessing_is_throttled_then_the_window_ends(
        app: Flask, ready: Session, connection: Connection,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("reporting.views.RECEIPT_WINDOW_SECONDS", 2)
    rightful = from_address(app, ADDRESS)
    receipt = receipt_from(submit_report(rightful))
    guesser = from_address(app, ADDRESS)  # behind the same address as the reporter
    statuses = [open_followup(guesser, f"AAAA-BBBB-CCCC-DDDD-{i:04d}").status_code
                for i in range(10)]
    assert statuses == [400] * 10
    blocked = open_followup(guesser, receipt)
    assert blocked.status_code == 429
    assert "Too many attempts" in blocked.get_data(as_text=True)
    # Someone elsewhere is not blocked by this guesser.
    assert open_followup(from_address(app, "198.51.100.4"), receipt).status_code == 303
    time.sleep(2.2)
    assert open_followup(rightful, receipt).status_code == 303  # the window ended
    assert_no_address_anywhere(app, connection)


def test_staff_password_guessing_is_throttled_then_the_window_ends(  # noqa: PLR0917
        app: Flask, ready: Session, staff: Any, connection: Connection,
        clock: list[Any], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("auth.views.LOGIN_WINDOW_SECONDS", 2)
    network = ready.scalars(select(Network)).one()
    user, secret = staff(networks=[network])
    attacker = from_address(app, ADDRESS)
    for _ in range(5):
        token = csrf_token(attacker, "/staff/login")
        wrong = attacker.post("/staff/login", data={"email": user.email, "password": "guess" * 3,
                                                    "csrf_token": token})
        assert wrong.status_code == 400
    token = csrf_token(attacker, "/staff/login")
    blocked = attacker.post("/staff/login", data={"email": user.email, "password": PASSWORD,
                                                  "csrf_token": token})
    assert blocked.status_code == 429  # even the right password, while the window lasts
    time.sleep(2.2)
    rightful = from_address(app, "198.51.100.7")
    done = staff_login(rightful, user.email, PASSWORD, totp_code(secret, clock[0]))
    assert done.status_code == 303
    assert rightful.get("/staff/cases/").status_code == 200
    assert_no_address_anywhere(app, connection)


def test_second_factor_guessing_is_throttled(app: Flask, ready: Session, staff: Any,
                                             clock: list[Any]) -> None:
    network = ready.scalars(select(Network)).one()
    user, _secret = staff(networks=[network])
    attacker = from_address(app, ADDRESS)
    token = csrf_token(attacker, "/staff/login")
    assert attacker.post("/staff/login", data={"email": user.email, "password": PASSWORD,
                                               "csrf_token": token}).status_code == 303
    codes = []
    for i in range(6):
        token = csrf_token(attacker, "/staff/login/code")
        codes.append(attacker.post("/staff/login/code", data={
            "code": f"{i:06d}", "csrf_token": token}).status_code)
    assert 429 in codes
    assert attacker.get("/staff/cases/").status_code in (302, 303)  # never got in


def test_redis_buckets_expire_and_name_no_address(app: Flask, settings: Settings) -> None:
    if settings.redis_url is None:
        pytest.skip("Redis variant only")
    throttle = app.extensions["redevable.throttle"]
    bucket = throttle.bucket("receipt", ADDRESS)
    assert ADDRESS not in bucket
    throttle.allow("receipt", ADDRESS, limit=1, window_seconds=30)
    ttl = Redis.from_url(REDIS_TEST_URL).ttl(bucket)
    assert 0 < ttl <= 30
