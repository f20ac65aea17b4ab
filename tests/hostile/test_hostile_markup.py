"""Markup typed by a reporter (or a staff member) is shown as text on every page.

A report whose every field holds script or an attribute break-out is filed; the receipt
page, the reporter's follow-up page, the focal point's queue and case page (report,
messages, notes, file names) must show it escaped, and no page may carry a script.
"""

from __future__ import annotations

import io
import re
from html.parser import HTMLParser
from typing import Any

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from cases.models import Case
from networks.models import Network
from tests.helpers import csrf_token, open_followup, receipt_from, report_form

PAYLOADS = ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>']
TEXT_FIELDS = ["what_happened", "when", "location", "concerned_names", "reported_where",
               "outcome", "excluded", "name", "contact"]


def form_fields(page: str, action: str, text: str) -> dict[str, str]:
    """The fields of the form posting to `action`, its text area filled with `text`."""
    form = re.search(rf'action="{re.escape(action)}".*?</form>', page, re.DOTALL)
    assert form, action
    fields = dict(re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', form.group(0)))
    for name in re.findall(r'<textarea[^>]*name="([^"]+)"', form.group(0)):
        fields[name] = text
    return fields


class Elements(HTMLParser):
    """Every element a browser would build from the page, with its attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, attrs))


def assert_inert(page: str, payload: str) -> None:
    assert payload not in page, "raw markup reached the page"
    parser = Elements()
    parser.feed(page)
    for tag, attrs in parser.found:
        assert tag != "script", "a script element"
        assert not (tag == "img" and ("src", "x") in attrs), "the injected image"
        assert not [name for name, _ in attrs if name.startswith("on")], f"handler on <{tag}>"


@pytest.mark.parametrize("payload", PAYLOADS)
def test_markup_in_every_field_is_inert_on_reporter_and_staff_pages(
        client: FlaskClient, ready: Session, staff: Any, login: Any, payload: str) -> None:
    network = ready.scalars(select(Network)).one()
    user, secret = staff(networks=[network])
    holder = login(user, secret)
    form = report_form(csrf_token=csrf_token(client, "/report"), identity_choice="identified",
                       reported_elsewhere="yes",
                       **{name: f"{name} {payload}" for name in TEXT_FIELDS})
    form["attachments"] = (io.BytesIO(b"data"), f"{payload}.txt")
    receipt_page = client.post("/report", data=form, content_type="multipart/form-data")
    assert receipt_page.status_code == 200
    assert_inert(receipt_page.get_data(as_text=True), payload)

    # The reporter writes again, the focal point answers and takes a note, all with markup.
    open_followup(client, receipt_from(receipt_page))
    token = csrf_token(client, "/follow-up/case")
    client.post("/follow-up/case", data={"body": f"reply {payload}", "csrf_token": token})
    case = ready.scalars(select(Case)).one()
    page = f"/staff/cases/{case.public_id}"
    shown_before = holder.get(page).get_data(as_text=True)
    for suffix in ("messages", "notes"):
        holder.post(f"{page}/{suffix}", data=form_fields(shown_before, f"{page}/{suffix}",
                                                         f"{suffix} {payload}"))

    followup = client.get("/follow-up/case").get_data(as_text=True)
    assert "reply &lt;" in followup or "reply &#34;&gt;" in followup or "&lt;" in followup
    assert_inert(followup, payload)

    detail = holder.get(page)
    assert detail.status_code == 200
    shown = detail.get_data(as_text=True)
    assert_inert(shown, payload)
    assert "what_happened &lt;" in shown or "what_happened &#34;&gt;" in shown
    assert "messages &lt;" in shown or "messages &#34;&gt;" in shown
    assert "notes &lt;" in shown or "notes &#34;&gt;" in shown
    queue = holder.get("/staff/cases/").get_data(as_text=True)
    assert_inert(queue, payload)
    assert case.reference in queue
