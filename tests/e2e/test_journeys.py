"""The journeys of issue 9, each in a real browser against the app served by gunicorn.

Each journey makes its own staff before its report is filed: a case is sealed only to
the people who exist when it arrives, so no journey sees another's cases.
"""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.browser import Person
from tests.e2e.live import Inbox, LiveApp
from tests.e2e.steps import file_report, open_case_with, open_followup, queue_references

pytestmark = pytest.mark.e2e

FRENCH_MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
                 "septembre", "octobre", "novembre", "décembre")
FRENCH_MONTH = re.compile(r"\b(" + "|".join(FRENCH_MONTHS) + r")\b")
FRENCH_REPORT = ("Lors de l'atelier régional, le trésorier a humilié une participante devant "
                 "tout le monde et l'a menacée de l'exclure du réseau.")
FRENCH_REPLY = ("Bonjour, merci pour votre signalement. Nous l'avons bien reçu et nous "
                "l'examinons. Pouvez-vous nous dire qui d'autre était présent ?")


def a_photo(folder: Path) -> Path:
    """A small JPEG, the kind of evidence people attach from a phone."""
    from PIL import Image  # noqa: PLC0415

    path = folder / "photo-atelier.jpg"
    Image.new("RGB", (64, 48), (180, 40, 40)).save(path, "JPEG")
    return path


def wait_for_mail(box: Inbox, address: str, *, more_than: int,
                  seconds: float = 10) -> list[Any]:
    """The mails `address` received after its first `more_than` ones (sent in the background)."""
    deadline = time.monotonic() + seconds
    while len(box.to(address)) <= more_than and time.monotonic() < deadline:
        time.sleep(0.2)
    return box.to(address)[more_than:]


def assert_clean(person: Person) -> None:
    """Every page of a journey: nothing fetched elsewhere; axe happy where JS can run it."""
    assert person.foreign_requests() == []
    if person.js:
        assert person.axe_violations() == [], person.path()


def file_french_complaint_without_js(browse: Any, shots: Any, tmp_path: Path,
                                     network: str) -> tuple[Person, Any]:
    reporter = browse(js=False, locale="fr-FR", phone=True)
    reporter.goto("/")
    shots(reporter.page, "fr-landing")
    assert reporter.page.locator("html").get_attribute("lang") == "fr"
    filed = file_report(reporter, network=network, what=FRENCH_REPORT,
                        attachment=a_photo(tmp_path), shots=shots)
    return reporter, filed


def test_reporter_without_javascript_files_a_french_complaint_with_a_photo_and_gets_a_receipt(
    browse: Any, shots: Any, tmp_path: Path, live_app: LiveApp,
) -> None:
    reporter, filed = file_french_complaint_without_js(browse, shots, tmp_path, "france")
    page = reporter.page
    shots(page, "fr-receipt")
    assert page.locator("h1").inner_text() == "Votre signalement a été envoyé"
    # The receipt is shown once, in groups, and never put in the address bar.
    assert filed.receipt.replace("-", "") == page.locator(".receipt").inner_text().replace(
        "-", "").replace("\n", "").strip()
    assert filed.receipt not in page.url
    # "What happens next" gives the acknowledgement date in French.
    assert FRENCH_MONTH.search(page.locator("main").inner_text())
    assert reporter.foreign_requests() == []
    assert reporter.cookie_names() <= {"__Host-session"}


def test_focal_point_logs_in_finds_the_new_case_on_top_acknowledges_triages_and_replies(
    browse: Any, shots: Any, tmp_path: Path, live_app: LiveApp,
) -> None:
    focal = live_app.make_staff("Camille Laurent", networks=("france",))
    _, filed = file_french_complaint_without_js(browse, shots, tmp_path, "france")

    staff = browse()
    staff.log_in(focal)
    shots(staff.page, "queue")
    assert_clean(staff)
    case_path = open_case_with(staff, filed.marker)
    shots(staff.page, "case-received")
    assert_clean(staff)
    assert "photo-atelier.jpg" in staff.page.locator("#files").inner_text()

    staff.act("acknowledge")
    assert staff.page.locator("h1 small").inner_text() == "· Acknowledged"
    triage = staff.page.locator("#triage form")
    triage.locator("select[name=category]").select_option("abusive_behaviour")
    triage.locator("button[type=submit]").click()
    staff.page.wait_for_load_state()
    assert "Category and flags saved." in staff.page.locator("main").inner_text()
    staff.act("start_triage")
    assert staff.page.locator("h1 small").inner_text() == "· Triage"
    assert "confirmed: Abusive behaviour" in staff.page.locator(
        "#suggestion-title + p").inner_text()
    shots(staff.page, "case-triaged")

    messages = staff.page.locator("#messages form")
    messages.locator("textarea[name=body]").fill(FRENCH_REPLY)
    messages.locator("button[type=submit]").click()
    staff.page.wait_for_load_state()
    assert staff.path() == case_path
    assert FRENCH_REPLY in staff.page.locator("#messages ol.messages").inner_text()
    shots(staff.page, "case-replied")
    assert_clean(staff)


