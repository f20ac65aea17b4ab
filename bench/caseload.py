"""2. Queue: a focal point's case list with 100,000 cases, first and deep pages, with filters.

Cases are inserted in bulk (Core inserts, a dummy sealed blob, as tests/cases/test_queue.py
bulk_cases does), all held by one focal point, then ANALYZEd as a live database would be. Each
page is fetched through gunicorn by the logged-in focal point, one request at a time (latency,
not throughput); the query alone (cases.queue.queue_page) is timed in-process beside it.
"""

from __future__ import annotations

import datetime as dt
import time
import urllib.parse
import uuid
from typing import Any

from sqlalchemy import insert, select, text
from sqlalchemy.orm import Session

from bench.common import (
    Figure,
    Instance,
    Results,
    gunicorn,
    make_focal_point,
    make_instance,
    percentile,
    staff_login,
)

CASES = 100_000
P95_TARGET_MS = 50.0
BATCH = 5000

# name -> (query string, position of the deep page's cursor within the filtered order or None)
PAGES: dict[str, tuple[dict[str, str], float | None]] = {
    "first": ({}, None),
    "deep": ({}, 0.5),
    "filtered_first": ({"status": "received", "category": "fraud_corruption"}, None),
    "filtered_deep": ({"status": "received", "category": "fraud_corruption"}, 0.5),
    "urgent_network_first": ({"urgent": "1", "network": "senegal"}, None),
}


def bulk_cases(instance: Instance, email: str, count: int) -> None:
    """Insert `count` cases held by the focal point, with a realistic mix of fields."""
    from auth.models import StaffUser  # noqa: PLC0415
    from auth.services import key_fingerprint  # noqa: PLC0415
    from cases.models import (  # noqa: PLC0415
        FAR_FUTURE,
        Case,
        CaseKeyWrap,
        CaseStatus,
        Category,
        Channel,
        HolderKind,
    )
    from networks.models import Network  # noqa: PLC0415

    now = dt.datetime.now(dt.UTC)
    statuses = [CaseStatus.RECEIVED, CaseStatus.RECEIVED, CaseStatus.TRIAGE,
                CaseStatus.INVESTIGATION, CaseStatus.ACKNOWLEDGED, CaseStatus.CLOSED]
    categories = list(Category)
    engine = instance.engine()
    with Session(engine) as session:
        holder = session.scalars(select(StaffUser).where(StaffUser.email == email)).one()
        fpr = key_fingerprint(holder.public_key or b"")
        nets = {n.slug: n.id for n in session.scalars(select(Network))}
        network_ids = [nets["senegal"]] * 4 + [nets.get("rdc", nets["senegal"])]
        for start in range(0, count, BATCH):
            rows = []
            for n in range(start, min(start + BATCH, count)):
                received = now - dt.timedelta(minutes=7 * n)
                status = statuses[n % len(statuses)]
                closed = status == CaseStatus.CLOSED
                urgent = n % 50 == 0 and not closed
                rows.append({
                    "public_id": str(uuid.uuid4()), "reference": f"RDV-B{n:07d}",
                    "network_id": network_ids[n % len(network_ids)],
                    "channel": Channel.COMPLAINT, "status": status,
                    "received_at": received, "ack_due_at": received + dt.timedelta(days=7),
                    "updated_at": received, "last_reporter_activity_at": received,
                    "suggested_flags": [], "suggested_category": categories[n % len(categories)],
                    "flag_minor_involved": urgent, "flag_immediate_danger": False,
                    "flag_retaliation": False, "urgent": urgent,
                    "queue_rank": 2 if closed else 0 if urgent else 1, "serious": False,
                    "next_due_at": FAR_FUTURE if closed else received + dt.timedelta(days=7),
                    "report_sealed": b"x" * 600,
                })
            session.execute(insert(Case), rows)
            ids = session.scalars(select(Case.id).where(Case.reference.in_(
                [r["reference"] for r in rows]))).all()
            session.execute(insert(CaseKeyWrap), [
                {"case_id": i, "holder_kind": HolderKind.STAFF, "holder_id": holder.id,
                 "wrapped_key": b"w" * 120, "recipient_fpr": fpr, "created_at": now}
                for i in ids])
        session.commit()
    with engine.connect() as connection:
        connection.execute(text("ANALYZE"))
        connection.commit()
    engine.dispose()


