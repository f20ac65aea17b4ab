"""The handler side's rules: open, triage, act, assign, recuse, hand over, write.

Every service takes the session, the acting person and the case key (when
content is touched), flushes and never commits, and records its audit event.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from audit import Action, Actor, record
from auth.models import GlobalRole, StaffUser
from auth.services import staff_names
from cases import access, deadlines, retention
from cases.models import (
    Attachment,
    Author,
    Case,
    CaseConflict,
    CaseKeyWrap,
    CaseMessage,
    CaseNote,
    CaseNoteVersion,
    CaseRole,
    CaseRoleKind,
    CaseSignoff,
    CaseStatus,
    Category,
    Finding,
    HolderKind,
    Outcome,
    SignoffKind,
)
from cases.routing import route
from cases.workflow import RULES, CaseAction, Context, Needs, refusal
from crypto import DataKey, Where, open_, open_text, seal, seal_text
from keyring.auditors import seal_for_auditors
from reporting.services import (
    Upload,
    identity_where,
    message_where,
    read_report,
    store_attachments,
)

AUTO_ACK = "auto:acknowledged"  # a system message the reporter's page shows in their language


class ActionRefused(Exception):
    """The transition table (or a separation rule) says no; `reason` is a short key."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def actor_of(user: StaffUser) -> Actor:
    return Actor.staff(user.id, user.role)


def _event(session: Session, event: Action, user: StaffUser, case: Case,
           **details: str | int | bool | None) -> None:
    record(session, event, actor=actor_of(user), case_ref=case.reference,
           network=case.network.slug, details=details or None)


# --- reading ----------------------------------------------------------------------------

def open_case(session: Session, case: Case, user: StaffUser, private_key: bytes) -> DataKey:
    """Unwrap the case key for this person; each opening is in the case access log.

    On PostgreSQL the person's wrap is share-locked until the transaction ends, so a re-key
    of the case (cases.rekey) waits for what this request seals with the key, and a request
    that starts during a re-key waits for it and opens the new key.
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(select(CaseKeyWrap.id).where(
            CaseKeyWrap.case_id == case.id, CaseKeyWrap.holder_kind == HolderKind.STAFF,
            CaseKeyWrap.holder_id == user.id).with_for_update(read=True))
        session.expire(case, ["key_wraps"])
    key = access.open_case_key(user, private_key, case)
    if key is None:
        raise ActionRefused("no_key")
    _event(session, Action.CASE_OPENED, user, case)
    return key


def context(session: Session, case: Case, user: StaffUser) -> Context:
    roles = list(session.scalars(select(CaseRole).where(CaseRole.case_id == case.id)))
    mine = [r for r in roles if r.staff_id == user.id]
    pending = session.scalars(select(CaseSignoff).where(
        CaseSignoff.case_id == case.id, CaseSignoff.kind == SignoffKind.CLOSURE_PROPOSED,
        CaseSignoff.resolved_at.is_(None))).first()
    return Context(
        case=case, actor=user,
        roles=frozenset(r.role for r in mine if r.ended_at is None),
        past_roles=frozenset(r.role for r in mine),
        all_roles=tuple(r for r in roles if r.ended_at is None),
        pending_closure=pending,
    )


def excluded_staff_ids(session: Session, case: Case, data_key: DataKey) -> set[int]:
    """Who the reporter said must not see the case (stored sealed in the report)."""
    wanted = read_report(case, data_key).get("excluded_staff") or []
    if not wanted:
        return set()
    return set(session.scalars(select(StaffUser.id).where(StaffUser.public_id.in_(wanted))))


@dataclass(frozen=True)
class NoteView:
    public_id: str
    author: str
    body: str
    created_at: dt.datetime
    edited: bool
    retracted: bool
    history: list[tuple[dt.datetime, str]]


def read_notes(session: Session, case: Case, data_key: DataKey) -> list[NoteView]:
    notes = session.scalars(select(CaseNote).where(CaseNote.case_id == case.id)
                            .order_by(CaseNote.created_at)).all()
    names = staff_names(session)
    shown = []
    for note in notes:
        history = [(v.edited_at,
                    open_text(data_key, v.body_sealed, note_where(case, note, v.version)))
                   for v in note.versions]
        shown.append(NoteView(note.public_id, names.get(note.author_id, "?"), history[-1][1],
                              note.created_at, len(history) > 1, note.retracted_at is not None,
                              history[:-1]))
    return shown


def note_where(case: Case, note: CaseNote, version: int) -> Where:
    return Where("case_note_versions", "body", f"{case.public_id}/{note.public_id}/{version}")


def read_identity(session: Session, case: Case, user: StaffUser,
                  data_key: DataKey) -> dict[str, str] | None:
    """The reporter's identity, if they gave one: an audited reveal (after step-up)."""
    if case.identity_sealed is None:
        return None
    identity: dict[str, str] = json.loads(open_(data_key, case.identity_sealed,
                                                identity_where(case)))
    _event(session, Action.IDENTITY_REVEALED, user, case)
    return identity


