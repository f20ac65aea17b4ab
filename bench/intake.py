"""1. Intake: full anonymous submissions (GET /report, POST /report) through gunicorn, with wrk.

Beside it the ceiling: a minimal Flask handler inserting one plaintext row, same gunicorn setup,
same database, same load generator. The receipt's key derivation is measured alone
(crypto.derive_receipt_keys, as intake calls it) and set against the server CPU time one
submission costs, read from the workers' /proc counters. Since receipt scheme 2 it is one
HMAC-SHA256, not an Argon2id (crypto/receipt.py says why), so the "Argon2 share" is about nil.

The headline text is urgent (a child is named), so every submission also sends an alert, to a
mail server of the bench's own (bench.smtp_sink): the figures include delivering the alerts,
and the bench checks that each urgent case's alert arrived. A second pass, reported apart,
submits a realistic mix (mostly non-urgent, a few urgent, four languages).
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.common import (
    ROOT,
    Figure,
    Instance,
    Results,
    Server,
    ensure_wrk,
    gunicorn,
    make_focal_point,
    make_instance,
    median,
    percentile,
    timed,
)
from bench.texts import reports
from tests.helpers import free_port

SCRIPT = ROOT / "bench" / "submit.lua"
CONCURRENCY = (8, 32)
P99_TARGET_MS = 250
RATIO_TARGET = 0.5


@dataclass
class Run:
    units_per_s: float
    p50_ms: float
    p99_ms: float
    ok: int
    bad: int
    socket_errors: int
    statuses: dict[str, int]
    server_cpu_ms_per_unit: float


def report_fields(text: str) -> dict[str, str]:
    """The intake form as a reporter fills it (tests/helpers.py report_form), anonymous."""
    return {
        "danger_now": "no", "channel": "complaint", "what_happened": text, "when": "March",
        "network": "senegal", "location": "Dakar", "concerned_role": "board",
        "concerned_names": "", "child_involved": "no", "reported_elsewhere": "no",
        "reported_where": "", "outcome": "", "on_behalf": "self",
        "identity_choice": "anonymous", "name": "", "contact": "", "excluded": "", "website": "",
    }


def multipart_template(fields: dict[str, str], boundary: str) -> bytes:
    """The POST body with the placeholder @@CSRF@@ where the page's token goes."""
    parts = []
    for name, value in [*fields.items(), ("csrf_token", "@@CSRF@@")]:
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                     f"{value}\r\n")
    parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="attachments"; '
                 f'filename=""\r\nContent-Type: application/octet-stream\r\n\r\n\r\n')
    parts.append(f"--{boundary}--\r\n")
    return "".join(parts).encode()


def _cpu_seconds(pids: list[int]) -> float:
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / ticks


def wrk_run(wrk: str, server: Server, args: list[str], connections: int,
            seconds: int) -> Run:
    pids = server.worker_pids()
    cpu_before = _cpu_seconds(pids)
    out = subprocess.run(
        [wrk, "-t", str(connections), "-c", str(connections), "-d", f"{seconds}s",
         "--timeout", "30s", "-s", str(SCRIPT), server.base, "--", *args],
        capture_output=True, text=True, timeout=seconds + 120, check=False)
    if out.returncode != 0:
        raise RuntimeError(f"wrk failed ({out.returncode}):\n{out.stdout}\n{out.stderr}")
    cpu = _cpu_seconds(pids) - cpu_before
    line = next((ln for ln in out.stdout.splitlines() if ln.startswith("BENCH_JSON ")), None)
    if line is None:
        raise RuntimeError(f"wrk printed no result:\n{out.stdout}\n{out.stderr}")
    data: dict[str, Any] = json.loads(line.removeprefix("BENCH_JSON "))
    latencies = [v / 1000 for v in data["latencies_us"]]
    duration = data["duration_us"] / 1e6
    ok = int(data["ok"])
    return Run(
        units_per_s=ok / duration,
        p50_ms=percentile(latencies, 50) if latencies else float("nan"),
        p99_ms=percentile(latencies, 99) if latencies else float("nan"),
        ok=ok, bad=int(data["bad"]), socket_errors=int(data["socket_errors"]),
        statuses=data["statuses"],
        server_cpu_ms_per_unit=cpu * 1000 / ok if ok else float("nan"),
    )


