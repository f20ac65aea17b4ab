"""Attachments: chunked encryption in bounded memory, with order and completeness authenticated."""

import io
import os
import tracemalloc
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from crypto import (
    CHUNK_SIZE,
    DecryptionError,
    Where,
    decrypt_chunks,
    decrypt_file,
    encrypt_chunks,
    encrypt_file,
    new_data_key,
)

WHERE = Where(table="attachments", column="original", row="b7e0c3d2-1f4a-4c6b-8e9d-5a2f7c1e0b33")
OTHER = Where(table="attachments", column="original", row="c1d2e3f4-0000-4000-8000-000000000001")
KEY = new_data_key()


def _pieces(data: bytes, size: int) -> Iterator[bytes]:
    for start in range(0, len(data), size):
        yield data[start : start + size]


def _seal(data: bytes, where: Where = WHERE) -> list[bytes]:
    return list(encrypt_chunks(KEY, where, [data]))


def _open(sealed: list[bytes], where: Where = WHERE) -> bytes:
    return b"".join(decrypt_chunks(KEY, where, sealed))


@pytest.mark.parametrize(
    "size",
    [0, 1, CHUNK_SIZE - 1, CHUNK_SIZE, CHUNK_SIZE + 1, 2 * CHUNK_SIZE, 3 * 1024 * 1024 + 7],
)
@pytest.mark.parametrize("piece_size", [1000, CHUNK_SIZE, 10**9], ids=["small", "chunk", "whole"])
def test_stream_round_trip(size: int, piece_size: int) -> None:
    data = os.urandom(size)
    sealed = list(encrypt_chunks(KEY, WHERE, _pieces(data, piece_size)))
    assert len(sealed) == max(1, -(-size // CHUNK_SIZE))
    assert _open(sealed) == data


def test_empty_input_yields_exactly_one_empty_final_chunk() -> None:
    sealed = list(encrypt_chunks(KEY, WHERE, []))
    assert len(sealed) == 1
    assert len(sealed[0]) == 1 + 7 + 16
    assert _open(sealed) == b""
    assert _open(list(encrypt_chunks(KEY, WHERE, [b"", b""]))) == b""


def test_first_chunk_carries_version_and_prefix_and_others_are_full_size() -> None:
    sealed = _seal(os.urandom(2 * CHUNK_SIZE + 10))
    assert sealed[0][0] == 1
    assert len(sealed[0]) == 1 + 7 + CHUNK_SIZE + 16
    assert len(sealed[1]) == CHUNK_SIZE + 16
    assert len(sealed[2]) == 10 + 16


def test_two_encryptions_of_one_file_use_different_nonce_prefixes() -> None:
    assert _seal(b"same")[0][1:8] != _seal(b"same")[0][1:8]


def test_dropping_the_last_chunk_is_detected() -> None:
    for size in (3 * CHUNK_SIZE + 5, 3 * CHUNK_SIZE):
        sealed = _seal(os.urandom(size))
        with pytest.raises(DecryptionError, match="final chunk is missing"):
            _open(sealed[:-1])


def test_truncating_inside_the_last_chunk_is_detected() -> None:
    sealed = _seal(os.urandom(CHUNK_SIZE + 100))
    with pytest.raises(DecryptionError):
        _open([sealed[0], sealed[1][:-1]])


def test_reordered_chunks_are_detected() -> None:
    sealed = _seal(os.urandom(4 * CHUNK_SIZE + 1))
    with pytest.raises(DecryptionError):
        _open([sealed[0], sealed[2], sealed[1], sealed[3], sealed[4]])


def test_duplicated_chunk_is_detected() -> None:
    sealed = _seal(os.urandom(3 * CHUNK_SIZE + 1))
    with pytest.raises(DecryptionError):
        _open([sealed[0], sealed[1], sealed[1], sealed[2], sealed[3]])


def test_data_after_the_final_chunk_is_detected_before_the_final_piece_is_released() -> None:
    sealed = _seal(os.urandom(CHUNK_SIZE + 3))
    released: list[bytes] = []
    with pytest.raises(DecryptionError, match="after the final chunk"):
        released.extend(decrypt_chunks(KEY, WHERE, [*sealed, sealed[-1]]))
    assert len(released) == 1
    with pytest.raises(DecryptionError, match="after the final chunk"):
        _open([*sealed, b"junk"])


def test_chunks_moved_from_another_file_are_detected() -> None:
    mine = _seal(os.urandom(2 * CHUNK_SIZE + 1))
    same_place_other_upload = _seal(os.urandom(2 * CHUNK_SIZE + 1))
    other_place = _seal(os.urandom(2 * CHUNK_SIZE + 1), OTHER)
    with pytest.raises(DecryptionError):
        _open([mine[0], same_place_other_upload[1], mine[2]])
    with pytest.raises(DecryptionError):
        _open([mine[0], mine[1], other_place[2]])


def test_file_opened_under_another_where_or_key_is_refused() -> None:
    sealed = _seal(b"evidence")
    with pytest.raises(DecryptionError):
        _open(sealed, OTHER)
    with pytest.raises(DecryptionError):
        b"".join(decrypt_chunks(new_data_key(), WHERE, sealed))


def test_modification_in_any_region_of_any_chunk_is_detected() -> None:
    sealed = _seal(os.urandom(CHUNK_SIZE + 50))
    first_body = 1 + 7
    regions = [
        (0, 0),  # version
        (0, 3),  # nonce prefix
        (0, first_body),  # first ciphertext byte
        (0, len(sealed[0]) - 1),  # first tag
        (1, 0),  # final ciphertext
        (1, len(sealed[1]) - 1),  # final tag
    ]
    for chunk, index in regions:
        tampered = [bytearray(part) for part in sealed]
        tampered[chunk][index] ^= 0x01
        with pytest.raises(DecryptionError):
            _open([bytes(part) for part in tampered])


def test_unknown_version_empty_and_malformed_streams_are_refused() -> None:
    sealed = _seal(b"x")
    with pytest.raises(DecryptionError, match="version"):
        _open([b"\x02" + sealed[0][1:]])
    with pytest.raises(DecryptionError, match="missing"):
        _open([])
    with pytest.raises(DecryptionError, match="truncated"):
        _open([sealed[0][:20]])
    oversized = _seal(os.urandom(CHUNK_SIZE + 1))
    with pytest.raises(DecryptionError, match="too long"):
        _open([oversized[0] + b"\x00", oversized[1]])


def test_file_round_trip_reports_plaintext_size() -> None:
    data = os.urandom(2 * CHUNK_SIZE + 123)
    sealed = io.BytesIO()
    assert encrypt_file(KEY, WHERE, io.BytesIO(data), sealed) == len(data)
    out = io.BytesIO()
    assert decrypt_file(KEY, WHERE, io.BytesIO(sealed.getvalue()), out) == len(data)
    assert out.getvalue() == data


def test_empty_file_round_trip() -> None:
    sealed = io.BytesIO()
    assert encrypt_file(KEY, WHERE, io.BytesIO(b""), sealed) == 0
    out = io.BytesIO()
    assert decrypt_file(KEY, WHERE, io.BytesIO(sealed.getvalue()), out) == 0
    assert out.getvalue() == b""


class _Trickle(io.RawIOBase):
    """A source that returns at most a few bytes per read, like a pipe or a socket."""

    def __init__(self, data: bytes) -> None:
        self._data = io.BytesIO(data)

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        return self._data.read(min(size, 777) if size >= 0 else 777)


def test_file_helpers_cope_with_short_reads() -> None:
    data = os.urandom(CHUNK_SIZE + 5000)
    sealed = io.BytesIO()
    encrypt_file(KEY, WHERE, _Trickle(data), sealed)  # type: ignore[arg-type]
    out = io.BytesIO()
    decrypt_file(KEY, WHERE, _Trickle(sealed.getvalue()), out)  # type: ignore[arg-type]
    assert out.getvalue() == data


_FIRST_RECORD = 4 + 1 + 7 + CHUNK_SIZE + 16


@pytest.mark.parametrize(
    "corrupt",
    [
        lambda blob: blob[:-1],
        lambda blob: blob[: _FIRST_RECORD + 2],
        lambda blob: blob[:_FIRST_RECORD],
        lambda blob: b"\xff\xff\xff\xff" + blob[4:],
        lambda blob: blob + b"\x00",
    ],
    ids=["inside-a-chunk", "inside-a-length", "record-dropped", "huge-length", "extra-bytes"],
)
def test_truncated_or_corrupt_file_is_refused(corrupt: Callable[[bytes], bytes]) -> None:
    sealed = io.BytesIO()
    encrypt_file(KEY, WHERE, io.BytesIO(os.urandom(CHUNK_SIZE + 10)), sealed)
    corrupted = io.BytesIO(corrupt(sealed.getvalue()))
    with pytest.raises(DecryptionError):
        decrypt_file(KEY, WHERE, corrupted, io.BytesIO())


# What may be alive at once: the encryption buffer, one sealed chunk in flight, the plaintext
# being produced and the previous one still bound to the consumer's loop variable. Nothing may grow
# with the size of the file, which is 320 chunks here.
MEMORY_CEILING = 5 * CHUNK_SIZE
TWENTY_MB = 20 * 1024 * 1024


def _peak_memory_while(work: Callable[[], int]) -> tuple[int, int]:
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        result = work()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return result, peak


def test_streaming_20_mb_through_both_directions_holds_only_a_few_chunks() -> None:
    piece = os.urandom(CHUNK_SIZE // 2)

    def source() -> Iterator[bytes]:
        for _ in range(TWENTY_MB // len(piece)):
            yield piece

    def work() -> int:
        plaintext = decrypt_chunks(KEY, WHERE, encrypt_chunks(KEY, WHERE, source()))
        return sum(len(part) for part in plaintext)

    seen, peak = _peak_memory_while(work)
    assert seen == TWENTY_MB
    assert peak < MEMORY_CEILING, f"peak {peak} bytes while streaming"


def test_file_helpers_on_20_mb_hold_only_a_few_chunks(tmp_path: Path) -> None:
    original, sealed, restored = tmp_path / "in", tmp_path / "sealed", tmp_path / "out"
    with original.open("wb") as out:
        for _ in range(TWENTY_MB // CHUNK_SIZE):
            out.write(os.urandom(CHUNK_SIZE))

    def encrypt() -> int:
        with original.open("rb") as src, sealed.open("wb") as dst:
            return encrypt_file(KEY, WHERE, src, dst)

    def decrypt() -> int:
        with sealed.open("rb") as src, restored.open("wb") as dst:
            return decrypt_file(KEY, WHERE, src, dst)

    for work in (encrypt, decrypt):
        size, peak = _peak_memory_while(work)
        assert size == TWENTY_MB
        assert peak < MEMORY_CEILING, f"{work.__name__}: peak {peak} bytes"
    assert restored.read_bytes() == original.read_bytes()
