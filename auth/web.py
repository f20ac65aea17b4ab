"""Staff sessions in the web layer: the cookie, flask-login, and the deny path."""

from __future__ import annotations

import datetime as dt
from typing import NoReturn

from flask import Flask, Response, abort, current_app, g, redirect, request, url_for
from flask_login import LoginManager, current_user

from audit import Action, Actor, record
from auth.models import StaffSession, StaffUser
from auth.permissions import Permission
from auth.services import SessionPolicy, load_session, unlock_private_key
from config import Settings
from db import db_session
from web.clock import now

login_manager = LoginManager()
# Flask-Login's "session protection" hashes the client address into the cookie; we keep none.
login_manager.session_protection = None


def settings() -> Settings:
    value: Settings = current_app.config["SETTINGS"]
    return value


def policy() -> SessionPolicy:
    s = settings()
    return SessionPolicy(idle=dt.timedelta(minutes=s.staff_idle_minutes),
                         absolute=dt.timedelta(hours=s.staff_absolute_hours))


def cookie_name() -> str:
    return "__Host-staff" if settings().cookie_secure else "staff"


def set_session_cookie(response: Response, token: str) -> Response:
    response.set_cookie(cookie_name(), token, secure=settings().cookie_secure, httponly=True,
                        samesite="Strict", path="/")
    return response


def clear_session_cookie(response: Response) -> Response:
    response.delete_cookie(cookie_name(), path="/", secure=settings().cookie_secure,
                           httponly=True, samesite="Strict")
    return response


def session_row(*, pending_ok: bool = False) -> StaffSession | None:
    """The staff session of this request (full ones only, unless `pending_ok`)."""
    cache_key = "staff_session_pending" if pending_ok else "staff_session"
    if cache_key in g:
        cached: StaffSession | None = g.get(cache_key)
        return cached
    token = request.cookies.get(cookie_name(), "")
    row = None
    if token:
        dbs = db_session()
        row = load_session(dbs, token, now=now(), policy=policy())
        # The inactivity clock (or the removal of an expired row) must stick even when the
        # page itself only reads.
        if dbs.dirty or dbs.deleted:
            dbs.commit()
    if row is not None and not pending_ok and not row.second_factor_done:
        row = None
    setattr(g, cache_key, row)
    return row


def session_token() -> str:
    return request.cookies.get(cookie_name(), "")


def private_key() -> bytes:
    """The logged-in person's private key, unsealed for this request only."""
    row = session_row()
    if row is None:
        abort(404)
    return unlock_private_key(row, session_token())


def current_staff() -> StaffUser | None:
    user = current_user
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return user  # type: ignore[no-any-return]


@login_manager.request_loader  # type: ignore[untyped-decorator]
def _load_from_cookie(_request: object) -> StaffUser | None:
    row = session_row()
    return row.user if row is not None else None


def me() -> StaffUser:
    """The logged-in staff member of a view that `require` already guarded."""
    user = current_staff()
    if user is None:
        abort(404)
    return user


def require_login() -> StaffUser:
    user = current_staff()
    if user is None:
        abort(redirect(url_for("auth.login")))
    return user


def deny(user: StaffUser, permission: Permission) -> NoReturn:
    """A refused request: recorded, then answered exactly like a missing page."""
    record(db_session(), Action.PERMISSION_DENIED, actor=Actor.staff(user.id, user.role),
           details={"permission": str(permission), "endpoint": request.endpoint or ""})
    db_session().commit()
    abort(404)


def install_staff_auth(app: Flask) -> None:
    login_manager.init_app(app)
    app.jinja_env.globals["current_staff"] = current_staff