def receipt_kdf_seconds(runs: int = 41) -> float:
    """Median time of one receipt key derivation as intake does it (scheme 2: no Argon2)."""
    from crypto import derive_receipt_keys, new_receipt  # noqa: PLC0415

    pepper = secrets.token_bytes(32)
    receipt = new_receipt()
    derive_receipt_keys(receipt, pepper)
    return median(timed(lambda: derive_receipt_keys(receipt, pepper), runs))


def _measure(wrk: str, server: Server, args: list[str], seconds: int) -> dict[int, Run]:
    wrk_run(wrk, server, args, CONCURRENCY[0], max(2, round(seconds / 4)))  # warm-up
    return {c: wrk_run(wrk, server, args, c, seconds) for c in CONCURRENCY}


def mixed_texts(count: int = 20, urgent: int = 2) -> list[str]:
    """A realistic mix: mostly non-urgent reports in the four languages, a few urgent ones.

    Urgency is what the classifier finds in the text (the form says no child, no danger).
    """
    from classification import FormAnswers, classify  # noqa: PLC0415

    calm, pressing = [], []
    answers = FormAnswers(child_involved=False, danger_now=False, retaliation_feared=None)
    for text in reports(count * 4):
        (pressing if classify(text, answers).flags else calm).append(text)
    return calm[:count - urgent] + pressing[:urgent]


@dataclass
class Alerts:
    urgent_cases: int
    sent: int
    received: int
    sink_cpu_ms: float


@contextlib.contextmanager
def smtp_sink(folder: Path) -> Iterator[tuple[int, dict[str, float]]]:
    """bench.smtp_sink in its own process; yields its port and, once stopped, its counts."""
    port = free_port()
    log = (folder / "smtp-sink.log").open("ab")
    process = subprocess.Popen([sys.executable, "-m", "bench.smtp_sink", str(port)], cwd=ROOT,
                               stdout=subprocess.PIPE, stderr=log, text=True)
    assert process.stdout is not None
    if process.stdout.readline().strip() != "SINK_READY":
        process.kill()
        raise RuntimeError(f"the SMTP sink did not start; see {folder / 'smtp-sink.log'}")
    result: dict[str, float] = {}
    try:
        yield port, result
    finally:
        process.send_signal(signal.SIGTERM)
        out, _ = process.communicate(timeout=30)
        log.close()
        for line in out.splitlines():
            if line.startswith("SINK_COUNT "):
                _, count, cpu = line.split()
                result.update(count=int(count), cpu=float(cpu))


def _wait_for_alerts(instance: Instance, timeout: float = 15) -> tuple[int, int]:
    """(urgent cases, alerts marked sent) once the background senders have caught up."""
    from sqlalchemy import func, select  # noqa: PLC0415

    from cases.models import Case, Reminder, ReminderKind  # noqa: PLC0415

    engine = instance.engine()
    deadline = time.monotonic() + timeout
    try:
        while True:
            with engine.connect() as connection:
                urgent = connection.scalar(select(func.count()).select_from(Case).where(
                    Case.urgent.is_(True))) or 0
                sent = connection.scalar(select(func.count()).select_from(Reminder).where(
                    Reminder.kind == ReminderKind.URGENT_ALERT,
                    Reminder.sent_at.is_not(None))) or 0
            if sent >= urgent or time.monotonic() > deadline:
                return urgent, sent
            time.sleep(0.5)
    finally:
        engine.dispose()


