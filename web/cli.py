"""Operator commands (`flask --app wsgi ...`)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import AppGroup
from sqlalchemy import Engine, select

import migrations
from crypto import split_secret
from db import db_session
from keyring.services import PRIVATE_KEY_HEADER, init_recovery_key, write_private_key
from networks.models import Network, NetworkKind


def _engine() -> Engine:
    engine: Engine = current_app.extensions["redevable.engine"]
    return engine


db_cli = AppGroup("db", help="Database schema.")
keys_cli = AppGroup("keys", help="Organisation keys.")
networks_cli = AppGroup("networks", help="The networks reports can be addressed to.")


@db_cli.command("upgrade")
@click.argument("revision", default="head")
def db_upgrade(revision: str) -> None:
    """Apply migrations up to REVISION (default: the latest)."""
    with _engine().connect() as connection:
        migrations.upgrade(connection, revision)
        connection.commit()
    click.echo(f"database at {revision}")


@keys_cli.command("init-recovery")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the private half here (mode 0600) instead of the terminal.")
@click.option("--shares", type=int, default=0, help="Split into this many custodian shares.")
@click.option("--threshold", type=int, default=0, help="Shares needed to rebuild the key.")
@click.option("--if-missing", is_flag=True, help="Do nothing when a recovery key exists.")
def keys_init_recovery(out: Path | None, shares: int, threshold: int, if_missing: bool) -> None:
    """Create the organisation recovery key. The server keeps only its public half."""
    session = db_session()
    try:
        pair = init_recovery_key(session)
    except ValueError:
        if if_missing:
            click.echo("recovery key already present")
            return
        raise click.ClickException("a recovery key exists already; rotate it instead") from None
    if out is None:
        session.commit()
        lines = split_secret(pair.private, threshold, shares) if shares else [pair.private.hex()]
        click.echo("\n".join([*PRIVATE_KEY_HEADER, *lines]))
        return
    try:
        write_private_key(out, pair.private, shares=shares, threshold=threshold)
    except (ValueError, FileExistsError) as exc:
        raise click.ClickException(str(exc)) from None
    session.commit()
    click.echo(f"recovery key written to {out}: move it offline now", err=True)


@networks_cli.command("add")
@click.argument("slug")
@click.argument("name")
@click.option("--kind", type=click.Choice([k.value for k in NetworkKind]), default="national")
@click.option("--parent", "parent_slug", default=None, help="Slug of the regional/global parent.")
@click.option("--country", default=None, help="ISO 3166 two-letter code.")
def networks_add(slug: str, name: str, kind: str, parent_slug: str | None,
                 country: str | None) -> None:
    """Add a network."""
    session = db_session()
    parent = None
    if parent_slug:
        parent = session.scalars(select(Network).where(Network.slug == parent_slug)).first()
        if parent is None:
            raise click.ClickException(f"no network {parent_slug!r}")
    session.add(Network(slug=slug, name=name, kind=NetworkKind(kind), parent=parent,
                        country=country.upper() if country else None))
    session.commit()
    click.echo(f"network {slug} added")


@networks_cli.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def networks_import(path: Path) -> None:
    """Add the networks of a JSON list ({slug, name, kind, parent?, country?}); skip known ones."""
    session = db_session()
    known = {n.slug: n for n in session.scalars(select(Network))}
    added = 0
    for item in json.loads(path.read_text(encoding="utf-8")):
        if item["slug"] in known:
            continue
        network = Network(slug=item["slug"], name=item["name"], kind=NetworkKind(item["kind"]),
                          parent=known.get(item.get("parent") or ""),
                          country=item.get("country"))
        session.add(network)
        known[network.slug] = network
        added += 1
    session.commit()
    click.echo(f"{added} networks added")


@networks_cli.command("list")
def networks_list() -> None:
    """List the networks."""
    for network in db_session().scalars(select(Network).order_by(Network.kind, Network.slug)):
        parent = network.parent.slug if network.parent else "-"
        sys.stdout.write(f"{network.slug}\t{network.kind}\t{parent}\t{network.name}\n")


@keys_cli.command("recover-access")
@click.option("--key-file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              required=True, help="The recovery private key (hex) or enough custodian shares.")
@click.option("--user", "email", required=True, help="Email of the person to restore.")
def keys_recover_access(key_file: Path, email: str) -> None:
    """Give a person back the cases they held before a key reset, using the recovery key."""
    from auth.cli import recover_access  # noqa: PLC0415

    recover_access(key_file, email)


def register_cli(app: Flask) -> None:
    from audit.cli import audit_cli  # noqa: PLC0415
    from auth.cli import users_cli  # noqa: PLC0415
    from cases.cli import cases_cli  # noqa: PLC0415
    from demo.seed import demo_cli  # noqa: PLC0415
    from keyring.cli import (  # noqa: PLC0415
        backup_cli,
        rekey_case_command,
        retention_cli,
        rotate_recovery,
    )
    from stats.cli import stats_cli  # noqa: PLC0415

    keys_cli.add_command(rotate_recovery)
    keys_cli.add_command(rekey_case_command)
    for group in (db_cli, keys_cli, networks_cli, users_cli, cases_cli, audit_cli, demo_cli,
                  retention_cli, backup_cli, stats_cli):
        app.cli.add_command(group)
