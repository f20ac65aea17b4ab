"""`make soak`: load, faults and hostile conditions against real servers; nothing may be lost.

    .venv/bin/python -m soak.run            # the full run (about six minutes)
    .venv/bin/python -m soak.run --quick    # a short smoke run (about two minutes)

Scenarios, in order, all on a PostgreSQL cluster this script creates on a spare loopback
port in a temporary folder (the machine's own server is never touched):

  A  one gunicorn server (4 workers): 200 reporters and 10 focal points for 60 s
  B  two gunicorn servers sharing the database (and Redis for throttles, when it answers)
  C1 PostgreSQL crashes (stop -m immediate) in the middle of the load and comes back
  C2 gunicorn workers SIGKILLed while they hold an open write transaction
  C3 the database turns read-only (default_transaction_read_only), then writable again

Then every receipt handed out must open its case with everything that was sent, every case
in the database must be whole (checked with the recovery key), `flask audit verify` must
pass, and no log line may carry a reporter address, a receipt or report text.
Exit status 0 only if all of that held.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from soak.client import Browser
from soak.cluster import Cluster
from soak.faults import Outage, WorkerKiller, set_read_only
from soak.load import Phase, Staff, Tally, run_phase
from soak.servers import ROOT, Server, free_port, start_server
from soak.verify import Verdict, check_every_case, check_receipts

DATABASE = "redevable_soak"
REDIS_URL = "redis://127.0.0.1:6379/14"
STAFF_PASSWORD = "soak " + secrets.token_hex(8)


@dataclass
class Setup:
    work: Path
    cluster: Cluster
    env: dict[str, str]
    recovery_file: Path
    networks: list[str]
    staff: list[Staff]


def log(message: str) -> None:
    print(f"[soak {time.strftime('%H:%M:%S')}] {message}", flush=True)


def flask(env: dict[str, str], *args: str) -> str:
    out = subprocess.run([sys.executable, "-m", "flask", "--app", "wsgi", *args],  # noqa: S603
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
                         check=False)
    if out.returncode != 0:
        raise RuntimeError(f"flask {' '.join(args)} failed:\n{out.stdout}\n{out.stderr}")
    return out.stdout + out.stderr


def redis_answers() -> bool:
    try:
        from redis import Redis  # noqa: PLC0415

        return bool(Redis.from_url(REDIS_URL, socket_timeout=1, socket_connect_timeout=1).ping())
    except Exception:
        return False


def make_staff(env: dict[str, str], networks: list[str], count: int) -> list[Staff]:
    """Focal points made with the app's own services, as tests/factories.make_staff does,
    but with the production password cost that the real login will check."""
    from sqlalchemy import select  # noqa: PLC0415
    from sqlalchemy.orm import Session  # noqa: PLC0415

    import db  # noqa: PLC0415
    from auth import services  # noqa: PLC0415
    from auth.models import GlobalRole  # noqa: PLC0415
    from config import Settings  # noqa: PLC0415
    from keyring.services import KDF_PARAMS  # noqa: PLC0415
    from networks.models import Network  # noqa: PLC0415

    settings = Settings.from_env(env)
    engine = db.make_engine(settings.database_url)
    made = []
    with Session(engine) as session:
        for i in range(count):
            slug = networks[i % len(networks)]
            network = session.scalars(select(Network).where(Network.slug == slug)).one()
            email = f"focal.{i}@soak.example.org"
            user = services.create_user(session, email=email, display_name=f"Focal Point {i}",
                                        role=GlobalRole.FOCAL_POINT, networks=[network])
            services.set_password_with_new_keys(session, user, STAFF_PASSWORD,
                                                KDF_PARAMS[settings.password_kdf], db.utcnow())
            secret = services.begin_totp_enrolment(session, user, settings.secret_key)
            user.totp_enabled_at = db.utcnow()
            made.append(Staff(email, STAFF_PASSWORD, secret, slug))
        session.commit()
    engine.dispose()
    return made


def setup(work: Path, focal_points: int) -> Setup:
    work.chmod(0o711)  # the postgres user must reach its own folder inside
    cluster = Cluster(work / "pg", free_port())
    cluster.init()
    cluster.start()
    cluster.wait_ready()
    url = cluster.create_database(DATABASE)
    instance = work / "instance"
    instance.mkdir()
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("REDEVABLE_") and k not in {"DATABASE_URL", "REDIS_URL"}}
    env.update(
        REDEVABLE_SECRET_KEY=secrets.token_hex(32),
        REDEVABLE_RECEIPT_PEPPER=secrets.token_hex(32),
        REDEVABLE_AUDIT_SIGNING_KEY=secrets.token_hex(32),
        REDEVABLE_INSTANCE=str(instance), DATABASE_URL=url, PYTHONPATH=str(ROOT),
        REDEVABLE_LOG_LEVEL="INFO",
    )
    recovery = work / "RECOVERY-KEY-PRIVATE.txt"
    flask(env, "db", "upgrade")
    flask(env, "keys", "init-recovery", "--out", str(recovery))
    flask(env, "networks", "import", str(ROOT / "networks.example.json"))
    national = [n["slug"] for n in json.loads((ROOT / "networks.example.json").read_text())
                if n.get("kind") == "national"][:5]
    staff = make_staff(env, national, focal_points)
    return Setup(work, cluster, env, recovery, national, staff)


def scenario(name: str, setup_: Setup, servers: list[Server], tally: Tally, *, reporters: int,
             seconds: float, staff: bool = True, **kwargs: Any) -> Phase:
    phase = Phase(name=name, ports=[s.port for s in servers], networks=setup_.networks,
                  reporters=reporters, staff=setup_.staff if staff else [], seconds=seconds,
                  tally=tally, **kwargs)
    log(f"{name}: {reporters} reporters, {len(phase.staff)} focal points, {seconds:.0f} s, "
        f"{len(servers)} server(s) × {servers[0].workers} workers")
    return phase


def with_fault(phase: Phase, fault: Any) -> None:
    thread = threading.Thread(target=fault.run, args=(phase.stop,), daemon=True)
    thread.start()
    run_phase(phase)
    thread.join(timeout=120)


def read_only_checks(setup_: Setup, server: Server, tally: Tally, name: str) -> None:
    """While the database refuses writes: clear pages, no traceback, nothing stored."""
    staff = setup_.staff[0]
    browser = Browser("127.0.9.1", "fr")
    page = browser.get(server.port, "/staff/login")
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page.body)
    answer = browser.post(server.port, "/staff/login", {
        "email": staff.email, "password": staff.password,
        "csrf_token": token.group(1) if token else ""})
    tally.hit(name, answer.status, 0)
    if answer.status == 503 and "Traceback" not in answer.body and 'lang="fr"' in answer.body:
        tally.count(name, "staff login on a read-only database: clear 503 page in French")
    else:
        tally.problem(name, "staff login on a read-only database", f"HTTP {answer.status}")


def run(args: argparse.Namespace) -> int:  # noqa: PLR0912, PLR0915 - one scenario after another
    started = time.monotonic()
    work = Path(tempfile.mkdtemp(prefix="redevable-soak-"))
    tally = Tally()
    notes: dict[str, Any] = {}
    servers: list[Server] = []
    logs: list[Path] = []
    seconds = args.seconds
    try:
        log(f"setting up PostgreSQL on 127.0.0.1 (own cluster in {work})")
        s = setup(work, args.focal_points)
        log(f"cluster on port {s.cluster.port}; networks {', '.join(s.networks)}; "
            f"{len(s.staff)} focal points")

        # A: one server, several workers.
        servers = [start_server("A", s.env, work / "gunicorn-A.log", workers=4)]
        logs.append(servers[0].log)
        run_phase(scenario("A", s, servers, tally, reporters=args.reporters, seconds=seconds))
        for server in servers:
            server.stop()

        # B: two app servers, one database, shared throttles.
        env_b = dict(s.env)
        if redis_answers():
            env_b["REDIS_URL"] = REDIS_URL
            notes["B throttles"] = f"Redis ({REDIS_URL})"
        else:
            notes["B throttles"] = "in-process memory (Redis did not answer)"
        servers = [start_server(f"B{i}", env_b, work / f"gunicorn-B{i}.log", workers=3)
                   for i in (1, 2)]
        logs += [x.log for x in servers]
        run_phase(scenario("B", s, servers, tally, reporters=args.reporters, seconds=seconds))
        for server in servers:
            server.stop()

        # C1: the database crashes in the middle of the load and comes back.
        servers = [start_server("C1", s.env, work / "gunicorn-C1.log", workers=3)]
        logs.append(servers[0].log)
        phase = scenario("C1-db-crash", s, servers, tally, reporters=args.fault_reporters,
                         seconds=max(30.0, seconds * 0.75), outage_expected=True)
        outage = Outage(s.cluster, servers[0], after=phase.seconds * 0.25,
                        down_for=min(10.0, phase.seconds * 0.2), network=s.networks[0])
        with_fault(phase, outage)
        notes.update({f"C1 {k}": round(v, 2) for k, v in outage.notes.items()})
        notes["C1 /healthz while down"] = sorted(set(outage.health_while_down))
        if "app answering again after restart (s)" not in outage.notes:
            tally.problem("C1-db-crash", "the app did not answer again after the restart")
        notes["C1 report sent during the crash (French)"] = (
            "503, text and exclusions kept, in French" if outage.kept else "NOT KEPT")
        if not outage.kept:
            tally.problem("C1-db-crash", "a report sent during the crash lost its text")
        servers[0].stop()

        # C2: workers killed in the middle of a submission's transaction.
        servers = [start_server("C2", s.env, work / "gunicorn-C2.log", workers=3)]
        logs.append(servers[0].log)
        phase = scenario("C2-worker-kill", s, servers, tally, reporters=args.fault_reporters,
                         seconds=max(25.0, seconds * 0.5), staff=False, drops_expected=True,
                         attachment_every=2)
        killer = WorkerKiller(s.cluster, DATABASE, servers[0], kills=3)
        with_fault(phase, killer)
        notes["C2 workers killed"] = killer.done
        if not killer.done:
            tally.problem("C2-worker-kill", "no worker was caught inside a transaction")
        if not servers[0].healthy():
            tally.problem("C2-worker-kill", "server not healthy after the kills")
        servers[0].stop()

        # C3: the database refuses writes, then accepts them again.
        servers = [start_server("C3", s.env, work / "gunicorn-C3.log", workers=2)]
        logs.append(servers[0].log)
        set_read_only(s.cluster, DATABASE, read_only=True)
        before = len(tally.sent)
        phase = scenario("C3-read-only", s, servers, tally, reporters=10, seconds=10,
                         staff=False, outage_expected=True, attachment_every=0)
        run_phase(phase)
        read_only_checks(s, servers[0], tally, "C3-read-only")
        if len(tally.sent) != before:
            tally.problem("C3-read-only", "a report was accepted by a read-only database")
        set_read_only(s.cluster, DATABASE, read_only=False)
        phase = scenario("C3-writable-again", s, servers, tally, reporters=10, seconds=10,
                         staff=False, attachment_every=0)
        run_phase(phase)
        if len(tally.sent) == before:
            tally.problem("C3-writable-again", "no report accepted once writable again")
        servers[0].stop()

        log("verifying every receipt, every case and the audit chain")
        verdict = verify(s, tally)
        audit = flask(s.env, "audit", "verify")
        notes["flask audit verify"] = audit.strip().splitlines()[-1] if audit.strip() else "ok"
        leaks = scan_logs(logs, tally)
        return report(tally, verdict, notes, leaks, time.monotonic() - started)
    except Exception as exc:  # a scenario could not even run: say so, with what we have
        log(f"FAILED: {type(exc).__name__}: {exc}")
        tally.problem("soak", "a scenario could not run", f"{type(exc).__name__}: {exc}")
        report(tally, Verdict(), notes, [], time.monotonic() - started)
        return 1
    finally:
        for server in servers:
            server.stop()
        if args.keep:
            log(f"kept {work} (logs, cluster data)")
        else:
            with contextlib.suppress(Exception):
                Cluster(work / "pg", 0).destroy() if (work / "pg").exists() else None
            shutil.rmtree(work, ignore_errors=True)


def verify(s: Setup, tally: Tally) -> Verdict:
    import db  # noqa: PLC0415
    from config import Settings  # noqa: PLC0415

    settings = Settings.from_env(s.env)
    engine = db.make_engine(settings.database_url)
    verdict = Verdict()
    try:
        handed_out = check_receipts(engine, settings, tally.sent, verdict)
        check_every_case(engine, s.recovery_file, handed_out, verdict)
    finally:
        engine.dispose()
    return verdict


def scan_logs(logs: list[Path], tally: Tally) -> list[str]:
    """No reporter address, receipt or report text in anything the servers wrote."""
    text = "\n".join(p.read_text(errors="replace") for p in logs if p.exists())
    leaks = []
    if re.search(r"127\.0\.[1-9]\.\d+", text):
        leaks.append("a reporter's address")
    if "SOAK-" in text:
        leaks.append("report text")
    receipts = {x.receipt for x in tally.sent}
    if any(r in text or r.replace("-", "") in text for r in receipts):
        leaks.append("a receipt")
    return leaks


def report(tally: Tally, verdict: Verdict, notes: dict[str, Any], leaks: list[str],
           elapsed: float) -> int:
    phases = list(dict.fromkeys(p for p, _ in tally.requests))
    print("\n=== Redevable soak: what held ===")
    print(f"finished {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC in {elapsed:.0f} s")
    for phase in phases:
        statuses = {s: n for (p, s), n in sorted(tally.requests.items()) if p == phase}
        lat = sorted(tally.latencies[phase])
        p50 = lat[len(lat) // 2] if lat else 0
        p95 = lat[int(len(lat) * 0.95)] if lat else 0
        print(f"\n[{phase}] requests {tally.total(phase)}  by status {statuses}  "
              f"latency p50 {p50 * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms")
        slow = sorted(((sorted(v)[int(len(v) * 0.95)], k[1], len(v))
                       for k, v in tally.by_endpoint.items() if k[0] == phase), reverse=True)
        print("    slowest (p95): " + "; ".join(f"{w} {t * 1000:.0f} ms (n={n})"
                                               for t, w, n in slow[:4]))
        for (p, event), n in sorted(tally.events.items()):
            if p == phase:
                print(f"    {event}: {n}")
    print("\n[checks]")
    print(f"    receipts handed out: {len(tally.sent)}; opened with full content: "
          f"{verdict.receipts_ok}/{verdict.receipts_checked}")
    print(f"    attachments compared byte for byte: {verdict.attachments_checked}; "
          f"replies found: {verdict.replies_checked}")
    print(f"    cases in the database: {verdict.cases_in_database}; whole (recovery key): "
          f"{verdict.cases_whole}; committed but receipt never delivered: "
          f"{verdict.cases_without_receipt}")
    for key, value in notes.items():
        print(f"    {key}: {value}")
    print(f"    log lines with a reporter address, receipt or report text: "
          f"{', '.join(leaks) if leaks else 'none'}")
    five_xx = [p for p in tally.problems if p.what.startswith("HTTP 5")]
    problems = [f"{p.phase}: {p.what} {p.detail}".strip() for p in tally.problems]
    problems += verdict.problems + [f"log leak: {x}" for x in leaks]
    print(f"    unexpected 5xx answers: {len(five_xx)}")
    if problems:
        print(f"\nFAILED: {len(problems)} problem(s):")
        for line in problems[:60]:
            print(f"  - {line}")
        return 1
    print("\nHELD: zero unexpected 5xx, every receipt opens its whole case, every case is whole, "
          "the audit chain verifies, the logs are clean.")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60.0, help="length of A and B")
    parser.add_argument("--reporters", type=int, default=200)
    parser.add_argument("--focal-points", type=int, default=10)
    parser.add_argument("--fault-reporters", type=int, default=60)
    parser.add_argument("--quick", action="store_true", help="short smoke run")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args(argv)
    if args.quick:
        args.seconds, args.reporters, args.fault_reporters = 15.0, 30, 20
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
