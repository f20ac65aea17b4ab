"""Re-keying a case: every holder, the recovery key and the receipt still open it; the old key
opens nothing; only a holder who stepped up can do it from the page."""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import LargeBinary, select
from sqlalchemy.orm import Session

import db
from audit import Actor
from audit.actions import Action
from audit.models import AuditEvent
from audit.service import public_key_for, verify
from auth import services as auth_services
from auth.models import GlobalRole
from cases import access
from cases.models import Case, CaseKeyWrap, HolderKind
from cases.rekey import (
    CASE_COLUMNS,
    REKEYED_COLUMNS,
    RekeyReason,
    rekey_as_holder,
    rekey_case,
)
from cases.services import ActionRefused
from crypto import (
    REPORTER_WRAP_KEYPAIR,
    TEST_PARAMS,
    DecryptionError,
    Where,
    decrypt_chunks,
    new_data_key,
    open_,
    open_reporter_wrap,
    reporter_wrap_format,
    rewrap_reporter,
)
from reporting import services as rs
from tests.cases.rekey_world import (
    LEDGER,
    MARKER,
    World,
    receipt_key,
    recovery_opens,
    rekey_form,
    reporter_reads_and_writes,
    reporter_wrap,
    sealed_files,
    sealed_values,
    staff_opens,
    step_up,
)
from tests.conftest import FIXED_NOW, https_client
from tests.factories import ensure_recovery_key, make_case, make_network
from tests.helpers import csrf_token

# Binary columns that are not case content under the case key, and why.
NOT_UNDER_THE_CASE_KEY = {
    "cases.receipt_lookup": "an Argon2id lookup value, not ciphertext",
    "cases.closure_for_audit": "sealed to the auditors' shared key",
    "reporter_sessions.token_hash": "a SHA-256 of the session token",
    "staff_users.public_key": "a public key",
    "staff_users.private_key_wrapped": "under the person's password",
    "staff_users.totp_secret_sealed": "under the instance secret",
    "staff_sessions.token_hash": "a SHA-256 of the session token",
    "staff_sessions.sealed_private_key": "under the session secret",
    "org_keys.public_key": "a public key",
    "org_key_grants.wrapped_private": "sealed to an auditor",
    "staff_recovery_codes.code_hash": "a hash",
    "staff_tokens.token_hash": "a hash",
    "audit_events.body": "the trail holds no content (checked in tests/audit)",
    "audit_events.hash": "a hash",
    "audit_events.prev_hash": "a hash",
    "audit_checkpoints.event_hash": "a hash",
    "audit_checkpoints.public_key": "a public key",
    "audit_checkpoints.signature": "a signature",
}


def downloads(world: World) -> dict[str, bytes]:
    """Every file as the handler downloads it: cleaned copies and originals."""
    page = world.client.get(world.base).get_data(as_text=True)
    links = sorted(set(re.findall(r'href="(/staff/cases/[^"]+/attachments/[^"]+)"', page)))
    assert len(links) == 3  # the ledger; the photo's cleaned copy and its original
    return {link: world.client.get(link.replace("&amp;", "&")).data for link in links}