def read_sealed_json(data_key: DataKey, case: Case, column: str,
                     sealed: bytes | None) -> dict[str, Any]:
    if sealed is None:
        return {}
    loaded: dict[str, Any] = json.loads(open_(data_key, sealed, Where("cases", column,
                                                                      case.public_id)))
    return loaded


def _seal_json(data_key: DataKey, case: Case, column: str, value: dict[str, Any]) -> bytes:
    return seal(data_key, json.dumps(value, ensure_ascii=False).encode(),
                Where("cases", column, case.public_id))


# --- triage -----------------------------------------------------------------------------

TRIAGE_STATES = {CaseStatus.ACKNOWLEDGED, CaseStatus.TRIAGE, CaseStatus.INFO_REQUESTED,
                 CaseStatus.RECEIVED}


def confirm_classification(
    session: Session, case: Case, user: StaffUser, *, category: Category, flags: set[str],
    serious: bool,
) -> None:
    """A person confirms or overrides the suggestion; both are audit events."""
    if case.status not in TRIAGE_STATES:
        raise ActionRefused("wrong_state")
    from auth.permissions import Permission, can  # noqa: PLC0415

    if not can(user, Permission.CASE_ACT, case):
        raise ActionRefused("not_permitted")
    changed = (category != case.suggested_category
               or flags != set(case.suggested_flags))
    case.category = category
    case.flag_minor_involved = "minor_involved" in flags
    case.flag_immediate_danger = "immediate_danger" in flags
    case.flag_retaliation = "retaliation" in flags
    case.serious = serious
    deadlines.refresh(case)
    _event(session, Action.CLASSIFICATION_OVERRIDDEN if changed
           else Action.CLASSIFICATION_CONFIRMED, user, case, category=str(category),
           flags=",".join(sorted(flags)), serious=serious,
           suggested=str(case.suggested_category or ""))


# --- the lifecycle ----------------------------------------------------------------------

@dataclass(frozen=True)
class Step:
    """One request to move a case, as the effects below see it."""

    session: Session
    case: Case
    user: StaffUser
    data_key: DataKey
    ctx: Context
    now: dt.datetime
    text: str
    finding: Finding | None
    outcome: Outcome | None


def perform(
    session: Session,
    case: Case,
    action: CaseAction,
    user: StaffUser,
    data_key: DataKey,
    *,
    now: dt.datetime,
    text: str = "",
    finding: Finding | None = None,
    outcome: Outcome | None = None,
) -> None:
    """Take one step of the transition table, with its side effects and audit event."""
    rule = RULES[action]
    ctx = context(session, case, user)
    reason = refusal(rule, ctx) or _missing_input(rule.needs, text, finding, outcome)
    if reason is not None:
        raise ActionRefused(reason)
    before = case.status
    step = Step(session, case, user, data_key, ctx, now, text, finding, outcome)
    effect = _EFFECTS.get(action)
    if effect is not None:
        effect(step)
    elif rule.needs == Needs.MESSAGE:
        _post(session, case, data_key, text, author=Author.STAFF, user=user, now=now)
        if action != CaseAction.REQUEST_INFO and case.feedback_given_at is None:
            case.feedback_given_at = now
    if rule.target is not None:
        case.status = rule.target
    deadlines.refresh(case)
    _event(session, Action.CASE_STATUS_CHANGED, user, case, action=str(action),
           from_status=str(before), to_status=str(case.status),
           finding=str(finding) if finding else None, outcome=str(outcome) if outcome else None)


