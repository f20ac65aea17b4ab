"""A person in front of a browser: their context, what it sent, and the steps they take.

Every context records each request it makes and each response it receives, so the
privacy checks can look at the traffic the way a network observer would.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pyotp

from tests.e2e.live import LiveApp, StaffLogin

# axe-core impacts that fail a page (issue 9: "no serious or critical violation").
BLOCKING_IMPACTS = {"serious", "critical"}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
TOTP_STEP_SECONDS = 30


class Screenshots:
    """Numbered full-page screenshots of one test, in the order they were taken."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.count = 0
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob("*.png"):
            old.unlink()

    def __call__(self, page: Any, what: str) -> Path:
        self.count += 1
        path = self.folder / f"{self.count:02d}-{what}.png"
        page.screenshot(path=str(path), full_page=True)
        return path


@dataclass
class Hit:
    url: str
    kind: str  # Playwright's resource type: document, stylesheet, image ...
    status: int
    response: Any

    def size(self) -> int:
        """Bytes on the wire, from Content-Length (every page and file here sends it)."""
        if self.status != 200:
            return 0
        length = self.response.headers.get("content-length")
        assert length is not None, f"no Content-Length for {self.url}"
        return int(length)


@dataclass
class Person:
    """One browser context (one person on one device) against the live app."""

    context: Any
    page: Any
    app: LiveApp
    axe_source: str
    js: bool
    requests: list[str] = field(default_factory=list)
    hits: list[Hit] = field(default_factory=list)

    @classmethod
    def open(cls, browser: Any, app: LiveApp, axe_source: str, *, js: bool, locale: str,
             phone: bool) -> Person:
        # A phone-sized screen for reporters: most of them report from a phone.
        viewport = {"width": 412, "height": 915} if phone else {"width": 1280, "height": 900}
        context = browser.new_context(java_script_enabled=js, locale=locale, viewport=viewport)
        context.set_default_timeout(15_000)
        page = context.new_page()
        person = cls(context=context, page=page, app=app, axe_source=axe_source, js=js)
        context.on("request", lambda request: person.requests.append(request.url))
        context.on("response", person._record)
        return person

    def _record(self, response: Any) -> None:
        # Only note the response here: bodies are gone once the page navigates on, and
        # the synchronous API cannot wait for them inside an event handler.
        self.hits.append(Hit(response.url, response.request.resource_type, response.status,
                             response))

    def close(self) -> None:
        self.context.close()

    # ------------------------------------------------------------ navigation

    def goto(self, path: str) -> Any:
        return self.page.goto(self.app.url(path))

    def path(self) -> str:
        return urlsplit(self.page.url).path

    def foreign_requests(self) -> list[str]:
        """Requests to anything but the app's own origin (data: URLs stay in the page)."""
        own = urlsplit(self.app.base_url).netloc
        return [url for url in self.requests
                if not url.startswith("data:") and urlsplit(url).netloc != own]

    def cookie_names(self) -> set[str]:
        return {cookie["name"] for cookie in self.context.cookies()}

    def weight_of_last_page(self) -> int:
        """Bytes of the last document and everything it loaded (CSS, images ...)."""
        starts = [i for i, hit in enumerate(self.hits) if hit.kind == "document"
                  and hit.status == 200]
        assert starts, "no page loaded yet"
        return sum(hit.size() for hit in self.hits[starts[-1]:])

    # ------------------------------------------------------------ accessibility

    def axe_violations(self) -> list[dict[str, Any]]:
        """Serious and critical axe-core violations on the current page.

        axe is evaluated through the DevTools protocol, which the page's CSP
        (script-src 'none') does not govern, so the page is checked exactly as served.
        """
        assert self.js, "axe needs a context with JavaScript enabled"
        if not self.page.evaluate("() => typeof window.axe === 'object'"):
            self.page.evaluate(self.axe_source)
        result = self.page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags},"
            " resultTypes: ['violations']})", AXE_TAGS)
        return [
            {"id": v["id"], "impact": v["impact"], "help": v["help"],
             "nodes": [n["target"] for n in v["nodes"]][:5]}
            for v in result["violations"] if v["impact"] in BLOCKING_IMPACTS
        ]

    # ------------------------------------------------------------ staff

    def log_in(self, staff: StaffLogin) -> None:
        """Password, then a fresh TOTP code as the phone shows it."""
        self.goto("/staff/login")
        self.page.fill("#email", staff.email)
        self.page.fill("#password", staff.password)
        self.page.locator("main button[type=submit]").click()
        self.page.wait_for_url(re.compile(r"/staff/login/code$"))
        self.page.fill("#code", pyotp.TOTP(staff.totp_secret).now())
        self.page.locator("main button[type=submit]").click()
        self.page.wait_for_url(re.compile(r"/staff/(cases|audit)/"))

    def act(self, action: str, text: str | None = None, *, outcome: str | None = None) -> None:
        """Take one step of the case workflow from the case page's 'What you can do now'."""
        form = self.page.locator(f"form[action$='/action/{action}']")
        if text is not None:
            form.locator("textarea[name=text]").fill(text)
        if outcome is not None:
            form.locator("select[name=outcome]").select_option(outcome)
        form.locator("button[type=submit]").click()
        self.page.wait_for_load_state()

