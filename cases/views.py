"""The focal point's queue and case page."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from urllib.parse import quote

from flask import (
    Blueprint,
    Response,
    abort,
    flash,
    redirect,
    render_template,
    request,
    stream_with_context,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload, selectinload

from audit import Action
from auth.models import GlobalRole, StaffUser
from auth.permissions import Permission, can, require
from auth.services import stepped_up_recently
from auth.web import me, private_key, session_row
from cases import services
from cases.deadlines import open_deadlines, overdue
from cases.forms import (
    CATEGORY_LABELS,
    FINDING_LABELS,
    FLAG_LABELS,
    OUTCOME_LABELS,
    ActionForm,
    ConfirmForm,
    HandoverForm,
    MessageForm,
    NoteForm,
    RekeyForm,
    RoleForm,
    TriageForm,
)
from cases.models import (
    Attachment,
    AttachmentVariant,
    Author,
    Case,
    CaseRoleKind,
    CaseStatus,
    Category,
    Finding,
    Outcome,
)
from cases.queue import QueueFilters, queue_page
from cases.rekey import RekeyReason, rekey_as_holder, reporter_is_legacy
from cases.workflow import RULES, CaseAction, Needs, allowed_actions, blocked_actions
from crypto import DataKey, decrypt_chunks
from db import db_session
from reporting.services import (
    attachment_chunks,
    attachment_data_where,
    read_messages,
    read_report,
)
from reporting.views import _uploads
from web.choices import opts
from web.clock import now

bp = Blueprint("cases", __name__, url_prefix="/staff/cases")

REFUSALS = {
    "confirm_category_first": _l("Confirm the category at triage first."),
    "assign_investigator_first": _l("Assign an investigator first."),
    "investigator_cannot_decide": _l("The investigator cannot also decide."),
    "closure_already_proposed": _l("A closure is already waiting for a second person."),
    "same_person": _l("A second person must confirm the closure."),
    "safeguarding_lead_must_confirm": _l("A safeguarding lead must confirm the closure."),
    "assign_appeal_reviewer_first": _l("Assign an appeal reviewer who took no other part."),
    "text_required": _l("Please give the reasons or the message."),
    "finding_required": _l("Please choose a finding."),
    "outcome_required": _l("Please choose an outcome."),
    "investigator_not_decision_maker": _l("The investigator and the decision-maker must be "
                                          "different people."),
    "appeal_reviewer_took_part": _l("The appeal reviewer must be someone who took no other "
                                    "part in the case."),
    "excluded_by_reporter": _l("The reporter asked that this person does not see the case."),
    "conflicted": _l("This person declared a conflict of interest on this case."),
    "not_a_focal_point": _l("Only an active focal point can take a role in a case."),
    "not_your_note": _l("You can only change your own notes."),
    "legal_hold": _l("A legal hold blocks deletion."),
    "purge_already_proposed": _l("A deletion is already waiting for a second person."),
    "no_purge_proposed": _l("Nobody has proposed to delete this case."),
    "no_recovery_key": _l("There is no recovery key yet: an administrator must create one "
                          "before a case can get a new key."),
    "rekey_failed": _l("The case could not get a new key: its key changed in the meantime, "
                       "or some of its content does not open. Nothing was changed."),
}
ACTION_LABELS = {
    CaseAction.ACKNOWLEDGE: _l("Acknowledge"),
    CaseAction.START_TRIAGE: _l("Start triage"),
    CaseAction.REQUEST_INFO: _l("Ask the reporter for information"),
    CaseAction.RESUME_TRIAGE: _l("Back to triage"),
    CaseAction.REFER: _l("Refer to another body"),
    CaseAction.CLOSE_NO_CASE: _l("Close without investigation"),
    CaseAction.OPEN_INVESTIGATION: _l("Open an investigation"),
    CaseAction.RECORD_FINDINGS: _l("Record findings"),
    CaseAction.DECIDE: _l("Record the decision"),
    CaseAction.GIVE_FEEDBACK: _l("Give feedback to the reporter"),
    CaseAction.CLOSE: _l("Close the case"),
    CaseAction.PROPOSE_CLOSURE: _l("Propose closure (a second person confirms)"),
    CaseAction.CONFIRM_CLOSURE: _l("Confirm the proposed closure"),
    CaseAction.APPEAL: _l("Record an appeal"),
    CaseAction.DECIDE_APPEAL: _l("Decide the appeal"),
    CaseAction.REOPEN: _l("Reopen"),
}
STATUS_LABELS = {
    CaseStatus.RECEIVED: _l("Received"), CaseStatus.ACKNOWLEDGED: _l("Acknowledged"),
    CaseStatus.TRIAGE: _l("Triage"), CaseStatus.INFO_REQUESTED: _l("Information requested"),
    CaseStatus.REFERRED: _l("Referred"), CaseStatus.CLOSED_NO_CASE: _l("No case"),
    CaseStatus.INVESTIGATION: _l("Investigation"), CaseStatus.FINDINGS: _l("Findings"),
    CaseStatus.DECISION: _l("Decision"), CaseStatus.FEEDBACK_GIVEN: _l("Feedback given"),
    CaseStatus.CLOSED: _l("Closed"), CaseStatus.APPEAL: _l("Appeal"),
    CaseStatus.PURGED: _l("Purged"),
}
ROLE_LABELS = {
    CaseRoleKind.HANDLER: _l("Handler"), CaseRoleKind.INVESTIGATOR: _l("Investigator"),
    CaseRoleKind.DECISION_MAKER: _l("Decision-maker"),
    CaseRoleKind.APPEAL_REVIEWER: _l("Appeal reviewer"),
}


def _me() -> StaffUser:
    return me()


def _case(public_id: str, permission: Permission) -> Case:
    """The case, or 404 for anyone who may not see it (never 403: it must not exist for them)."""
    case = db_session().scalars(
        select(Case).where(Case.public_id == public_id)
        .options(selectinload(Case.key_wraps), joinedload(Case.network))).first()
    user = _me()
    if case is None or case.status == CaseStatus.PURGED or not can(user, permission, case):
        if case is not None:
            from auth.web import deny  # noqa: PLC0415

            deny(user, permission)
        abort(404)
    return case


def _key(case: Case) -> DataKey:
    return services.open_case(db_session(), case, _me(), private_key())


def _refused(exc: services.ActionRefused) -> str:
    return str(REFUSALS.get(exc.reason, _("This is not possible now.")))


def _attempt(case: Case, anchor: str,
             step: Callable[[Session], object]) -> ResponseReturnValue | None:
    """Run one service call; a refusal is explained on the case page, never a crash."""
    dbs = db_session()
    try:
        step(dbs)
    except services.ActionRefused as exc:
        dbs.rollback()
        flash(_refused(exc), "error")
        return _back(case, anchor)
    dbs.commit()
    return None


def _expired(case: Case, anchor: str) -> ResponseReturnValue:
    flash(_("The form expired. Please try again."), "error")
    return _back(case, anchor)


def _back(case: Case, anchor: str = "") -> ResponseReturnValue:
    return redirect(url_for("cases.detail", public_id=case.public_id) + anchor, code=303)


@bp.get("/")
@require(Permission.CASE_LIST)
def queue() -> ResponseReturnValue:
    user = _me()
    filters = QueueFilters.from_args(request.args)
    page = queue_page(db_session(), user, filters, now=now())
    networks = [n for n in user.networks]
    return render_template("cases/queue.html", page=page, filters=filters, networks=networks,
                           statuses=STATUS_LABELS, categories=CATEGORY_LABELS, now=now(),
                           overdue=overdue)


@bp.get("/<public_id>")
@require(Permission.CASE_READ)
def detail(public_id: str) -> ResponseReturnValue:
    case = _case(public_id, Permission.CASE_READ)
    user = _me()
    dbs = db_session()
    key = _key(case)
    ctx = services.context(dbs, case, user)
    report = read_report(case, key)
    evidence = services.read_sealed_json(key, case, "evidence", case.evidence_sealed)
    messages = read_messages(dbs, case, key, reader=Author.STAFF, actor=services.actor_of(user),
                             now=now())
    notes = services.read_notes(dbs, case, key)
    attachments = [(a, services.attachment_meta(case, key, a)) for a in case.attachments]
    people = dbs.scalars(select(StaffUser).where(
        StaffUser.role == GlobalRole.FOCAL_POINT, StaffUser.active.is_(True),
        StaffUser.public_key.is_not(None)).order_by(StaffUser.display_name)).all()
    names = {p.id: p for p in people}
    roles = [r for r in ctx.all_roles]
    role_form = RoleForm()
    role_form.person.choices = opts([(p.public_id, p.display_name) for p in people])
    handover = HandoverForm()
    handover.person.choices = opts([(p.public_id, p.display_name) for p in people
                                    if p.id != user.id])
    triage = TriageForm(data={
        "category": str(case.category or case.suggested_category or Category.OTHER),
        "flags": [str(f) for f in case.flags], "serious": case.serious})
    from audit.models import AuditEvent  # noqa: PLC0415

    timeline = dbs.scalars(select(AuditEvent).where(AuditEvent.case_ref == case.reference)
                           .order_by(AuditEvent.seq)).all()
    dbs.commit()
    return render_template(
        "cases/detail.html", case=case, report=report, evidence=evidence, messages=messages,
        notes=notes, attachments=attachments, roles=roles, names=names,
        allowed=allowed_actions(ctx), blocked=blocked_actions(ctx), Needs=Needs,
        action_form=ActionForm(), message_form=MessageForm(), note_form=NoteForm(prefix="note"),
        role_form=role_form, handover_form=handover, triage_form=triage,
        confirm_form=ConfirmForm(), deadlines=open_deadlines(case), now=now(),
        labels={"status": STATUS_LABELS, "category": CATEGORY_LABELS, "flag": FLAG_LABELS,
                "action": ACTION_LABELS, "role": ROLE_LABELS, "finding": FINDING_LABELS,
                "outcome": OUTCOME_LABELS, "refusal": REFUSALS},
        can_triage=case.status in services.TRIAGE_STATES and can(user, Permission.CASE_ACT, case),
        pending=ctx.pending_closure, timeline=timeline, overdue=overdue(case, now()),
        pending_purge=services.pending_purge(dbs, case),
        rekey_form=RekeyForm(), can_rekey=can(user, Permission.CASE_REKEY, case),
        legacy_reporter=reporter_is_legacy(case),
    )


@bp.post("/<public_id>/action/<action>")
@require(Permission.CASE_ACT)
def act(public_id: str, action: str) -> ResponseReturnValue:
    case = _case(public_id, Permission.CASE_ACT)
    if action not in RULES:
        abort(404)
    form = ActionForm()
    if not form.validate_on_submit():
        return _expired(case, "#actions")
    refused = _attempt(case, "#actions", lambda dbs: services.perform(
        dbs, case, CaseAction(action), _me(), _key(case), now=now(),
        text=form.text.data or "",
        finding=Finding(form.finding.data) if form.finding.data else None,
        outcome=Outcome(form.outcome.data) if form.outcome.data else None))
    if refused is not None:
        return refused
    flash(_("Done: %(action)s.", action=ACTION_LABELS[CaseAction(action)]), "success")
    return _back(case)


@bp.post("/<public_id>/triage")
@require(Permission.CASE_ACT)
def triage(public_id: str) -> ResponseReturnValue:
    case = _case(public_id, Permission.CASE_ACT)
    form = TriageForm()
    if not form.validate_on_submit():
        return _expired(case, "#triage")
    refused = _attempt(case, "#triage", lambda dbs: services.confirm_classification(
        dbs, case, _me(), category=Category(form.category.data),
        flags=set(form.flags.data or []), serious=bool(form.serious.data)))
    if refused is not None:
        return refused
    flash(_("Category and flags saved."), "success")
    return _back(case)


@bp.post("/<public_id>/messages")
@require(Permission.CASE_MESSAGE)
def message(public_id: str) -> ResponseReturnValue:
    case = _case(public_id, Permission.CASE_MESSAGE)
    form = MessageForm()
    uploads = _uploads(request.files.getlist(form.attachments.name), form.attachments)
    if not form.validate_on_submit() or uploads is None:
        flash(" ".join(str(e) for f in form for e in f.errors) or _("Please try again."), "error")
        return _back(case, "#messages")
    dbs = db_session()
    services.send_message(dbs, case, _me(), _key(case), body=form.body.data or "",
                          uploads=uploads, now=now())
    dbs.commit()
    flash(_("Message sent. The reporter reads it with their receipt."), "success")
    return _back(case, "#messages")


@bp.post("/<public_id>/notes")
@require(Permission.CASE_NOTE)
def add_note(public_id: str) -> ResponseReturnValue:
    case = _case(public_id, Permission.CASE_NOTE)
    form = NoteForm(prefix="note")
    if not form.validate_on_submit():
        flash(_("Please write a note."), "error")
        return _back(case, "#notes")
    dbs = db_session()
    services.add_note(dbs, case, _me(), _key(case), form.body.data or "", now=now())
    dbs.commit()
    return _back(case, "#notes")


@bp.post("/<public_id>/notes/<note_id>")
@require(Permission.CASE_NOTE)
def edit_note(public_id: str, note_id: str) -> ResponseReturnValue:
    case = _case(public_id, Permission.CASE_NOTE)
    form = NoteForm(prefix="note")
    dbs = db_session()
    try:
        if request.form.get("retract"):
            if not ConfirmForm(prefix="note").validate_on_submit():
                abort(400)
            services.retract_note(dbs, case, _me(), note_id, now=now())
        elif form.validate_on_submit():
            services.edit_note(dbs, case, _me(), _key(case), note_id=note_id,
                               body=form.body.data or "",
                               now=now())
        else:
            flash(_("Please write a note."), "error")
            return _back(case, "#notes")
    except services.ActionRefused as exc:
        dbs.rollback()
        if exc.reason == "no_such_note":
            abort(404)  # another case's note (or none): like any object one may not see
        flash(_refused(exc), "error")
        return _back(case, "#notes")
    dbs.commit()
    return _back(case, "#notes")


def _person(public_id: str | None) -> StaffUser:
    person = db_session().scalars(
        select(StaffUser).where(StaffUser.public_id == (public_id or ""))).first()
    if person is None:
        abort(404)
    return person


@bp.post("/<public_id>/roles")
@require(Permission.CASE_ASSIGN)
def assign(public_id: str) -> ResponseReturnValue:
    case = _case(public_id, Permission.CASE_ASSIGN)
    form = RoleForm()
    form.person.choices = opts([(str(request.form.get("person")), "")])
    if not form.validate_on_submit():
        return _expired(case, "#roles")
    refused = _attempt(case, "#roles", lambda dbs: services.assign_role(
        dbs, case, _me(), _key(case), _person(form.person.data), CaseRoleKind(form.role.data),
        now=now()))
    return refused or _back(case, "#roles")


@bp.post("/<public_id>/handover")
@require(Permission.CASE_ASSIGN)
def handover(public_id: str) -> ResponseReturnValue:
    case = _case(public_id, Permission.CASE_ASSIGN)
    form = HandoverForm()
    form.person.choices = opts([(str(request.form.get("person")), "")])
    if not form.validate_on_submit():
        return _expired(case, "#roles")
    refused = _attempt(case, "#roles", lambda dbs: services.hand_over(
        dbs, case, _me(), _key(case), _person(form.person.data), now=now(),
        keep_access=bool(form.keep_access.data)))
    if refused is not None:
        return refused
    if not form.keep_access.data:
        return redirect(url_for("cases.queue"), code=303)
    return _back(case, "#roles")


@bp.post("/<public_id>/conflict")
@require(Permission.CASE_RECUSE)
def conflict(public_id: str) -> ResponseReturnValue:
    case = _case(public_id, Permission.CASE_RECUSE)
    if not ConfirmForm().validate_on_submit():
        return _back(case)
    dbs = db_session()
    services.declare_conflict(dbs, case, _me(), _key(case), now=now())
    dbs.commit()
    flash(_("Your conflict of interest is recorded. You no longer have access to this case."),
          "success")
    return redirect(url_for("cases.queue"), code=303)


@bp.get("/<public_id>/identity")
@require(Permission.CASE_IDENTITY_REVEAL)
def identity(public_id: str) -> ResponseReturnValue:
    case = _case(public_id, Permission.CASE_IDENTITY_REVEAL)
    row = session_row()
    if row is None or not stepped_up_recently(row, now()):
        return redirect(url_for("auth.step_up", next=request.path), code=303)
    dbs = db_session()
    shown = services.read_identity(dbs, case, _me(), _key(case))
    dbs.commit()
    return render_template("cases/identity.html", case=case, identity=shown)


@bp.route("/<public_id>/rekey", methods=["GET", "POST"])
@require(Permission.CASE_REKEY)
def rekey(public_id: str) -> ResponseReturnValue:
    """A new case key, everything re-sealed under it; a fresh step-up first, as for a reveal.

    A POST from the case page without a recent step-up goes through the step-up and comes back
    here (GET) to confirm again: the form is short, and nothing happens without the second go.
    """
    case = _case(public_id, Permission.CASE_REKEY)
    row = session_row()
    if row is None or not stepped_up_recently(row, now()):
        return redirect(url_for("auth.step_up",
                                next=url_for("cases.rekey", public_id=case.public_id)), code=303)
    form = RekeyForm()
    if request.method == "GET" or not form.validate_on_submit():
        return render_template("cases/rekey.html", case=case, rekey_form=form,
                               legacy_reporter=reporter_is_legacy(case)), (
            400 if request.method == "POST" else 200)
    refused = _attempt(case, "#case-key", lambda dbs: rekey_as_holder(
        dbs, case, _me(), _key(case), reason=RekeyReason(form.reason.data),
        details=form.details.data or "", now=now()))
    if refused is not None:
        return refused
    flash(_("The case has a new key. Everyone who holds the case, the recovery key and the "
            "reporter's receipt still open it."), "success")
    return _back(case, "#case-key")


@bp.get("/<public_id>/subject-export")
@require(Permission.CASE_ACT)
def subject_export(public_id: str) -> ResponseReturnValue:
    """A data-subject access export for the person concerned; needs a fresh step-up."""
    case = _case(public_id, Permission.CASE_ACT)
    row = session_row()
    if row is None or not stepped_up_recently(row, now()):
        return redirect(url_for("auth.step_up", next=request.path), code=303)
    dbs = db_session()
    export = services.subject_access_export(dbs, case, _me(), _key(case))
    dbs.commit()
    response = Response(json.dumps(export, ensure_ascii=False, indent=2),
                        mimetype="application/json")
    response.headers["Content-Disposition"] = download_disposition(
        f"subject-access-{case.reference}.json")
    return response


def download_disposition(filename: str) -> str:
    """An attachment header no reporter-chosen name can break: no CR/LF (a 500 before),
    no quotes, no path; the real name travels percent-encoded (RFC 6266 / 5987)."""
    shown = "".join(ch for ch in filename if ch.isprintable() and ch not in '"\\/') or "file"
    fallback = shown.encode("ascii", "replace").decode().strip(". ") or "file"
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(shown, safe='')}"


@bp.get("/<public_id>/attachments/<attachment_id>")
@require(Permission.CASE_READ)
def attachment(public_id: str, attachment_id: str) -> ResponseReturnValue:
    """The cleaned copy by default; the original only when asked for explicitly (audited)."""
    case = _case(public_id, Permission.CASE_READ)
    found: Attachment | None = next((a for a in case.attachments
                                     if a.public_id == attachment_id), None)
    if found is None:
        abort(404)
    original = request.args.get("original") == "1" or not found.has_sanitised
    variant = AttachmentVariant.ORIGINAL if original else AttachmentVariant.SANITISED
    dbs = db_session()
    key = _key(case)
    meta = services.attachment_meta(case, key, found)
    from audit import record  # noqa: PLC0415

    record(dbs, Action.ATTACHMENT_OPENED, actor=services.actor_of(_me()), case_ref=case.reference,
           network=case.network.slug, details={"attachment": found.public_id,
                                               "variant": str(variant)})
    dbs.commit()
    where = attachment_data_where(case, found, variant)

    def body() -> Iterator[bytes]:
        yield from decrypt_chunks(key, where, attachment_chunks(dbs, found, variant))

    mimetype = (meta.get("sanitised_type") if variant == AttachmentVariant.SANITISED
                else "application/octet-stream") or "application/octet-stream"
    filename = meta.get("filename", "file")
    response = Response(stream_with_context(body()), mimetype=mimetype)
    # Always a download, never rendered in our origin: a file could carry HTML or script.
    response.headers["Content-Disposition"] = download_disposition(str(filename))
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response



@bp.post("/<public_id>/hold")
@require(Permission.CASE_ACT)
def hold(public_id: str) -> ResponseReturnValue:
    case = _case(public_id, Permission.CASE_ACT)
    if not ConfirmForm().validate_on_submit():
        return _back(case, "#retention")
    dbs = db_session()
    services.set_legal_hold(dbs, case, _me(), hold=request.form.get("hold") == "1")
    dbs.commit()
    return _back(case, "#retention")


@bp.post("/<public_id>/purge")
@require(Permission.CASE_ACT)
def purge(public_id: str) -> ResponseReturnValue:
    """Deletion before term: one person proposes with a reason, another confirms."""
    case = _case(public_id, Permission.CASE_ACT)
    form = ActionForm()
    if not form.validate_on_submit():
        return _back(case, "#retention")
    dbs = db_session()
    try:
        if request.form.get("confirm") == "1":
            services.confirm_purge(dbs, case, _me(), now=now())
            dbs.commit()
            flash(_("The case was purged. Its audit trail remains."), "success")
            return redirect(url_for("cases.queue"), code=303)
        services.propose_purge(dbs, case, _me(), _key(case), reason=form.text.data or "",
                               now=now())
    except services.ActionRefused as exc:
        dbs.rollback()
        flash(_refused(exc), "error")
        return _back(case, "#retention")
    dbs.commit()
    flash(_("Deletion proposed. A second person must confirm it."), "success")
    return _back(case, "#retention")