def _cursors(instance: Instance, email: str) -> dict[str, str]:
    """The `after` cursor of each deep page: the case at the given position of that order."""
    from auth.models import StaffUser  # noqa: PLC0415
    from cases.queue import QueueFilters, cursor_of, queue_page  # noqa: PLC0415

    engine = instance.engine()
    out = {}
    with Session(engine) as session:
        user = session.scalars(select(StaffUser).where(StaffUser.email == email)).one()
        for name, (args, position) in PAGES.items():
            if position is None:
                continue
            ordered = queue_page(session, user, QueueFilters.from_args(args),
                                 now=dt.datetime.now(dt.UTC), size=CASES + 1).cases
            out[name] = cursor_of(ordered[int(len(ordered) * position)])
    engine.dispose()
    return out


def _query_times(instance: Instance, email: str, urls: dict[str, dict[str, str]],
                 runs: int) -> dict[str, list[float]]:
    """cases.queue.queue_page alone, in-process (SQL, rows and ORM objects; no template)."""
    from auth.models import StaffUser  # noqa: PLC0415
    from cases.queue import QueueFilters, queue_page  # noqa: PLC0415

    engine = instance.engine()
    times: dict[str, list[float]] = {}
    with Session(engine) as session:
        user = session.scalars(select(StaffUser).where(StaffUser.email == email)).one()
        for name, args in urls.items():
            filters = QueueFilters.from_args(args)
            times[name] = []
            for _ in range(runs + 3):
                session.expunge_all()
                started = time.perf_counter()
                queue_page(session, user, filters, now=dt.datetime.now(dt.UTC))
                times[name].append(time.perf_counter() - started)
                session.rollback()
            del times[name][:3]
    engine.dispose()
    return times


def run(results: Results, backends: list[str], *, quick: bool) -> None:
    count = 20_000 if quick else CASES
    runs = 20 if quick else 40
    for backend in backends:
        instance = make_instance("queue", backend)
        try:
            _bench(results, instance, backend, count, runs)
        finally:
            instance.cleanup()


def _bench(results: Results, instance: Instance, backend: str, count: int, runs: int) -> None:
    email, password, secret = make_focal_point(instance)
    started = time.perf_counter()
    bulk_cases(instance, email, count)
    print(f"  {count} cases inserted in {time.perf_counter() - started:.0f} s", flush=True)
    cursors = _cursors(instance, email)
    urls = {name: dict(args, **({"after": cursors[name]} if name in cursors else {}))
            for name, (args, _) in PAGES.items()}
    http_times: dict[str, list[float]] = {}
    with gunicorn(instance.env, "wsgi:app", instance.folder / "gunicorn.log") as server:
        client = staff_login(server.port, email, password, secret)
        for name, args in urls.items():
            path = "/staff/cases/?" + urllib.parse.urlencode(args)
            http_times[name] = _http_times(client, path, runs)
        client.close()
    query_times = _query_times(instance, email, urls, runs)
    for name in urls:
        prefix = f"queue.{backend}.{name}"
        ms = [t * 1000 for t in http_times[name]]
        results.add(f"{prefix}.p50_ms", Figure(percentile(ms, 50), "ms per page (HTTP)"))
        p95 = percentile(ms, 95)
        target = backend == "postgresql" and count >= CASES
        results.add(f"{prefix}.p95_ms", Figure(
            p95, "ms per page (HTTP)", target=f"< {P95_TARGET_MS:g}" if target else None,
            met=p95 < P95_TARGET_MS if target else None,
            note=f"{count} cases; GET /staff/cases/?{urllib.parse.urlencode(urls[name])[:80]}"))
        q = [t * 1000 for t in query_times[name]]
        results.add(f"{prefix}.query_p95_ms", Figure(
            percentile(q, 95), "ms per page (queue_page alone)",
            note=f"p50 {percentile(q, 50):.2f} ms"))


def _http_times(client: Any, path: str, runs: int) -> list[float]:
    times = []
    for n in range(runs + 5):
        started = time.perf_counter()
        status, _, body = client.get(path)
        elapsed = time.perf_counter() - started
        if status != 200 or b"RDV-B" not in body:
            raise RuntimeError(f"GET {path}: HTTP {status}, no cases listed")
        if n >= 5:
            times.append(elapsed)
    return times
