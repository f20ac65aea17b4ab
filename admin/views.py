"""The admin's pages: people and networks. Nothing here reads or lists a case."""

from __future__ import annotations

import json

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    redirect,
    render_template,
    request,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from sqlalchemy import select

from audit import Action, Actor, record
from auth import services
from auth.forms import ConfirmForm, NetworkForm, NetworkSettingsForm, UserForm
from auth.models import GlobalRole, StaffUser, TokenPurpose
from auth.permissions import Permission, require
from auth.web import me
from config import Settings
from db import db_session
from networks.models import Network, NetworkKind
from web.choices import opts
from web.clock import now

bp = Blueprint("admin", __name__, url_prefix="/staff/admin")


def _me() -> StaffUser:
    return me()


def _actor() -> Actor:
    me = _me()
    return Actor.staff(me.id, me.role)


def _link(token: str) -> str:
    settings: Settings = current_app.config["SETTINGS"]
    return f"{settings.base_url}{url_for('auth.welcome', token=token)}"


def _user(public_id: str) -> StaffUser:
    user = db_session().scalars(select(StaffUser).where(StaffUser.public_id == public_id)).first()
    if user is None:
        abort(404)
    return user


def _network_choices() -> list[tuple[str, str]]:
    networks = db_session().scalars(select(Network).order_by(Network.name))
    return [(n.slug, n.name) for n in networks]


@bp.get("/users")
@require(Permission.USERS_MANAGE)
def users() -> ResponseReturnValue:
    people = db_session().scalars(select(StaffUser).order_by(StaffUser.display_name)).all()
    return render_template("admin/users.html", people=people, form=ConfirmForm())


def _apply(form: UserForm, user: StaffUser) -> None:
    chosen = set(form.networks.data or [])
    user.display_name = (form.display_name.data or "").strip()
    user.role = GlobalRole(form.role.data)
    user.safeguarding = bool(form.safeguarding.data) and user.role == GlobalRole.FOCAL_POINT
    user.leadership = bool(form.leadership.data)
    user.networks = list(db_session().scalars(select(Network).where(Network.slug.in_(chosen))))


@bp.route("/users/new", methods=["GET", "POST"])
@require(Permission.USERS_MANAGE)
def invite() -> ResponseReturnValue:
    form = UserForm()
    form.networks.choices = opts(_network_choices())
    if request.method == "GET" or not form.validate_on_submit():
        return render_template("admin/user_form.html", form=form, user=None), (
            200 if request.method == "GET" else 400)
    dbs = db_session()
    if services.email_taken(dbs, form.email.data or ""):
        form.email.errors = [_("This email address is already used.")]
        return render_template("admin/user_form.html", form=form, user=None), 400
    user = services.create_user(dbs, email=form.email.data or "",
                                display_name=form.display_name.data or "",
                                role=GlobalRole(form.role.data))
    _apply(form, user)
    token = services.issue_token(dbs, TokenPurpose.INVITE, now=now(), user=user,
                                 created_by=_me())
    record(dbs, Action.USER_CREATED, actor=_actor(),
           details={"user": user.public_id, "role": str(user.role),
                    "safeguarding": user.safeguarding,
                    "networks": ",".join(n.slug for n in user.networks)[:200]})
    dbs.commit()
    return render_template("admin/link.html", user=user, link=_link(token), purpose="invite")


