"""The people: reporters who file and come back, focal points who work the queue.

Every simulated person is a thread with its own loopback address. Everything is bounded:
a deadline for the whole run and a cap on cycles per person. Each answer is classified;
what a reporter was handed (the receipt and everything they sent) is kept for the final
check that nothing was lost.
"""

from __future__ import annotations

import collections
import hashlib
import random
import re
import secrets
import threading
import time
from dataclasses import dataclass, field
from typing import Any

import pyotp

from soak.client import (
    ACK_RE,
    CASE_LINK_RE,
    CONNECTION_ERRORS,
    RECEIPT_RE,
    Answer,
    Browser,
    describe,
    source_address,
)

LANGUAGES = ("en", "fr", "es", "pt")
# The heading of the intake page re-rendered after a failed save, in each language
# (templates/reporting/report.html, translations/*): the reporter must understand it.
SAVE_FAILED = {
    "en": "Your report could not be saved",
    "fr": "Votre signalement n’a pas pu être enregistré",
    "es": "No se pudo guardar su reporte",
    "pt": "Não foi possível guardar o seu relato",
}
UNAVAILABLE_MARK = 'class="notice error-notice"'
MAX_CYCLES = 200
ENDPOINT_RE = re.compile(r"/[0-9a-f-]{36}")
TEXTS = (
    "Le trésorier garde les cotisations chez lui au lieu de la banque.",
    "The coordinator shouted at volunteers and threatened to expel them.",
    "El coordinador pidió dinero a cambio de una plaza en el taller.",
    "O facilitador fez comentários sexuais durante a formação.",
)


@dataclass
class Sent:
    """What one reporter sent and was given back: the proof the case must match."""

    receipt: str
    answers: dict[str, str]
    identity: dict[str, str] | None
    files: list[tuple[str, str]]  # (filename, sha256 of the bytes)
    replies: list[str] = field(default_factory=list)
    phase: str = ""


@dataclass
class Problem:
    phase: str
    what: str
    detail: str


class Tally:
    """Thread-safe counters for one whole soak run."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.requests: collections.Counter[tuple[str, str]] = collections.Counter()
        self.events: collections.Counter[tuple[str, str]] = collections.Counter()
        self.sent: list[Sent] = []
        self.problems: list[Problem] = []
        self.latencies: dict[str, list[float]] = collections.defaultdict(list)
        self.by_endpoint: dict[tuple[str, str], list[float]] = collections.defaultdict(list)

    def hit(self, phase: str, status: int | str, seconds: float, what: str = "") -> None:
        with self.lock:
            self.requests[(phase, str(status))] += 1
            self.latencies[phase].append(seconds)
            if what:
                self.by_endpoint[(phase, what)].append(seconds)

    def count(self, phase: str, event: str, n: int = 1) -> None:
        with self.lock:
            self.events[(phase, event)] += n

    def problem(self, phase: str, what: str, detail: str = "") -> None:
        with self.lock:
            self.problems.append(Problem(phase, what, detail[:300]))

    def keep(self, sent: Sent) -> None:
        with self.lock:
            self.sent.append(sent)

    def total(self, phase: str | None = None) -> int:
        return sum(n for (p, _), n in self.requests.items() if phase in (None, p))

    def with_status(self, prefix: str, phase: str | None = None) -> int:
        return sum(n for (p, s), n in self.requests.items()
                   if phase in (None, p) and s.startswith(prefix))


@dataclass
class Staff:
    email: str
    password: str
    totp_secret: str
    network: str


@dataclass
class Phase:
    """One scenario's load: who, where, how long, and which failures are expected."""

    name: str
    ports: list[int]
    networks: list[str]
    reporters: int
    staff: list[Staff]
    seconds: float
    tally: Tally
    outage_expected: bool = False  # 503 pages are the right answer while the database is down
    drops_expected: bool = False  # workers are killed: some connections end without an answer
    stop: threading.Event = field(default_factory=threading.Event)
    attachment_every: int = 4

    def port(self, rnd: random.Random) -> int:
        return rnd.choice(self.ports)