def bench_backend(instance: Instance, wrk: str, seconds: int) -> tuple[
        dict[int, Run], dict[int, Run], dict[int, Run], Alerts]:
    from bench import ceiling_app  # noqa: PLC0415

    make_focal_point(instance)  # a case is sealed to the network's focal point, as in real use
    boundary = "----redevablebench" + secrets.token_hex(8)
    body_file = instance.folder / "intake-body.txt"
    body_file.write_bytes(multipart_template(report_fields(reports(1)[0]), boundary))
    mixed_file = instance.folder / "intake-mixed.txt"
    mixed_file.write_bytes(b"@@NEXT@@".join(
        multipart_template(report_fields(text), boundary) for text in mixed_texts()))
    with smtp_sink(instance.folder) as (smtp_port, sink):
        env = {**instance.env, "REDEVABLE_SMTP_HOST": "127.0.0.1",
               "REDEVABLE_SMTP_PORT": str(smtp_port)}
        with gunicorn(env, "wsgi:app", instance.folder / "gunicorn-app.log") as server:
            app_runs = _measure(wrk, server, ["intake", str(body_file), boundary], seconds)
            mixed_runs = {c: wrk_run(wrk, server, ["intake", str(mixed_file), boundary], c,
                                     seconds) for c in CONCURRENCY}
            urgent, sent = _wait_for_alerts(instance)
    alerts = Alerts(urgent, sent, int(sink.get("count", -1)),
                    sink.get("cpu", float("nan")) * 1000 / max(sent, 1))
    ceiling_file = instance.folder / "ceiling-body.txt"
    ceiling_file.write_text("text=" + reports(1)[0].replace("&", " ").replace("=", " "))
    ceiling_app.create_table(instance.settings().database_url)
    with gunicorn(instance.env, "bench.ceiling_app:make_app()",
                  instance.folder / "gunicorn-ceiling.log") as server:
        ceiling_runs = _measure(wrk, server, ["ceiling", str(ceiling_file)], seconds)
    return app_runs, mixed_runs, ceiling_runs, alerts


def run(results: Results, backends: list[str], *, quick: bool) -> None:
    wrk = ensure_wrk()
    seconds = 4 if quick else 10
    argon2 = receipt_kdf_seconds()
    results.add("intake.argon2_receipt_ms", Figure(
        argon2 * 1000, "ms per submission",
        note="crypto.derive_receipt_keys as intake calls it (receipt scheme 2: HMAC-SHA256, "
             "no Argon2id), one core, median of 41"))
    results.notes.append(
        "intake: the headline figures submit one urgent text (a child is named), so every "
        "submission also sends an alert, delivered to the bench's own mail server; "
        "intake.<backend>.mixed.* submit a realistic mix (18 non-urgent, 2 urgent, en/es/fr/pt)")
    for backend in backends:
        instance = make_instance("intake", backend)
        try:
            app_runs, mixed_runs, ceiling_runs, alerts = bench_backend(instance, wrk, seconds)
        finally:
            instance.cleanup()
        for c in CONCURRENCY:
            _figures(results, backend, c, app=app_runs[c], ceiling=ceiling_runs[c], argon2=argon2)
            _mixed_figures(results, backend, c, mixed_runs[c])
        delivered = alerts.sent == alerts.urgent_cases == alerts.received
        results.add(f"intake.{backend}.urgent_alerts_delivered", Figure(
            alerts.received, "alerts", target=f"= {alerts.urgent_cases} urgent cases",
            met=delivered,
            note=f"{alerts.sent} marked sent in the database, {alerts.received} received by "
                 f"the bench's SMTP sink (its own process: {alerts.sink_cpu_ms:.2f} ms CPU "
                 "per alert, not counted in the worker CPU)"))