@bp.route("/users/<public_id>", methods=["GET", "POST"])
@require(Permission.USERS_MANAGE)
def edit_user(public_id: str) -> ResponseReturnValue:
    user = _user(public_id)
    form = UserForm(obj=user) if request.method == "GET" else UserForm()
    del form.email  # an address identifies the account; it is not edited here
    form.networks.choices = opts(_network_choices())
    if request.method == "GET":
        form.role.data = str(user.role)
        form.networks.data = [n.slug for n in user.networks]
        return render_template("admin/user_form.html", form=form, user=user)
    if not form.validate_on_submit():
        return render_template("admin/user_form.html", form=form, user=user), 400
    before = (str(user.role), user.safeguarding, user.leadership,
              ",".join(sorted(n.slug for n in user.networks)))
    _apply(form, user)
    after = (str(user.role), user.safeguarding, user.leadership,
             ",".join(sorted(n.slug for n in user.networks)))
    dbs = db_session()
    if before[:3] != after[:3]:
        record(dbs, Action.USER_ROLE_CHANGED, actor=_actor(), details={
            "user": user.public_id, "role": after[0], "safeguarding": after[1],
            "leadership": after[2]})
    if before[3] != after[3]:
        record(dbs, Action.USER_NETWORK_CHANGED, actor=_actor(),
               details={"user": user.public_id, "networks": after[3][:200]})
    if user.role == GlobalRole.ADMIN or before[0] != after[0]:
        # A change of role ends the person's sessions so the new limits apply at once.
        services.end_all_sessions(dbs, user)
    dbs.commit()
    return redirect(url_for("admin.users"), code=303)


@bp.post("/users/<public_id>/disable")
@require(Permission.USERS_MANAGE)
def disable(public_id: str) -> ResponseReturnValue:
    user = _user(public_id)
    if ConfirmForm().validate_on_submit() and user.id != _me().id:
        dbs = db_session()
        services.disable_user(dbs, user)
        record(dbs, Action.USER_DISABLED, actor=_actor(), details={"user": user.public_id})
        dbs.commit()
    return redirect(url_for("admin.users"), code=303)


@bp.post("/users/<public_id>/enable")
@require(Permission.USERS_MANAGE)
def enable(public_id: str) -> ResponseReturnValue:
    user = _user(public_id)
    if ConfirmForm().validate_on_submit():
        user.active = True
        record(db_session(), Action.USER_ENABLED, actor=_actor(),
               details={"user": user.public_id})
        db_session().commit()
    return redirect(url_for("admin.users"), code=303)


@bp.post("/users/<public_id>/reset")
@require(Permission.USERS_MANAGE)
def reset(public_id: str) -> ResponseReturnValue:
    """A one-time link to set a new password. It brings a new key: the admin gains nothing."""
    user = _user(public_id)
    if not ConfirmForm().validate_on_submit():
        return redirect(url_for("admin.users"), code=303)
    dbs = db_session()
    token = services.issue_token(dbs, TokenPurpose.RESET, now=now(), user=user,
                                 created_by=_me())
    services.end_all_sessions(dbs, user)
    record(dbs, Action.PASSWORD_RESET, actor=_actor(), details={"user": user.public_id})
    dbs.commit()
    return render_template("admin/link.html", user=user, link=_link(token), purpose="reset")


@bp.route("/networks", methods=["GET", "POST"])
@require(Permission.NETWORKS_MANAGE)
def networks() -> ResponseReturnValue:
    dbs = db_session()
    form = NetworkForm()
    form.parent.choices = opts([("", _("None")), *_network_choices()])
    code = 200
    if request.method == "POST":
        if form.validate_on_submit():
            if dbs.scalars(select(Network).where(Network.slug == form.slug.data)).first():
                form.slug.errors = [_("This short name is already used.")]
                code = 400
            else:
                parent = dbs.scalars(select(Network).where(Network.slug == form.parent.data))\
                    .first()
                network = Network(slug=form.slug.data or "", name=form.name.data or "",
                                  kind=NetworkKind(form.kind.data), parent=parent,
                                  country=(form.country.data or "").upper() or None)
                dbs.add(network)
                dbs.flush()
                record(dbs, Action.CONFIGURATION_CHANGED, actor=_actor(),
                       details={"network_added": network.slug})
                dbs.commit()
                return redirect(url_for("admin.networks"), code=303)
        else:
            code = 400
    listing = dbs.scalars(select(Network).order_by(Network.kind, Network.name)).all()
    return render_template("admin/networks.html", networks=listing, form=form), code