class Person:
    def __init__(self, phase: Phase, index: int, language: str) -> None:
        self.phase = phase
        self.browser = Browser(source_address(index), language)
        self.rnd = random.Random(f"{phase.name}/{index}")  # noqa: S311 - load, not secrets

    def call(self, method: str, path: str, **kwargs: Any) -> Answer | None:
        """One request; None when the connection itself failed (classified here)."""
        phase = self.phase
        port = kwargs.pop("port", None) or phase.port(self.rnd)
        started = time.monotonic()
        try:
            if method == "GET":
                answer = self.browser.get(port, path)
            else:
                answer = self.browser.post(port, path, kwargs.pop("fields"),
                                           kwargs.pop("files", None))
        except CONNECTION_ERRORS as exc:
            phase.tally.hit(phase.name, "connection-error", time.monotonic() - started)
            if phase.drops_expected or phase.outage_expected:
                phase.tally.count(phase.name, "connection dropped (expected in this scenario)")
            else:
                phase.tally.problem(phase.name, "connection error", f"{method} {path} "
                                    f"{describe(exc)}")
            return None
        phase.tally.hit(phase.name, answer.status, time.monotonic() - started,
                        f"{method} {ENDPOINT_RE.sub('/<id>', path)}")
        if answer.status >= 500:
            self._server_error(method, path, answer)
        if "Traceback" in answer.body:
            phase.tally.problem(phase.name, "traceback shown", f"{method} {path}")
        return answer

    def _server_error(self, method: str, path: str, answer: Answer) -> None:
        phase = self.phase
        if phase.outage_expected and answer.status == 503:
            phase.tally.count(phase.name, "503 'please try again' page")
            return
        phase.tally.problem(phase.name, f"HTTP {answer.status}", f"{method} {path}")

    def pause(self, low: float, high: float) -> None:
        self.phase.stop.wait(self.rnd.uniform(low, high))


