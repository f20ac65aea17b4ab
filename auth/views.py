"""Staff login (password, then TOTP), enrolment, logout, password and one-time links."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, abort, make_response, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from audit import Action, Actor, record
from auth import services
from auth.forms import (
    ChangePasswordForm,
    CodeForm,
    ConfirmForm,
    LoginForm,
    NewPasswordForm,
    SetupForm,
    StepUpForm,
)
from auth.models import GlobalRole, StaffUser, TokenPurpose
from auth.passwords import verify_password
from auth.permissions import Permission, can, require
from auth.totp import provisioning_uri, qr_svg
from auth.web import (
    clear_session_cookie,
    current_staff,
    me,
    policy,
    private_key,
    session_row,
    session_token,
    set_session_cookie,
    settings,
)
from crypto import Argon2Params
from db import db_session
from keyring.services import KDF_PARAMS
from web.access import public
from web.clock import now
from web.throttle import Throttle

bp = Blueprint("auth", __name__, url_prefix="/staff")

LOGIN_TRIES_PER_ACCOUNT = 5
LOGIN_TRIES_PER_CLIENT = 30
LOGIN_WINDOW_SECONDS = 15 * 60


def _params() -> Argon2Params:
    return KDF_PARAMS[settings().password_kdf]


def _throttle() -> Throttle:
    from flask import current_app  # noqa: PLC0415

    throttle: Throttle = current_app.extensions["redevable.throttle"]
    return throttle


def _actor(user: StaffUser) -> Actor:
    return Actor.staff(user.id, user.role)


def home_for(user: StaffUser) -> str:
    if can(user, Permission.CASE_LIST):
        return url_for("cases.queue")
    if can(user, Permission.AUDIT_TRAIL_READ):
        return url_for("auditdesk.trail")
    return url_for("admin.users")


@bp.get("/")
@require(Permission.ACCOUNT_SELF)
def home() -> ResponseReturnValue:
    return redirect(home_for(me()))


@bp.route("/login", methods=["GET", "POST"])
@public
def login() -> ResponseReturnValue:
    user = current_staff()
    if user is not None:
        return redirect(home_for(user))
    form = LoginForm()
    if request.method == "GET" or not form.validate_on_submit():
        code = 200 if request.method == "GET" else 400
        return render_template("auth/login.html", form=form), code
    email = (form.email.data or "").strip().lower()
    throttle = _throttle()
    allowed = throttle.allow("login-account", email, limit=LOGIN_TRIES_PER_ACCOUNT,
                             window_seconds=LOGIN_WINDOW_SECONDS)
    allowed = throttle.allow("login-client", request.remote_addr or "", window_seconds=
                             LOGIN_WINDOW_SECONDS, limit=LOGIN_TRIES_PER_CLIENT) and allowed
    dbs = db_session()
    if not allowed:
        record(dbs, Action.LOGIN_FAILED, actor=Actor.system(), details={"reason": "throttled"})
        dbs.commit()
        form.password.errors = [_("Too many attempts. Please wait 15 minutes and try again.")]
        return render_template("auth/login.html", form=form), 429
    result = services.authenticate(dbs, email, form.password.data or "", _params())
    if result is None:
        record(dbs, Action.LOGIN_FAILED, actor=Actor.system(), details={"reason": "password"})
        dbs.commit()
        form.password.errors = [_("The email or password is not right.")]
        return render_template("auth/login.html", form=form), 400
    user, private = result
    token = services.start_session(dbs, user, private, now=now(), policy=policy())
    dbs.commit()
    target = "auth.code" if user.totp_enabled_at is not None else "auth.enrol"
    return set_session_cookie(make_response(redirect(url_for(target), code=303)), token)


def _pending() -> tuple[StaffUser | None, ResponseReturnValue | None]:
    row = session_row(pending_ok=True)
    if row is None:
        return None, redirect(url_for("auth.login"))
    if row.second_factor_done:
        return None, redirect(home_for(row.user))
    return row.user, None


def _finish_login(user: StaffUser, how: str) -> str:
    dbs = db_session()
    row = session_row(pending_ok=True)
    if row is None:
        abort(404)
    if user.role == GlobalRole.AUDITOR:
        _pass_on_reader_key(user, services.unlock_private_key(row, session_token()))
    token = services.complete_login(dbs, row, session_token(), now=now(), policy=policy())
    record(dbs, Action.LOGIN, actor=_actor(user), details={"second_factor": how})
    _throttle().reset("login-account", user.email)
    return token


def _pass_on_reader_key(user: StaffUser, private: bytes) -> None:
    """An auditor logging in creates or shares the auditors' key with new colleagues."""
    from keyring import auditors  # noqa: PLC0415

    dbs = db_session()
    auditors.ensure_reader_key(dbs, user, now())
    reader = auditors.unlock_reader_key(dbs, user, private)
    if reader is not None:
        auditors.share_with_colleagues(dbs, reader, now())


