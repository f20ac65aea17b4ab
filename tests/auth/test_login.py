"""Staff login: password then TOTP, enrolment, replay, recovery codes, throttling, sessions."""

from __future__ import annotations

import datetime as dt
import re

from flask import Flask
from sqlalchemy import select
from sqlalchemy.orm import Session

from audit.actions import Action
from audit.models import AuditEvent
from auth.models import GlobalRole, StaffSession, StaffUser, TokenPurpose
from auth.services import issue_token
from tests.conftest import https_client
from tests.factories import PASSWORD, make_network, totp_code
from tests.helpers import csrf_token, staff_login


def actions(session: Session) -> list[Action]:
    return list(session.scalars(select(AuditEvent.action).order_by(AuditEvent.seq)))


def test_password_and_totp_log_in_and_the_session_id_changes(
    app: Flask, staff, clock: list[dt.datetime], session: Session  # type: ignore[no-untyped-def]
) -> None:
    user, secret = staff(role=GlobalRole.FOCAL_POINT)
    client = https_client(app)
    token = csrf_token(client, "/staff/login")
    first = client.post("/staff/login", data={"email": user.email, "password": PASSWORD,
                                               "csrf_token": token})
    assert first.status_code == 303
    assert first.headers["Location"].endswith("/staff/login/code")
    pending_cookie = client.get_cookie("__Host-staff")
    assert pending_cookie is not None
    # Half logged in: no staff page yet.
    assert client.get("/staff/cases/").status_code == 302
    token = csrf_token(client, "/staff/login/code")
    second = client.post("/staff/login/code", data={"code": totp_code(secret, clock[0]),
                                                    "csrf_token": token})
    assert second.status_code == 303
    full_cookie = client.get_cookie("__Host-staff")
    assert full_cookie is not None
    assert full_cookie.value != pending_cookie.value
    assert client.get("/staff/cases/").status_code == 200
    assert Action.LOGIN in actions(session)


def test_wrong_password_and_wrong_code_are_refused_and_recorded(
    app: Flask, staff, clock: list[dt.datetime], session: Session  # type: ignore[no-untyped-def]
) -> None:
    user, _ = staff()
    client = https_client(app)
    response = staff_login(client, user.email, "wrong password 1234", "000000")
    assert response.status_code == 400
    assert "The email or password is not right." in response.get_data(as_text=True)
    response = staff_login(client, user.email, PASSWORD, "000000")
    assert response.status_code == 400
    assert "This code is not right" in response.get_data(as_text=True)
    assert actions(session).count(Action.LOGIN_FAILED) == 2


def test_unknown_account_gets_the_same_answer(app: Flask, staff) -> None:  # type: ignore[no-untyped-def]
    staff()
    response = staff_login(https_client(app), "nobody@example.org", PASSWORD, "000000")
    assert response.status_code == 400
    assert "The email or password is not right." in response.get_data(as_text=True)


def test_a_totp_code_works_once(app: Flask, staff, clock: list[dt.datetime]) -> None:  # type: ignore[no-untyped-def]
    user, secret = staff()
    code = totp_code(secret, clock[0])
    assert staff_login(https_client(app), user.email, PASSWORD, code).status_code == 303
    replay = staff_login(https_client(app), user.email, PASSWORD, code)
    assert replay.status_code == 400


def test_recovery_codes_stand_in_once(app: Flask, staff, session: Session,  # type: ignore[no-untyped-def]
                                      settings) -> None:  # type: ignore[no-untyped-def]
    from auth.services import new_recovery_codes  # noqa: PLC0415

    user, _ = staff()
    codes = new_recovery_codes(session, user)
    session.commit()
    assert staff_login(https_client(app), user.email, PASSWORD, codes[0].lower()).status_code \
        == 303
    assert staff_login(https_client(app), user.email, PASSWORD, codes[0]).status_code == 400
    assert Action.RECOVERY_CODE_USED in actions(session)


def test_login_is_throttled_per_account_but_not_forever(
    app: Flask, staff, clock: list[dt.datetime]  # type: ignore[no-untyped-def]
) -> None:
    user, secret = staff()
    client = https_client(app)
    for _ in range(5):
        assert staff_login(client, user.email, "not the password!", "0").status_code == 400
    blocked = staff_login(client, user.email, PASSWORD, totp_code(secret, clock[0]))
    assert blocked.status_code == 429
    app.extensions["redevable.throttle"].reset("login-account", user.email)
    app.extensions["redevable.throttle"].reset("login-client", "127.0.0.1")
    assert staff_login(client, user.email, PASSWORD, totp_code(secret, clock[0])).status_code \
        == 303


