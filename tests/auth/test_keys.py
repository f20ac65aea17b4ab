"""Keys follow people: password change keeps access, a reset loses it until re-granted."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Flask
from sqlalchemy.orm import Session

from auth import services as auth_services
from auth.models import GlobalRole, TokenPurpose
from cases import access
from cases import services as case_services
from crypto import TEST_PARAMS, unwrap_private_key
from db import db_session
from tests.conftest import FIXED_NOW, FreshDatabase, https_client
from tests.factories import PASSWORD, ensure_recovery_key, make_case, make_network, make_staff
from tests.helpers import csrf_token

NEW_PASSWORD = "another long passphrase 77"


def test_password_change_keeps_access_to_cases(app: Flask, session: Session, staff: Any,
                                               login: Any, clock: Any) -> None:
    network = make_network(session)
    user, secret = staff(networks=[network])
    case, _ = make_case(session, network=network, holders=[user], now=FIXED_NOW)
    session.commit()
    client = login(user, secret)
    token = csrf_token(client, "/staff/account/password")
    response = client.post("/staff/account/password", data={
        "current": PASSWORD, "password": NEW_PASSWORD, "confirm": NEW_PASSWORD,
        "csrf_token": token})
    assert response.status_code == 303
    clock[0] = FIXED_NOW.replace(minute=45)
    from tests.factories import totp_code  # noqa: PLC0415
    from tests.helpers import staff_login  # noqa: PLC0415

    fresh = https_client(app)
    assert staff_login(fresh, user.email, NEW_PASSWORD, totp_code(secret, clock[0])) \
        .status_code == 303
    assert fresh.get(f"/staff/cases/{case.public_id}").status_code == 200


def test_admin_reset_loses_access_until_a_colleague_regrants(session: Session,
                                                             staff: Any) -> None:
    network = make_network(session)
    user, _ = staff(networks=[network])
    colleague, _ = staff(name="Cora Colleague", networks=[network])
    case, key = make_case(session, network=network, holders=[user, colleague], now=FIXED_NOW)
    assert access.holds_case_key(user, case)
    # The reset link lets the person choose a new password: a new key pair comes with it.
    auth_services.issue_token(session, TokenPurpose.RESET, now=FIXED_NOW, user=user)
    auth_services.set_password_with_new_keys(session, user, NEW_PASSWORD, TEST_PARAMS,
                                             FIXED_NOW)
    session.refresh(case)
    assert not access.holds_case_key(user, case)
    granted = case_services.restore_access(session, case, colleague, key, [user])
    assert granted == [user]
    private = unwrap_private_key(user.private_key_wrapped or b"", NEW_PASSWORD)
    assert access.open_case_key(user, private, case) == key


def test_recovery_key_regrants_access_after_a_reset(
    fresh_app: Flask, fresh_database: FreshDatabase, tmp_path: Path
) -> None:
    with fresh_app.app_context():
        session = db_session()
        network = make_network(session)
        pair = ensure_recovery_key(session)
        assert pair is not None
        user, _ = make_staff(session, networks=[network],
                             secret_key=fresh_app.config["SETTINGS"].secret_key)
        # A real intake, so the case key is sealed to the recovery key as in production.
        session.commit()
    from tests.helpers import receipt_from, submit_report  # noqa: PLC0415

    assert receipt_from(submit_report(https_client(fresh_app)))
    with fresh_app.app_context():
        session = db_session()
        from sqlalchemy import select  # noqa: PLC0415

        from auth.models import StaffUser  # noqa: PLC0415
        from cases.models import Case  # noqa: PLC0415

        user = session.scalars(select(StaffUser)).one()
        case = session.scalars(select(Case)).one()
        assert access.holds_case_key(user, case)
        auth_services.set_password_with_new_keys(session, user, NEW_PASSWORD, TEST_PARAMS,
                                                 FIXED_NOW)
        session.commit()
        assert not access.holds_case_key(user, case)
    key_file = tmp_path / "recovery.txt"
    key_file.write_text(f"# test\n{pair.private.hex()}\n")
    runner = fresh_app.test_cli_runner()
    result = runner.invoke(args=["keys", "recover-access", "--key-file", str(key_file),
                                 "--user", user.email])
    assert result.exit_code == 0, result.output
    assert "1 cases re-sealed" in result.output
    with fresh_app.app_context():
        session = db_session()
        user = session.scalars(select(StaffUser)).one()
        case = session.scalars(select(Case)).one()
        private = unwrap_private_key(user.private_key_wrapped or b"", NEW_PASSWORD)
        assert access.open_case_key(user, private, case) is not None


def test_a_wrong_recovery_key_is_refused(fresh_app: Flask, tmp_path: Path) -> None:
    with fresh_app.app_context():
        session = db_session()
        ensure_recovery_key(session)
        make_staff(session, secret_key=fresh_app.config["SETTINGS"].secret_key)
        session.commit()
    key_file = tmp_path / "wrong.txt"
    key_file.write_text("11" * 32)
    result = fresh_app.test_cli_runner().invoke(args=[
        "keys", "recover-access", "--key-file", str(key_file), "--user",
        "amadou.ba@example.org"])
    assert result.exit_code != 0
    assert "not the active recovery key" in result.output


def test_no_usable_private_key_in_the_raw_database(fresh_app: Flask,
                                                   fresh_database: FreshDatabase) -> None:
    from tests.reporting.test_at_rest import raw_database_bytes  # noqa: PLC0415

    with fresh_app.app_context():
        session = db_session()
        user, _ = make_staff(session, role=GlobalRole.FOCAL_POINT,
                             secret_key=fresh_app.config["SETTINGS"].secret_key)
        session.commit()
        private = unwrap_private_key(user.private_key_wrapped or b"", PASSWORD)
    client = https_client(fresh_app)
    from tests.factories import totp_code  # noqa: PLC0415
    from tests.helpers import staff_login  # noqa: PLC0415

    assert staff_login(client, user.email, PASSWORD, totp_code(
        auth_services.totp_secret(user, fresh_app.config["SETTINGS"].secret_key) or "",
        FIXED_NOW)).status_code == 303
    raw = raw_database_bytes(fresh_database)
    assert private not in raw
    assert private.hex().encode() not in raw


def test_setup_link_creates_the_first_admin_once(fresh_app: Flask) -> None:
    runner = fresh_app.test_cli_runner()
    result = runner.invoke(args=["users", "setup-link"])
    assert result.exit_code == 0
    link = result.output.strip().split()[-1]
    path = link.split("5000", 1)[1]
    client = https_client(fresh_app)
    token = csrf_token(client, path)
    response = client.post(path, data={
        "display_name": "Grace Admin", "email": "grace@example.org",
        "password": NEW_PASSWORD, "confirm": NEW_PASSWORD, "csrf_token": token})
    assert response.status_code == 303
    assert client.get(path).status_code == 404
    again = runner.invoke(args=["users", "setup-link"])
    assert "an admin exists already" in again.output


def test_rotating_my_key_reseals_my_cases(app: Flask, session: Session, staff: Any,
                                          login: Any, clock: Any) -> None:
    import datetime as dt  # noqa: PLC0415

    from tests.factories import totp_code  # noqa: PLC0415
    from tests.helpers import staff_login  # noqa: PLC0415

    network = make_network(session)
    user, secret = staff(networks=[network])
    case, key = make_case(session, network=network, holders=[user], now=FIXED_NOW)
    session.commit()
    old_private = unwrap_private_key(user.private_key_wrapped or b"", PASSWORD)
    client = login(user, secret)
    clock[0] += dt.timedelta(seconds=31)
    token = csrf_token(client, "/staff/account/rotate-key")
    response = client.post("/staff/account/rotate-key", data={
        "password": PASSWORD, "code": totp_code(secret, clock[0]), "csrf_token": token})
    assert response.status_code == 303
    assert client.get("/staff/cases/").status_code == 302  # sessions ended
    session.expire_all()
    new_private = unwrap_private_key(user.private_key_wrapped or b"", PASSWORD)
    assert new_private != old_private
    session.refresh(case)
    assert access.open_case_key(user, new_private, case) == key
    clock[0] += dt.timedelta(seconds=31)
    fresh = https_client(app)
    assert staff_login(fresh, user.email, PASSWORD, totp_code(secret, clock[0])).status_code \
        == 303
    assert fresh.get(f"/staff/cases/{case.public_id}").status_code == 200
