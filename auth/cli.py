"""`flask users ...` and `flask keys recover-access`."""

from __future__ import annotations

import os
from pathlib import Path

import click
from flask import current_app, url_for
from flask.cli import AppGroup
from sqlalchemy import select

from audit import Action, Actor, record
from auth import services
from auth.models import GlobalRole, StaffUser, TokenPurpose
from auth.passwords import password_problem
from cases import access
from cases.models import Case, CaseKeyWrap, CaseStatus, HolderKind
from config import Settings
from crypto import DecryptionError, public_from_private, unwrap_data_key
from db import db_session
from keyring.services import KDF_PARAMS, active_recovery_key, read_private_key
from reporting.services import recovery_context
from web.clock import now

users_cli = AppGroup("users", help="Staff accounts.")


def _settings() -> Settings:
    settings: Settings = current_app.config["SETTINGS"]
    return settings


@users_cli.command("setup-link")
def setup_link() -> None:
    """Print a one-time link to create the first admin (only while there is none)."""
    session = db_session()
    if not services.setup_needed(session):
        click.echo("an admin exists already: no setup link")
        return
    token = services.issue_token(session, TokenPurpose.SETUP, now=now())
    session.commit()
    with current_app.test_request_context():
        path = url_for("auth.welcome", token=token)
    click.echo(f"Create the first admin within 24 hours: {_settings().base_url}{path}")


@users_cli.command("create-admin")
@click.option("--email", required=True)
@click.option("--name", required=True)
def create_admin(email: str, name: str) -> None:
    """Create an admin for scripted installs; the password comes from REDEVABLE_ADMIN_PASSWORD
    or a prompt. They enrol TOTP at first login."""
    password = os.environ.get("REDEVABLE_ADMIN_PASSWORD") or click.prompt(
        "Password", hide_input=True, confirmation_prompt=True)
    problem = password_problem(password, email=email, name=name)
    if problem:
        raise click.ClickException(f"password refused: {problem}")
    session = db_session()
    if services.email_taken(session, email):
        raise click.ClickException("this email is already used")
    user = services.create_user(session, email=email, display_name=name, role=GlobalRole.ADMIN)
    services.set_password_with_new_keys(session, user, password,
                                        KDF_PARAMS[_settings().password_kdf], now())
    record(session, Action.USER_CREATED, actor=Actor.system(),
           details={"user": user.public_id, "role": "admin", "via": "cli"})
    session.commit()
    click.echo(f"admin {user.email} created")


def recover_access(key_file: Path, email: str) -> None:
    """Re-seal every case the person held (stale wraps after a reset) with the recovery key."""
    session = db_session()
    user = session.scalars(select(StaffUser).where(StaffUser.email == email.lower())).first()
    if user is None or user.public_key is None:
        raise click.ClickException("no such active account with a key")
    try:
        private = read_private_key(key_file)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None
    recovery = active_recovery_key(session)
    if public_from_private(private) != recovery.public_key:
        raise click.ClickException("this is not the active recovery key")
    wraps = session.scalars(select(CaseKeyWrap).where(
        CaseKeyWrap.holder_kind == HolderKind.STAFF, CaseKeyWrap.holder_id == user.id)).all()
    restored = 0
    for wrap in wraps:
        case = session.get(Case, wrap.case_id)
        if case is None or case.status == CaseStatus.PURGED or access.holds_case_key(user, case):
            continue
        rec = next((w for w in case.key_wraps if w.holder_kind == HolderKind.RECOVERY
                    and w.holder_id == recovery.id), None)
        if rec is None:
            continue
        try:
            data_key = unwrap_data_key(private, rec.wrapped_key, recovery_context(case, recovery))
        except DecryptionError:
            continue
        access.grant(session, case, data_key, [user])
        record(session, Action.KEY_GRANTED, actor=Actor.system(), case_ref=case.reference,
               network=case.network.slug, details={"to": user.public_id, "reason": "recovery"})
        restored += 1
    session.commit()
    click.echo(f"{restored} cases re-sealed for {user.email}")
