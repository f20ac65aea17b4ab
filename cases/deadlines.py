"""The Accountability Standards clocks (EU 2019/1937 Art. 9; the network's standards).

- acknowledgement ≤ 7 days after receipt (Art. 9(1)(b));
- feedback with reasons ≤ 3 months after acknowledgement (Art. 9(1)(f));
- an urgent case (child, danger now, retaliation) is triaged within 24 hours.
Each network may set its own, shorter or longer, in its settings.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cases.models import FAR_FUTURE, Case, CaseStatus

AWAITING_TRIAGE = {CaseStatus.RECEIVED, CaseStatus.ACKNOWLEDGED}
AWAITING_FEEDBACK = {
    CaseStatus.ACKNOWLEDGED, CaseStatus.TRIAGE, CaseStatus.INFO_REQUESTED,
    CaseStatus.INVESTIGATION, CaseStatus.FINDINGS, CaseStatus.DECISION,
}
CLOSED_STATES = {CaseStatus.CLOSED, CaseStatus.PURGED}


@dataclass(frozen=True)
class Deadline:
    kind: str  # "ack" | "triage" | "feedback"
    due_at: dt.datetime


def open_deadlines(case: Case) -> list[Deadline]:
    """The deadlines still running for this case, soonest first."""
    found = []
    if case.status == CaseStatus.RECEIVED:
        found.append(Deadline("ack", case.ack_due_at))
    if case.urgent and case.triage_due_at is not None and case.status in AWAITING_TRIAGE:
        found.append(Deadline("triage", case.triage_due_at))
    if case.status in AWAITING_FEEDBACK and case.feedback_due_at is not None:
        found.append(Deadline("feedback", case.feedback_due_at))
    return sorted(found, key=lambda d: d.due_at)


def refresh(case: Case) -> None:
    """Keep the denormalised queue columns true after any change to the case."""
    case.urgent = case.flag_minor_involved or case.flag_immediate_danger or case.flag_retaliation
    deadlines = open_deadlines(case)
    case.next_due_at = deadlines[0].due_at if deadlines else FAR_FUTURE
    if case.status in CLOSED_STATES:
        case.queue_rank = 2
    else:
        case.queue_rank = 0 if case.urgent else 1


def overdue(case: Case, now: dt.datetime) -> bool:
    return case.next_due_at < now
