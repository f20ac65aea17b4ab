"""Small helpers for driving forms the way a browser does."""

from __future__ import annotations

import contextlib
import re
import socket
from collections.abc import Iterator
from email import message_from_bytes
from email.message import Message
from typing import Any

from flask.testing import FlaskClient
from werkzeug.test import TestResponse

CSRF_INPUT_RE = re.compile(r'<input[^>]*name="csrf_token"[^>]*>')
VALUE_RE = re.compile(r'value="([^"]+)"')


def csrf_token(client: FlaskClient, path: str) -> str:
    page = client.get(path)
    field = CSRF_INPUT_RE.search(page.get_data(as_text=True))
    assert field, f"no CSRF token on {path}"
    value = VALUE_RE.search(field.group(0))
    assert value, f"no CSRF token on {path}"
    return value.group(1)


def report_form(**overrides: Any) -> dict[str, Any]:
    form: dict[str, Any] = {
        "danger_now": "no",
        "channel": "complaint",
        "what_happened": "The treasurer kept the membership fees at home instead of the bank.",
        "when": "March",
        "network": "senegal",
        "location": "Dakar",
        "concerned_role": "board",
        "concerned_names": "",
        "child_involved": "no",
        "reported_elsewhere": "no",
        "reported_where": "",
        "outcome": "",
        "on_behalf": "self",
        "identity_choice": "anonymous",
        "name": "",
        "contact": "",
        "excluded": "",
        "website": "",
    }
    form.update(overrides)
    return form


def submit_report(client: FlaskClient, **overrides: Any) -> TestResponse:
    data = report_form(**overrides)
    if "csrf_token" not in data:
        data["csrf_token"] = csrf_token(client, "/report")
    return client.post("/report", data=data, content_type="multipart/form-data")


RECEIPT_RE = re.compile(r'id="receipt-copy"[^>]*value="([0-9A-Z-]{24})"')


def receipt_from(response: TestResponse) -> str:
    match = RECEIPT_RE.search(response.get_data(as_text=True))
    assert match, "no receipt on the page"
    return match.group(1)


def open_followup(client: FlaskClient, receipt: str) -> TestResponse:
    token = csrf_token(client, "/follow-up")
    return client.post("/follow-up", data={"receipt": receipt, "csrf_token": token})


def staff_login(client: FlaskClient, email: str, password: str, code: str) -> TestResponse:
    """Password then second factor, the way a person does it; returns the last response."""
    token = csrf_token(client, "/staff/login")
    first = client.post("/staff/login", data={"email": email, "password": password,
                                               "csrf_token": token})
    if first.status_code != 303:
        return first
    token = csrf_token(client, "/staff/login/code")
    return client.post("/staff/login/code", data={"code": code, "csrf_token": token})


def free_port() -> int:
    """A loopback port nobody listens on now (test servers, SMTP sinks, bench, soak)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class Inbox:
    """An aiosmtpd handler that keeps every message it receives (a real SMTP server)."""

    def __init__(self) -> None:
        self.messages: list[Message] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append(message_from_bytes(envelope.content))
        return "250 OK"

    def to(self, address: str) -> list[Message]:
        return [m for m in self.messages if address in str(m["To"])]


@contextlib.contextmanager
def smtp_sink(**server_options: Any) -> Iterator[tuple[Inbox, int]]:
    """A local SMTP server on a free loopback port, stopped afterwards.

    `server_options` go to aiosmtpd (e.g. enable_SMTPUTF8=False for a server without it).
    """
    from aiosmtpd.controller import Controller  # noqa: PLC0415 - only mail tests need it

    handler = Inbox()
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port, **server_options)
    controller.start()
    try:
        yield handler, port
    finally:
        controller.stop()