def test_inactivity_ends_the_session(app: Flask, staff, login, clock: list[dt.datetime]) -> None:  # type: ignore[no-untyped-def]
    user, secret = staff()
    client = login(user, secret)
    clock[0] += dt.timedelta(minutes=29)
    assert client.get("/staff/cases/").status_code == 200
    clock[0] += dt.timedelta(minutes=31)
    assert client.get("/staff/cases/").status_code == 302


def test_absolute_lifetime_ends_even_an_active_session(
    app: Flask, staff, login, clock: list[dt.datetime]  # type: ignore[no-untyped-def]
) -> None:
    user, secret = staff()
    start = clock[0]
    client = login(user, secret)
    for _ in range(13 * 3):
        clock[0] += dt.timedelta(minutes=20)
        if client.get("/staff/cases/").status_code != 200:
            break
    # Active every 20 minutes, yet out after 12 hours.
    assert clock[0] - start == dt.timedelta(hours=12)
    assert client.get("/staff/cases/").status_code == 302


def test_disabling_an_account_ends_all_its_sessions(
    app: Flask, staff, login, clock: list[dt.datetime], session: Session  # type: ignore[no-untyped-def]
) -> None:
    user, secret = staff()
    admin, admin_secret = staff(role=GlobalRole.ADMIN, name="Ada Admin")
    victim = login(user, secret)
    admin_client = login(admin, admin_secret)
    token = csrf_token(admin_client, "/staff/admin/users")
    response = admin_client.post(f"/staff/admin/users/{user.public_id}/disable",
                                 data={"csrf_token": token})
    assert response.status_code == 303
    assert victim.get("/staff/cases/").status_code == 302
    assert session.scalars(select(StaffSession).where(StaffSession.staff_id == user.id)).first() \
        is None


def test_logout_ends_the_session(app: Flask, staff, login, session: Session) -> None:  # type: ignore[no-untyped-def]
    user, secret = staff()
    client = login(user, secret)
    token = csrf_token(client, "/staff/cases/")
    assert client.post("/staff/logout", data={"csrf_token": token}).status_code == 303
    assert client.get("/staff/cases/").status_code == 302
    assert Action.LOGOUT in actions(session)


def test_invitation_leads_through_password_and_totp_enrolment(
    app: Flask, session: Session, clock: list[dt.datetime], settings  # type: ignore[no-untyped-def]
) -> None:
    import pyotp  # noqa: PLC0415

    from auth.services import create_user  # noqa: PLC0415

    network = make_network(session)
    user = create_user(session, email="fatou@example.org", display_name="Fatou Sow",
                       role=GlobalRole.FOCAL_POINT, networks=[network])
    link = issue_token(session, TokenPurpose.INVITE, now=clock[0], user=user)
    session.commit()
    client = https_client(app)
    page = f"/staff/welcome/{link}"
    weak = client.post(page, data={"password": "password1234", "confirm": "password1234",
                                   "csrf_token": csrf_token(client, page)})
    assert weak.status_code == 400
    assert "too common" in weak.get_data(as_text=True)
    new_password = "a long and personal phrase"
    done = client.post(page, data={"password": new_password, "confirm": new_password,
                                   "csrf_token": csrf_token(client, page)})
    assert done.status_code == 303
    # The link works once.
    assert client.get(page).status_code == 404
    token = csrf_token(client, "/staff/login")
    first = client.post("/staff/login", data={"email": "fatou@example.org",
                                               "password": new_password, "csrf_token": token})
    assert first.headers["Location"].endswith("/staff/enrol")
    enrol = client.get("/staff/enrol").get_data(as_text=True)
    assert "<svg" in enrol
    secret = re.search(r'class="secret">([A-Z2-7]+)<', enrol)
    assert secret is not None
    code = pyotp.TOTP(secret.group(1)).at(clock[0])
    confirmed = client.post("/staff/enrol", data={"code": code,
                                                  "csrf_token": csrf_token(client, "/staff/enrol")})
    assert confirmed.status_code == 200
    assert confirmed.get_data(as_text=True).count("<li><code>") == 10
    assert client.get("/staff/cases/").status_code == 200
    refreshed = session.scalars(select(StaffUser).where(StaffUser.id == user.id)).one()
    assert refreshed.totp_enabled_at is not None
