"""Steps the journeys share: filing a report, coming back with a receipt, staff finding a case.

They drive the pages through names and ids (the same in every language), so one step
serves a French phone with JavaScript off and an English desktop alike.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from pathlib import Path

from tests.e2e.browser import Person

RECEIPT_RE = re.compile(r"^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$")


@dataclass(frozen=True)
class Filed:
    receipt: str
    marker: str  # a unique phrase in the report, to recognise the case on the staff side


def unique_marker() -> str:
    return f"REF-{uuid.uuid4().hex[:10].upper()}"


def file_report(
    person: Person,
    *,
    network: str,
    what: str,
    child: str = "no",
    danger: str = "no",
    exclude: tuple[str, ...] = (),
    attachment: Path | None = None,
    shots: object | None = None,
) -> Filed:
    """Fill the intake form as a person does and send it; returns the receipt shown."""
    marker = unique_marker()
    page = person.page
    person.goto("/report")
    form = page.locator("form[action$='/report']")
    form.locator(f"input[name=danger_now][value={danger}]").check()
    form.locator("input[name=channel][value=complaint]").check()
    form.locator("#what_happened").fill(f"{what} ({marker})")
    form.locator("#when").fill("2026-10")
    form.locator("#network").select_option(network)
    form.locator("#location").fill("Dakar")
    form.locator("#concerned_role").select_option("board")
    form.locator(f"input[name=child_involved][value={child}]").check()
    form.locator("input[name=on_behalf][value=self]").check()
    if exclude:
        form.locator("details summary").click()
        for public_id in exclude:
            form.locator(f"input[name=excluded_staff][value='{public_id}']").check()
    form.locator("input[name=identity_choice][value=anonymous]").check()
    if attachment is not None:
        form.locator("input[type=file][name=attachments]").set_input_files(str(attachment))
    if callable(shots):
        shots(page, "form-filled")
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    receipt = page.locator("#receipt-copy").get_attribute("value") or ""
    assert RECEIPT_RE.match(receipt), page.content()[:2000]
    return Filed(receipt=receipt, marker=marker)


def open_followup(person: Person, receipt: str) -> None:
    """Come back later: type the receipt on the follow-up page."""
    person.goto("/follow-up")
    person.page.locator("#receipt").fill(receipt)
    person.page.locator("form[action$='/follow-up'] button[type=submit]").click()
    person.page.wait_for_url(re.compile(r"/follow-up/case"))


def queue_references(person: Person) -> list[str]:
    """The case references in the queue, top first (an empty queue gives [])."""
    person.goto("/staff/cases/")
    return [ref.strip() for ref in
            person.page.locator("table.queue tbody tr td:first-child a").all_inner_texts()]


def open_case_with(person: Person, marker: str) -> str:
    """Open the queue's first case, check it is the one with `marker`; returns its path."""
    person.goto("/staff/cases/")
    person.page.locator("table.queue tbody tr").first.locator("a").first.click()
    person.page.wait_for_load_state()
    assert marker in person.page.locator("dl.report").inner_text()
    return person.path()