def _missing_input(needs: Needs, text: str, finding: Finding | None,
                   outcome: Outcome | None) -> str | None:
    if needs in (Needs.REASON, Needs.MESSAGE, Needs.OUTCOME,
                 Needs.APPEAL_OUTCOME) and not text.strip():
        return "text_required"
    if needs == Needs.FINDING and finding is None:
        return "finding_required"
    if needs in (Needs.OUTCOME, Needs.APPEAL_OUTCOME) and outcome is None:
        return "outcome_required"
    return None


def _acknowledge(step: Step) -> None:
    case = step.case
    case.acknowledged_at = step.now
    case.feedback_due_at = step.now + dt.timedelta(days=case.network.feedback_days)
    _post(step.session, case, step.data_key, AUTO_ACK, author=Author.SYSTEM, user=None,
          now=step.now)


def _record_findings(step: Step) -> None:
    step.case.finding = step.finding
    if step.text.strip():
        add_note(step.session, step.case, step.user, step.data_key, step.text, now=step.now)


def _decide(step: Step) -> None:
    step.case.decision_sealed = _seal_json(step.data_key, step.case, "decision",
                                           {"reasons": step.text, "at": step.now.isoformat()})


def _close_now(step: Step) -> None:
    _close(step.session, step.case, step.data_key, outcome=step.outcome, reasons=step.text,
           now=step.now)


def _propose_closure(step: Step) -> None:
    signoff = CaseSignoff(case_id=step.case.id, kind=SignoffKind.CLOSURE_PROPOSED,
                          requested_by_id=step.user.id, requested_at=step.now,
                          outcome=step.outcome)
    step.session.add(signoff)
    step.session.flush()
    signoff.reasons_sealed = seal_text(step.data_key, step.text,
                                       signoff_where(step.case, signoff))


def _confirm_closure(step: Step) -> None:
    pending = step.ctx.pending_closure
    if pending is None:  # the guard checked it; this keeps the type checker honest
        raise ActionRefused("no_closure_proposed")
    reasons = open_text(step.data_key, pending.reasons_sealed or b"",
                        signoff_where(step.case, pending))
    pending.resolved_at = step.now
    _close(step.session, step.case, step.data_key, outcome=pending.outcome, reasons=reasons,
           now=step.now,
           confirmed_by=step.user.id, proposed_by=pending.requested_by_id)


def _appeal(step: Step) -> None:
    add_note(step.session, step.case, step.user, step.data_key, step.text, now=step.now)


def _reopen(step: Step) -> None:
    case = step.case
    add_note(step.session, case, step.user, step.data_key, step.text, now=step.now)
    case.closed_at = None
    case.outcome = None
    case.feedback_given_at = None
    retention.set_retention(case)
    # A reopened case owes the reporter a fresh answer within the usual period.
    case.feedback_due_at = step.now + dt.timedelta(days=case.network.feedback_days)


def signoff_where(case: Case, signoff: CaseSignoff) -> Where:
    return Where("case_signoffs", "reasons", f"{case.public_id}/{signoff.id}")


_EFFECTS: dict[CaseAction, Callable[[Step], None]] = {
    CaseAction.ACKNOWLEDGE: _acknowledge,
    CaseAction.RECORD_FINDINGS: _record_findings,
    CaseAction.DECIDE: _decide,
    CaseAction.CLOSE: _close_now,
    CaseAction.DECIDE_APPEAL: _close_now,
    CaseAction.PROPOSE_CLOSURE: _propose_closure,
    CaseAction.CONFIRM_CLOSURE: _confirm_closure,
    CaseAction.APPEAL: _appeal,
    CaseAction.REOPEN: _reopen,
}


def _close(session: Session, case: Case, data_key: DataKey, *, outcome: Outcome | None,
           reasons: str, now: dt.datetime, **who: int) -> None:
    case.outcome = outcome
    case.closed_at = now
    record_ = {"reasons": reasons, "at": now.isoformat(), **who}
    case.closure_sealed = _seal_json(data_key, case, "closure", record_)
    # Auditors check that the decision was reasoned: they get these lines, not the case.
    case.closure_for_audit = seal_for_auditors(
        session, json.dumps({**record_, "outcome": str(outcome or "")}).encode(),
        case.public_id)
    retention.set_retention(case)


