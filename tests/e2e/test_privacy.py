"""Privacy as the reporter's browser sees it: where it connects, what it keeps, what it loads."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.browser import Person
from tests.e2e.live import LiveApp
from tests.e2e.steps import file_report, open_followup

pytestmark = pytest.mark.e2e

# Issue 9: a reporter page, document and stylesheet together, on a slow and metered phone.
MAX_PAGE_BYTES = 150 * 1024
ALLOWED_COOKIES = {"__Host-session"}


def test_landing_page_sets_no_cookie(browse: Any) -> None:
    person: Person = browse(js=False)
    response = person.goto("/")
    assert "set-cookie" not in response.headers
    assert person.context.cookies() == []


@pytest.mark.parametrize(("locale", "js"), [("en-GB", False), ("fr-FR", False),
                                            ("es-ES", False), ("pt-BR", False), ("en-GB", True)])
def test_reporter_pages_stay_on_the_app_keep_one_cookie_and_weigh_little(
    browse: Any, live_app: LiveApp, locale: str, js: bool,
) -> None:
    person: Person = browse(js=js, locale=locale, phone=True)
    weights: dict[str, int] = {}

    def visited(label: str) -> None:
        weights[label] = person.weight_of_last_page()
        names = person.cookie_names()
        assert names <= ALLOWED_COOKIES, f"{label}: cookies {names}"

    for path in ("/", "/safety", "/report", "/follow-up", "/no-such-page"):
        person.goto(path)
        visited(path)
    person.goto("/?lang=pt")  # the language switcher: remembered in the session cookie only
    visited("/?lang=pt")
    person.goto("/report")
    person.page.locator("form[action$='/report'] button[type=submit]").click()
    visited("/report with errors")
    filed = file_report(person, network="brasil",
                        what="A coordenadora pediu dinheiro aos participantes para a formação.")
    visited("receipt")
    open_followup(person, filed.receipt)
    visited("/follow-up/case")

    assert person.foreign_requests() == []
    heavy = {label: size for label, size in weights.items() if size >= MAX_PAGE_BYTES}
    assert heavy == {}, weights
    cookies = person.context.cookies()
    assert [c["name"] for c in cookies] == ["__Host-session"]
    session = cookies[0]
    # __Host-: Secure, no Domain (host-only), Path=/; and out of reach of scripts and other sites.
    assert session["secure"]
    assert session["httpOnly"]
    assert session["path"] == "/"
    assert session["sameSite"] in {"Lax", "Strict"}
    assert not session["domain"].startswith(".")


def test_receipt_never_reaches_an_address_a_referrer_or_a_cookie(browse: Any) -> None:
    person: Person = browse(js=False)
    filed = file_report(person, network="brasil", what="Um dirigente insultou uma voluntária.")
    open_followup(person, filed.receipt)
    bare = filed.receipt.replace("-", "")
    assert not [url for url in person.requests if bare in url.replace("-", "")]
    assert not [c for c in person.context.cookies() if bare in c["value"].replace("-", "")]