def test_rekey_from_the_case_page_keeps_every_holder_and_shreds_the_old_key(
    app: Flask, session: Session, world: World, clock: list[dt.datetime]
) -> None:
    case = world.case
    old = recovery_opens(session, case, world.recovery)
    before_files = downloads(world)
    assert LEDGER in before_files.values()
    chunk_count = sum(len(chunks) for chunks, _ in sealed_files(session, case))
    value_count = len(list(sealed_values(session, case)))

    url = f"{world.base}/rekey"
    step_up(world.client, world.handler_secret, clock, url)
    response = world.client.post(url, data=rekey_form(world.client, url,
                                                      details=f"why {MARKER}"))
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"{world.base}#case-key")

    session.expire_all()
    new = recovery_opens(session, case, world.recovery)
    assert new != old
    # Every current holder opens it with their own key; the leaver's wrap is gone.
    for person in (world.handler, world.colleague):
        assert staff_opens(session, case, person) == new
    assert not session.scalars(select(CaseKeyWrap).where(
        CaseKeyWrap.holder_kind == HolderKind.STAFF,
        CaseKeyWrap.holder_id == world.leaver.id)).all()
    assert rs.read_report(case, new)["what_happened"] == f"what {MARKER}"
    # The old key (which the leaver could have kept) opens nothing that is stored.
    for sealed, where in sealed_values(session, case):
        assert open_(new, sealed, where)
        with pytest.raises(DecryptionError):
            open_(old, sealed, where)
    for chunks, where in sealed_files(session, case):
        assert b"".join(decrypt_chunks(new, where, chunks))
        with pytest.raises(DecryptionError):
            b"".join(decrypt_chunks(old, where, chunks))
    blob = reporter_wrap(session, case).wrapped_key
    assert reporter_wrap_format(blob) == REPORTER_WRAP_KEYPAIR
    with pytest.raises(DecryptionError):  # the old key no longer vouches for anything
        rewrap_reporter(blob, old, new_data_key(), rs.reporter_wrap_where(case))
    assert open_reporter_wrap(receipt_key(app, session, world.case, world.receipt), blob,
                              rs.reporter_wrap_where(case)) == new
    # Files come back byte for byte; the page shows everything, and the reason as a note.
    assert downloads(world) == before_files
    page = world.client.get(world.base).get_data(as_text=True)
    for text in (f"what {MARKER}", f"reply {MARKER}", f"answer {MARKER}",
                 f"note v2 {MARKER}", f"why {MARKER}"):
        assert text in page
    # One audit event, counts only; the whole trail still verifies.
    events = session.scalars(select(AuditEvent).where(
        AuditEvent.action == Action.CASE_REKEYED)).all()
    assert len(events) == 1
    assert events[0].case_ref == case.reference
    assert events[0].details == {
        "reason": "suspected_leak", "sealed": value_count,
        "chunks": chunk_count, "holders": 2, "recovery": 1, "reporter": "key_pair",
        "dropped": 0, "sessions_ended": 1}
    assert MARKER not in json.dumps([e.details for e in session.scalars(select(AuditEvent))])
    key = public_key_for(app.config["SETTINGS"].audit_signing_key)
    assert verify(session, public_keys=[key]).ok


def test_the_reporter_comes_back_with_the_same_receipt_after_a_rekey(
    app: Flask, session: Session, world: World, clock: list[dt.datetime]
) -> None:
    url = f"{world.base}/rekey"
    step_up(world.client, world.handler_secret, clock, url)
    assert world.client.post(url, data=rekey_form(world.client, url)).status_code == 303
    # Their open follow-up session held the old key: it ended with the re-key.
    assert world.reporter.get("/follow-up/case").status_code == 303
    reporter_reads_and_writes(world, "after")
    session.expire_all()
    found = rs.open_with_receipt(session, world.receipt,
                                 pepper=app.config["SETTINGS"].receipt_pepper,
                                 legacy_params=TEST_PARAMS)
    assert found is not None
    assert rs.read_report(found[0], found[1])["what_happened"] == f"what {MARKER}"


def test_rekey_needs_a_fresh_step_up_and_a_confirmation(
    session: Session, world: World, clock: list[dt.datetime]
) -> None:
    old = recovery_opens(session, world.case, world.recovery)
    url = f"{world.base}/rekey"
    # From the case page, without a step-up: to the step-up, and back to this page after it.
    response = world.client.post(url, data=rekey_form(world.client, world.base))
    assert response.status_code == 303
    assert "/staff/step-up" in response.headers["Location"]
    assert "rekey" in response.headers["Location"]
    step_up(world.client, world.handler_secret, clock, url)
    unconfirmed = world.client.post(url, data=rekey_form(world.client, url, confirm=""))
    assert unconfirmed.status_code == 400
    assert "Please confirm." in unconfirmed.get_data(as_text=True)
    session.expire_all()
    assert recovery_opens(session, world.case, world.recovery) == old
    # The step-up lasts five minutes, as for revealing an identity.
    clock[0] += dt.timedelta(minutes=6)
    late = world.client.post(url, data=rekey_form(world.client, world.base))
    assert "/staff/step-up" in late.headers["Location"]
    session.expire_all()
    assert recovery_opens(session, world.case, world.recovery) == old