def _mixed_figures(results: Results, backend: str, c: int, run: Run) -> None:
    prefix = f"intake.{backend}.mixed.c{c}"
    note = ("the same full submission with a realistic mix of texts: 18 non-urgent and 2 urgent "
            "reports in en/es/fr/pt, each reporter taking them in turn; the headline figures "
            "above are all-urgent (every submission sends an alert), the costlier case")
    results.add(f"{prefix}.submissions_per_s", Figure(run.units_per_s, "submissions/s",
                                                      note=note))
    results.add(f"{prefix}.p99_ms", Figure(run.p99_ms, "ms per submission"))
    errors = run.bad + run.socket_errors
    results.add(f"{prefix}.errors", Figure(
        errors, "failed submissions", target="0", met=errors == 0,
        note=f"statuses {run.statuses}, socket errors {run.socket_errors}" if errors else None))
    results.add(f"{prefix}.server_cpu_ms", Figure(run.server_cpu_ms_per_unit,
                                                  "ms worker CPU per submission"))


def _figures(results: Results, backend: str, c: int, *, app: Run, ceiling: Run,
             argon2: float) -> None:
    prefix = f"intake.{backend}.c{c}"
    ratio = app.units_per_s / ceiling.units_per_s if ceiling.units_per_s else None
    results.add(f"{prefix}.submissions_per_s", Figure(
        app.units_per_s, "submissions/s", ceiling=ceiling.units_per_s, ratio=ratio,
        note="GET /report + POST /report (multipart, CSRF token, session cookie); ceiling: "
             "POST of one plaintext row by a minimal Flask handler, same gunicorn, same DB"))
    # Without the receipt's Argon2: the workers are CPU-bound, so each submission would cost
    # (server CPU per submission - Argon2 time) and throughput would rise in proportion.
    cpu = app.server_cpu_ms_per_unit / 1000
    share = argon2 / cpu if cpu > 0 else None
    adjusted = app.units_per_s * cpu / (cpu - argon2) if cpu > argon2 else None
    adj_ratio = adjusted / ceiling.units_per_s if adjusted and ceiling.units_per_s else None
    results.add(f"{prefix}.argon2_share", Figure(
        share, "fraction of server CPU per submission",
        note=f"{argon2 * 1000:.1f} ms of {app.server_cpu_ms_per_unit:.1f} ms worker CPU"))
    results.add(f"{prefix}.ratio_excluding_argon2", Figure(
        adj_ratio, "x ceiling", ceiling=ceiling.units_per_s, ratio=adj_ratio,
        target=f">= {RATIO_TARGET}", met=adj_ratio is not None and adj_ratio >= RATIO_TARGET,
        note=f"{adjusted or 0:.0f} submissions/s with the Argon2 share removed"))
    results.add(f"{prefix}.p50_ms", Figure(app.p50_ms, "ms per submission"))
    last = c == CONCURRENCY[-1]
    results.add(f"{prefix}.p99_ms", Figure(
        app.p99_ms, "ms per submission", target=f"< {P99_TARGET_MS}" if last else None,
        met=app.p99_ms < P99_TARGET_MS if last else None))
    errors = app.bad + app.socket_errors
    results.add(f"{prefix}.errors", Figure(
        errors, "failed submissions", target="0", met=errors == 0,
        note=f"statuses {app.statuses}, socket errors {app.socket_errors}" if errors else None))
    results.add(f"{prefix}.server_cpu_ms", Figure(
        app.server_cpu_ms_per_unit, "ms worker CPU per submission",
        ceiling=ceiling.server_cpu_ms_per_unit,
        ratio=ceiling.server_cpu_ms_per_unit / app.server_cpu_ms_per_unit
        if app.server_cpu_ms_per_unit else None))
    results.add(f"ceiling.{backend}.c{c}.inserts_per_s", Figure(
        ceiling.units_per_s, "inserts/s",
        note=f"p50 {ceiling.p50_ms:.1f} ms, p99 {ceiling.p99_ms:.1f} ms, "
             f"errors {ceiling.bad + ceiling.socket_errors}"))
