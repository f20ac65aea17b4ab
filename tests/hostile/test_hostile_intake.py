"""Hostile input on the reporter's forms: never a 5xx, and a refusal stores nothing.

Property-based (hypothesis): any text in any field (NUL bytes, control characters, huge
values, markup), bytes that are not UTF-8, broken multipart bodies, missing or wrong CSRF
tokens, and path tricks in file names.
"""

from __future__ import annotations

import secrets
from typing import Any

import pytest
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy.orm import Session

from tests.helpers import csrf_token, report_form, submit_report
from tests.hostile.conftest import counts

FIELDS = ["what_happened", "when", "location", "concerned_names", "reported_where", "outcome",
          "excluded", "name", "contact", "network", "danger_now", "channel", "child_involved",
          "concerned_role", "on_behalf", "consent", "identity_choice", "excluded_staff",
          "reported_elsewhere"]
MARKUP = ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "{{ 7*7 }}",
          "javascript:alert(1)", "' OR 1=1 --", "%00", "\u202etxt.exe"]
hostile_text = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=st.characters(max_codepoint=0x1F), max_size=60),
    st.builds(lambda c, n: c * n, st.sampled_from(["A", "é", "\x00", "<", "\u202e"]),
              st.integers(0, 25_000)),
    st.sampled_from(MARKUP),
)
SLOW_OK = settings(max_examples=40, deadline=None,
                   suppress_health_check=[HealthCheck.function_scoped_fixture])


def raw_multipart(parts: list[tuple[str, bytes]], boundary: str = "hostileBOUNDARY") -> bytes:
    body = b""
    for name, value in parts:
        body += (f"--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n"
                 .encode() + value + b"\r\n")
    return body + f"--{boundary}--\r\n".encode()


def assert_refused_or_whole(response: Any, before: dict[str, int], after: dict[str, int]) -> None:
    assert response.status_code in (200, 400, 413), response.status_code
    if response.status_code == 200:
        assert after["cases"] == before["cases"] + 1
    else:
        assert after == before, "a refused report left rows behind"
    assert "Traceback" not in response.get_data(as_text=True)


@SLOW_OK
@given(field=st.sampled_from(FIELDS), value=hostile_text)
def test_any_value_in_any_intake_field_is_refused_or_stored_whole(
        client: FlaskClient, ready: Session, field: str, value: str) -> None:
    before = counts(ready)
    response = submit_report(client, **{field: value})
    assert_refused_or_whole(response, before, counts(ready))


@SLOW_OK
@given(field=st.sampled_from(["what_happened", "location", "name", "csrf_token", "network"]),
       value=st.binary(max_size=200))
def test_bytes_that_are_not_utf8_never_break_the_intake(
        client: FlaskClient, ready: Session, field: str, value: bytes) -> None:
    token = csrf_token(client, "/report")
    fields = {k: str(v).encode() for k, v in report_form(csrf_token=token).items()}
    fields[field] = value + b"\xff\xfe\xc3"
    before = counts(ready)
    response = client.post("/report", data=raw_multipart(list(fields.items())),
                           content_type="multipart/form-data; boundary=hostileBOUNDARY")
    assert_refused_or_whole(response, before, counts(ready))


@SLOW_OK
@given(body=st.one_of(
    st.binary(max_size=2_000),
    st.builds(lambda b, cut: b[:cut], st.just(raw_multipart([("what_happened", b"x" * 500)])),
              st.integers(0, 600)),
    st.sampled_from([b"--hostileBOUNDARY\r\n\r\n", b"--hostileBOUNDARY--",
                     b"--hostileBOUNDARY\r\nContent-Disposition: form-data\r\n\r\nx\r\n",
                     b"--other\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nb\r\n"])),
    content_type=st.sampled_from([
        "multipart/form-data; boundary=hostileBOUNDARY", "multipart/form-data",
        "multipart/form-data; boundary=", "multipart/form-data; boundary=\"\x00\"",
        "application/x-www-form-urlencoded", "text/plain", "application/json"]))
def test_malformed_bodies_get_a_clear_4xx_and_store_nothing(
        client: FlaskClient, ready: Session, body: bytes, content_type: str) -> None:
    csrf_token(client, "/report")  # a real session, so only the body is wrong
    before = counts(ready)
    for path in ("/report", "/follow-up", "/follow-up/case", "/staff/login"):
        response = client.post(path, data=body, content_type=content_type)
        assert 300 <= response.status_code < 500, (path, response.status_code)
    assert counts(ready) == before


@pytest.mark.parametrize("token", [None, "", "x", "forged." + "A" * 40, "other-session"])
def test_missing_or_wrong_csrf_is_refused_everywhere(client: FlaskClient, ready: Session,
                                                     app: Any, token: str | None) -> None:
    if token == "other-session":
        other = app.test_client()
        token = csrf_token(other, "/report")
    before = counts(ready, audit=True)
    form = report_form()
    if token is not None:
        form["csrf_token"] = token
    client.get("/report")
    response = client.post("/report", data=form, content_type="multipart/form-data")
    assert response.status_code == 400
    for path, data in (("/follow-up", {"receipt": "AAAA-BBBB-CCCC-DDDD-EEEE"}),
                       ("/staff/login", {"email": "a@example.org", "password": "x" * 12}),
                       ("/follow-up/case", {"body": "hello"})):
        if token is not None:
            data["csrf_token"] = token
        assert client.post(path, data=data).status_code in (303, 400), path
    assert counts(ready, audit=True) == before


def test_honeypot_field_refuses_the_report(client: FlaskClient, ready: Session) -> None:
    before = counts(ready)
    response = submit_report(client, website="http://spam.example")
    assert response.status_code == 400
    assert counts(ready) == before


def test_text_over_the_form_memory_limit_is_a_clear_413(client: FlaskClient,
                                                        ready: Session) -> None:
    token = csrf_token(client, "/report")
    fields = {k: str(v).encode() for k, v in report_form(csrf_token=token).items()}
    fields["what_happened"] = b"A" * (3 * 1024 * 1024)
    before = counts(ready)
    # Raw bytes: the test client would otherwise spool a big dict body to a temporary file.
    response = client.post("/report", data=raw_multipart(list(fields.items())),
                           content_type="multipart/form-data; boundary=hostileBOUNDARY")
    assert response.status_code == 413
    page = response.get_data(as_text=True)
    assert "too large" in page
    assert "Traceback" not in page
    assert counts(ready) == before


def test_too_many_form_parts_is_refused(client: FlaskClient, ready: Session) -> None:
    token = csrf_token(client, "/report")
    parts = [("csrf_token", token.encode())] + [(f"f{i}", b"x") for i in range(500)]
    before = counts(ready)
    response = client.post("/report", data=raw_multipart(parts),
                           content_type="multipart/form-data; boundary=hostileBOUNDARY")
    assert response.status_code == 413
    assert counts(ready) == before


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH"])
def test_wrong_methods_on_every_route_are_refused(app: Any, client: FlaskClient,
                                                  ready: Session, method: str) -> None:
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        path = rule.rule
        for arg in rule.arguments:
            path = path.replace(f"<{arg}>", secrets.token_hex(4)).replace(
                f"<path:{arg}>", "x")
        response = client.open(path, method=method)
        assert response.status_code in (404, 405), (method, path, response.status_code)
        assert response.headers["Content-Security-Policy"]
    # GET on a POST-only route is a 405 too, not an error page with a traceback.
    assert client.get("/follow-up/leave").status_code == 405
