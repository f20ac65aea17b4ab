"""The journeys of issue 9, each in a real browser against the app served by gunicorn.

Each journey makes its own staff before its report is filed: a case is sealed only to
the people who exist when it arrives, so no journey sees another's cases.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.e2e.browser import Person
from tests.e2e.live import LiveApp
from tests.e2e.steps import file_report

pytestmark = pytest.mark.e2e

FRENCH_MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
                 "septembre", "octobre", "novembre", "décembre")
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
    assert any(month in page.locator("main").inner_text() for month in FRENCH_MONTHS)
    assert reporter.foreign_requests() == []
    assert reporter.cookie_names() <= {"__Host-session"}
