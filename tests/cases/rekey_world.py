"""A case with something in every sealed place, for the re-key tests; and how to look at it."""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from auth.models import StaffUser
from cases import access
from cases import services as case_services
from cases.models import (
    Attachment,
    AttachmentChunk,
    AttachmentVariant,
    Case,
    CaseKeyWrap,
    CaseMessage,
    CaseNote,
    CaseNoteVersion,
    CaseSignoff,
    HolderKind,
)
from cases.rekey import CASE_COLUMNS
from crypto import (
    CHUNK_SIZE,
    DataKey,
    KeyPair,
    Where,
    derive_receipt_keys,
    seal,
    unwrap_data_key,
    unwrap_private_key,
)
from keyring.services import KDF_PARAMS, active_recovery_key
from reporting import services as rs
from tests.conftest import https_client
from tests.factories import PASSWORD, totp_code
from tests.helpers import csrf_token, open_followup, receipt_from, submit_report
from tests.reporting.test_uploads import photo_with_gps

MARKER = "REKEYMARKER-4711"
# Two and a bit chunks, so the streamed re-encryption crosses chunk boundaries.
LEDGER = bytes(range(256)) * (2 * CHUNK_SIZE // 256) + b"tail " + MARKER.encode()


@dataclass
class World:
    case: Case
    receipt: str
    reporter: FlaskClient
    handler: StaffUser
    handler_secret: str
    client: FlaskClient  # the handler, logged in
    colleague: StaffUser
    leaver: StaffUser  # held the case, then declared a conflict
    leaver_secret: str
    recovery: KeyPair

    @property
    def base(self) -> str:
        return f"/staff/cases/{self.case.public_id}"


def build_world(app: Flask, session: Session, staff: Any, login: Any, *, network: Any,
                recovery: KeyPair, now: dt.datetime) -> World:
    """File a report through the pages, then fill every sealed place of the case."""
    handler, secret = staff(name="Fatou Diallo", networks=[network])
    colleague, _ = staff(name="Moussa Kane", networks=[network])
    leaver, leaver_secret = staff(name="Lamine Sarr", networks=[network])
    reporter = https_client(app)
    receipt = receipt_from(submit_report(
        reporter, what_happened=f"what {MARKER}", identity_choice="identified",
        name=f"name {MARKER}", contact=f"{MARKER}@example.org",
        attachments=[(io.BytesIO(LEDGER), "ledger.bin"),
                     (io.BytesIO(photo_with_gps()), "IMG_0042.jpg")]))
    case = session.scalars(select(Case)).one()
    client = login(handler, secret)
    base = f"/staff/cases/{case.public_id}"
    client.post(f"{base}/action/acknowledge", data={"csrf_token": csrf_token(client, base)})
    client.post(f"{base}/messages", data={"body": f"reply {MARKER}",
                                          "csrf_token": csrf_token(client, base)})
    client.post(f"{base}/notes", data={"note-body": f"note {MARKER}",
                                       "note-csrf_token": csrf_token(client, base)})
    assert open_followup(reporter, receipt).status_code == 303
    reporter.post("/follow-up/case", data={
        "body": f"answer {MARKER}", "csrf_token": csrf_token(reporter, "/follow-up/case")},
        content_type="multipart/form-data")
    session.expire_all()
    key = recovery_opens(session, case, recovery)
    note = session.scalars(select(CaseNote)).one()
    case_services.edit_note(session, case, handler, key, note_id=note.public_id,
                            body=f"note v2 {MARKER}", now=now)
    case_services.propose_purge(session, case, handler, key, reason=f"purge {MARKER}", now=now)
    for name in ("decision", "closure"):
        setattr(case, f"{name}_sealed", seal(key, json.dumps({"reasons": f"{name} {MARKER}"})
                                             .encode(), Where("cases", name, case.public_id)))
    case_services.declare_conflict(session, case, leaver, key, now=now)
    session.commit()
    return World(case=case, receipt=receipt, reporter=reporter, handler=handler,
                 handler_secret=secret, client=client, colleague=colleague, leaver=leaver,
                 leaver_secret=leaver_secret, recovery=recovery)


def recovery_opens(session: Session, case: Case, recovery: KeyPair) -> DataKey:
    """The case key as the recovery key holders would open it."""
    org_key = active_recovery_key(session)
    wrap = session.scalars(select(CaseKeyWrap).where(
        CaseKeyWrap.case_id == case.id, CaseKeyWrap.holder_kind == HolderKind.RECOVERY,
        CaseKeyWrap.holder_id == org_key.id)).one()
    return unwrap_data_key(recovery.private, wrap.wrapped_key,
                           rs.recovery_context(case, org_key))


def staff_opens(session: Session, case: Case, user: StaffUser) -> DataKey | None:
    session.refresh(user)
    session.expire(case, ["key_wraps"])
    private = unwrap_private_key(user.private_key_wrapped or b"", PASSWORD)
    return access.open_case_key(user, private, case)


def receipt_key(app: Flask, session: Session, case: Case, receipt: str) -> DataKey:
    """The receipt's wrap key for this case, whichever receipt scheme made its lookup value."""
    pepper = app.config["SETTINGS"].receipt_pepper
    session.refresh(case, ["receipt_lookup"])
    candidates = [derive_receipt_keys(receipt, pepper),
                  derive_receipt_keys(receipt, pepper, KDF_PARAMS["test"])]
    return DataKey(next(k.wrap_key for k in candidates if k.lookup == case.receipt_lookup))


def reporter_wrap(session: Session, case: Case) -> CaseKeyWrap:
    return session.scalars(select(CaseKeyWrap).where(
        CaseKeyWrap.case_id == case.id, CaseKeyWrap.holder_kind == HolderKind.REPORTER)
        .execution_options(populate_existing=True)).one()


def sealed_values(session: Session, case: Case) -> Iterator[tuple[bytes, Where]]:
    """Every value sealed under the case key, with the place it is bound to."""
    session.expire_all()
    case = session.get(Case, case.id) or case
    for name in CASE_COLUMNS:
        value = getattr(case, f"{name}_sealed")
        if value is not None:
            yield value, Where("cases", name, case.public_id)
    for message in session.scalars(select(CaseMessage).where(CaseMessage.case_id == case.id)):
        yield message.body_sealed, rs.message_where(case, message)
    for version, note in session.execute(select(CaseNoteVersion, CaseNote).join(CaseNote).where(
            CaseNote.case_id == case.id)):
        yield version.body_sealed, case_services.note_where(case, note, version.version)
    for signoff in session.scalars(select(CaseSignoff).where(CaseSignoff.case_id == case.id)):
        if signoff.reasons_sealed is not None:
            yield signoff.reasons_sealed, case_services.signoff_where(case, signoff)
    for attachment in session.scalars(select(Attachment).where(Attachment.case_id == case.id)):
        yield attachment.meta_sealed, rs.attachment_meta_where(case, attachment)


def sealed_files(session: Session, case: Case) -> Iterator[tuple[list[bytes], Where]]:
    """Every attachment variant as its stored chunks, with the place they are bound to."""
    for attachment in session.scalars(select(Attachment).where(Attachment.case_id == case.id)):
        for variant in AttachmentVariant:
            chunks = list(session.scalars(select(AttachmentChunk.data).where(
                AttachmentChunk.attachment_id == attachment.id,
                AttachmentChunk.variant == variant).order_by(AttachmentChunk.seq)))
            if chunks:
                yield chunks, rs.attachment_data_where(case, attachment, variant)


def step_up(client: FlaskClient, secret: str, clock: list[dt.datetime], target: str) -> None:
    clock[0] += dt.timedelta(seconds=31)
    done = client.post("/staff/step-up", data={
        "password": PASSWORD, "code": totp_code(secret, clock[0]), "next": target,
        "csrf_token": csrf_token(client, "/staff/step-up")})
    assert done.status_code == 303, done.get_data(as_text=True)[:300]


def rekey_form(client: FlaskClient, url: str, **fields: str) -> dict[str, str]:
    return {"reason": "suspected_leak", "details": "", "confirm": "y",
            "csrf_token": csrf_token(client, url), **fields}


def reporter_reads_and_writes(world: World, word: str = "later") -> None:
    """The reporter logs in with the receipt, reads both sides' messages and writes one more."""
    assert open_followup(world.reporter, world.receipt).status_code == 303
    page = world.reporter.get("/follow-up/case").get_data(as_text=True)
    assert f"reply {MARKER}" in page
    assert f"answer {MARKER}" in page
    sent = world.reporter.post("/follow-up/case", data={
        "body": f"{word} {MARKER}", "csrf_token": csrf_token(world.reporter, "/follow-up/case")},
        content_type="multipart/form-data")
    assert sent.status_code == 303
    assert f"{word} {MARKER}" in world.client.get(world.base).get_data(as_text=True)
