"""`flask cases ...`: scheduled work for cron."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import AppGroup

from cases.reminders import mailer, run_reminders
from config import Settings
from web.clock import now

cases_cli = AppGroup("cases", help="Case deadlines and reminders.")


@cases_cli.command("remind")
def remind() -> None:
    """Send due reminders and urgent alerts (idempotent; run every few minutes from cron)."""
    settings: Settings = current_app.config["SETTINGS"]
    sent = run_reminders(current_app.extensions["redevable.engine"], mailer(settings).send,
                         now=now())
    click.echo(f"{sent} reminders sent")
