"""The case lifecycle as ONE declared transition table (DESIGN.md "Case lifecycle").

Each rule says: from which states, to which state, who may do it (global
permission and, optionally, case roles), and a guard that can refuse it with a
reason. Views and templates ask this table; nothing else decides.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass

from auth.models import StaffUser
from auth.permissions import Permission, can
from cases.models import (
    Case,
    CaseRole,
    CaseRoleKind,
    CaseSignoff,
    CaseStatus,
    Category,
)


class CaseAction(enum.StrEnum):
    ACKNOWLEDGE = "acknowledge"
    START_TRIAGE = "start_triage"
    REQUEST_INFO = "request_info"
    RESUME_TRIAGE = "resume_triage"
    REFER = "refer"
    CLOSE_NO_CASE = "close_no_case"
    OPEN_INVESTIGATION = "open_investigation"
    RECORD_FINDINGS = "record_findings"
    DECIDE = "decide"
    GIVE_FEEDBACK = "give_feedback"
    CLOSE = "close"
    PROPOSE_CLOSURE = "propose_closure"
    CONFIRM_CLOSURE = "confirm_closure"
    APPEAL = "appeal"
    DECIDE_APPEAL = "decide_appeal"
    REOPEN = "reopen"


class Needs(enum.StrEnum):
    """What the person must give with the action (the form asks for it)."""

    NOTHING = "nothing"
    REASON = "reason"  # internal reasons, sealed
    MESSAGE = "message"  # words to the reporter, sealed, sent as a message
    FINDING = "finding"
    OUTCOME = "outcome"
    APPEAL_OUTCOME = "appeal_outcome"


@dataclass(frozen=True)
class Context:
    case: Case
    actor: StaffUser
    roles: frozenset[CaseRoleKind]  # the actor's current roles in this case
    past_roles: frozenset[CaseRoleKind]  # roles the actor ever held here, ended ones too
    all_roles: tuple[CaseRole, ...]  # every current role in the case
    pending_closure: CaseSignoff | None


Guard = Callable[[Context], str | None]


def safeguarding_required(case: Case) -> bool:
    """A sexual-misconduct or child case closes only with a safeguarding lead's sign-off."""
    return case.category == Category.SEXUAL_MISCONDUCT or case.flag_minor_involved


def two_people_required(case: Case) -> bool:
    return case.serious or safeguarding_required(case)


def _no_guard(_ctx: Context) -> str | None:
    return None


def _category_confirmed(ctx: Context) -> str | None:
    return None if ctx.case.category is not None else "confirm_category_first"


def _has_investigator(ctx: Context) -> str | None:
    if _category_confirmed(ctx):
        return "confirm_category_first"
    has = any(r.role == CaseRoleKind.INVESTIGATOR for r in ctx.all_roles)
    return None if has else "assign_investigator_first"


def _decision_maker_separate(ctx: Context) -> str | None:
    # Investigator ≠ decision-maker (DESIGN.md "People"), checked again at the moment it matters.
    if CaseRoleKind.INVESTIGATOR in ctx.past_roles:
        return "investigator_cannot_decide"
    return None


def _single_person_close(ctx: Context) -> str | None:
    return "needs_second_person" if two_people_required(ctx.case) else None


def _can_propose(ctx: Context) -> str | None:
    if not two_people_required(ctx.case):
        return "close_directly"
    return "closure_already_proposed" if ctx.pending_closure is not None else None


def _can_confirm(ctx: Context) -> str | None:
    pending = ctx.pending_closure
    if pending is None:
        return "no_closure_proposed"
    if pending.requested_by_id == ctx.actor.id:
        return "same_person"
    if safeguarding_required(ctx.case) and not ctx.actor.is_safeguarding_lead:
        return "safeguarding_lead_must_confirm"
    return None


def _has_appeal_reviewer(ctx: Context) -> str | None:
    has = any(r.role == CaseRoleKind.APPEAL_REVIEWER for r in ctx.all_roles)
    return None if has else "assign_appeal_reviewer_first"


@dataclass(frozen=True)
class Rule:
    action: CaseAction
    sources: frozenset[CaseStatus]
    target: CaseStatus | None  # None: the state does not change (a pending two-person step)
    case_roles: frozenset[CaseRoleKind] | None = None  # None: anyone holding the case key
    permission: Permission = Permission.CASE_ACT
    guard: Guard = _no_guard
    needs: Needs = Needs.NOTHING


