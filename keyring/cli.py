"""`flask retention ...`, `flask backup ...`, `flask keys rotate-recovery` and `rekey-case`."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup, with_appcontext
from sqlalchemy import Engine, delete, select
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from audit import Action, Actor, record
from cases.models import Case, CaseKeyWrap, CaseStatus, HolderKind
from cases.rekey import RekeyReason, rekey_case
from cases.retention import due_for_purge, run_retention
from crypto import (
    DecryptionError,
    generate_keypair,
    public_from_private,
    unwrap_data_key,
    wrap_data_key,
)
from db import db_session, utcnow
from keyring.models import OrgKey, OrgKeyKind
from keyring.services import (
    RecoveryKeyMissing,
    active_recovery_key,
    fingerprint,
    pending_recovery_key,
    read_private_key,
    write_private_key,
)
from reporting.services import recovery_context
from web.clock import now

retention_cli = AppGroup("retention", help="Retention and crypto-shredding.")
backup_cli = AppGroup("backup", help="Backups of the embedded SQLite database.")


def _engine() -> Engine:
    engine: Engine = current_app.extensions["redevable.engine"]
    return engine


@retention_cli.command("run")
@click.option("--dry-run", is_flag=True, help="List what would be purged; change nothing.")
def retention_run(dry_run: bool) -> None:
    """Purge closed cases past their term (idempotent; safe on several servers at once)."""
    if dry_run:
        due = due_for_purge(db_session(), now())
        for item in due:
            click.echo(f"{item.reference}\t{item.network}\tclosed {item.closed_at:%Y-%m-%d}"
                       f"\tdue {item.retention_until:%Y-%m-%d}")
        click.echo(f"{len(due)} cases would be purged")
        return
    click.echo(f"{run_retention(_engine(), now=now())} cases purged")


def _sqlite_path() -> Path:
    url = make_url(str(_engine().url))
    if url.get_backend_name() != "sqlite" or not url.database:
        raise click.ClickException(
            "backup commands are for the embedded SQLite database; on PostgreSQL use "
            "pg_dump -Fc / pg_restore (see docs/operations.md)")
    return Path(url.database)


@backup_cli.command("create")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
def backup_create(path: Path) -> None:
    """Write a consistent copy of the live database (SQLite online backup). Ciphertext only."""
    source = _sqlite_path()
    if path.exists():
        raise click.ClickException(f"{path} exists; choose a new file")
    with sqlite3.connect(source) as live, sqlite3.connect(path) as copy:
        live.backup(copy)
    path.chmod(0o600)
    session = db_session()
    record(session, Action.BACKUP_CREATED, actor=Actor.system(), details={"kind": "sqlite"})
    session.commit()
    click.echo(f"backup written to {path}")


@backup_cli.command("restore")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Replace the current database without asking.")
def backup_restore(path: Path, yes: bool) -> None:
    """Replace the database with a backup (stop the app servers first)."""
    target = _sqlite_path()
    if not yes:
        click.confirm(f"Replace {target} with {path}?", abort=True)
    with sqlite3.connect(path) as check:
        if check.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            raise click.ClickException("the backup file is damaged")
    _engine().dispose()
    # The backup API writes through SQLite's own pager, so the live WAL stays consistent.
    with sqlite3.connect(path) as copy, sqlite3.connect(target) as live:
        copy.backup(live)
    click.echo(f"{target} restored from {path}")


def _load_key_file(path: Path) -> bytes:
    try:
        return read_private_key(path)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None


@click.command("rotate-recovery")
@with_appcontext
@click.option("--old-key-file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              required=True, help="The current recovery private key (hex) or enough shares.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="Where to write the NEW private key (or, when resuming, where it is).")
@click.option("--shares", type=int, default=0)
@click.option("--threshold", type=int, default=0)
@click.option("--batch", type=int, default=200, help="Cases re-sealed per transaction.")
def rotate_recovery(old_key_file: Path, out: Path, shares: int, threshold: int,
                    batch: int) -> None:
    """Replace the recovery key, re-sealing every case key; resumable if interrupted.

    The new private key is written to --out before the database changes, and the
    new public key is stored as "pending": new reports are sealed to both keys
    until the end. Run the same command again after an interruption: it finds
    the pending key, reads it back from --out, and continues where it stopped.
    """
    session = db_session()
    old_private = _load_key_file(old_key_file)
    old = active_recovery_key(session)
    if public_from_private(old_private) != old.public_key:
        raise click.ClickException("--old-key-file is not the active recovery key")
    pending = pending_recovery_key(session)
    if pending is None:
        if out.exists():
            raise click.ClickException(f"{out} exists; choose a new file")
        pair = generate_keypair()
        write_private_key(out, pair.private, shares=shares, threshold=threshold)
        pending = OrgKey(kind=OrgKeyKind.RECOVERY, public_key=pair.public,
                         fingerprint=fingerprint(pair.public), created_at=utcnow(),
                         pending=True)
        session.add(pending)
        session.commit()
        click.echo(f"new recovery key written to {out}: move it offline when this finishes")
    elif public_from_private(_load_key_file(out)) != pending.public_key:
        raise click.ClickException("a rotation is under way, but --out holds another key")
    resealed = reseal_all(session, old, old_private, pending, batch=batch)
    finish_rotation(session, old, pending)
    record(session, Action.KEY_ROTATED, actor=Actor.system(),
           details={"key": "recovery", "cases": resealed})
    session.commit()
    click.echo(f"{resealed} case keys re-sealed; the old recovery key is retired")


def reseal_all(session: Session, old: OrgKey, old_private: bytes, new: OrgKey, *,
               batch: int, max_batches: int | None = None) -> int:
    """Seal every case key that has an old-key wrap but no new-key wrap; commits per batch."""
    done = 0
    batches = 0
    while max_batches is None or batches < max_batches:
        batches += 1
        has_new = select(CaseKeyWrap.case_id).where(
            CaseKeyWrap.holder_kind == HolderKind.RECOVERY, CaseKeyWrap.holder_id == new.id)
        wraps = session.scalars(select(CaseKeyWrap).where(
            CaseKeyWrap.holder_kind == HolderKind.RECOVERY, CaseKeyWrap.holder_id == old.id,
            CaseKeyWrap.case_id.not_in(has_new)).limit(batch)).all()
        if not wraps:
            return done
        for wrap in wraps:
            case = session.get(Case, wrap.case_id)
            if case is None:
                continue
            try:
                key = unwrap_data_key(old_private, wrap.wrapped_key, recovery_context(case, old))
            except DecryptionError as exc:
                raise click.ClickException(f"case {case.reference}: old wrap unreadable") \
                    from exc
            session.add(CaseKeyWrap(case_id=case.id, holder_kind=HolderKind.RECOVERY,
                                    holder_id=new.id, created_at=utcnow(),
                                    wrapped_key=wrap_data_key(new.public_key, key,
                                                              recovery_context(case, new))))
            done += 1
        session.commit()
    return done


def finish_rotation(session: Session, old: OrgKey, new: OrgKey) -> None:
    session.execute(delete(CaseKeyWrap).where(CaseKeyWrap.holder_kind == HolderKind.RECOVERY,
                                              CaseKeyWrap.holder_id == old.id))
    old.retired_at = utcnow()
    new.pending = False
    session.flush()


@click.command("rekey-case")
@with_appcontext
@click.argument("reference")
@click.option("--recovery-key", "--key-file", "key_file", required=True,
              type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="The recovery private key (hex) or enough custodian shares.")
@click.option("--reason", type=click.Choice([r.value for r in RekeyReason]),
              default=RekeyReason.SUSPECTED_LEAK.value, show_default=True,
              help="Recorded in the audit trail (a code, never free text).")
def rekey_case_command(reference: str, key_file: Path, reason: str) -> None:
    """Give case REFERENCE a new key: everything re-sealed, every wrap renewed (one transaction).

    For operators when no holder can do it from the case page (e.g. nobody holds the case
    any more). The recovery key opens the current case key; nothing else is needed, not even
    the reporter's receipt.
    """
    session = db_session()
    private = _load_key_file(key_file)
    not_current = click.ClickException("--recovery-key is not a current recovery key")
    try:
        public = public_from_private(private)
    except ValueError:  # not 32 bytes: not an X25519 key at all
        raise not_current from None
    org_key = session.scalars(select(OrgKey).where(
        OrgKey.kind == OrgKeyKind.RECOVERY, OrgKey.retired_at.is_(None),
        OrgKey.public_key == public)).first()
    if org_key is None:
        raise not_current
    case = session.scalars(select(Case).where(Case.reference == reference.strip().upper())).first()
    if case is None or case.status == CaseStatus.PURGED:
        raise click.ClickException(f"no case {reference}")
    wrap = next((w for w in case.key_wraps if w.holder_kind == HolderKind.RECOVERY
                 and w.holder_id == org_key.id), None)
    try:
        if wrap is None:
            raise DecryptionError("no wrap for this recovery key")
        old_key = unwrap_data_key(private, wrap.wrapped_key, recovery_context(case, org_key))
        _, done = rekey_case(session, case, old_key, actor=Actor.system(),
                             reason=RekeyReason(reason), now=now())
    except DecryptionError:
        session.rollback()
        raise click.ClickException(f"case {case.reference}: its key or content did not open "
                                   "with this recovery key; nothing was changed") from None
    except RecoveryKeyMissing:
        session.rollback()
        raise click.ClickException("no active recovery key; nothing was changed") from None
    session.commit()
    click.echo(f"{case.reference}: new key; {done.sealed} values and {done.chunks} file chunks "
               f"re-sealed; {done.holders} holders, {done.recovery} recovery keys, reporter: "
               f"{done.reporter}; {done.dropped} stale or disabled holders' wraps dropped")