@pytest.mark.parametrize("who", ["admin", "auditor", "other_network", "leaver"])
def test_people_without_the_case_key_cannot_rekey_it(  # noqa: PLR0917 - fixtures
    session: Session, world: World, staff: Any, login: Any, clock: list[dt.datetime],
    who: str,
) -> None:
    """Admins and auditors have no case permission; the others hold no key: all get a 404."""
    if who == "leaver":
        person, secret = world.leaver, world.leaver_secret
    else:
        role = {"admin": GlobalRole.ADMIN, "auditor": GlobalRole.AUDITOR}.get(
            who, GlobalRole.FOCAL_POINT)
        other = make_network(session, slug="brasil", name="Brasil")
        person, secret = staff(role=role, name=f"Person {who}", networks=[other])
    client = login(person, secret)
    step_up(client, secret, clock, "/staff/")
    old = recovery_opens(session, world.case, world.recovery)
    url = f"{world.base}/rekey"
    assert client.get(url).status_code == 404
    token = csrf_token(client, "/staff/account/password")
    assert client.post(url, data={"reason": "routine", "confirm": "y",
                                  "csrf_token": token}).status_code == 404
    session.expire_all()
    assert recovery_opens(session, world.case, world.recovery) == old
    denied = session.scalars(select(AuditEvent).where(
        AuditEvent.action == Action.PERMISSION_DENIED)).all()
    assert any(e.details.get("permission") == "cases:key:rekey" for e in denied)


def test_stale_and_disabled_holders_do_not_receive_the_new_key(
    session: Session, staff: Any
) -> None:
    network = make_network(session)
    ensure_recovery_key(session)
    active, _ = staff(name="Awa Active", networks=[network])
    disabled, _ = staff(name="Dani Disabled", networks=[network])
    reset, _ = staff(name="Rene Reset", networks=[network])
    case, old = make_case(session, network=network, holders=[active, disabled, reset],
                          now=FIXED_NOW)
    auth_services.disable_user(session, disabled)
    auth_services.set_password_with_new_keys(session, reset, "a brand new passphrase 9",
                                             TEST_PARAMS, FIXED_NOW)
    new, done = rekey_case(session, case, old, actor=Actor.system(),
                           reason=RekeyReason.HOLDER_REMOVED, now=FIXED_NOW)
    assert (done.holders, done.dropped, done.recovery, done.reporter) == (1, 2, 1, "none")
    assert staff_opens(session, case, active) == new
    holders = {w.holder_id for w in session.scalars(select(CaseKeyWrap).where(
        CaseKeyWrap.case_id == case.id, CaseKeyWrap.holder_kind == HolderKind.STAFF))}
    assert holders == {active.id}
    assert access.holders(session, case) == [active]


def test_a_stale_or_wrong_old_key_changes_nothing(session: Session, staff: Any) -> None:
    network = make_network(session)
    ensure_recovery_key(session)
    user, _ = staff(networks=[network])
    case, key = make_case(session, network=network, holders=[user], now=FIXED_NOW)
    session.commit()
    with pytest.raises(DecryptionError):
        rekey_case(session, case, new_data_key(), actor=Actor.system(),
                   reason=RekeyReason.ROUTINE, now=FIXED_NOW)
    session.rollback()
    assert staff_opens(session, session.get(Case, case.id) or case, user) == key
    # A holder whose colleague re-keyed first is told so; their stale key changes nothing.
    new, _ = rekey_case(session, case, key, actor=Actor.system(), reason=RekeyReason.ROUTINE,
                        now=FIXED_NOW)
    session.commit()
    with pytest.raises(ActionRefused, match="rekey_failed"):
        rekey_as_holder(session, case, user, key, reason=RekeyReason.ROUTINE, details="",
                        now=FIXED_NOW)
    session.rollback()
    assert staff_opens(session, session.get(Case, case.id) or case, user) == new


def test_the_rekey_knows_every_sealed_column_of_the_schema() -> None:
    """A new sealed column must be re-sealed by the re-key, or be declared another key's."""
    binary = {f"{table.name}.{column.name}"
              for table in db.import_all_models().tables.values()
              for column in table.columns if isinstance(column.type, LargeBinary)}
    assert binary == set(REKEYED_COLUMNS) | set(NOT_UNDER_THE_CASE_KEY)


def test_case_columns_are_bound_as_intake_binds_them() -> None:
    case = Case(public_id="p")
    assert [Where("cases", name, "p") for name in CASE_COLUMNS[:3]] == [
        rs.report_where(case), rs.identity_where(case), rs.evidence_where(case)]


def test_the_case_page_offers_it_and_strangers_are_sent_to_log_in(world: World) -> None:
    page = world.client.get(world.base).get_data(as_text=True)
    assert f'action="{world.base}/rekey"' in page
    assert https_client(world.client.application).get(f"{world.base}/rekey").status_code == 302
