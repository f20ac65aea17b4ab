"""Behind a trusted proxy, throttling tells clients apart by X-Forwarded-For."""

from __future__ import annotations

from dataclasses import replace

from flask import Flask
from sqlalchemy.orm import sessionmaker

from config import Settings
from reporting.views import RECEIPT_TRIES_PER_CLIENT
from tests.conftest import https_client
from tests.helpers import open_followup
from web import create_app


def test_one_guesser_does_not_block_other_clients_behind_the_proxy(
    settings: Settings, connection: object, ready: object
) -> None:
    app: Flask = create_app(replace(settings, trusted_proxies=1))
    app.extensions["redevable.sessionmaker"] = sessionmaker(
        bind=connection, join_transaction_mode="create_savepoint")  # type: ignore[call-overload]
    guesser, neighbour = https_client(app), https_client(app)
    guesser.environ_base["HTTP_X_FORWARDED_FOR"] = "198.51.100.7"
    neighbour.environ_base["HTTP_X_FORWARDED_FOR"] = "198.51.100.8"
    for _ in range(RECEIPT_TRIES_PER_CLIENT + 1):
        last = open_followup(guesser, "AAAA-BBBB-CCCC-DDDD-EEEE")
    assert last.status_code == 429
    assert open_followup(neighbour, "AAAA-BBBB-CCCC-DDDD-EEEE").status_code == 400
