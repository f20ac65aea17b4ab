"""Keeping cases no longer than necessary, then crypto-shredding them.

GDPR Art. 5(1)(e) and EU Directive 2019/1937 Art. 18 ask that reports are kept
only as long as needed. When a closed case's term has passed (and no legal hold
blocks it), every wrap of its case key is deleted first — from that moment no
key in the world opens its ciphertext — and then the ciphertext itself. What
stays is a tombstone for statistics (reference, network, category, dates,
outcome) and the whole audit trail.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Engine, delete, select, update
from sqlalchemy.orm import Session, sessionmaker

from audit import Action, Actor, record
from cases.models import (
    Attachment,
    Case,
    CaseKeyWrap,
    CaseMessage,
    CaseNote,
    CaseSignoff,
    CaseStatus,
    Finding,
    Outcome,
)
from reporting.models import ReporterSession

DAY = dt.timedelta(days=1)
# Defaults, in days after closure (or after the reporter's last message, if later).
DEFAULT_DAYS: dict[str, int] = {
    "unfounded": 60,  # unsubstantiated, no case, withdrawn, feedback noted
    "referred": 180,
    "inconclusive": 365,
    "action_taken": 5 * 365,
    "default": 3 * 365,
}
UNFOUNDED = {Outcome.NO_CASE, Outcome.WITHDRAWN, Outcome.FEEDBACK_NOTED}


def policy_key(case: Case) -> str:
    """Which retention rule a closed case falls under."""
    if case.outcome in UNFOUNDED or case.finding == Finding.UNSUBSTANTIATED:
        return "unfounded"
    if case.finding == Finding.INCONCLUSIVE:
        return str(Finding.INCONCLUSIVE)
    if case.outcome in (Outcome.REFERRED, Outcome.ACTION_TAKEN):
        return str(case.outcome)
    return "default"


def retention_days(case: Case) -> int:
    rules = {**DEFAULT_DAYS, **(case.network.retention_days or {})}
    return rules.get(policy_key(case), rules["default"])


def set_retention(case: Case) -> None:
    """(Re)compute the term: after closure, restarted by the reporter's latest information."""
    if case.closed_at is None:
        case.retention_until = None
        return
    start = max(case.closed_at, case.last_reporter_activity_at)
    case.retention_until = start + retention_days(case) * DAY


@dataclass(frozen=True)
class Due:
    reference: str
    network: str
    closed_at: dt.datetime | None
    retention_until: dt.datetime


def due_for_purge(session: Session, now: dt.datetime) -> list[Due]:
    """What `retention run` would purge now (the dry run's list)."""
    rows = session.scalars(select(Case).where(
        Case.status == CaseStatus.CLOSED, Case.legal_hold.is_(False),
        Case.retention_until.is_not(None), Case.retention_until <= now)
        .order_by(Case.retention_until))
    return [Due(c.reference, c.network.slug, c.closed_at, c.retention_until)  # type: ignore[arg-type]
            for c in rows]


def purge_case(session: Session, case: Case, *, actor: Actor, reason: str,
               now: dt.datetime) -> bool:
    """Crypto-shred one case; False when another process got there first (or it is held).

    The conditional UPDATE is the claim: only one transaction moves the case to
    "purged", so several servers running retention at once purge it once.
    """
    claimed = session.execute(
        update(Case).where(Case.id == case.id, Case.status != CaseStatus.PURGED,
                           Case.legal_hold.is_(False))
        .values(status=CaseStatus.PURGED, purged_at=now, receipt_lookup=None,
                queue_rank=2, urgent=False))
    if not claimed.rowcount:  # type: ignore[attr-defined]
        return False
    # Keys first: once these rows are gone, nothing can open what follows.
    session.execute(delete(CaseKeyWrap).where(CaseKeyWrap.case_id == case.id))
    session.execute(delete(ReporterSession).where(ReporterSession.case_id == case.id))
    session.execute(update(Case).where(Case.id == case.id).values(
        report_sealed=None, identity_sealed=None, evidence_sealed=None, decision_sealed=None,
        closure_sealed=None, closure_for_audit=None))
    for model in (Attachment, CaseMessage, CaseNote, CaseSignoff):
        session.execute(delete(model).where(model.case_id == case.id))
    session.expire(case)
    record(session, Action.RETENTION_PURGED, actor=actor, case_ref=case.reference,
           network=case.network.slug, details={"reason": reason})
    return True


def run_retention(engine: Engine, *, now: dt.datetime) -> int:
    """Purge every case whose term has passed, one transaction each; returns how many."""
    factory = sessionmaker(bind=engine, expire_on_commit=False)
    purged = 0
    with factory() as session:
        ids = list(session.scalars(select(Case.id).where(
            Case.status == CaseStatus.CLOSED, Case.legal_hold.is_(False),
            Case.retention_until.is_not(None), Case.retention_until <= now)))
    for case_id in ids:
        with factory() as session:
            case = session.get(Case, case_id)
            if case is None:
                continue
            if purge_case(session, case, actor=Actor.system(), reason="retention", now=now):
                purged += 1
            session.commit()
    return purged
