"""End-to-end fixtures: the real app under gunicorn, a mail server, and headless Chromium.

The app runs exactly as `make run` runs it (migrations, recovery key, example networks,
gunicorn, production Argon2 costs) against a SQLite file in a temporary folder, with
real random secrets shared by every process of that instance. Staff accounts are made
through the same services the admin pages use, directly against that database.
"""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import pytest

from tests.e2e.browser import Person, Screenshots
from tests.e2e.live import (
    ARTIFACTS,
    AXE_JS,
    CHROMIUM,
    CHROMIUM_ARGS,
    REPO,
    Inbox,
    LiveApp,
    wait_until_up,
    why_no_browser,
)
from tests.helpers import free_port, smtp_sink


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    reason = why_no_browser()
    if reason is None:
        return
    for item in items:
        if "e2e" in item.keywords:
            item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(scope="session")
def inbox() -> Iterator[tuple[Inbox, int]]:
    with smtp_sink() as sink:
        yield sink


@pytest.fixture(scope="session")
def live_app(tmp_path_factory: pytest.TempPathFactory,
             inbox: tuple[Inbox, int]) -> Iterator[LiveApp]:
    """A fresh instance served by gunicorn on a free loopback port."""
    reason = why_no_browser()
    if reason:
        pytest.skip(reason)
    folder = tmp_path_factory.mktemp("instance")
    port = free_port()
    secret_key = secrets.token_hex(32)
    database_url = f"sqlite:///{folder / 'redevable.sqlite3'}"
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("REDEVABLE_") and k != "DATABASE_URL"}
    env.update({
        "REDEVABLE_INSTANCE": str(folder),
        "DATABASE_URL": database_url,
        # Real secrets, the same for every process of this instance (REDEVABLE_TESTING would
        # give each process random ones, and cheap Argon2).
        "REDEVABLE_SECRET_KEY": secret_key,
        "REDEVABLE_RECEIPT_PEPPER": secrets.token_hex(32),
        "REDEVABLE_AUDIT_SIGNING_KEY": secrets.token_hex(32),
        "REDEVABLE_BASE_URL": f"http://127.0.0.1:{port}",
        "REDEVABLE_SMTP_HOST": "127.0.0.1",
        "REDEVABLE_SMTP_PORT": str(inbox[1]),
        "REDEVABLE_LOG_LEVEL": "WARNING",
    })
    app = LiveApp(base_url=f"http://127.0.0.1:{port}", env=env, database_url=database_url,
                  secret_key=bytes.fromhex(secret_key), inbox=inbox[0])
    app.flask("db", "upgrade")
    app.flask("keys", "init-recovery", "--out", str(folder / "RECOVERY-KEY-PRIVATE.txt"))
    app.flask("networks", "import", "networks.example.json")
    log = folder / "gunicorn.log"
    with log.open("wb") as out:
        process = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
            [sys.executable, "-m", "gunicorn", "--workers", "2", "--bind", f"127.0.0.1:{port}",
             "--forwarded-allow-ips=", "wsgi:app"],
            cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT,
        )
    app.process = process
    try:
        wait_until_up(app.base_url, process, log)
        yield app
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    reason = why_no_browser()
    if reason:
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright  # noqa: PLC0415

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE_JS.exists():
        pytest.fail(f"axe-core is missing at {AXE_JS}: run 'npm ci --prefix tests/e2e' "
                    "(make e2e does it)")
    return AXE_JS.read_text(encoding="utf-8")


@pytest.fixture
def shots(request: pytest.FixtureRequest) -> Any:
    """`shots(page, "what")` writes artifacts/e2e/<test>/NN-what.png (the whole page)."""
    return Screenshots(ARTIFACTS / request.node.name)


@pytest.fixture
def browse(browser: Any, live_app: LiveApp, axe_source: str) -> Iterator[Any]:
    """`browse(js=False, locale="fr-FR", phone=True)`: a fresh, watched context (a person)."""
    people: list[Person] = []

    def open_person(*, js: bool = True, locale: str = "en-GB", phone: bool = False) -> Person:
        person = Person.open(browser, live_app, axe_source, js=js, locale=locale, phone=phone)
        people.append(person)
        return person

    yield open_person
    for person in people:
        person.close()
