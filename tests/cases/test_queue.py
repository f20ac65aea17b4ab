"""The queue: what a person may see, in the right order, in a constant number of queries."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import event, insert, select
from sqlalchemy.orm import Session

from auth.services import key_fingerprint
from cases.models import FAR_FUTURE, Case, CaseKeyWrap, CaseStatus, Category, Channel, HolderKind
from tests.conftest import FIXED_NOW
from tests.factories import make_case, make_network


def bulk_cases(session: Session, network_id: int, holder: Any, count: int) -> None:
    """Insert `count` cases held by `holder` quickly (Core inserts; content is a dummy blob)."""
    fpr = key_fingerprint(holder.public_key)
    batch = 5000
    for start in range(0, count, batch):
        rows = []
        for n in range(start, min(start + batch, count)):
            received = FIXED_NOW - dt.timedelta(minutes=n)
            rows.append({
                "public_id": str(uuid.uuid4()), "reference": f"RDV-B{n:07d}",
                "network_id": network_id, "channel": Channel.COMPLAINT,
                "status": CaseStatus.RECEIVED if n % 3 else CaseStatus.TRIAGE,
                "received_at": received, "ack_due_at": received + dt.timedelta(days=7),
                "updated_at": received, "last_reporter_activity_at": received,
                "suggested_flags": [], "suggested_category": Category.FRAUD_CORRUPTION,
                "flag_minor_involved": n % 50 == 0, "flag_immediate_danger": False,
                "flag_retaliation": False, "urgent": n % 50 == 0,
                "queue_rank": 0 if n % 50 == 0 else 1, "serious": False,
                "next_due_at": received + dt.timedelta(days=7) if n % 3 else FAR_FUTURE,
                "report_sealed": b"x",
            })
        session.execute(insert(Case), rows)
        ids = session.scalars(select(Case.id).where(Case.reference.in_(
            [r["reference"] for r in rows]))).all()
        session.execute(insert(CaseKeyWrap), [
            {"case_id": i, "holder_kind": HolderKind.STAFF, "holder_id": holder.id,
             "wrapped_key": b"w", "recipient_fpr": fpr, "created_at": FIXED_NOW} for i in ids])
    session.commit()


class QueryCounter:
    def __init__(self) -> None:
        self.count = 0

    def __call__(self, *_args: Any) -> None:
        self.count += 1


def count_queries(app: Flask, client: Any, url: str) -> tuple[int, str]:
    counter = QueryCounter()
    engine = app.extensions["redevable.sessionmaker"].kw["bind"].engine
    event.listen(engine, "before_cursor_execute", counter)
    try:
        page = client.get(url)
    finally:
        event.remove(engine, "before_cursor_execute", counter)
    assert page.status_code == 200
    return counter.count, page.get_data(as_text=True)


def walk_pages(app: Flask, client: Any, url: str, pages: int) -> list[int]:
    counts = []
    for _ in range(pages):
        count, html = count_queries(app, client, url)
        counts.append(count)
        found = re.search(r'href="(/staff/cases/\?[^"]*after=[^"]+)"', html)
        if not found:
            break
        url = found.group(1).replace("&amp;", "&")
    return counts


def test_queue_shows_urgent_then_overdue_first_and_only_held_cases(
    session: Session, staff: Any, login: Any, app: Flask
) -> None:
    network = make_network(session)
    me, secret = staff(networks=[network])
    other, _ = staff(name="Olga Other", networks=[network])
    calm, _ = make_case(session, network=network, holders=[me], now=FIXED_NOW)
    late, _ = make_case(session, network=network, holders=[me],
                        now=FIXED_NOW - dt.timedelta(days=9))
    child, _ = make_case(session, network=network, holders=[me], minor=True, now=FIXED_NOW)
    hidden, _ = make_case(session, network=network, holders=[other], now=FIXED_NOW)
    session.commit()
    client = login(me, secret)
    page = client.get("/staff/cases/").get_data(as_text=True)
    order = [page.index(c.reference) for c in (child, late, calm)]
    assert order == sorted(order)
    assert hidden.reference not in page
    assert "Overdue" in page
    filtered = client.get("/staff/cases/?overdue=1")
    assert late.reference in filtered.get_data(as_text=True)
    assert calm.reference not in filtered.get_data(as_text=True)


def test_queue_pages_cost_a_constant_number_of_queries(
    session: Session, staff: Any, login: Any, app: Flask
) -> None:
    network = make_network(session)
    me, secret = staff(networks=[network])
    bulk_cases(session, network.id, me, 400)
    client = login(me, secret)
    counts = walk_pages(app, client, "/staff/cases/", pages=5)
    assert len(counts) == 5
    assert len(set(counts)) == 1, counts
    filtered = walk_pages(app, client, "/staff/cases/?status=received&category=fraud_corruption",
                          pages=3)
    assert len(set(filtered)) == 1, filtered


@pytest.mark.postgres
@pytest.mark.slow
def test_queue_with_100000_cases_on_postgresql(session: Session, staff: Any, login: Any,
                                                app: Flask) -> None:
    network = make_network(session)
    me, secret = staff(networks=[network])
    bulk_cases(session, network.id, me, 100_000)
    client = login(me, secret)
    first = walk_pages(app, client, "/staff/cases/", pages=4)
    assert len(first) == 4
    assert len(set(first)) == 1, first
    urgent = walk_pages(app, client, "/staff/cases/?urgent=1&network=senegal", pages=3)
    assert len(set(urgent)) == 1, urgent
