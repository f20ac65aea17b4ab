"""Operator commands: ``flask --app wsgi audit verify|export|checkpoint|public-key``."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from audit.service import export, make_checkpoint, public_key_for, verify_stored
from config import Settings
from db import db_session

audit_cli = AppGroup("audit", help="The tamper-evident audit trail.")


def _settings() -> Settings:
    settings: Settings = current_app.config["SETTINGS"]
    return settings


def _public_key() -> bytes:
    return public_key_for(_settings().audit_signing_key)


@audit_cli.command("verify")
def verify_command() -> None:
    """Check the whole chain and every checkpoint signature; exit 1 at the first break."""
    def unavailable(exc: Exception) -> None:
        click.echo(f"quick check unavailable ({exc}); walking the trail event by event", err=True)

    result = verify_stored(db_session(), public_keys={_public_key()}, unavailable=unavailable)
    if result.ok:
        click.echo(f"audit trail intact: {result.count} events verified, "
                   f"{result.checkpoints} signed checkpoints")
        return
    click.echo(f"audit trail BROKEN at event {result.first_broken_seq}: {result.reason} "
               f"({result.count} events intact before it)", err=True)
    sys.exit(1)


@audit_cli.command("export")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
def export_command(path: Path) -> None:
    """Write the trail to PATH as JSON Lines; check it anywhere with python -m audit.verify."""
    count = export(db_session(), path, public_keys=[_public_key()])
    click.echo(f"{count} events exported to {path}")


@audit_cli.command("checkpoint")
def checkpoint_command() -> None:
    """Sign the chain head (run from cron every few minutes; does nothing when idle)."""
    session = db_session()
    checkpoint = make_checkpoint(session, _settings().audit_signing_key)
    session.commit()
    click.echo(f"checkpoint at event {checkpoint.seq}")


@audit_cli.command("public-key")
def public_key_command() -> None:
    """Print the checkpoint public key (hex) to publish for auditors."""
    click.echo(_public_key().hex())