def _post(session: Session, case: Case, data_key: DataKey, body: str, *, author: Author,
          user: StaffUser | None, now: dt.datetime) -> CaseMessage:
    message = CaseMessage(public_id=str(uuid.uuid4()), case=case, author=author,
                          staff_id=user.id if user else None, created_at=now, body_sealed=b"")
    message.body_sealed = seal_text(data_key, body, message_where(case, message))
    session.add(message)
    session.flush()
    return message


def send_message(session: Session, case: Case, user: StaffUser, data_key: DataKey, *,
                 body: str, uploads: list[Upload], now: dt.datetime) -> CaseMessage:
    message = _post(session, case, data_key, body, author=Author.STAFF, user=user, now=now)
    store_attachments(session, case, data_key, uploads, author=Author.STAFF, message=message)
    _event(session, Action.MESSAGE_SENT, user, case, attachments=len(uploads))
    return message


# --- notes ------------------------------------------------------------------------------

def add_note(session: Session, case: Case, user: StaffUser, data_key: DataKey, body: str, *,
             now: dt.datetime) -> CaseNote:
    note = CaseNote(public_id=str(uuid.uuid4()), case_id=case.id, author_id=user.id,
                    created_at=now)
    session.add(note)
    session.flush()
    _add_version(note, case, user, data_key, body=body, now=now)
    _event(session, Action.NOTE_ADDED, user, case, note=note.public_id)
    return note


def _add_version(note: CaseNote, case: Case, user: StaffUser, data_key: DataKey, *, body: str,
                 now: dt.datetime) -> None:
    version = len(note.versions) + 1
    note.versions.append(CaseNoteVersion(
        version=version, editor_id=user.id, edited_at=now,
        body_sealed=seal_text(data_key, body, note_where(case, note, version))))


def _note(session: Session, case: Case, public_id: str) -> CaseNote:
    note = session.scalars(select(CaseNote).where(CaseNote.case_id == case.id,
                                                  CaseNote.public_id == public_id)).first()
    if note is None:
        raise ActionRefused("no_such_note")
    return note


def edit_note(session: Session, case: Case, user: StaffUser, data_key: DataKey, *,
              note_id: str, body: str, now: dt.datetime) -> None:
    """A new version; the earlier text stays readable in the note's history."""
    note = _note(session, case, note_id)
    if note.author_id != user.id or note.retracted_at is not None:
        raise ActionRefused("not_your_note")
    _add_version(note, case, user, data_key, body=body, now=now)
    _event(session, Action.NOTE_EDITED, user, case, note=note.public_id,
           version=len(note.versions))


def retract_note(session: Session, case: Case, user: StaffUser, note_id: str, *,
                 now: dt.datetime) -> None:
    note = _note(session, case, note_id)
    if note.author_id != user.id or note.retracted_at is not None:
        raise ActionRefused("not_your_note")
    note.retracted_at = now
    _event(session, Action.NOTE_RETRACTED, user, case, note=note.public_id)


# --- who does what ----------------------------------------------------------------------

def assign_role(session: Session, case: Case, user: StaffUser, data_key: DataKey,  # noqa: PLR0917
                assignee: StaffUser, role: CaseRoleKind, *, now: dt.datetime) -> None:
    """Give someone a case role and the case key, under the separation rules."""
    from auth.permissions import Permission, can  # noqa: PLC0415

    if not can(user, Permission.CASE_ASSIGN, case):
        raise ActionRefused("not_permitted")
    if (assignee.role != GlobalRole.FOCAL_POINT or not assignee.active
            or assignee.public_key is None):
        raise ActionRefused("not_a_focal_point")
    if assignee.id in excluded_staff_ids(session, case, data_key):
        raise ActionRefused("excluded_by_reporter")
    if assignee.id in conflicted_ids(session, case):
        raise ActionRefused("conflicted")
    theirs = {r.role for r in session.scalars(select(CaseRole).where(
        CaseRole.case_id == case.id, CaseRole.staff_id == assignee.id))}
    separated = {CaseRoleKind.INVESTIGATOR: CaseRoleKind.DECISION_MAKER,
                 CaseRoleKind.DECISION_MAKER: CaseRoleKind.INVESTIGATOR}
    if role in separated and separated[role] in theirs:
        raise ActionRefused("investigator_not_decision_maker")
    if role == CaseRoleKind.APPEAL_REVIEWER and theirs:
        raise ActionRefused("appeal_reviewer_took_part")
    if role != CaseRoleKind.APPEAL_REVIEWER and CaseRoleKind.APPEAL_REVIEWER in theirs:
        raise ActionRefused("appeal_reviewer_took_part")
    current = [r for r in session.scalars(select(CaseRole).where(
        CaseRole.case_id == case.id, CaseRole.staff_id == assignee.id, CaseRole.role == role))]
    if current and current[0].ended_at is None:
        return
    if current:
        current[0].ended_at = None
        current[0].assigned_at = now
    else:
        session.add(CaseRole(case_id=case.id, staff_id=assignee.id, role=role, assigned_at=now))
    for granted in access.grant(session, case, data_key, [assignee]):
        _event(session, Action.KEY_GRANTED, user, case, to=granted.public_id)
    _event(session, Action.CASE_ROLE_CHANGED, user, case, to=assignee.public_id,
           role=str(role), change="assigned")
    session.flush()


