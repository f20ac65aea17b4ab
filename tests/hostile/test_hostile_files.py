"""Hostile files: path tricks in names, header injection, decompression bombs.

A name is kept only as a label (never a path); a download is always an attachment with a
harmless name; a picture too big to decode safely is kept as a sealed original only.
"""

from __future__ import annotations

import struct
import time
import zlib
from typing import Any

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from cases.models import Attachment, AttachmentChunk, AttachmentVariant, Case
from networks.models import Network
from tests.helpers import csrf_token, report_form
from tests.hostile.conftest import counts

BOUNDARY = "hostileFILES"


def upload_body(token: str, disposition: str, data: bytes,
                content_type: str = "application/octet-stream") -> bytes:
    body = b""
    for name, value in report_form(csrf_token=token).items():
        body += (f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                 f"{value}\r\n").encode()
    body += (f"--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"attachments\"; "
             f"{disposition}\r\nContent-Type: {content_type}\r\n\r\n").encode()
    return body + data + f"\r\n--{BOUNDARY}--\r\n".encode()


def submit_file(client: FlaskClient, disposition: str, data: bytes,
                content_type: str = "application/octet-stream") -> Any:
    token = csrf_token(client, "/report")
    return client.post("/report", data=upload_body(token, disposition, data, content_type),
                       content_type=f"multipart/form-data; boundary={BOUNDARY}")


NAMES = [
    'filename="../../../../etc/passwd"',
    'filename="..\\\\..\\\\windows\\\\system32\\\\config"',
    'filename="/absolute/path.txt"',
    'filename="C:\\\\boot.ini"',
    "filename*=UTF-8''..%2F..%2Fescape.txt",
    "filename*=UTF-8''evil%0D%0ASet-Cookie%3A%20x%3D1.txt",
    "filename*=UTF-8''nul%00byte.txt",
    "filename*=UTF-8''%E2%80%AEtxt.exe",
    'filename="' + "A" * 2000 + '.txt"',
    'filename="quote\\".html"',
    'filename="<script>alert(1)</script>.html"',
    'filename=".."',
    'filename="."',
]


@pytest.fixture
def holder(ready: Session, staff: Any, login: Any) -> FlaskClient:
    network = ready.scalars(select(Network)).one()
    user, secret = staff(networks=[network])
    client: FlaskClient = login(user, secret)
    return client


@pytest.mark.parametrize("disposition", NAMES)
def test_path_tricks_in_file_names_are_labels_only(client: FlaskClient, ready: Session,
                                                    holder: FlaskClient,
                                                    disposition: str) -> None:
    response = submit_file(client, disposition, b"%PDF-1.4 hostile\n")
    assert response.status_code in (200, 400), response.status_code
    if response.status_code == 400:
        assert counts(ready)["cases"] == 0
        return
    case = ready.scalars(select(Case)).one()
    attachment = ready.scalars(select(Attachment)).one()
    download = holder.get(f"/staff/cases/{case.public_id}/attachments/{attachment.public_id}")
    assert download.status_code == 200
    header = download.headers["Content-Disposition"]
    assert header.startswith("attachment;")
    assert "\r" not in header
    assert "\n" not in header
    plain = header.split("filename=", 1)[1].split(";", 1)[0].strip('"')
    assert "/" not in plain
    assert "\\" not in plain
    assert "\x00" not in plain
    assert plain not in ("", ".", "..")
    assert download.headers["Content-Type"] == "application/octet-stream"
    assert download.headers["X-Content-Type-Options"] == "nosniff"
    assert download.get_data() == b"%PDF-1.4 hostile\n"
    assert "Set-Cookie" not in {k for k, _ in download.headers if k != "Set-Cookie"}


def png(width: int, height: int, idat: bytes | None = None) -> bytes:
    """A PNG whose header claims width × height; the pixel data is tiny."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    data = idat if idat is not None else zlib.compress(b"\x00" * 1024)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data)
            + chunk(b"IEND", b""))


@pytest.mark.parametrize(("width", "height"), [(50_000, 50_000), (8_000, 6_000),
                                                (1, 2**31 - 1), (0, 0)])
def test_decompression_bombs_are_not_decoded(client: FlaskClient, ready: Session, width: int,
                                             height: int) -> None:
    started = time.monotonic()
    response = submit_file(client, 'filename="photo.png"', png(width, height), "image/png")
    assert time.monotonic() - started < 5, "the bomb was decoded"
    assert response.status_code == 200
    assert "photo.png" in response.get_data(as_text=True)  # named as not cleaned
    attachment = ready.scalars(select(Attachment)).one()
    assert not attachment.has_sanitised  # only the sealed original was kept


def test_a_real_compressed_bomb_is_refused_cheaply(client: FlaskClient, ready: Session) -> None:
    # 20 000 × 20 000 RGB zeros: 1.2 GB decoded, a few hundred kB compressed.
    rows = zlib.compressobj(9)
    row = b"\x00" + b"\x00" * (20_000 * 3)
    idat = b"".join(rows.compress(row) for _ in range(20_000)) + rows.flush()
    assert len(idat) < 2_000_000
    started = time.monotonic()
    response = submit_file(client, 'filename="bomb.png"', png(20_000, 20_000, idat),
                           "image/png")
    assert response.status_code == 200
    assert time.monotonic() - started < 10
    attachment = ready.scalars(select(Attachment)).one()
    assert not attachment.has_sanitised
    variants = set(ready.scalars(select(AttachmentChunk.variant).where(
        AttachmentChunk.attachment_id == attachment.id)))
    assert variants == {AttachmentVariant.ORIGINAL}  # kept sealed as evidence, never decoded


def test_file_over_the_size_limit_is_refused_and_nothing_stored(
        client: FlaskClient, app: Any, ready: Session) -> None:
    app.config["SETTINGS"] = type(app.config["SETTINGS"])(**{
        **app.config["SETTINGS"].__dict__, "max_attachment_bytes": 1024})
    response = submit_file(client, 'filename="big.bin"', b"x" * 5000)
    assert response.status_code == 400
    assert "larger than" in response.get_data(as_text=True)
    assert counts(ready) == dict.fromkeys(counts(ready), 0)
