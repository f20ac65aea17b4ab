"""Accessibility: axe-core on every page of the journeys in every language, and the keyboard.

axe-core runs inside the page through the DevTools protocol (the page's CSP allows no
script, and must not be loosened for a test). It needs JavaScript, so these contexts
have it on; the pages themselves use none, so they are the same pages a reporter with
JavaScript off gets.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.browser import Person
from tests.e2e.live import LiveApp
from tests.e2e.steps import file_report, open_case_with, open_followup

pytestmark = pytest.mark.e2e

LANGUAGES = ["en", "fr", "es", "pt"]
LOCALES = {"en": "en-GB", "fr": "fr-FR", "es": "es-ES", "pt": "pt-BR"}
WHAT = {
    "en": "The coordinator shouted at a volunteer and threatened to exclude her.",
    "fr": "Le coordinateur a crié sur une bénévole et a menacé de l'exclure.",
    "es": "El coordinador gritó a una voluntaria y amenazó con excluirla.",
    "pt": "O coordenador gritou com uma voluntária e ameaçou excluí-la.",
}


class AxeReport:
    """Serious and critical violations, page by page, for one readable failure."""

    def __init__(self, person: Person, language: str) -> None:
        self.person = person
        self.language = language
        self.found: dict[str, list[dict[str, Any]]] = {}
        self.checked: list[str] = []

    def check(self, label: str) -> None:
        lang = self.person.page.locator("html").get_attribute("lang")
        assert lang == self.language, f"{label}: page in {lang}, not {self.language}"
        self.checked.append(label)
        violations = self.person.axe_violations()
        if violations:
            self.found[label] = violations


def test_axe_catches_an_unlabelled_field(browse: Any) -> None:
    """The checker itself works, so a silent axe cannot pass every page."""
    person: Person = browse()
    person.page.set_content("<html lang='en'><title>t</title><main><input type='text'>"
                            "<img src='data:,'></main></html>")
    ids = {v["id"] for v in person.axe_violations()}
    assert {"label", "image-alt"} <= ids


@pytest.mark.parametrize("language", LANGUAGES)
def test_reporter_pages_have_no_serious_accessibility_violation(
    browse: Any, live_app: LiveApp, language: str,
) -> None:
    live_app.make_staff(f"Axe Reporter Side {language}", networks=("india",))
    person: Person = browse(locale=LOCALES[language], phone=True)
    report = AxeReport(person, language)
    for path in ("/", "/safety", "/report", "/follow-up", "/no-such-page"):
        person.goto(path)
        report.check(path)
    person.goto("/report")
    person.page.locator("form[action$='/report'] button[type=submit]").click()
    person.page.wait_for_load_state()
    assert person.page.locator(".error-summary").count() == 1
    report.check("/report with errors")
    person.page.locator("input[name=on_behalf][value=other]").check()
    person.page.locator("input[name=identity_choice][value=identified]").check()
    person.page.locator("form[action$='/report'] button[type=submit]").click()
    report.check("/report with cross-field errors")
    person.goto("/follow-up")
    person.page.locator("#receipt").fill("AAAA-BBBB-CCCC-DDDD-EEEE")
    person.page.locator("form[action$='/follow-up'] button[type=submit]").click()
    report.check("/follow-up with a wrong receipt")
    filed = file_report(person, network="india", what=WHAT[language])
    report.check("receipt")
    file_report(person, network="india", what=WHAT[language], child="yes", danger="yes")
    report.check("receipt of an urgent report")
    open_followup(person, filed.receipt)
    report.check("/follow-up/case")
    person.page.locator("form[action$='/follow-up/case'] button[type=submit]").click()
    report.check("/follow-up/case with errors")
    assert report.found == {}, report.found


@pytest.mark.parametrize("language", LANGUAGES)
def test_staff_pages_have_no_serious_accessibility_violation(
    browse: Any, live_app: LiveApp, language: str,
) -> None:
    focal = live_app.make_staff(f"Axe Staff Side {language}", networks=("haiti",))
    auditor_login = live_app.make_staff(f"Axe Auditor {language}", role="auditor")
    filed = file_report(browse(), network="haiti", what=WHAT[language])
    staff: Person = browse(locale=LOCALES[language])
    report = AxeReport(staff, language)
    staff.goto("/staff/login")
    report.check("/staff/login")
    staff.page.fill("#email", focal.email)
    staff.page.fill("#password", "not the password")
    staff.page.locator("main button[type=submit]").click()
    report.check("/staff/login with an error")
    staff.log_in(focal)
    report.check("queue")
    open_case_with(staff, filed.marker)
    report.check("case received")
    staff.act("acknowledge")
    report.check("case acknowledged")
    staff.goto("/staff/account/password")
    assert staff.page.locator("form input[type=password]").count() >= 2
    report.check("password page")

    auditor: Person = browse(locale=LOCALES[language])
    auditor_report = AxeReport(auditor, language)
    auditor.log_in(auditor_login)
    auditor_report.check("audit trail")
    auditor.goto("/staff/audit/closed")
    auditor_report.check("closed cases")
    auditor.goto("/staff/audit/")
    auditor.page.locator("form[action$='/verify'] button[type=submit]").click()
    auditor_report.check("verification")
    assert report.found == {}, report.found
    assert auditor_report.found == {}, auditor_report.found


FOCUS_STYLE = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  return {tag: el.tagName.toLowerCase(), type: el.type || '', name: el.name || '',
          id: el.id || '', value: el.value || '', checked: !!el.checked,
          text: (el.innerText || '').trim().slice(0, 60),
          outline: style.outlineStyle !== 'none' && style.outlineWidth !== '0px'};
}"""


