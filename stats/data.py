"""Reading the plaintext columns statistics need: never a sealed column, never content."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from audit.actions import Action
from audit.models import AuditEvent
from cases.models import Case
from networks.models import Network, NetworkKind
from stats.tables import (
    DEFAULT_THRESHOLD,
    CaseFacts,
    Geography,
    NetworkRef,
    Quarter,
    QuarterStats,
    build_period,
)


def geography(session: Session) -> Geography:
    """Every network with the regional network it sits in (walking up the parents)."""
    networks = {n.id: n for n in session.scalars(select(Network))}

    def region_of(network: Network) -> Network | None:
        seen = set()
        current: Network | None = network
        while current is not None and current.id not in seen:
            if current.kind == NetworkKind.REGIONAL:
                return current
            seen.add(current.id)
            current = networks.get(current.parent_id) if current.parent_id else None
        return None

    refs = []
    for network in networks.values():
        region = region_of(network)
        refs.append(NetworkRef(slug=network.slug, name=network.name,
                               region=region.slug if region else "",
                               region_name=region.name if region else ""))
    return Geography(tuple(sorted(refs, key=lambda r: r.slug)))


def appealed_references(session: Session) -> set[str]:
    """Cases the trail shows entering the "appeal" state (purged cases keep their events)."""
    rows = session.execute(
        select(AuditEvent.case_ref, AuditEvent.details)
        .where(AuditEvent.action == Action.CASE_STATUS_CHANGED,
               AuditEvent.case_ref.is_not(None)))
    return {ref for ref, details in rows if ref and details.get("to_status") == "appeal"}


def case_facts(session: Session, quarters: list[Quarter]) -> list[CaseFacts]:
    """The facts of every case received in `quarters`, purged ones included."""
    if not quarters:
        return []
    start, end = min(quarters).start, max(quarters).end
    appealed = appealed_references(session)
    rows = session.execute(
        select(Case.reference, Network.slug, Case.channel, Case.received_at, Case.ack_due_at,
               Case.acknowledged_at, Case.feedback_due_at, Case.feedback_given_at,
               Case.category, Case.suggested_category, Case.finding, Case.outcome)
        .join(Network, Network.id == Case.network_id)
        .where(Case.received_at >= start, Case.received_at < end))
    return [
        CaseFacts(network=slug, channel=str(channel), received_at=received,
                  ack_due_at=ack_due, acknowledged_at=acknowledged,
                  feedback_due_at=feedback_due, feedback_given_at=feedback_given,
                  category=_text(category), suggested_category=_text(suggested),
                  finding=_text(finding), outcome=_text(outcome),
                  appealed=reference in appealed)
        for (reference, slug, channel, received, ack_due, acknowledged, feedback_due,
             feedback_given, category, suggested, finding, outcome) in rows
    ]


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def publish(session: Session, quarters: list[Quarter], *, as_of: dt.datetime,
            threshold: int = DEFAULT_THRESHOLD) -> list[QuarterStats]:
    """The protected statistics of each quarter: what pages, exports and charts show."""
    return build_period(case_facts(session, quarters), quarters, geography(session),
                        as_of=as_of, threshold=threshold)