@bp.route("/login/code", methods=["GET", "POST"])
@public
def code() -> ResponseReturnValue:
    user, response = _pending()
    if user is None:
        return response  # type: ignore[return-value]
    if user.totp_enabled_at is None:
        return redirect(url_for("auth.enrol"))
    form = CodeForm()
    if request.method == "GET" or not form.validate_on_submit():
        return render_template("auth/code.html", form=form), 200 if request.method == "GET" else 400
    dbs = db_session()
    if not _throttle().allow("login-account", user.email, limit=LOGIN_TRIES_PER_ACCOUNT,
                             window_seconds=LOGIN_WINDOW_SECONDS):
        form.code.errors = [_("Too many attempts. Please wait 15 minutes and try again.")]
        return render_template("auth/code.html", form=form), 429
    how = services.check_second_factor(dbs, user, form.code.data or "", now=now(),
                                       secret_key=settings().secret_key)
    if how is None:
        record(dbs, Action.LOGIN_FAILED, actor=_actor(user), details={"reason": "second_factor"})
        dbs.commit()
        form.code.errors = [_("This code is not right, or was already used.")]
        return render_template("auth/code.html", form=form), 400
    if how == "recovery":
        record(dbs, Action.RECOVERY_CODE_USED, actor=_actor(user))
    token = _finish_login(user, how)
    dbs.commit()
    return set_session_cookie(make_response(redirect(home_for(user), code=303)), token)


@bp.route("/enrol", methods=["GET", "POST"])
@public
def enrol() -> ResponseReturnValue:
    user, response = _pending()
    if user is None:
        return response  # type: ignore[return-value]
    if user.totp_enabled_at is not None:
        return redirect(url_for("auth.code"))
    dbs = db_session()
    secret = services.begin_totp_enrolment(dbs, user, settings().secret_key)
    dbs.commit()
    form = CodeForm()
    page = {"form": form, "secret": secret,
            "qr": qr_svg(provisioning_uri(secret, user.email))}
    if request.method == "GET":
        return render_template("auth/enrol.html", **page)
    if not form.validate_on_submit():
        return render_template("auth/enrol.html", **page), 400
    codes = services.confirm_totp_enrolment(dbs, user, form.code.data or "", now=now(),
                                            secret_key=settings().secret_key)
    if codes is None:
        form.code.errors = [_("This code is not right. Check the time on your phone and try "
                              "the newest code.")]
        return render_template("auth/enrol.html", **page), 400
    record(dbs, Action.TOTP_ENROLLED, actor=_actor(user))
    token = _finish_login(user, "totp")
    dbs.commit()
    shown = make_response(render_template("auth/recovery_codes.html", codes=codes,
                                          next_url=home_for(user)))
    return set_session_cookie(shown, token)


@bp.post("/logout")
@require(Permission.ACCOUNT_SELF)
def logout() -> ResponseReturnValue:
    user = current_staff()
    if not ConfirmForm().validate_on_submit() or user is None:
        # A forged cross-site POST must not log anyone out either.
        return redirect(url_for("auth.home"), code=303)
    dbs = db_session()
    services.end_session(dbs, session_token())
    record(dbs, Action.LOGOUT, actor=_actor(user))
    dbs.commit()
    return clear_session_cookie(make_response(redirect(url_for("auth.login"), code=303)))


@bp.route("/account/password", methods=["GET", "POST"])
@require(Permission.ACCOUNT_SELF)
def change_password() -> ResponseReturnValue:
    user = me()
    form = ChangePasswordForm(email=user.email, name=user.display_name)
    if request.method == "GET" or not form.validate_on_submit():
        code = 200 if request.method == "GET" else 400
        return render_template("auth/password.html", form=form), code
    dbs = db_session()
    if not services.change_password(dbs, user, old=form.current.data or "",
                                    new=form.password.data or "", params=_params(), now=now()):
        form.current.errors = [_("Your current password is not right.")]
        return render_template("auth/password.html", form=form), 400
    record(dbs, Action.PASSWORD_CHANGED, actor=_actor(user))
    dbs.commit()
    # Every session ended with the change, this one included: log in with the new password.
    return clear_session_cookie(make_response(redirect(url_for("auth.login", changed=1),
                                                       code=303)))


def _safe_next(target: str | None) -> str:
    parts = urlsplit(target or "")
    if parts.scheme or parts.netloc or not parts.path.startswith("/staff/"):
        return url_for("auth.home")
    return parts.path + (f"?{parts.query}" if parts.query else "")


