"""Attachments: sealed in chunks, pictures cleaned of metadata, bad files handled calmly."""

from __future__ import annotations

import io
import json

import pytest
from flask import Flask
from flask.testing import FlaskClient
from PIL import Image
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from cases.models import Attachment, AttachmentVariant, Case
from crypto import decrypt_chunks, open_
from db import db_session
from keyring.services import KDF_PARAMS
from reporting import services
from reporting.images import UnreadableImage, sanitise_image
from tests.conftest import FreshDatabase, https_client
from tests.factories import ensure_recovery_key, make_network
from tests.helpers import receipt_from, submit_report

GPS_TAG = 0x8825
MAKE_TAG = 0x010F


def photo_with_gps() -> bytes:
    image = Image.new("RGB", (64, 48), (200, 30, 30))
    exif = Image.Exif()
    exif[MAKE_TAG] = "SpyPhone 3000"
    exif[GPS_TAG] = {1: "N", 2: (14.0, 41.0, 33.0), 3: "W", 4: (17.0, 26.0, 48.0)}
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif.tobytes())
    return buffer.getvalue()


def open_submitted(app: Flask, session: Session, receipt: str) -> tuple[Case, object]:
    found = services.open_with_receipt(session, receipt,
                                       pepper=app.config["SETTINGS"].receipt_pepper,
                                       legacy_params=KDF_PARAMS["test"])
    assert found is not None
    return found


def read_variant(session: Session, case: Case, key: object, attachment: Attachment,
                 variant: AttachmentVariant) -> bytes:
    where = services.attachment_data_where(case, attachment, variant)
    chunks = services.attachment_chunks(session, attachment, variant)
    return b"".join(decrypt_chunks(key, where, chunks))  # type: ignore[arg-type]


def test_photo_is_cleaned_of_exif_and_gps_and_the_original_kept(
    app: Flask, client: FlaskClient, ready: Session
) -> None:
    original = photo_with_gps()
    assert b"SpyPhone" in original
    response = submit_report(client, attachments=[(io.BytesIO(original), "IMG_0042.jpg")])
    case, key = open_submitted(app, ready, receipt_from(response))
    attachment = ready.scalars(select(Attachment)).one()
    assert attachment.has_sanitised
    clean = read_variant(ready, case, key, attachment, AttachmentVariant.SANITISED)
    assert b"SpyPhone" not in clean
    with Image.open(io.BytesIO(clean)) as image:
        assert image.size == (64, 48)
        assert not image.getexif()
    assert read_variant(ready, case, key, attachment, AttachmentVariant.ORIGINAL) == original
    meta = json.loads(open_(key, attachment.meta_sealed,  # type: ignore[arg-type]
                            services.attachment_meta_where(case, attachment)))
    assert meta["filename"] == "IMG_0042.jpg"
    assert meta["sanitised_type"] == "image/jpeg"


def test_file_name_path_tricks_are_reduced_to_a_name(app: Flask, client: FlaskClient,
                                                     ready: Session) -> None:
    response = submit_report(client, attachments=[(io.BytesIO(b"%PDF-1.4"),
                                                   "../../etc/evil.pdf")])
    case, key = open_submitted(app, ready, receipt_from(response))
    attachment = ready.scalars(select(Attachment)).one()
    meta = json.loads(open_(key, attachment.meta_sealed,  # type: ignore[arg-type]
                            services.attachment_meta_where(case, attachment)))
    assert meta["filename"] == "evil.pdf"


def test_broken_picture_is_kept_as_original_and_the_reporter_is_told(
    app: Flask, client: FlaskClient, ready: Session
) -> None:
    broken = b"\xff\xd8\xff\xe0" + b"not really a jpeg" * 10
    response = submit_report(client, attachments=[(io.BytesIO(broken), "broken.jpg")])
    assert response.status_code == 200
    assert "broken.jpg" in response.get_data(as_text=True)
    attachment = ready.scalars(select(Attachment)).one()
    assert not attachment.has_sanitised


def test_decompression_bomb_is_not_decoded() -> None:
    # A tiny PNG that claims 30000 × 30000 pixels.
    image = Image.new("1", (30_000, 30_000))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    assert len(buffer.getvalue()) < 500_000
    buffer.seek(0)
    with pytest.raises(UnreadableImage):
        sanitise_image(buffer)


def test_upload_never_touches_disk_in_the_clear() -> None:
    from reporting.uploads import EncryptedSpool  # noqa: PLC0415

    spool = EncryptedSpool(limit=10 * 1024 * 1024)
    secret = b"PLAINTEXT-MARKER-" * 10_000
    spool.write(secret)
    spool.seek(0)
    spool._file.seek(0)
    on_disk = spool._file.read()
    assert b"PLAINTEXT-MARKER" not in on_disk
    spool.seek(0)
    assert spool.read() == secret


def test_database_failure_mid_submission_leaves_nothing_and_keeps_the_text(
    fresh_app: Flask, fresh_database: FreshDatabase
) -> None:
    with fresh_app.app_context():
        session = db_session()
        make_network(session)
        ensure_recovery_key(session)
        session.commit()
    # Break the database under the app: the attachments table disappears.
    with fresh_database.engine.begin() as conn:
        conn.execute(text("ALTER TABLE case_attachments RENAME TO case_attachments_gone"))
    client = https_client(fresh_app)
    response = submit_report(client, what_happened="Mon texte ne doit pas se perdre",
                             attachments=[(io.BytesIO(b"data"), "a.txt")])
    page = response.get_data(as_text=True)
    assert response.status_code == 503
    assert "Mon texte ne doit pas se perdre" in page
    assert "could not be saved" in page
    with fresh_database.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(Case)).scalar() == 0
        assert conn.execute(text("SELECT count(*) FROM case_key_wraps")).scalar() == 0
        assert conn.execute(text("SELECT count(*) FROM audit_events")).scalar() == 0


def test_a_file_input_left_empty_creates_no_temporary_file() -> None:
    from reporting.uploads import EncryptedSpool  # noqa: PLC0415

    spool = EncryptedSpool(limit=1024)
    spool.seek(0)
    assert spool.read() == b""
    assert spool._spooled is None
    spool.close()
