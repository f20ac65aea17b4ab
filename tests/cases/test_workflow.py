"""Every transition of the table, allowed and refused, and the separation rules."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from auth.models import GlobalRole, StaffUser
from cases import access, services
from cases.models import (
    CaseMessage,
    CaseRoleKind,
    CaseStatus,
    Category,
    Finding,
    Outcome,
)
from cases.workflow import RULES, TRANSITIONS, CaseAction, Needs, allowed_actions
from networks.models import Network
from tests.conftest import FIXED_NOW
from tests.factories import make_case, make_network

NOW = FIXED_NOW


@pytest.fixture
def team(session: Session, staff: Any) -> dict[str, Any]:
    network = make_network(session)
    people = {
        "handler": staff(name="Hawa Handler", networks=[network]),
        "investigator": staff(name="Ivan Investigator", networks=[network]),
        "decider": staff(name="Dina Decider", networks=[network]),
        "reviewer": staff(name="Rui Reviewer", networks=[network]),
        "safeguarding": staff(name="Sara Safeguard", networks=[network], safeguarding=True),
        "outsider": staff(name="Otto Outsider", networks=[network]),
        "auditor": staff(name="Aude Auditor", role=GlobalRole.AUDITOR),
        "admin": staff(name="Adam Admin", role=GlobalRole.ADMIN),
    }
    return {"network": network, **{k: v[0] for k, v in people.items()}}


def kwargs_for(action: CaseAction) -> dict[str, Any]:
    needs = RULES[action].needs
    extra: dict[str, Any] = {"text": "Reasons given in full." if needs != Needs.NOTHING else ""}
    if needs == Needs.FINDING:
        extra["finding"] = Finding.SUBSTANTIATED
    if needs == Needs.OUTCOME:
        extra["outcome"] = Outcome.ACTION_TAKEN
    if needs == Needs.APPEAL_OUTCOME:
        extra["outcome"] = Outcome.APPEAL_UPHELD
    return extra


def staged_case(session: Session, team: dict[str, Any], status: CaseStatus, *,
                action: CaseAction, serious: bool = False,
                category: Category = Category.FRAUD_CORRUPTION) -> tuple[Any, Any]:
    """A case in `status` with every role filled and every guard of `action` satisfied."""
    holders = [team[k] for k in ("handler", "investigator", "decider", "safeguarding",
                                 "outsider")]
    case, key = make_case(session, network=team["network"], holders=holders, status=status,
                          category=category, serious=serious, now=NOW)
    services.assign_role(session, case, team["handler"], key, team["handler"],
                         CaseRoleKind.HANDLER, now=NOW)
    services.assign_role(session, case, team["handler"], key, team["investigator"],
                         CaseRoleKind.INVESTIGATOR, now=NOW)
    services.assign_role(session, case, team["handler"], key, team["decider"],
                         CaseRoleKind.DECISION_MAKER, now=NOW)
    if status in (CaseStatus.CLOSED, CaseStatus.APPEAL):
        services.assign_role(session, case, team["handler"], key, team["reviewer"],
                             CaseRoleKind.APPEAL_REVIEWER, now=NOW)
    if action == CaseAction.CONFIRM_CLOSURE:
        case.serious = True
        services.perform(session, case, CaseAction.PROPOSE_CLOSURE, team["handler"], key,
                         now=NOW, text="Proposed.", outcome=Outcome.ACTION_TAKEN)
    if action == CaseAction.PROPOSE_CLOSURE:
        case.serious = True
    session.flush()
    return case, key


def performer(rule_action: CaseAction, team: dict[str, Any]) -> StaffUser:
    roles = RULES[rule_action].case_roles
    if rule_action == CaseAction.CONFIRM_CLOSURE:
        return team["outsider"]
    if roles is None:
        return team["outsider"]
    wanted = next(iter(roles))
    return team[{CaseRoleKind.HANDLER: "handler", CaseRoleKind.INVESTIGATOR: "investigator",
                 CaseRoleKind.DECISION_MAKER: "decider",
                 CaseRoleKind.APPEAL_REVIEWER: "reviewer"}[wanted]]


@pytest.mark.parametrize("rule", TRANSITIONS, ids=lambda r: str(r.action))
def test_each_transition_is_allowed_for_the_right_person(session: Session, team: dict[str, Any],
                                                        rule: Any) -> None:
    source = sorted(rule.sources)[0]
    case, key = staged_case(session, team, source, action=rule.action)
    who = performer(rule.action, team)
    services.perform(session, case, rule.action, who, key, now=NOW, **kwargs_for(rule.action))
    assert case.status == (rule.target or source)


@pytest.mark.parametrize("rule", TRANSITIONS, ids=lambda r: str(r.action))
def test_each_transition_is_refused_to_the_wrong_people(session: Session, team: dict[str, Any],
                                                       rule: Any) -> None:
    source = sorted(rule.sources)[0]
    case, key = staged_case(session, team, source, action=rule.action)
    for outsider in (team["auditor"], team["admin"]):
        with pytest.raises(services.ActionRefused):
            services.perform(session, case, rule.action, outsider, key, now=NOW,
                             **kwargs_for(rule.action))
    if rule.case_roles is not None:
        with pytest.raises(services.ActionRefused, match="wrong_case_role"):
            services.perform(session, case, rule.action, team["outsider"], key, now=NOW,
                             **kwargs_for(rule.action))
    assert case.status == source


@pytest.mark.parametrize("rule", TRANSITIONS, ids=lambda r: str(r.action))
def test_each_transition_is_refused_in_other_states(session: Session, team: dict[str, Any],
                                                   rule: Any) -> None:
    wrong = next(s for s in CaseStatus if s not in rule.sources and s != CaseStatus.PURGED)
    case, key = staged_case(session, team, wrong, action=CaseAction.ACKNOWLEDGE)
    with pytest.raises(services.ActionRefused, match="wrong_state"):
        services.perform(session, case, rule.action, performer(rule.action, team), key,
                         now=NOW, **kwargs_for(rule.action))


def test_a_full_case_runs_from_receipt_to_closure(session: Session, team: dict[str, Any]) -> None:
    case, key = make_case(session, network=team["network"],
                          holders=[team["handler"], team["investigator"], team["decider"]],
                          now=NOW)
    h, i, d = team["handler"], team["investigator"], team["decider"]
    services.assign_role(session, case, h, key, h, CaseRoleKind.HANDLER, now=NOW)
    services.perform(session, case, CaseAction.ACKNOWLEDGE, h, key, now=NOW)
    assert case.feedback_due_at == NOW + dt.timedelta(days=90)
    services.perform(session, case, CaseAction.START_TRIAGE, h, key, now=NOW)
    with pytest.raises(services.ActionRefused, match="confirm_category_first"):
        services.perform(session, case, CaseAction.OPEN_INVESTIGATION, h, key, now=NOW)
    services.confirm_classification(session, case, h, category=Category.FRAUD_CORRUPTION,
                                    flags=set(), serious=False)
    with pytest.raises(services.ActionRefused, match="assign_investigator_first"):
        services.perform(session, case, CaseAction.OPEN_INVESTIGATION, h, key, now=NOW)
    services.assign_role(session, case, h, key, i, CaseRoleKind.INVESTIGATOR, now=NOW)
    services.assign_role(session, case, h, key, d, CaseRoleKind.DECISION_MAKER, now=NOW)
    services.perform(session, case, CaseAction.OPEN_INVESTIGATION, h, key, now=NOW)
    services.perform(session, case, CaseAction.RECORD_FINDINGS, i, key, now=NOW,
                     finding=Finding.PARTLY_SUBSTANTIATED, text="Two receipts were false.")
    services.perform(session, case, CaseAction.DECIDE, d, key, now=NOW, text="Repay and warn.")
    services.perform(session, case, CaseAction.GIVE_FEEDBACK, h, key, now=NOW,
                     text="We looked into it and acted.")
    services.perform(session, case, CaseAction.CLOSE, h, key, now=NOW,
                     outcome=Outcome.ACTION_TAKEN, text="Repaid.")
    assert case.status == CaseStatus.CLOSED
    assert case.finding == Finding.PARTLY_SUBSTANTIATED
    assert case.closed_at == NOW
    assert case.queue_rank == 2
    bodies = [services.open_text(key, m.body_sealed, services.message_where(case, m))
              for m in session.scalars(select(CaseMessage).where(CaseMessage.case_id == case.id))]
    assert "We looked into it and acted." in bodies
    assert services.AUTO_ACK in bodies


def test_investigator_cannot_become_decision_maker(session: Session, team: dict[str, Any]) -> None:
    case, key = make_case(session, network=team["network"], holders=[team["handler"]], now=NOW)
    h, i = team["handler"], team["investigator"]
    services.assign_role(session, case, h, key, i, CaseRoleKind.INVESTIGATOR, now=NOW)
    with pytest.raises(services.ActionRefused, match="investigator_not_decision_maker"):
        services.assign_role(session, case, h, key, i, CaseRoleKind.DECISION_MAKER, now=NOW)


def test_appeal_reviewer_must_be_new_to_the_case(session: Session, team: dict[str, Any]) -> None:
    case, key = staged_case(session, team, CaseStatus.CLOSED, action=CaseAction.APPEAL)
    with pytest.raises(services.ActionRefused, match="appeal_reviewer_took_part"):
        services.assign_role(session, case, team["handler"], key, team["investigator"],
                             CaseRoleKind.APPEAL_REVIEWER, now=NOW)
    with pytest.raises(services.ActionRefused, match="appeal_reviewer_took_part"):
        services.assign_role(session, case, team["handler"], key, team["reviewer"],
                             CaseRoleKind.HANDLER, now=NOW)


def test_serious_case_needs_a_second_person_to_close(session: Session,
                                                     team: dict[str, Any]) -> None:
    case, key = staged_case(session, team, CaseStatus.FEEDBACK_GIVEN, action=CaseAction.CLOSE,
                            serious=True)
    h = team["handler"]
    with pytest.raises(services.ActionRefused, match="needs_second_person"):
        services.perform(session, case, CaseAction.CLOSE, h, key, now=NOW,
                         outcome=Outcome.NO_ACTION, text="Done.")
    services.perform(session, case, CaseAction.PROPOSE_CLOSURE, h, key, now=NOW,
                     outcome=Outcome.NO_ACTION, text="Done.")
    with pytest.raises(services.ActionRefused, match="same_person"):
        services.perform(session, case, CaseAction.CONFIRM_CLOSURE, h, key, now=NOW)
    services.perform(session, case, CaseAction.CONFIRM_CLOSURE, team["outsider"], key, now=NOW)
    assert case.status == CaseStatus.CLOSED
    assert case.outcome == Outcome.NO_ACTION


@pytest.mark.parametrize("kind", ["sexual_misconduct", "child"])
def test_safeguarding_case_closes_only_with_the_safeguarding_lead(
    session: Session, team: dict[str, Any], kind: str
) -> None:
    category = Category.SEXUAL_MISCONDUCT if kind == "sexual_misconduct" else Category.OTHER
    case, key = staged_case(session, team, CaseStatus.FEEDBACK_GIVEN, action=CaseAction.CLOSE,
                            category=category)
    case.flag_minor_involved = kind == "child"
    services.perform(session, case, CaseAction.PROPOSE_CLOSURE, team["handler"], key, now=NOW,
                     outcome=Outcome.ACTION_TAKEN, text="Done.")
    with pytest.raises(services.ActionRefused, match="safeguarding_lead_must_confirm"):
        services.perform(session, case, CaseAction.CONFIRM_CLOSURE, team["outsider"], key,
                         now=NOW)
    services.perform(session, case, CaseAction.CONFIRM_CLOSURE, team["safeguarding"], key,
                     now=NOW)
    assert case.status == CaseStatus.CLOSED


def test_recusal_removes_access_at_once(session: Session, team: dict[str, Any]) -> None:
    case, key = make_case(session, network=team["network"],
                          holders=[team["handler"], team["outsider"]], now=NOW)
    services.declare_conflict(session, case, team["outsider"], key, now=NOW)
    session.refresh(case)
    assert not access.holds_case_key(team["outsider"], case)
    assert access.holds_case_key(team["handler"], case)
    with pytest.raises(services.ActionRefused, match="conflicted"):
        services.assign_role(session, case, team["handler"], key, team["outsider"],
                             CaseRoleKind.INVESTIGATOR, now=NOW)


def test_last_holder_recusing_escalates_to_the_regional_network(
    session: Session, team: dict[str, Any], staff: Any
) -> None:
    region = Network(slug="africa", name="Africa", kind="regional")
    session.add(region)
    team["network"].parent = region
    regional, _ = staff(name="Rita Regional", networks=[region])
    case, key = make_case(session, network=team["network"], holders=[team["handler"]], now=NOW)
    received = services.declare_conflict(session, case, team["handler"], key, now=NOW)
    session.refresh(case)
    assert regional in received
    assert access.holds_case_key(regional, case)
    assert not access.holds_case_key(team["handler"], case)


def test_handover_moves_the_handler_role_and_key(session: Session, team: dict[str, Any]) -> None:
    case, key = make_case(session, network=team["network"], holders=[team["handler"]], now=NOW)
    h, new = team["handler"], team["outsider"]
    services.assign_role(session, case, h, key, h, CaseRoleKind.HANDLER, now=NOW)
    services.hand_over(session, case, h, key, new, now=NOW, keep_access=False)
    session.refresh(case)
    ctx = services.context(session, case, new)
    assert CaseRoleKind.HANDLER in ctx.roles
    assert access.holds_case_key(new, case)
    assert not access.holds_case_key(h, case)


def test_reporter_excluded_person_cannot_be_given_a_role(session: Session,
                                                        team: dict[str, Any]) -> None:
    case, key = make_case(session, network=team["network"], holders=[team["handler"]],
                          excluded=[team["outsider"]], now=NOW)
    with pytest.raises(services.ActionRefused, match="excluded_by_reporter"):
        services.assign_role(session, case, team["handler"], key, team["outsider"],
                             CaseRoleKind.INVESTIGATOR, now=NOW)


def test_notes_keep_history_and_are_retracted_not_deleted(session: Session,
                                                         team: dict[str, Any]) -> None:
    case, key = make_case(session, network=team["network"], holders=[team["handler"]], now=NOW)
    h = team["handler"]
    note = services.add_note(session, case, h, key, "first", now=NOW)
    services.edit_note(session, case, h, key, note_id=note.public_id, body="second", now=NOW)
    with pytest.raises(services.ActionRefused):
        services.edit_note(session, case, team["outsider"], key, note_id=note.public_id,
                           body="x", now=NOW)
    services.retract_note(session, case, h, note.public_id, now=NOW)
    shown = services.read_notes(session, case, key)
    assert shown[0].body == "second"
    assert shown[0].retracted
    assert [text for _, text in shown[0].history] == ["first"]


def test_only_allowed_actions_are_offered(session: Session, team: dict[str, Any]) -> None:
    case, _ = staged_case(session, team, CaseStatus.FINDINGS, action=CaseAction.DECIDE)
    offered = {r.action for r in allowed_actions(services.context(session, case, team["decider"]))}
    assert offered == {CaseAction.DECIDE}
    offered = {r.action for r in allowed_actions(services.context(session, case,
                                                                   team["investigator"]))}
    assert offered == set()