@bp.route("/step-up", methods=["GET", "POST"])
@require(Permission.ACCOUNT_SELF)
def step_up() -> ResponseReturnValue:
    """Password and a fresh code again, before revealing an identity or exporting."""
    user = me()
    row = session_row()
    if row is None:
        return redirect(url_for("auth.login"))
    form = StepUpForm()
    target = _safe_next(request.values.get("next"))
    if request.method == "GET" or not form.validate_on_submit():
        code = 200 if request.method == "GET" else 400
        return render_template("auth/step_up.html", form=form, next_url=target), code
    dbs = db_session()
    ok_password = verify_password(user.password_hash, form.password.data or "", _params())
    how = services.check_second_factor(dbs, user, form.code.data or "", now=now(),
                                       secret_key=settings().secret_key) if ok_password else None
    if how != "totp":
        record(dbs, Action.LOGIN_FAILED, actor=_actor(user), details={"reason": "step_up"})
        dbs.commit()
        form.code.errors = [_("The password or code is not right.")]
        return render_template("auth/step_up.html", form=form, next_url=target), 400
    services.step_up(row, now())
    record(dbs, Action.STEP_UP, actor=_actor(user))
    dbs.commit()
    return redirect(target, code=303)


@bp.route("/welcome/<token>", methods=["GET", "POST"])
@public
def welcome(token: str) -> ResponseReturnValue:
    """One-time links: the first admin's setup, an invitation, or a password reset."""
    dbs = db_session()
    found = None
    for purpose in (TokenPurpose.SETUP, TokenPurpose.INVITE, TokenPurpose.RESET):
        found = services.find_token(dbs, token, purpose, now())
        if found is not None:
            break
    if found is None or (found.purpose == TokenPurpose.SETUP and not services.setup_needed(dbs)):
        return render_template("auth/link_expired.html"), 404
    user = found.user
    form: NewPasswordForm
    if found.purpose == TokenPurpose.SETUP:
        form = SetupForm()
    elif user is None:
        abort(404)
    else:
        form = NewPasswordForm(email=user.email, name=user.display_name)
    if request.method == "GET" or not form.validate_on_submit():
        code = 200 if request.method == "GET" else 400
        return render_template("auth/welcome.html", form=form, purpose=found.purpose,
                               user=user), code
    if isinstance(form, SetupForm):
        if services.email_taken(dbs, form.email.data or ""):
            form.email.errors = [_("This email address is already used.")]
            return render_template("auth/welcome.html", form=form, purpose=found.purpose,
                                   user=None), 400
        user = services.create_user(dbs, email=form.email.data or "",
                                    display_name=form.display_name.data or "",
                                    role=GlobalRole.ADMIN)
        record(dbs, Action.USER_CREATED, actor=Actor.system(),
               details={"user": user.public_id, "role": str(user.role), "via": "setup"})
    if user is None:
        abort(404)
    services.set_password_with_new_keys(dbs, user, form.password.data or "", _params(), now())
    if found.purpose == TokenPurpose.RESET:
        services.end_all_sessions(dbs, user)
    found.used_at = now()
    record(dbs, Action.PASSWORD_CHANGED if found.purpose == TokenPurpose.RESET
           else Action.USER_ACTIVATED, actor=_actor(user), details={"via": str(found.purpose)})
    dbs.commit()
    return redirect(url_for("auth.login", ready=1), code=303)


@bp.route("/account/rotate-key", methods=["GET", "POST"])
@require(Permission.ACCOUNT_SELF)
def rotate_key() -> ResponseReturnValue:
    """A new key pair for the person, every case they hold re-sealed to it."""
    from cases.access import rotate_staff_key  # noqa: PLC0415 - cases builds on auth

    user = me()
    form = StepUpForm()
    if request.method == "GET" or not form.validate_on_submit():
        code = 200 if request.method == "GET" else 400
        return render_template("auth/rotate_key.html", form=form), code
    dbs = db_session()
    ok = verify_password(user.password_hash, form.password.data or "", _params())
    how = services.check_second_factor(dbs, user, form.code.data or "", now=now(),
                                       secret_key=settings().secret_key) if ok else None
    if how != "totp":
        form.code.errors = [_("The password or code is not right.")]
        return render_template("auth/rotate_key.html", form=form), 400
    count = rotate_staff_key(dbs, user, private_key(), password=form.password.data or "",
                             params=_params(), now=now())
    services.end_all_sessions(dbs, user)
    record(dbs, Action.KEY_ROTATED, actor=_actor(user),
           details={"key": "staff", "cases": count})
    dbs.commit()
    return clear_session_cookie(make_response(redirect(url_for("auth.login", rotated=1),
                                                       code=303)))