class Reporter(Person):
    def __init__(self, phase: Phase, index: int) -> None:
        super().__init__(phase, index, LANGUAGES[index % len(LANGUAGES)])
        self.index = index

    def run(self) -> None:
        for cycle in range(MAX_CYCLES):
            if self.phase.stop.is_set():
                return
            sent = self.file_report(cycle)
            if sent is None:
                continue
            self.pause(0.5, 2.0)
            if self.phase.stop.is_set():
                return
            self.come_back(sent)
            self.pause(0.2, 1.0)

    def _answers(self, cycle: int) -> tuple[dict[str, str], dict[str, str] | None]:
        rnd = self.rnd
        marker = f"SOAK-{self.phase.name}-{self.index}-{cycle}-{secrets.token_hex(4)}"
        answers = {
            "danger_now": "no", "channel": rnd.choice(["complaint", "complaint", "feedback"]),
            "what_happened": f"{rnd.choice(TEXTS)} {marker} " + "détails " * rnd.randint(0, 300),
            "when": f"mars {2020 + rnd.randint(0, 6)}", "network": rnd.choice(self.phase.networks),
            "location": rnd.choice(["Dakar", "Lima", "São Paulo", "Online"]),
            "concerned_role": rnd.choice(["board", "staff", "volunteer", ""]),
            "concerned_names": rnd.choice(["", "X. Y.", "Zoé Ä"]),
            "child_involved": rnd.choice(["no", "no", "unsure"]),
            "reported_elsewhere": "no", "reported_where": "",
            "outcome": rnd.choice(["", f"Qu'il rende l'argent {marker}"]),
            "on_behalf": "self", "excluded": "", "website": "",
        }
        identity = None
        if rnd.random() < 0.25:
            identity = {"name": f"Awa {marker}", "contact": f"{cycle}@example.org"}
            answers["identity_choice"] = "identified"
            answers["name"], answers["contact"] = identity["name"], identity["contact"]
        else:
            answers["identity_choice"] = "anonymous"
            answers["name"], answers["contact"] = "", ""
        return answers, identity

    def file_report(self, cycle: int) -> Sent | None:
        phase = self.phase
        form = self.call("GET", "/report")
        if form is None or form.status != 200 or not form.csrf():
            if form is not None and form.status != 503:
                phase.tally.problem(phase.name, "report form not served", str(form.status))
            self.pause(1, 3)
            return None
        answers, identity = self._answers(cycle)
        files: list[tuple[str, str, str, bytes]] = []
        if phase.attachment_every and self.rnd.randrange(phase.attachment_every) == 0:
            data = self.rnd.randbytes(self.rnd.randint(1_000, 300_000))
            files.append(("attachments", f"pièce-{cycle}.bin", "application/octet-stream", data))
        self.pause(0.3, 1.5)  # reading and typing
        token = form.csrf()
        for _attempt in range(6):
            if phase.stop.is_set():
                return None
            fields = {**answers, "csrf_token": token or ""}
            answer = self.call("POST", "/report", fields=fields, files=files)
            if answer is None:
                self.pause(1, 2)
                continue
            if answer.status == 200:
                found = RECEIPT_RE.search(answer.body)
                if not found:
                    phase.tally.problem(phase.name, "no receipt on a 200 answer")
                    return None
                sent = Sent(found.group(1), answers, identity,
                            [(f[1], hashlib.sha256(f[3]).hexdigest()) for f in files],
                            phase=phase.name)
                phase.tally.keep(sent)
                phase.tally.count(phase.name, "reports filed")
                return sent
            if answer.status == 503:
                self._check_kept(answer, answers)
                token = answer.csrf() or token
                self.pause(1, 3)  # "please try again in a moment"
                continue
            phase.tally.problem(phase.name, f"report refused with {answer.status}")
            return None
        phase.tally.count(phase.name, "reporter gave up after retries")
        return None

    def _check_kept(self, answer: Answer, answers: dict[str, str]) -> None:
        phase = self.phase
        marker = answers["what_happened"].split(" SOAK-", 1)[1].split(" ", 1)[0]
        heading = SAVE_FAILED.get(self.browser.language)
        if marker in answer.body and UNAVAILABLE_MARK in answer.body and (
                heading is None or heading in answer.body):
            phase.tally.count(phase.name, "503 intake page kept the reporter's text")
            if f'lang="{self.browser.language}"' in answer.body:
                phase.tally.count(phase.name, "... in the reporter's language")
        else:
            phase.tally.problem(phase.name, "503 intake page lost the text or the message",
                                self.browser.language)

    def come_back(self, sent: Sent) -> None:
        phase = self.phase
        for _attempt in range(4):
            if phase.stop.is_set():
                return
            page = self.call("GET", "/follow-up")
            token = page.csrf() if page is not None and page.status == 200 else None
            if token is None:
                self.pause(1, 2)
                continue
            opened = self.call("POST", "/follow-up", fields={"receipt": sent.receipt,
                                                             "csrf_token": token})
            if opened is None or opened.status >= 500:
                self.pause(1, 2)
                continue
            if opened.status == 429:
                phase.tally.count(phase.name, "follow-up throttled (429), retried later")
                self.pause(3, 6)
                continue
            if opened.status != 303:
                phase.tally.problem(phase.name, f"receipt refused with {opened.status}")
                return
            self._read_and_reply(sent)
            return

    def _read_and_reply(self, sent: Sent) -> None:
        phase = self.phase
        case = self.call("GET", "/follow-up/case")
        if case is None or case.status != 200:
            return
        marker = sent.answers["what_happened"].split(" SOAK-", 1)[1].split(" ", 1)[0]
        phase.tally.count(phase.name, "follow-ups opened")
        if marker not in case.body and sent.replies:
            # The case page shows the conversation, not the report: check our own messages.
            phase.tally.problem(phase.name, "follow-up page lacks an earlier reply")
        reply = f"Complément {marker} {secrets.token_hex(3)}"
        answer = self.call("POST", "/follow-up/case", fields={
            "body": reply, "csrf_token": case.csrf() or ""}, files=[])
        if answer is not None and answer.status == 303:
            sent.replies.append(reply)
            shown = self.call("GET", "/follow-up/case")
            if shown is not None and shown.status == 200:
                if reply in shown.body:
                    phase.tally.count(phase.name, "replies sent and shown back")
                else:
                    phase.tally.problem(phase.name, "reply not shown on the follow-up page")
        leave = self.call("GET", "/follow-up/case")
        if leave is not None and leave.status == 200:
            self.call("POST", "/follow-up/leave", fields={"csrf_token": leave.csrf() or ""})


