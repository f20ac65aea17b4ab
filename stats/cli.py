"""`flask stats export`: the protected statistics for scripts (CSV or JSON on stdout)."""

from __future__ import annotations

import sys

import click
from flask.cli import AppGroup

from db import db_session
from stats.data import publish
from stats.export import to_csv, to_json
from stats.tables import parse_period
from stats.views import threshold
from web.clock import now

stats_cli = AppGroup("stats", help="Statistics that cannot identify anyone.")


@stats_cli.command("export")
@click.option("--period", required=True,
              help="A quarter (2026Q3), a year (2026) or a range (2026Q1:2026Q3).")
@click.option("--format", "fmt", type=click.Choice(["csv", "json"]), default="csv",
              show_default=True)
@click.option("--threshold", "raise_to", type=int, default=None,
              help="Withhold more: a threshold above the configured one (never below it).")
def export(period: str, fmt: str, raise_to: int | None) -> None:
    """Write every published figure of PERIOD, by network, region and overall."""
    try:
        quarters = parse_period(period)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--period") from None
    configured = threshold()
    if raise_to is not None and raise_to < configured:
        raise click.BadParameter(f"must be at least the configured {configured}",
                                 param_hint="--threshold")
    at = now()
    published = publish(db_session(), quarters, as_of=at, threshold=raise_to or configured)
    text = to_csv(published) if fmt == "csv" else to_json(published, at) + "\n"
    sys.stdout.write(text)