def end_role(session: Session, case: Case, user: StaffUser, holder: StaffUser,
             role: CaseRoleKind, *, now: dt.datetime) -> None:
    for row in session.scalars(select(CaseRole).where(
            CaseRole.case_id == case.id, CaseRole.staff_id == holder.id, CaseRole.role == role,
            CaseRole.ended_at.is_(None))):
        row.ended_at = now
        _event(session, Action.CASE_ROLE_CHANGED, user, case, to=holder.public_id,
               role=str(role), change="ended")


def hand_over(session: Session, case: Case, user: StaffUser, data_key: DataKey,
              to: StaffUser, *, now: dt.datetime, keep_access: bool = True) -> None:
    """Pass the handler role to a colleague (sealing the key to them)."""
    assign_role(session, case, user, data_key, to, CaseRoleKind.HANDLER, now=now)
    end_role(session, case, user, user, CaseRoleKind.HANDLER, now=now)
    if not keep_access:
        access.revoke(session, case, user)
        _event(session, Action.KEY_REVOKED, user, case, to=user.public_id)


def conflicted_ids(session: Session, case: Case) -> set[int]:
    return set(session.scalars(select(CaseConflict.staff_id).where(
        CaseConflict.case_id == case.id)))


def declare_conflict(session: Session, case: Case, user: StaffUser, data_key: DataKey, *,
                     now: dt.datetime) -> list[StaffUser]:
    """Recusal: the person's key wrap goes at once and their roles end.

    If nobody else holds the case any more, it escalates up the network chain
    before the key leaves the last hands. Returns who received it.
    """
    session.add(CaseConflict(case_id=case.id, staff_id=user.id, declared_at=now))
    for role in CaseRoleKind:
        end_role(session, case, user, user, role, now=now)
    others = [h for h in access.holders(session, case) if h.id != user.id]
    received: list[StaffUser] = []
    if not others:
        excluded = excluded_staff_ids(session, case, data_key) | conflicted_ids(session, case)
        excluded.add(user.id)
        start = case.network.parent or case.network
        routing = route(session, start, excluded_ids=excluded, concerned_names="",
                        concerned_role="", urgent=case.urgent)
        received = access.grant(session, case, data_key, routing.everyone)
        for granted in received:
            _event(session, Action.KEY_GRANTED, user, case, to=granted.public_id,
                   reason="escalation")
    access.revoke(session, case, user)
    _event(session, Action.RECUSAL_DECLARED, user, case)
    _event(session, Action.KEY_REVOKED, user, case, to=user.public_id)
    return received


def restore_access(session: Session, case: Case, user: StaffUser, data_key: DataKey,
                   colleagues: Iterable[StaffUser]) -> list[StaffUser]:
    """Re-seal the case for colleagues whose key was reset (their old wrap is stale)."""
    excluded = excluded_staff_ids(session, case, data_key) | conflicted_ids(session, case)
    granted = access.grant(session, case, data_key,
                           [c for c in colleagues if c.id not in excluded])
    for person in granted:
        _event(session, Action.KEY_GRANTED, user, case, to=person.public_id, reason="restore")
    return granted


def attachment_meta(case: Case, data_key: DataKey, attachment: Attachment) -> dict[str, Any]:
    from reporting.services import attachment_meta_where  # noqa: PLC0415

    loaded: dict[str, Any] = json.loads(open_(data_key, attachment.meta_sealed,
                                              attachment_meta_where(case, attachment)))
    return loaded


