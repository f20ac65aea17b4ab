"""What each stage means, in plain words for the reporter."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from flask_babel import LazyString
from flask_babel import lazy_gettext as _l

from cases.models import Case, CaseStatus


@dataclass(frozen=True)
class Stage:
    title: LazyString
    explanation: LazyString


_IN_HANDLING = Stage(
    _l("Being looked into"),
    _l("A focal point is looking into your report. They may write to you here with questions."),
)

STAGES: dict[CaseStatus, Stage] = {
    CaseStatus.RECEIVED: Stage(
        _l("Received"),
        _l("Your report has arrived safely. A focal point will acknowledge it."),
    ),
    CaseStatus.ACKNOWLEDGED: Stage(
        _l("Acknowledged"),
        _l("A focal point has acknowledged your report and will assess it."),
    ),
    CaseStatus.TRIAGE: Stage(
        _l("Being assessed"),
        _l("A focal point is assessing your report to decide how it should be handled."),
    ),
    CaseStatus.INFO_REQUESTED: Stage(
        _l("We need more information"),
        _l("A focal point has asked you a question. Please read the messages below and reply."),
    ),
    CaseStatus.REFERRED: Stage(
        _l("Referred"),
        _l("Your report is outside what this network can handle, so it was passed to the body "
           "that can. The messages below say more."),
    ),
    CaseStatus.CLOSED_NO_CASE: Stage(
        _l("Closed"),
        _l("The report was assessed and closed without an investigation. The messages below "
           "give the reasons."),
    ),
    CaseStatus.INVESTIGATION: _IN_HANDLING,
    CaseStatus.FINDINGS: _IN_HANDLING,
    CaseStatus.DECISION: Stage(
        _l("A decision is being made"),
        _l("The investigation has finished and a decision is being made."),
    ),
    CaseStatus.FEEDBACK_GIVEN: Stage(
        _l("Feedback given"),
        _l("We have told you what was done and why. You can still reply here."),
    ),
    CaseStatus.CLOSED: Stage(
        _l("Closed"),
        _l("Handling of your report has finished. If you disagree with the outcome you can "
           "say so here to ask for an appeal."),
    ),
    CaseStatus.APPEAL: Stage(
        _l("Under appeal"),
        _l("Someone who took no part in the first decision is reviewing it."),
    ),
}


def stage_for(case: Case) -> Stage:
    return STAGES.get(case.status, _IN_HANDLING)


def next_date(case: Case) -> tuple[LazyString, dt.datetime] | None:
    """The next date the reporter can expect something, if the process promises one."""
    if case.status == CaseStatus.RECEIVED:
        return _l("You can expect an acknowledgement by"), case.ack_due_at
    open_states = {CaseStatus.ACKNOWLEDGED, CaseStatus.TRIAGE, CaseStatus.INFO_REQUESTED,
                   CaseStatus.INVESTIGATION, CaseStatus.FINDINGS, CaseStatus.DECISION}
    if case.status in open_states and case.feedback_due_at is not None:
        return _l("You can expect feedback by"), case.feedback_due_at
    return None