def test_reporter_returns_with_the_receipt_and_reads_the_reply_in_french(
    browse: Any, shots: Any, tmp_path: Path, live_app: LiveApp,
) -> None:
    focal = live_app.make_staff("Jeanne Mbala", networks=("rdc",))
    reporter, filed = file_french_complaint_without_js(browse, shots, tmp_path, "rdc")
    staff = browse()
    staff.log_in(focal)
    open_case_with(staff, filed.marker)
    staff.act("acknowledge")
    staff.page.locator("#messages textarea[name=body]").fill(FRENCH_REPLY)
    staff.page.locator("#messages form button[type=submit]").click()
    staff.page.wait_for_load_state()

    # Later, on the same phone with JavaScript still off, after closing the browser.
    reporter.context.clear_cookies()
    reporter.goto("/")
    reporter.page.get_by_role("link", name="Saisir mon reçu").click()
    shots(reporter.page, "fr-follow-up")
    open_followup(reporter, filed.receipt)
    shots(reporter.page, "fr-case")
    page = reporter.page
    assert page.locator("h1").inner_text() == "Votre signalement"
    assert filed.receipt not in page.url
    messages = page.locator("ol.messages").inner_text()
    assert FRENCH_REPLY in messages
    assert "Point focal" in messages
    # Dates are written the French way, with French month names.
    assert FRENCH_MONTH.search(page.locator("main").inner_text())
    assert reporter.foreign_requests() == []
    assert reporter.cookie_names() <= {"__Host-session"}

    page.locator("#body").fill("Il y avait aussi deux bénévoles de Goma.")
    page.locator("form[action$='/follow-up/case'] button[type=submit]").click()
    page.wait_for_load_state()
    assert "Votre message a été envoyé." in page.locator("main").inner_text()
    shots(page, "fr-case-answered")
    page.locator("form[action$='/follow-up/leave'] button[type=submit]").click()
    page.wait_for_load_state()
    assert reporter.path() == "/"


def test_conflicted_focal_points_cannot_find_the_case_in_the_queue_or_by_its_address(
    browse: Any, shots: Any, live_app: LiveApp,
) -> None:
    handler = live_app.make_staff("Awa Diop", networks=("senegal",))
    excluded = live_app.make_staff("Moussa Ndiaye", networks=("senegal",))
    declares = live_app.make_staff("Fatou Sarr", networks=("senegal",))
    reporter = browse(js=False, locale="fr-FR", phone=True)
    filed = file_report(reporter, network="senegal", exclude=(excluded.public_id,),
                        what="Le coordinateur a détourné les cotisations des membres.",
                        shots=shots)

    staff = browse()
    staff.log_in(handler)
    case_path = open_case_with(staff, filed.marker)
    reference = staff.page.locator("h1").inner_text().split()[0]

    # Excluded by the reporter on the form: no key, no row, and the address is a 404.
    outsider = browse()
    outsider.log_in(excluded)
    assert reference not in queue_references(outsider)
    shots(outsider.page, "excluded-queue")
    response = outsider.goto(case_path)
    assert response.status == 404
    assert "This page does not exist." in outsider.page.locator("main").inner_text()
    shots(outsider.page, "excluded-direct-url")
    assert_clean(outsider)

    # Declares a conflict from the case page: the case disappears for them at once.
    recused = browse()
    recused.log_in(declares)
    assert reference in queue_references(recused)
    open_case_with(recused, filed.marker)
    recused.page.get_by_role(
        "button", name="I have a conflict of interest: remove my access").click()
    recused.page.wait_for_url(re.compile(r"/staff/cases/$"))
    shots(recused.page, "conflict-declared")
    assert reference not in queue_references(recused)
    response = recused.goto(case_path)
    assert response.status == 404
    assert "This page does not exist." in recused.page.locator("main").inner_text()

    # The handler still has it.
    assert reference in queue_references(staff)


