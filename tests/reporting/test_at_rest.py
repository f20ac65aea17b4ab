"""A stolen database reveals nothing: the marker test of issue 2's "done when"."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import uuid

import pytest
from flask import Flask
from sqlalchemy import select
from sqlalchemy.engine import make_url

from cases.models import AttachmentVariant, Case
from crypto import decrypt_chunks, open_
from db import db_session
from keyring.services import KDF_PARAMS
from reporting import services
from tests.conftest import ON_POSTGRES, FreshDatabase, https_client
from tests.factories import ensure_recovery_key, make_network
from tests.helpers import csrf_token, open_followup, receipt_from, submit_report


def raw_database_bytes(fresh: FreshDatabase) -> bytes:
    if not ON_POSTGRES:
        fresh.engine.dispose()  # checkpoint nothing away: read the file and its WAL as they are
        assert fresh.path is not None
        parts = [fresh.path, fresh.path.with_name(fresh.path.name + "-wal")]
        return b"".join(p.read_bytes() for p in parts if p.exists())
    pg_dump = shutil.which("pg_dump")
    if pg_dump is None:
        pytest.fail("pg_dump is needed to check the PostgreSQL dump")
    url = make_url(fresh.url)
    result = subprocess.run(  # noqa: S603 - fixed program, arguments from our own URL
        [pg_dump, "--no-owner", "-h", url.host or "127.0.0.1", "-p", str(url.port or 5432),
         "-U", url.username or "postgres", url.database or ""],
        check=True, capture_output=True,
    )
    return result.stdout


def test_marker_never_reaches_the_database_but_the_receipt_reads_it(
    fresh_app: Flask, fresh_database: FreshDatabase
) -> None:
    marker = f"MARKER{uuid.uuid4().hex[:12]}"
    with fresh_app.app_context():
        session = db_session()
        make_network(session)
        ensure_recovery_key(session)
        session.commit()

    client = https_client(fresh_app)
    response = submit_report(
        client,
        what_happened=f"Il a dit {marker} pendant la réunion.",
        identity_choice="identified", name=f"Name {marker}", contact=f"{marker}@example.org",
        concerned_names=f"Person {marker}",
        attachments=[(io.BytesIO(f"file body {marker}".encode()), f"{marker}.txt")],
    )
    assert response.status_code == 200
    receipt = receipt_from(response)
    assert open_followup(client, receipt).status_code == 303
    token = csrf_token(client, "/follow-up/case")
    client.post("/follow-up/case", data={"body": f"More: {marker}", "csrf_token": token})

    raw = raw_database_bytes(fresh_database)
    assert len(raw) > 1000
    for needle in (marker, marker.lower(), receipt, receipt.replace("-", "")):
        assert needle.encode() not in raw, needle
        assert needle.encode("utf-16-le") not in raw, needle

    # ...and yet the receipt opens every piece of it.
    page = client.get("/follow-up/case").get_data(as_text=True)
    assert f"More: {marker}" in page
    with fresh_app.app_context():
        session = db_session()
        found = services.open_with_receipt(
            session, receipt, pepper=fresh_app.config["SETTINGS"].receipt_pepper,
            legacy_params=KDF_PARAMS["test"])
        assert found is not None
        case, key = found
        answers = services.read_report(case, key)
        assert marker in answers["what_happened"]
        identity = json.loads(open_(key, case.identity_sealed or b"",
                                    services.identity_where(case)))
        assert identity["name"] == f"Name {marker}"
        attachment = session.scalars(select(Case)).one().attachments[0]
        meta = json.loads(open_(key, attachment.meta_sealed,
                                services.attachment_meta_where(case, attachment)))
        assert meta["filename"] == f"{marker}.txt"
        chunks = services.attachment_chunks(session, attachment, AttachmentVariant.ORIGINAL)
        where = services.attachment_data_where(case, attachment, AttachmentVariant.ORIGINAL)
        assert b"".join(decrypt_chunks(key, where, chunks)) == f"file body {marker}".encode()