# --- retention: legal hold and deletion before term ---------------------------------------

def set_legal_hold(session: Session, case: Case, user: StaffUser, *, hold: bool) -> None:
    """A legal hold blocks every purge, scheduled or manual, until it is lifted."""
    from auth.permissions import Permission, can  # noqa: PLC0415

    if not can(user, Permission.CASE_ACT, case):
        raise ActionRefused("not_permitted")
    case.legal_hold = hold
    _event(session, Action.LEGAL_HOLD_SET if hold else Action.LEGAL_HOLD_REMOVED, user, case)


def pending_purge(session: Session, case: Case) -> CaseSignoff | None:
    return session.scalars(select(CaseSignoff).where(
        CaseSignoff.case_id == case.id, CaseSignoff.kind == SignoffKind.PURGE_PROPOSED,
        CaseSignoff.resolved_at.is_(None))).first()


def propose_purge(session: Session, case: Case, user: StaffUser, data_key: DataKey, *,
                  reason: str, now: dt.datetime) -> None:
    """First of two people asking to delete a case before its term (reason kept sealed)."""
    from auth.permissions import Permission, can  # noqa: PLC0415

    if not can(user, Permission.CASE_ACT, case):
        raise ActionRefused("not_permitted")
    if case.legal_hold:
        raise ActionRefused("legal_hold")
    if not reason.strip():
        raise ActionRefused("text_required")
    if pending_purge(session, case) is not None:
        raise ActionRefused("purge_already_proposed")
    signoff = CaseSignoff(case_id=case.id, kind=SignoffKind.PURGE_PROPOSED,
                          requested_by_id=user.id, requested_at=now)
    session.add(signoff)
    session.flush()
    signoff.reasons_sealed = seal_text(data_key, reason, signoff_where(case, signoff))
    _event(session, Action.RETENTION_PURGE_PROPOSED, user, case)


def confirm_purge(session: Session, case: Case, user: StaffUser, *, now: dt.datetime) -> None:
    """The second, different person confirms: the case is crypto-shredded now."""
    from auth.permissions import Permission, can  # noqa: PLC0415

    if not can(user, Permission.CASE_ACT, case):
        raise ActionRefused("not_permitted")
    pending = pending_purge(session, case)
    if pending is None:
        raise ActionRefused("no_purge_proposed")
    if pending.requested_by_id == user.id:
        raise ActionRefused("same_person")
    if case.legal_hold:
        raise ActionRefused("legal_hold")
    retention.purge_case(session, case, actor=actor_of(user), reason="manual", now=now)


# --- data-subject requests (GDPR Art. 15) ------------------------------------------------

# What a person concerned may receive: the conduct reported and how it was handled.
# Never the reporter's identity, contact, who they reported for, who they excluded, their
# own messages or files: those identify the reporter and witnesses.
SUBJECT_FIELDS = ("what_happened", "when", "location", "concerned_role", "concerned_names")


def subject_access_export(session: Session, case: Case, user: StaffUser,
                          data_key: DataKey) -> dict[str, Any]:
    """The record of one case for a person concerned (GDPR Art. 15), reporter withheld.

    Free text can still name the reporter or witnesses: the export says so, and a person
    must read and redact it before it is sent. Producing it is an audit event.
    """
    report = read_report(case, data_key)
    closure = read_sealed_json(data_key, case, "closure", case.closure_sealed)
    decision = read_sealed_json(data_key, case, "decision", case.decision_sealed)
    _event(session, Action.CASE_EXPORTED, user, case, what="subject_access")
    return {
        "notice": "Prepared under GDPR Art. 15. The reporter's and witnesses' identities are "
                  "withheld. Free text may still name people: read and redact before sending.",
        "case": case.reference,
        "network": case.network.name,
        "received": case.received_at.date().isoformat(),
        "status": str(case.status),
        "category": str(case.category or ""),
        "finding": str(case.finding or ""),
        "outcome": str(case.outcome or ""),
        "report": {name: report.get(name) or "" for name in SUBJECT_FIELDS},
        "decision": decision.get("reasons", ""),
        "closure_reasons": closure.get("reasons", ""),
    }
