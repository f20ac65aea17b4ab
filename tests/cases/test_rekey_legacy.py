"""Cases filed before reporter key pairs: the receipt keeps working, before and after a re-key.

Their reporter wrap is the case key sealed directly under the receipt-derived key. The next
receipt login moves it to the key-pair format; a re-key before that leaves a forward link from
the old key to the new one, which that login follows and then removes (docs/keys.md).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import select
from sqlalchemy.orm import Session

from audit import Actor
from audit.actions import Action
from audit.models import AuditEvent
from audit.service import public_key_for, verify
from cases.rekey import RekeyReason, rekey_case
from crypto import (
    REPORTER_WRAP_KEYPAIR,
    REPORTER_WRAP_LINKED,
    DataKey,
    DecryptionError,
    Where,
    decrypt_chunks,
    new_data_key,
    open_,
    open_reporter_wrap,
    reporter_wrap_format,
    rewrap_reporter,
    seal,
)
from reporting import services as rs
from tests.cases.rekey_world import (
    World,
    receipt_key,
    recovery_opens,
    reporter_reads_and_writes,
    reporter_wrap,
    sealed_files,
    sealed_values,
)
from tests.conftest import FIXED_NOW
from tests.helpers import open_followup


def make_legacy(app: Flask, session: Session, world: World) -> tuple[DataKey, bytes]:
    """Store the reporter's wrap as intake did before key pairs; returns the key and the blob."""
    key = recovery_opens(session, world.case, world.recovery)
    wrap = reporter_wrap(session, world.case)
    wrap.wrapped_key = seal(receipt_key(app, session, world.case, world.receipt), key.raw,
                            rs.reporter_wrap_where(world.case))
    session.commit()
    return key, wrap.wrapped_key


def reporter_opens(app: Flask, session: Session, world: World, blob: bytes) -> DataKey:
    """The case key the reporter's receipt gets from this stored blob."""
    return open_reporter_wrap(receipt_key(app, session, world.case, world.receipt), blob,
                              rs.reporter_wrap_where(world.case))


def test_the_next_receipt_login_moves_a_legacy_wrap_to_the_key_pair_format(
    app: Flask, session: Session, world: World
) -> None:
    key, legacy = make_legacy(app, session, world)
    reporter_reads_and_writes(world)
    session.expire_all()
    blob = reporter_wrap(session, world.case).wrapped_key
    assert reporter_wrap_format(blob) == REPORTER_WRAP_KEYPAIR
    assert legacy not in blob
    assert reporter_opens(app, session, world, blob) == key
    # From now on a re-key reaches the reporter directly, with no link.
    new, done = rekey_case(session, world.case, key, actor=Actor.system(),
                           reason=RekeyReason.ROUTINE, now=FIXED_NOW)
    assert done.reporter == "key_pair"
    blob = reporter_wrap(session, world.case).wrapped_key
    assert reporter_opens(app, session, world, blob) == new


def test_a_legacy_case_rekeyed_before_the_reporter_returns_follows_then_drops_the_link(
    app: Flask, session: Session, world: World, tmp_path: Path
) -> None:
    old, legacy = make_legacy(app, session, world)
    key_file = tmp_path / "recovery.txt"
    key_file.write_text(f"# recovery\n{world.recovery.private.hex()}\n")
    result = app.test_cli_runner().invoke(args=[
        "keys", "rekey-case", world.case.reference.lower(), "--recovery-key", str(key_file)])
    assert result.exit_code == 0, result.output
    assert "reporter: forward_link" in result.output
    session.expire_all()
    new = recovery_opens(session, world.case, world.recovery)
    assert new != old
    where = rs.reporter_wrap_where(world.case)
    blob = reporter_wrap(session, world.case).wrapped_key
    assert reporter_wrap_format(blob) == REPORTER_WRAP_LINKED
    assert reporter_opens(app, session, world, blob) == new
    # The documented price: until the reporter returns, the old key leads to the new one
    # (format 3: 0x03 | length | legacy blob | length | link 0) ...
    link = blob[1 + 2 + len(legacy) + 2:]
    link_where = Where(where.table, f"{where.column}/link", f"{where.row}/0")
    assert open_(old, link, link_where) == new.raw
    # ... but it opens no content of the case any more.
    for sealed, place in sealed_values(session, world.case):
        with pytest.raises(DecryptionError):
            open_(old, sealed, place)
    for chunks, place in sealed_files(session, world.case):
        with pytest.raises(DecryptionError):
            b"".join(decrypt_chunks(old, place, chunks))
    # The reporter comes back: same receipt, same conversation; the link is gone.
    assert world.reporter.get("/follow-up/case").status_code == 303  # session ended
    reporter_reads_and_writes(world)
    session.expire_all()
    blob = reporter_wrap(session, world.case).wrapped_key
    assert reporter_wrap_format(blob) == REPORTER_WRAP_KEYPAIR
    assert legacy not in blob
    assert reporter_opens(app, session, world, blob) == new
    with pytest.raises(DecryptionError):  # the old key vouches for nothing now
        rewrap_reporter(blob, old, new_data_key(), where)
    events = session.scalars(select(AuditEvent).where(
        AuditEvent.action == Action.CASE_REKEYED)).all()
    assert [(e.actor_kind, e.details["reporter"]) for e in events] == [("system",
                                                                       "forward_link")]
    assert verify(session, public_keys=[
        public_key_for(app.config["SETTINGS"].audit_signing_key)]).ok


def test_two_rekeys_before_the_reporter_returns_chain_their_links(
    app: Flask, session: Session, world: World
) -> None:
    key, _ = make_legacy(app, session, world)
    for _ in range(2):
        key, done = rekey_case(session, world.case, key, actor=Actor.system(),
                               reason=RekeyReason.SUSPECTED_LEAK, now=FIXED_NOW)
        assert done.reporter == "forward_link"
    session.commit()
    reporter_reads_and_writes(world)
    session.expire_all()
    blob = reporter_wrap(session, world.case).wrapped_key
    assert reporter_wrap_format(blob) == REPORTER_WRAP_KEYPAIR
    assert reporter_opens(app, session, world, blob) == key


def test_a_link_cut_from_the_database_does_not_fix_an_old_key_for_good(
    app: Flask, session: Session, world: World
) -> None:
    """Dropping the link yields the legacy key; the login refuses rather than seal it again."""
    old, legacy = make_legacy(app, session, world)
    rekey_case(session, world.case, old, actor=Actor.system(), reason=RekeyReason.ROUTINE,
               now=FIXED_NOW)
    wrap = reporter_wrap(session, world.case)
    wrap.wrapped_key = bytes([REPORTER_WRAP_LINKED]) + len(legacy).to_bytes(2, "big") + legacy
    session.commit()
    assert open_followup(world.reporter, world.receipt).status_code == 400
    session.expire_all()
    assert reporter_wrap_format(reporter_wrap(session, world.case).wrapped_key) \
        == REPORTER_WRAP_LINKED