S = CaseStatus
R = CaseRoleKind
_CLOSABLE = frozenset({S.FEEDBACK_GIVEN, S.REFERRED, S.CLOSED_NO_CASE})
_HANDLING = frozenset({R.HANDLER})

TRANSITIONS: tuple[Rule, ...] = (
    Rule(CaseAction.ACKNOWLEDGE, frozenset({S.RECEIVED}), S.ACKNOWLEDGED),
    Rule(CaseAction.START_TRIAGE, frozenset({S.ACKNOWLEDGED}), S.TRIAGE),
    Rule(CaseAction.REQUEST_INFO, frozenset({S.TRIAGE}), S.INFO_REQUESTED, needs=Needs.MESSAGE),
    Rule(CaseAction.RESUME_TRIAGE, frozenset({S.INFO_REQUESTED}), S.TRIAGE),
    Rule(CaseAction.REFER, frozenset({S.TRIAGE}), S.REFERRED, guard=_category_confirmed,
         needs=Needs.MESSAGE),
    Rule(CaseAction.CLOSE_NO_CASE, frozenset({S.TRIAGE}), S.CLOSED_NO_CASE,
         guard=_category_confirmed, needs=Needs.MESSAGE),
    Rule(CaseAction.OPEN_INVESTIGATION, frozenset({S.TRIAGE}), S.INVESTIGATION,
         case_roles=_HANDLING, guard=_has_investigator),
    Rule(CaseAction.RECORD_FINDINGS, frozenset({S.INVESTIGATION}), S.FINDINGS,
         case_roles=frozenset({R.INVESTIGATOR}), needs=Needs.FINDING),
    Rule(CaseAction.DECIDE, frozenset({S.FINDINGS}), S.DECISION,
         case_roles=frozenset({R.DECISION_MAKER}), guard=_decision_maker_separate,
         needs=Needs.REASON),
    Rule(CaseAction.GIVE_FEEDBACK, frozenset({S.DECISION}), S.FEEDBACK_GIVEN,
         case_roles=_HANDLING, needs=Needs.MESSAGE),
    Rule(CaseAction.CLOSE, _CLOSABLE, S.CLOSED, case_roles=_HANDLING,
         guard=_single_person_close, needs=Needs.OUTCOME),
    Rule(CaseAction.PROPOSE_CLOSURE, _CLOSABLE, None, case_roles=_HANDLING,
         guard=_can_propose, needs=Needs.OUTCOME),
    Rule(CaseAction.CONFIRM_CLOSURE, _CLOSABLE, S.CLOSED, guard=_can_confirm),
    Rule(CaseAction.APPEAL, frozenset({S.CLOSED}), S.APPEAL, case_roles=_HANDLING,
         guard=_has_appeal_reviewer, needs=Needs.REASON),
    Rule(CaseAction.DECIDE_APPEAL, frozenset({S.APPEAL}), S.CLOSED,
         case_roles=frozenset({R.APPEAL_REVIEWER}), needs=Needs.APPEAL_OUTCOME),
    Rule(CaseAction.REOPEN, frozenset({S.CLOSED}), S.TRIAGE, case_roles=_HANDLING,
         needs=Needs.REASON),
)

RULES: dict[CaseAction, Rule] = {rule.action: rule for rule in TRANSITIONS}


def refusal(rule: Rule, ctx: Context) -> str | None:
    """Why `ctx.actor` may not take `rule` now (a short key), or None if they may."""
    if ctx.case.status not in rule.sources:
        return "wrong_state"
    if not can(ctx.actor, rule.permission, ctx.case):
        return "not_permitted"
    if rule.case_roles is not None and not (rule.case_roles & ctx.roles):
        return "wrong_case_role"
    return rule.guard(ctx)


def allowed_actions(ctx: Context) -> list[Rule]:
    return [rule for rule in TRANSITIONS if refusal(rule, ctx) is None]


def blocked_actions(ctx: Context) -> list[tuple[Rule, str]]:
    """Actions the person could take in this state but for a guard: shown with the reason."""
    blocked = []
    for rule in TRANSITIONS:
        reason = refusal(rule, ctx)
        if reason not in (None, "wrong_state", "not_permitted", "wrong_case_role",
                          "close_directly", "needs_second_person", "no_closure_proposed"):
            blocked.append((rule, reason or ""))
    return blocked

