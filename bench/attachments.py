"""4. Attachments: the streaming encryption layer alone, then a 100 MB upload and download.

(a) crypto.encrypt_file / decrypt_file, file in to file out, against raw AES-256-GCM over the
    same bytes in one call; peak memory with tracemalloc (a separate run, so tracing does not
    slow the timed one).
(b) The intake form with one 100 MB attachment through gunicorn, then the staff attachment
    endpoint as the logged-in focal point the case was routed to. Peak RSS is the workers'
    VmHWM (reset through /proc/PID/clear_refs before each transfer) minus their RSS before.
MB here means MiB (2**20 bytes).
"""

from __future__ import annotations

import os
import secrets
import time
import tracemalloc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bench.common import (
    WORK,
    Figure,
    Http,
    Instance,
    Results,
    Server,
    gunicorn,
    make_focal_point,
    make_instance,
    staff_login,
)
from bench.intake import report_fields
from bench.texts import reports

MB = 1024 * 1024
SIZE = 100 * MB
LAYER_RATIO_TARGET = 0.5
UPLOAD_TARGET = 50.0
MEMORY_TARGET_MB = 64.0


def _random_file(path: Path, size: int) -> None:
    with path.open("wb") as out:
        left = size
        while left:
            block = os.urandom(min(left, 4 * MB))
            out.write(block)
            left -= len(block)


# --- (a) the layer alone -------------------------------------------------------------------


def layer(results: Results, size: int) -> None:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM  # noqa: PLC0415

    from crypto import Where, decrypt_file, encrypt_file, new_data_key  # noqa: PLC0415

    folder = WORK / "attachments-layer"
    folder.mkdir(parents=True, exist_ok=True)
    plain, sealed, opened = folder / "plain.bin", folder / "sealed.bin", folder / "opened.bin"
    _random_file(plain, size)
    key, where = new_data_key(), Where("attachment_chunks", "original", "bench/file")

    def encrypt() -> None:
        with plain.open("rb") as src, sealed.open("wb") as dst:
            encrypt_file(key, where, src, dst)

    def decrypt() -> None:
        with sealed.open("rb") as src, opened.open("wb") as dst:
            decrypt_file(key, where, src, dst)

    enc_s = _best(encrypt)
    dec_s = _best(decrypt)
    enc_peak = _traced_peak(encrypt)
    dec_peak = _traced_peak(decrypt)

    data = plain.read_bytes()
    aead, nonce = AESGCM(key.raw), os.urandom(12)
    raw_enc_s = _best(lambda: aead.encrypt(nonce, data, None))
    blob = aead.encrypt(nonce, data, None)
    raw_dec_s = _best(lambda: aead.decrypt(nonce, blob, None))
    for path in (plain, sealed, opened):
        path.unlink()

    mb = size / MB
    for name, seconds, raw_seconds, peak in (("encrypt", enc_s, raw_enc_s, enc_peak),
                                             ("decrypt", dec_s, raw_dec_s, dec_peak)):
        speed, ceiling = mb / seconds, mb / raw_seconds
        results.add(f"attachments.layer.{name}_mb_per_s", Figure(
            speed, "MB/s", ceiling=ceiling, ratio=speed / ceiling,
            target=f">= {LAYER_RATIO_TARGET} x ceiling", met=speed / ceiling >= LAYER_RATIO_TARGET,
            note=f"crypto.{name}_file, {mb:.0f} MB file to file; ceiling: one AESGCM.{name} call "
                 "over the same bytes in memory"))
        results.add(f"attachments.layer.{name}_peak_mb", Figure(
            peak / MB, "MB added (tracemalloc peak)", target=f"< {MEMORY_TARGET_MB:g}",
            met=peak / MB < MEMORY_TARGET_MB))


def _best(fn: Any, runs: int = 3) -> float:
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - started)
    return best


def _traced_peak(fn: Any) -> int:
    tracemalloc.start()
    try:
        fn()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak


# --- (b) end to end ------------------------------------------------------------------------


def _status(pid: int, field: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) * 1024
    return 0


class RssWatch:
    """Peak RSS added by the gunicorn workers during one transfer."""

    def __init__(self, server: Server) -> None:
        self.pids = server.worker_pids()
        self.before = {}
        for pid in self.pids:
            Path(f"/proc/{pid}/clear_refs").write_text("5")  # reset VmHWM to the current RSS
            self.before[pid] = _status(pid, "VmRSS")

    def added(self) -> int:
        return max(_status(pid, "VmHWM") - self.before[pid] for pid in self.pids)