def test_serious_case_closes_with_four_eyes_and_the_auditor_finds_the_trail_intact(
    browse: Any, shots: Any, live_app: LiveApp,
) -> None:
    first = live_app.make_staff("Ana Machava", networks=("mozambique",))
    second = live_app.make_staff("Tomas Cossa", networks=("mozambique",))
    auditor_login = live_app.make_staff("Ines Auditor", role="auditor")
    reporter = browse(locale="pt-PT")
    filed = file_report(reporter, network="mozambique",
                        what="O tesoureiro ficou com o dinheiro das quotas dos membros.")

    one = browse()
    one.log_in(first)
    case_path = open_case_with(one, filed.marker)
    reference = one.page.locator("h1").inner_text().split()[0]
    one.act("acknowledge")
    triage = one.page.locator("#triage form")
    triage.locator("select[name=category]").select_option("fraud_corruption")
    triage.locator("input[name=serious]").check()
    triage.locator("button[type=submit]").click()
    one.page.wait_for_load_state()
    assert "Serious" in one.page.locator("h1 + p").inner_text()
    one.act("start_triage")
    one.act("close_no_case", "Obrigado. Após análise, não há elementos suficientes para abrir "
                             "uma investigação.")
    assert one.page.locator("h1 small").inner_text() == "· No case"
    # Only a handler proposes closure: take the role, then propose.
    roles = one.page.locator("form[action$='/roles']")
    roles.locator("select[name=person]").select_option(first.public_id)
    roles.locator("select[name=role]").select_option("handler")
    roles.locator("button[type=submit]").click()
    one.page.wait_for_load_state()
    assert one.page.locator("form[action$='/action/close']").count() == 0
    one.act("propose_closure", "Sem elementos para investigar.", outcome="no_case")
    shots(one.page, "closure-proposed")
    assert "waits for a second person" in one.page.locator("#actions").inner_text()
    assert one.page.locator("form[action$='/action/confirm_closure']").count() == 0
    assert_clean(one)

    two = browse()
    two.log_in(second)
    two.goto(case_path)
    two.act("confirm_closure")
    assert two.page.locator("h1 small").inner_text() == "· Closed"
    shots(two.page, "closure-confirmed")
    assert_clean(two)

    auditor = browse()
    auditor.log_in(auditor_login)
    assert auditor.path() == "/staff/audit/"
    auditor.page.get_by_role("link", name="Closed cases").click()
    auditor.page.wait_for_load_state()
    assert reference in auditor.page.locator("table").inner_text()
    shots(auditor.page, "auditor-closed-cases")
    assert_clean(auditor)
    auditor.page.get_by_role("link", name=reference).click()
    auditor.page.wait_for_load_state()
    timeline = auditor.page.locator("ol.timeline").inner_text()
    assert "propose_closure" in timeline
    assert "confirm_closure" in timeline
    assert filed.marker not in auditor.page.content()  # process, never content
    shots(auditor.page, "auditor-case")
    assert_clean(auditor)
    auditor.page.get_by_role("link", name="Audit trail").click()
    auditor.page.get_by_role("button", name="Verify the whole trail now").click()
    auditor.page.wait_for_load_state()
    verdict = auditor.page.locator("main p.notice").inner_text()
    assert verdict.startswith("Intact:"), verdict
    shots(auditor.page, "trail-verified")
    assert_clean(auditor)


def test_urgent_child_report_goes_on_top_for_the_safeguarding_lead_and_mails_them(
    browse: Any, shots: Any, live_app: LiveApp,
) -> None:
    handler = live_app.make_staff("Lucia Hernandez", networks=("mexico",))
    lead = live_app.make_staff("Rosa Safeguard", networks=("mexico",), safeguarding=True)
    staff = browse()
    staff.log_in(lead)
    reporter = browse(locale="es-MX")
    # An older, ordinary case: its deadline is nearer, yet the urgent one must go above it.
    file_report(reporter, network="mexico", what="El tesorero no presentó las cuentas anuales.")
    box = live_app.inbox
    before = len(box.to(lead.email))
    filed = file_report(reporter, network="mexico", child="yes",
                        what="El coordinador amenazó a una niña de 14 años en el taller.")
    shots(reporter.page, "es-urgent-receipt")
    # The reporter sees what to do now before anything else.
    assert reporter.page.locator("main > section.danger-box h1").count() == 1

    staff.goto("/staff/cases/")
    rows = staff.page.locator("table.queue tbody tr")
    assert rows.count() == 2
    assert "Urgent" in rows.first.inner_text()
    assert "Urgent" not in rows.nth(1).inner_text()
    shots(staff.page, "lead-queue")
    assert_clean(staff)
    open_case_with(staff, filed.marker)
    assert "A child is involved" in staff.page.locator("h1 + p").inner_text()

    # The alert leaves at intake; the cron job sends whatever did not, and never twice.
    result = live_app.flask("cases", "remind")
    assert "reminders sent" in result.stdout
    mails = wait_for_mail(box, lead.email, more_than=before)
    assert len(mails) == 1, [m["Subject"] for m in mails]
    text = mails[0].get_payload(decode=True).decode()
    assert "urgent" in text
    assert filed.marker not in text  # the mail says a case needs attention, never what
    assert box.to(handler.email) == []
