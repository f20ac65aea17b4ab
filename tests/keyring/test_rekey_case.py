"""`flask keys rekey-case`: an operator re-keys a case with the recovery key alone."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import select

from cases.models import Attachment, AttachmentVariant, Case
from crypto import KeyPair, decrypt_chunks, open_
from db import db_session
from keyring.services import KDF_PARAMS
from reporting import services as rs
from tests.cases.rekey_world import recovery_opens
from tests.conftest import FreshDatabase, https_client
from tests.factories import ensure_recovery_key, make_network
from tests.helpers import csrf_token, open_followup, receipt_from, submit_report
from tests.reporting.test_at_rest import raw_database_bytes


@pytest.fixture
def recovery(fresh_app: Flask) -> KeyPair:
    with fresh_app.app_context():
        session = db_session()
        make_network(session)
        pair = ensure_recovery_key(session)
        assert pair is not None
        session.commit()
    return pair


def key_file(tmp_path: Path, pair: KeyPair) -> Path:
    path = tmp_path / "recovery.txt"
    path.write_text(f"# test\n{pair.private.hex()}\n")
    return path


def test_no_plaintext_in_the_raw_database_after_a_rekey_and_the_receipt_still_reads(
    fresh_app: Flask, fresh_database: FreshDatabase, recovery: KeyPair, tmp_path: Path
) -> None:
    marker = "MARKERREKEY8812"
    reporter = https_client(fresh_app)
    receipt = receipt_from(submit_report(
        reporter, what_happened=f"Il a dit {marker}.", identity_choice="identified",
        name=f"Name {marker}", contact=f"{marker}@example.org",
        attachments=[(io.BytesIO(f"file body {marker}".encode()), f"{marker}.txt")]))
    assert open_followup(reporter, receipt).status_code == 303
    reporter.post("/follow-up/case", data={
        "body": f"More: {marker}", "csrf_token": csrf_token(reporter, "/follow-up/case")})
    with fresh_app.app_context():
        session = db_session()
        case = session.scalars(select(Case)).one()
        reference = case.reference
        old = recovery_opens(session, case, recovery)

    result = fresh_app.test_cli_runner().invoke(args=[
        "keys", "rekey-case", reference, "--recovery-key", str(key_file(tmp_path, recovery)),
        "--reason", "holder_removed"])
    assert result.exit_code == 0, result.output
    assert f"{reference}: new key" in result.output

    raw = raw_database_bytes(fresh_database)
    assert len(raw) > 1000
    for needle in (marker, marker.lower(), receipt, receipt.replace("-", "")):
        assert needle.encode() not in raw, needle
        assert needle.encode("utf-16-le") not in raw, needle
    assert old.raw not in raw
    # ...and the receipt opens every piece of it, under the new key.
    assert open_followup(reporter, receipt).status_code == 303
    assert f"More: {marker}" in reporter.get("/follow-up/case").get_data(as_text=True)
    with fresh_app.app_context():
        session = db_session()
        found = rs.open_with_receipt(session, receipt,
                                     pepper=fresh_app.config["SETTINGS"].receipt_pepper,
                                     legacy_params=KDF_PARAMS["test"])
        assert found is not None
        case, key = found
        assert key != old
        assert key == recovery_opens(session, case, recovery)
        identity = json.loads(open_(key, case.identity_sealed or b"", rs.identity_where(case)))
        assert identity["name"] == f"Name {marker}"
        attachment = session.scalars(select(Attachment)).one()
        chunks = rs.attachment_chunks(session, attachment, AttachmentVariant.ORIGINAL)
        where = rs.attachment_data_where(case, attachment, AttachmentVariant.ORIGINAL)
        assert b"".join(decrypt_chunks(key, where, chunks)) == f"file body {marker}".encode()


def test_a_wrong_key_or_reference_changes_nothing(
    fresh_app: Flask, recovery: KeyPair, tmp_path: Path
) -> None:
    submit_report(https_client(fresh_app))
    with fresh_app.app_context():
        reference = db_session().scalars(select(Case.reference)).one()
    runner = fresh_app.test_cli_runner()
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("11" * 32)
    result = runner.invoke(args=["keys", "rekey-case", reference, "--recovery-key", str(wrong)])
    assert result.exit_code != 0
    assert "not a current recovery key" in result.output
    short = tmp_path / "short.txt"
    short.write_text("11" * 16)
    result = runner.invoke(args=["keys", "rekey-case", reference, "--recovery-key", str(short)])
    assert "not a current recovery key" in result.output
    result = runner.invoke(args=["keys", "rekey-case", "RDV-NONE-NONE",
                                 "--recovery-key", str(key_file(tmp_path, recovery))])
    assert result.exit_code != 0
    assert "no case RDV-NONE-NONE" in result.output
    with fresh_app.app_context():
        session = db_session()
        case = session.scalars(select(Case)).one()
        assert rs.read_report(case, recovery_opens(session, case, recovery))