def _multipart(fields: dict[str, str], boundary: str, path: Path) -> tuple[Iterator[bytes], int]:
    head = "".join(f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'
                   for k, v in fields.items())
    head += (f'--{boundary}\r\nContent-Disposition: form-data; name="attachments"; '
             f'filename="evidence.bin"\r\nContent-Type: application/octet-stream\r\n\r\n')
    tail = f"\r\n--{boundary}--\r\n".encode()
    size = len(head.encode()) + path.stat().st_size + len(tail)

    def body() -> Iterator[bytes]:
        yield head.encode()
        with path.open("rb") as src:
            while block := src.read(MB):
                yield block
        yield tail

    return body(), size


def upload(server: Server, path: Path) -> tuple[float, int]:
    client = Http(server.port)
    fields = report_fields(reports(1)[0])
    fields["csrf_token"] = client.csrf("/report")
    boundary = "----redevablebench" + secrets.token_hex(8)
    body, length = _multipart(fields, boundary, path)
    watch = RssWatch(server)
    started = time.perf_counter()
    status, _, page = client.request("POST", "/report", body=body, headers={
        "Content-Type": f"multipart/form-data; boundary={boundary}",
        "Content-Length": str(length)})
    elapsed = time.perf_counter() - started
    client.close()
    if status != 200 or b"receipt-copy" not in page:
        raise RuntimeError(f"upload refused: HTTP {status}")
    return elapsed, watch.added()


def download(server: Server, instance: Instance, login: tuple[str, str, str]) -> tuple[float,
                                                                                      int, int]:
    from cases.models import Attachment, Case  # noqa: PLC0415

    engine = instance.engine()
    with Session(engine) as session:
        case_id, attachment_id = session.execute(
            select(Case.public_id, Attachment.public_id).join(Attachment, Attachment.case_id ==
                                                              Case.id)).one()
    engine.dispose()
    client = staff_login(server.port, *login)
    received = 0

    def sink(block: bytes) -> None:
        nonlocal received
        received += len(block)

    watch = RssWatch(server)
    started = time.perf_counter()
    status, _, _ = client.get(f"/staff/cases/{case_id}/attachments/{attachment_id}?original=1",
                              sink=sink)
    elapsed = time.perf_counter() - started
    client.close()
    if status != 200:
        raise RuntimeError(f"download refused: HTTP {status}")
    return elapsed, watch.added(), received


def end_to_end(results: Results, backend: str, size: int) -> None:
    instance = make_instance("attachments", backend)
    try:
        login = make_focal_point(instance)
        path = instance.folder / "evidence.bin"
        _random_file(path, size)
        with gunicorn(instance.env, "wsgi:app", instance.folder / "gunicorn.log",
                      timeout=600) as server:
            up_s, up_rss = upload(server, path)
            down_s, down_rss, received = download(server, instance, login)
    finally:
        instance.cleanup()
    if received != size:
        raise RuntimeError(f"downloaded {received} bytes of {size}")
    mb = size / MB
    results.add(f"attachments.{backend}.upload_mb_per_s", Figure(
        mb / up_s, "MB/s", target=f">= {UPLOAD_TARGET:g}", met=mb / up_s >= UPLOAD_TARGET,
        note=f"one {mb:.0f} MB file through POST /report (gunicorn, 2 workers), {up_s:.1f} s"))
    results.add(f"attachments.{backend}.upload_peak_rss_mb", Figure(
        up_rss / MB, "MB added (worker VmHWM)", target=f"< {MEMORY_TARGET_MB:g}",
        met=up_rss / MB < MEMORY_TARGET_MB))
    results.add(f"attachments.{backend}.download_mb_per_s", Figure(
        mb / down_s, "MB/s", note="GET /staff/cases/<case>/attachments/<id>?original=1 "
                                  f"as the logged-in focal point, {down_s:.1f} s"))
    results.add(f"attachments.{backend}.download_peak_rss_mb", Figure(
        down_rss / MB, "MB added (worker VmHWM)", target=f"< {MEMORY_TARGET_MB:g}",
        met=down_rss / MB < MEMORY_TARGET_MB))


def run(results: Results, backends: list[str], *, quick: bool) -> None:
    size = 20 * MB if quick else SIZE
    layer(results, size)
    for backend in backends:
        end_to_end(results, backend, size)