class FocalPoint(Person):
    def __init__(self, phase: Phase, index: int, staff: Staff) -> None:
        super().__init__(phase, 1000 + index, "en")
        self.staff = staff

    def login(self) -> bool:
        """Password then TOTP, through the real pages; keeps trying while the phase runs."""
        phase = self.phase
        self.pause(0, 10)  # people do not all log in at the same second
        while not phase.stop.is_set():
            page = self.call("GET", "/staff/login")
            first = None if page is None or page.status != 200 else self.call(
                "POST", "/staff/login", fields={"email": self.staff.email,
                                               "password": self.staff.password,
                                               "csrf_token": page.csrf() or ""})
            code_page = None if first is None or first.status != 303 else self.call(
                "GET", "/staff/login/code")
            if code_page is not None and code_page.status == 200:
                done = self.call("POST", "/staff/login/code", fields={
                    "code": pyotp.TOTP(self.staff.totp_secret).now(),
                    "csrf_token": code_page.csrf() or ""})
                if done is not None and done.status == 303:
                    phase.tally.count(phase.name, "focal point logins (password + TOTP)")
                    return True
                # A code is accepted once (a login moments ago used this one): wait for the next.
                phase.stop.wait(31 - time.time() % 30)
                continue
            self.pause(2, 4)
        if not phase.outage_expected:
            phase.tally.problem(phase.name, "focal point could not log in", self.staff.email)
        return False

    def run(self) -> None:
        if not self.login():
            return
        while not self.phase.stop.is_set():
            queue = self.call("GET", "/staff/cases/")
            if queue is None or queue.status != 200:
                self.pause(1, 2)
                continue
            self.phase.tally.count(self.phase.name, "queue pages listed")
            ids = list(dict.fromkeys(CASE_LINK_RE.findall(queue.body)))
            for public_id in self.rnd.sample(ids, min(3, len(ids))):
                if self.phase.stop.is_set():
                    return
                self.open_case(public_id)
            self.pause(0.5, 1.5)

    def open_case(self, public_id: str) -> None:
        phase = self.phase
        page = self.call("GET", f"/staff/cases/{public_id}")
        if page is None or page.status != 200:
            if page is not None and page.status < 500:
                phase.tally.problem(phase.name, f"case from the queue answered {page.status}")
            return
        phase.tally.count(phase.name, "cases opened by focal points")
        if "SOAK-" not in page.body:
            phase.tally.problem(phase.name, "case page lacks the report text")
        ack = ACK_RE.search(page.body)
        if ack:
            done = self.call("POST", ack.group(1), fields={"csrf_token": page.csrf() or "",
                                                           "text": ""})
            if done is not None and done.status == 303:
                phase.tally.count(phase.name, "cases acknowledged")


def run_phase(phase: Phase) -> None:
    """Everyone at once for `phase.seconds`; then stop and wait for all (bounded)."""
    people: list[Person] = [Reporter(phase, i) for i in range(phase.reporters)]
    people += [FocalPoint(phase, i, s) for i, s in enumerate(phase.staff)]
    threads = [threading.Thread(target=p.run, name=f"{phase.name}-{i}", daemon=True)  # type: ignore[attr-defined]
               for i, p in enumerate(people)]
    for thread in threads:
        thread.start()
    phase.stop.wait(phase.seconds)
    phase.stop.set()
    deadline = time.monotonic() + 150
    for thread in threads:
        thread.join(timeout=max(0.1, deadline - time.monotonic()))
    stuck = sum(t.is_alive() for t in threads)
    if stuck:
        phase.tally.problem(phase.name, "people still waiting for an answer after the stop",
                            str(stuck))
    tally = phase.tally
    statuses = {s: n for (p, s), n in sorted(tally.requests.items()) if p == phase.name}
    print(f"[soak {time.strftime('%H:%M:%S')}] {phase.name} done: {tally.total(phase.name)} "
          f"requests {statuses}; {sum(1 for x in tally.sent if x.phase == phase.name)} receipts; "
          f"{sum(1 for x in tally.problems if x.phase == phase.name)} problems", flush=True)