def test_intake_form_can_be_filled_and_sent_with_the_keyboard_alone(
    browse: Any, live_app: LiveApp, shots: Any,
) -> None:
    """Tab moves, arrows pick within a radio group or a list, Space ticks, Enter sends.

    JavaScript is on only so the test can see where the focus is.
    """
    person: Person = browse()
    page = person.page
    person.goto("/report")
    radios = {"danger_now": "no", "channel": "complaint", "child_involved": "no",
              "reported_elsewhere": "no", "on_behalf": "self", "identity_choice": "anonymous"}
    typed = {"what_happened": "Typed with the keyboard only: the treasurer hid the accounts.",
             "when": "Last week"}
    seen: list[dict[str, Any]] = []
    page.keyboard.press("Tab")
    first = page.evaluate(FOCUS_STYLE)
    assert first["tag"] == "a", first  # the skip link comes first
    assert "content" in first["text"].lower(), first
    for _ in range(120):
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS_STYLE)
        seen.append(focus)
        if focus["type"] == "radio" and focus["name"] in radios:
            for _step in range(4):
                if focus["value"] == radios[focus["name"]]:
                    break
                page.keyboard.press("ArrowDown")
                focus = page.evaluate(FOCUS_STYLE)
            if not focus["checked"]:
                page.keyboard.press("Space")
        elif focus["id"] in typed:
            page.keyboard.type(typed[focus["id"]])
        elif focus["id"] == "network":
            page.keyboard.type("Senegal")
        elif focus["tag"] == "button" and page.locator(
                "form[action$='/report'] button[type=submit]").evaluate(
                "b => b === document.activeElement"):
            break
    else:
        pytest.fail(f"the send button was never reached by Tab: {seen[-5:]}")
    without_focus_ring = [f for f in seen if not f["outline"]]
    assert without_focus_ring == [], without_focus_ring
    assert page.locator("#network").input_value() == "senegal"
    assert page.locator("input[name=danger_now]:checked").get_attribute("value") == "no"
    shots(page, "keyboard-filled")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    shots(page, "keyboard-sent")
    assert page.locator("#receipt-copy").count() == 1, page.locator("main").inner_text()
