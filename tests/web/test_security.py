"""Headers, cookies, default deny, error pages and the no-JavaScript promise."""

from __future__ import annotations

import re

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from tests.helpers import open_followup, receipt_from, submit_report
from web.access import declared_permission, is_public

REPORTER_PAGES = ["/", "/report", "/safety", "/follow-up"]


def assert_reporter_headers(response: object) -> None:
    headers = response.headers  # type: ignore[attr-defined]
    csp = headers["Content-Security-Policy"]
    assert "script-src 'none'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "default-src 'none'" in csp
    assert headers["Cache-Control"].startswith("no-store")
    assert headers["Referrer-Policy"] == "no-referrer"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert "max-age=" in headers["Strict-Transport-Security"]
    assert "Server" not in headers


def assert_no_script(page: str) -> None:
    assert "<script" not in page.lower()
    assert not re.search(r"\son[a-z]+\s*=", page), "inline event handler"
    assert "javascript:" not in page.lower()
    # Nothing is loaded from another host.
    for url in re.findall(r'(?:src|href|action)="([^"]+)"', page):
        assert not url.startswith(("http://", "https://", "//")) or url.startswith(
            "https://localhost/"), url


def test_every_reporter_page_has_headers_and_no_script(client: FlaskClient,
                                                       ready: Session) -> None:
    for path in REPORTER_PAGES:
        response = client.get(path)
        assert response.status_code == 200, path
        assert_reporter_headers(response)
        assert_no_script(response.get_data(as_text=True))
    submitted = submit_report(client)
    assert_reporter_headers(submitted)
    assert_no_script(submitted.get_data(as_text=True))
    open_followup(client, receipt_from(submitted))
    case_page = client.get("/follow-up/case")
    assert case_page.status_code == 200
    assert_reporter_headers(case_page)
    assert_no_script(case_page.get_data(as_text=True))


def test_session_cookie_is_host_only_secure_and_httponly(client: FlaskClient,
                                                         ready: Session) -> None:
    response = client.get("/report")
    cookies = response.headers.getlist("Set-Cookie")
    assert cookies, "the CSRF session cookie is set"
    for cookie in cookies:
        assert cookie.startswith("__Host-session=")
        assert "Secure" in cookie
        assert "HttpOnly" in cookie
        assert "SameSite=Lax" in cookie
        assert "Path=/" in cookie
        assert "Domain" not in cookie
        assert "Expires" not in cookie  # gone when the browser closes


def test_landing_and_safety_pages_set_no_cookie(client: FlaskClient, ready: Session) -> None:
    for path in ["/", "/safety", "/healthz"]:
        assert client.get(path).headers.getlist("Set-Cookie") == [], path


def test_every_endpoint_is_public_or_declares_a_permission(app: Flask) -> None:
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        view = app.view_functions[rule.endpoint]
        assert is_public(view) or declared_permission(view) is not None, rule.endpoint


def test_undeclared_endpoint_answers_404(app: Flask) -> None:
    @app.get("/forgotten")
    def forgotten() -> str:
        return "secret"

    response = app.test_client().get("/forgotten")
    assert response.status_code == 404
    assert "secret" not in response.get_data(as_text=True)


def test_error_pages_are_friendly_and_translated(client: FlaskClient, ready: Session) -> None:
    missing = client.get("/nowhere", headers={"Accept-Language": "fr"})
    assert missing.status_code == 404
    page = missing.get_data(as_text=True)
    assert "Cette page n’existe pas." in page
    assert "Traceback" not in page
    assert client.delete("/report").status_code == 405


def test_healthz_reports_ok_without_data(client: FlaskClient) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok"}
