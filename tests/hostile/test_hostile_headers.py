"""Every answer carries the security headers, whatever it is (page, redirect, error,
download), and every cookie set along a whole journey is host-only, Secure and HttpOnly."""

from __future__ import annotations

import secrets
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from networks.models import Network
from tests.helpers import csrf_token, open_followup, receipt_from, submit_report

REQUIRED = {
    "Content-Security-Policy": "default-src 'none'",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Strict-Transport-Security": "max-age=",
}


def check(response: Any, what: str) -> None:
    for name, part in REQUIRED.items():
        assert part in response.headers.get(name, ""), (what, name)
    assert "script-src 'none'" in response.headers["Content-Security-Policy"], what
    assert response.headers["Cache-Control"].startswith("no-store"), what
    assert "Server" not in response.headers, what
    for cookie in response.headers.getlist("Set-Cookie"):
        low = cookie.lower()
        assert cookie.startswith("__Host-"), (what, cookie)
        assert "; secure" in low, (what, cookie)
        assert "; httponly" in low, (what, cookie)
        assert "; path=/" in low, (what, cookie)
        assert "domain=" not in low, (what, cookie)
        assert "samesite=" in low, (what, cookie)
        if cookie.startswith("__Host-staff"):
            assert "samesite=strict" in low, cookie


def every_get(app: Flask, client: FlaskClient, what: str) -> int:
    seen = 0
    for rule in app.url_map.iter_rules():
        if "GET" not in (rule.methods or ()) or rule.endpoint == "static":
            continue
        path = rule.rule
        for arg in rule.arguments:
            path = path.replace(f"<{arg}>", secrets.token_hex(8))
        response = client.get(path)
        assert response.status_code < 500, (what, path)
        check(response, f"{what} GET {path}")
        seen += 1
    return seen


def test_every_answer_has_the_headers_and_every_cookie_the_flags(
        app: Flask, client: FlaskClient, ready: Session, staff: Any, login: Any) -> None:
    assert every_get(app, client, "anonymous") > 10
    # A reporter's whole journey, errors included.
    submitted = submit_report(client)
    check(submitted, "receipt")
    check(submit_report(client, what_happened=""), "invalid report")
    check(client.post("/report", data={}), "no CSRF")
    check(client.put("/report"), "405")
    check(open_followup(client, "WRONG"), "wrong receipt")
    check(open_followup(client, receipt_from(submitted)), "follow-up redirect")
    check(client.get("/follow-up/case"), "follow-up page")
    check(client.post("/follow-up/leave", data={"csrf_token": csrf_token(
        client, "/follow-up/case")}), "leave")
    # A focal point's, down to a download.
    network = ready.scalars(select(Network)).one()
    user, secret = staff(networks=[network])
    staff_client = login(user, secret)
    assert every_get(app, staff_client, "focal point") > 10
    check(staff_client.get("/staff/cases/"), "queue")
    check(staff_client.post("/staff/logout", data={"csrf_token": csrf_token(
        staff_client, "/staff/account/password")}), "logout")
