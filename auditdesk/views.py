"""The auditor's desk: the trail, closed cases with their timeline, quality reviews.

Auditors see process, never content: references, dates, states, roles, outcome
codes and whether reasons were recorded. No case key is ever sealed to them.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import tempfile
from pathlib import Path

from flask import (
    Blueprint,
    abort,
    current_app,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from sqlalchemy import select
from sqlalchemy.orm import joinedload
from wtforms import BooleanField, TextAreaField
from wtforms.validators import Length, Optional

from audit import Action, Actor, record
from audit.models import AuditEvent
from audit.service import export, public_key_for, verify_stored
from auditdesk.models import QualityReview
from auth.models import StaffUser
from auth.permissions import Permission, require
from auth.services import staff_names, stepped_up_recently
from auth.web import me, private_key, session_row
from cases.models import Case, CaseStatus
from cases.workflow import safeguarding_required
from config import Settings
from crypto import DecryptionError
from db import db_session
from keyring.auditors import open_for_auditor, unlock_reader_key
from networks.models import Network
from web.clock import now

log = logging.getLogger(__name__)
bp = Blueprint("auditdesk", __name__, url_prefix="/staff/audit")
PAGE = 100

CHECKS = {
    "ack_in_time": _l("Acknowledged within the deadline"),
    "feedback_in_time": _l("Feedback with reasons within the deadline"),
    "reasons_recorded": _l("Reasons recorded at closure"),
    "safeguarding_signoff": _l("Safeguarding sign-off where required"),
    "retention_set": _l("Retention period set"),
}


class ReviewForm(FlaskForm):
    ack_in_time = BooleanField(CHECKS["ack_in_time"])
    feedback_in_time = BooleanField(CHECKS["feedback_in_time"])
    reasons_recorded = BooleanField(CHECKS["reasons_recorded"])
    safeguarding_signoff = BooleanField(CHECKS["safeguarding_signoff"])
    retention_set = BooleanField(CHECKS["retention_set"])
    findings = TextAreaField(_l("Findings of the review (about the process only)"),
                             validators=[Optional(), Length(max=2000)])


class VerifyForm(FlaskForm):
    """The "verify now" button."""


def _settings() -> Settings:
    settings: Settings = current_app.config["SETTINGS"]
    return settings


def _me() -> StaffUser:
    return me()


def _actor() -> Actor:
    return Actor.staff(_me().id, _me().role)


def _date(raw: str | None) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(raw or "").replace(tzinfo=dt.UTC)
    except ValueError:
        return None


@bp.get("/")
@require(Permission.AUDIT_TRAIL_READ)
def trail() -> ResponseReturnValue:
    args = request.args
    query = select(AuditEvent).order_by(AuditEvent.seq.desc()).limit(PAGE + 1)
    if (start := _date(args.get("from"))) is not None:
        query = query.where(AuditEvent.occurred_at >= start)
    if (end := _date(args.get("to"))) is not None:
        query = query.where(AuditEvent.occurred_at < end + dt.timedelta(days=1))
    if args.get("network"):
        query = query.where(AuditEvent.network == args["network"])
    if args.get("action") in {a.value for a in Action}:
        query = query.where(AuditEvent.action == Action(args["action"]))
    if args.get("case"):
        query = query.where(AuditEvent.case_ref == args["case"].strip().upper())
    if args.get("before", "").isdigit():
        query = query.where(AuditEvent.seq < int(args["before"]))
    rows = list(db_session().scalars(query))
    networks = db_session().scalars(select(Network).order_by(Network.name)).all()
    names = staff_names(db_session())
    next_before = rows[PAGE - 1].seq if len(rows) > PAGE else None
    return render_template("auditdesk/trail.html", events=rows[:PAGE], networks=networks,
                           actions=sorted(a.value for a in Action), names=names,
                           next_before=next_before, form=VerifyForm(),
                           filter_args={k: v for k, v in args.items() if k != "before" and v})


@bp.post("/verify")
@require(Permission.AUDIT_TRAIL_READ)
def verify_now() -> ResponseReturnValue:
    if not VerifyForm().validate_on_submit():
        return redirect(url_for("auditdesk.trail"), code=303)
    keys = [public_key_for(_settings().audit_signing_key)]
    # End this request's transaction first: on SQLite it holds the write lock, which the quick
    # proof takes for a moment to line up the snapshots of its two connections.
    db_session().commit()
    result = verify_stored(db_session(), public_keys=keys, unavailable=lambda _exc: log.warning(
        "quick audit proof unavailable", extra={"event": "audit_prove_unavailable"}))
    return render_template("auditdesk/verified.html", result=result)


@bp.get("/export")
@require(Permission.AUDIT_TRAIL_EXPORT)
def export_trail() -> ResponseReturnValue:
    """The whole trail as JSON Lines with the public key; needs a fresh step-up."""
    row = session_row()
    if row is None or not stepped_up_recently(row, now()):
        return redirect(url_for("auth.step_up", next=request.path), code=303)
    dbs = db_session()
    record(dbs, Action.CASE_EXPORTED, actor=_actor(), details={"what": "audit_trail"})
    dbs.commit()
    handle = tempfile.NamedTemporaryFile(suffix=".jsonl", delete=False)  # noqa: SIM115
    handle.close()
    path = Path(handle.name)
    export(dbs, path, public_keys=[public_key_for(_settings().audit_signing_key)])
    response = send_file(path, mimetype="application/jsonl", as_attachment=True,
                         download_name=f"audit-trail-{now():%Y%m%d}.jsonl")
    response.call_on_close(lambda: path.unlink(missing_ok=True))
    return response


CLOSED = (CaseStatus.CLOSED, CaseStatus.PURGED)


@bp.get("/closed")
@require(Permission.AUDIT_CLOSED_CASES)
def closed() -> ResponseReturnValue:
    cases = db_session().scalars(
        select(Case).where(Case.status.in_(CLOSED)).options(joinedload(Case.network))
        .order_by(Case.closed_at.desc()).limit(500)).all()
    reviewed = set(db_session().scalars(select(QualityReview.case_id)))
    return render_template("auditdesk/closed.html", cases=cases, reviewed=reviewed,
                           computed={c.id: computed_checks(c) for c in cases}, checks=CHECKS)


def computed_checks(case: Case) -> dict[str, bool | None]:
    """What the plaintext dates and states say about the process (None: not applicable)."""
    ack = case.acknowledged_at is not None and case.acknowledged_at <= case.ack_due_at
    feedback = None
    if case.feedback_due_at is not None:
        feedback = (case.feedback_given_at is not None
                    and case.feedback_given_at <= case.feedback_due_at)
    return {
        "ack_in_time": ack,
        "feedback_in_time": feedback,
        "reasons_recorded": case.closure_sealed is not None,
        "safeguarding_signoff": None,  # needs the trail: filled in by closed_case()
        "retention_set": None,
    }


@bp.route("/closed/<public_id>", methods=["GET", "POST"])
@require(Permission.AUDIT_CLOSED_CASES)
def closed_case(public_id: str) -> ResponseReturnValue:
    dbs = db_session()
    case = dbs.scalars(select(Case).where(Case.public_id == public_id)).first()
    if case is None or case.status not in CLOSED:
        abort(404)  # open cases are not the auditor's to see
    events = dbs.scalars(select(AuditEvent).where(AuditEvent.case_ref == case.reference)
                         .order_by(AuditEvent.seq)).all()
    computed = computed_checks(case)
    signoffs = [e for e in events if e.details.get("action") == "confirm_closure"]
    if safeguarding_required(case):
        leads = {u.id for u in dbs.scalars(select(StaffUser).where(
            StaffUser.safeguarding.is_(True)))}
        computed["safeguarding_signoff"] = any(e.actor_id in leads for e in signoffs)
    form = ReviewForm(data=computed) if request.method == "GET" else ReviewForm()
    if request.method == "POST" and form.validate_on_submit():
        checks = {name: bool(getattr(form, name).data) for name in CHECKS}
        dbs.add(QualityReview(case_id=case.id, reviewer_id=_me().id, checks=checks,
                              findings=form.findings.data or "", signed_at=now()))
        record(dbs, Action.CASE_REVIEWED, actor=_actor(), case_ref=case.reference,
               network=case.network.slug, details={k: v for k, v in checks.items()})
        dbs.commit()
        return redirect(url_for("auditdesk.closed_case", public_id=public_id, saved=1), code=303)
    reviews = dbs.scalars(select(QualityReview).where(QualityReview.case_id == case.id)
                          .order_by(QualityReview.signed_at)).all()
    closure = _closure_record(case)
    names = staff_names(dbs)
    return render_template("auditdesk/case.html", case=case, events=events, computed=computed,
                           form=form, checks=CHECKS, reviews=reviews, names=names,
                           closure=closure,
                           message=_("Review saved.") if request.args.get("saved") else None)


def _closure_record(case: Case) -> dict[str, str] | None:
    """The closure's outcome and reasons, opened with the auditors' shared key."""
    if case.closure_for_audit is None:
        return None
    reader = unlock_reader_key(db_session(), _me(), private_key())
    if reader is None:
        return None
    try:
        loaded: dict[str, str] = json.loads(open_for_auditor(reader, case.closure_for_audit,
                                                             case.public_id))
    except DecryptionError:
        return None
    return loaded