RETENTION_FIELDS = {"keep_unfounded": "unfounded", "keep_referred": "referred",
                    "keep_inconclusive": "inconclusive", "keep_action_taken": "action_taken",
                    "keep_default": "default"}


@bp.route("/networks/<slug>", methods=["GET", "POST"])
@require(Permission.NETWORKS_MANAGE)
def edit_network(slug: str) -> ResponseReturnValue:
    """A network's deadlines and retention periods (audited configuration changes)."""
    from cases.retention import DEFAULT_DAYS  # noqa: PLC0415

    dbs = db_session()
    network = dbs.scalars(select(Network).where(Network.slug == slug)).first()
    if network is None:
        abort(404)
    rules = {**DEFAULT_DAYS, **(network.retention_days or {})}
    if request.method == "GET":
        form = NetworkSettingsForm(obj=network, data={
            field: rules[key] for field, key in RETENTION_FIELDS.items()})
        return render_template("admin/network_form.html", form=form, network=network)
    form = NetworkSettingsForm()
    if not form.validate_on_submit():
        return render_template("admin/network_form.html", form=form, network=network), 400
    network.name = form.name.data or network.name
    network.active = bool(form.active.data)
    network.ack_days = int(form.ack_days.data)
    network.feedback_days = int(form.feedback_days.data)
    network.urgent_triage_hours = int(form.urgent_triage_hours.data)
    network.retention_days = {key: int(getattr(form, field).data)
                              for field, key in RETENTION_FIELDS.items()}
    record(dbs, Action.CONFIGURATION_CHANGED, actor=_actor(), details={
        "network": network.slug, "ack_days": network.ack_days,
        "feedback_days": network.feedback_days,
        "urgent_triage_hours": network.urgent_triage_hours, "active": network.active,
        **{f"keep_{k}": v for k, v in network.retention_days.items()}})
    dbs.commit()
    return redirect(url_for("admin.networks"), code=303)


@bp.get("/users/<public_id>/export")
@require(Permission.USERS_MANAGE)
def export_user(public_id: str) -> ResponseReturnValue:
    """A staff member's own data (GDPR Art. 15): account, roles and what they did.

    Their actions are listed by case reference only: no case content, and no reporter,
    ever reaches an admin. Needs a fresh step-up and is recorded.
    """
    from audit.models import AuditEvent  # noqa: PLC0415
    from auth.services import stepped_up_recently  # noqa: PLC0415
    from auth.web import session_row  # noqa: PLC0415

    row = session_row()
    if row is None or not stepped_up_recently(row, now()):
        return redirect(url_for("auth.step_up", next=request.path), code=303)
    user = _user(public_id)
    dbs = db_session()
    events = dbs.scalars(select(AuditEvent).where(
        AuditEvent.actor_kind == "staff", AuditEvent.actor_id == user.id)
        .order_by(AuditEvent.seq)).all()
    export = {
        "notice": "Prepared under GDPR Art. 15: the account and the actions recorded for it.",
        "name": user.display_name, "email": user.email, "role": str(user.role),
        "safeguarding_lead": user.safeguarding, "leadership": user.leadership,
        "active": user.active, "networks": [n.name for n in user.networks],
        "created": user.created_at.isoformat(),
        "last_login": user.last_login_at.isoformat() if user.last_login_at else None,
        "actions": [{"at": e.occurred_at.isoformat(), "action": str(e.action),
                     "case": e.case_ref} for e in events],
    }
    record(dbs, Action.CASE_EXPORTED, actor=_actor(),
           details={"what": "staff_subject_access", "user": user.public_id})
    dbs.commit()
    response = Response(json.dumps(export, ensure_ascii=False, indent=2),
                        mimetype="application/json")
    response.headers["Content-Disposition"] = 'attachment; filename="staff-data.json"'
    return response
