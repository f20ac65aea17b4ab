"""Chunked authenticated encryption for attachments, in bounded memory (STREAM construction).

An attachment may be many megabytes; it is sealed in pieces of :data:`CHUNK_SIZE` so neither
encryption nor decryption ever holds more than about two chunks. This follows the STREAM
construction (Hoang, Reyhanitabar, Rogaway, Vizar, "Online Authenticated-Encryption and its
Nonce-Reuse Misuse-Resistance", CRYPTO 2015), as used by Tink and age:

* nonce of chunk ``i`` = random 7-byte file prefix | ``i`` (4 bytes, big-endian) | last flag;
* associated data = ``where.encode()`` | ``i`` | last flag.

Position and the last flag are authenticated, so reordering, dropping or duplicating chunks,
truncating at a chunk boundary, appending after the final chunk or moving chunks to another file
(another ``where``) all fail. Non-final chunks hold exactly CHUNK_SIZE bytes, so only the final
one can be short, and an empty file is one empty final chunk.

The 56-bit random prefix keeps nonces unique across the files of one case key: for n files the
collision chance is about n**2 / 2**57, negligible for the attachments a case can hold.

The first sealed chunk starts with a 1-byte version and the 7-byte prefix. The associated data
begins with the Where label, never with a version byte, so it cannot coincide with the
associated data :func:`crypto.aead.seal` uses under the same case key.
"""

import os
import struct
from collections.abc import Iterable, Iterator
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from crypto.aead import DataKey, Where
from crypto.errors import DecryptionError

CHUNK_SIZE = 64 * 1024
VERSION_STREAM_AES256_GCM = 1
PREFIX_BYTES = 7
TAG_BYTES = 16
HEADER_BYTES = 1 + PREFIX_BYTES
MAX_CHUNKS = 2**32  # the counter is 4 bytes: up to 256 TiB per file
# Largest sealed chunk: header (first chunk only) + full plaintext chunk + tag.
MAX_SEALED_CHUNK = HEADER_BYTES + CHUNK_SIZE + TAG_BYTES

_LENGTH = struct.Struct(">I")
_FULL_BODY = CHUNK_SIZE + TAG_BYTES


class _ChunkCipher:
    """AES-GCM keyed once per file, computing each chunk's nonce and associated data."""

    def __init__(self, key: DataKey, where: Where, prefix: bytes) -> None:
        self._aead = AESGCM(key.raw)
        self._where = where.encode()
        self._prefix = prefix

    def _nonce_and_ad(self, counter: int, last: bool) -> tuple[bytes, bytes]:
        if counter >= MAX_CHUNKS:
            raise OverflowError("file too large for a 32-bit chunk counter")
        position = struct.pack(">IB", counter, 1 if last else 0)
        return self._prefix + position, self._where + position

    def seal(self, counter: int, last: bool, plaintext: memoryview) -> bytes:
        nonce, ad = self._nonce_and_ad(counter, last)
        return self._aead.encrypt(nonce, plaintext, ad)

    def open(self, counter: int, last: bool, body: bytes | memoryview) -> bytes:
        nonce, ad = self._nonce_and_ad(counter, last)
        return self._aead.decrypt(nonce, body, ad)


def encrypt_chunks(key: DataKey, where: Where, chunks: Iterable[bytes]) -> Iterator[bytes]:
    """Encrypt an attachment given as pieces of any size, yielding sealed chunks in order.

    Input is re-cut into CHUNK_SIZE pieces. A full piece is sealed only once the next byte
    arrives, because only then is it known not to be the last. One preallocated buffer is
    refilled in place (no reallocation copies), so at most one plaintext chunk and one sealed
    chunk are alive at a time, plus whatever piece the caller handed in.
    """
    prefix = os.urandom(PREFIX_BYTES)
    cipher = _ChunkCipher(key, where, prefix)
    header: bytes = bytes([VERSION_STREAM_AES256_GCM]) + prefix
    buffer = bytearray(CHUNK_SIZE)
    window = memoryview(buffer)
    filled = 0
    counter = 0
    for piece in chunks:
        view = memoryview(piece)
        while view:
            if filled == CHUNK_SIZE:
                yield header + cipher.seal(counter, False, window)
                header = b""
                counter += 1
                filled = 0
            take = min(CHUNK_SIZE - filled, len(view))
            window[filled : filled + take] = view[:take]
            filled += take
            view = view[take:]
    yield header + cipher.seal(counter, True, window[:filled])


def _open_one(cipher: _ChunkCipher, counter: int, body: memoryview) -> tuple[bytes, bool]:
    """Open one chunk, telling whether it was sealed as the last one.

    Only a chunk of exactly full size may be non-final; a full-size chunk is tried as non-final
    first and then as final, so the only extra work is for a file whose size is a multiple of
    CHUNK_SIZE.
    """
    if len(body) > _FULL_BODY:
        raise DecryptionError(f"chunk {counter} is too long")
    if len(body) == _FULL_BODY:
        try:
            return cipher.open(counter, False, body), False
        except InvalidTag:
            pass
    try:
        return cipher.open(counter, True, body), True
    except InvalidTag:
        raise DecryptionError(
            f"chunk {counter} did not authenticate (wrong key or place, tampered or reordered)"
        ) from None


def decrypt_chunks(key: DataKey, where: Where, sealed_chunks: Iterable[bytes]) -> Iterator[bytes]:
    """Decrypt sealed chunks from :func:`encrypt_chunks`, yielding authenticated plaintext.

    Each yielded piece is authentic, but the file is complete only when the iterator finishes
    without error: a truncated stream is detected only at its end. A consumer that has already
    sent pieces onward (an HTTP download) must abort rather than finish cleanly on
    DecryptionError. Data after the final chunk is detected before the final piece is yielded.
    """
    chunks = iter(sealed_chunks)
    first = next(chunks, None)
    if first is None:
        raise DecryptionError("no chunks: the final chunk is missing")
    if len(first) < HEADER_BYTES + TAG_BYTES:
        raise DecryptionError("first chunk is truncated")
    if first[0] != VERSION_STREAM_AES256_GCM:
        raise DecryptionError("unknown stream version")
    cipher = _ChunkCipher(key, where, bytes(first[1:HEADER_BYTES]))
    body = memoryview(first)[HEADER_BYTES:]
    del first
    counter = 0
    while True:
        plaintext, last = _open_one(cipher, counter, body)
        # Drop each reference as soon as it is spent, so fetching the next sealed chunk (which may
        # run the encryption generator) does not stack on top of the previous chunk.
        del body
        if last:
            if next(chunks, None) is not None:
                raise DecryptionError("data after the final chunk")
            yield plaintext
            return
        yield plaintext
        del plaintext
        following = next(chunks, None)
        if following is None:
            raise DecryptionError("stream truncated: the final chunk is missing")
        counter += 1
        body = memoryview(following)
        del following


def _read_exactly(src: BinaryIO, size: int) -> bytes:
    """Read ``size`` bytes, looping over short reads (raw files, pipes, sockets may return less)."""
    parts: list[bytes] = []
    remaining = size
    while remaining:
        part = src.read(remaining)
        if not part:
            break
        parts.append(part)
        remaining -= len(part)
    return b"".join(parts)


def encrypt_file(key: DataKey, where: Where, src: BinaryIO, dst: BinaryIO) -> int:
    """Encrypt ``src`` into ``dst`` as length-prefixed sealed chunks; return the plaintext size.

    Each record is a 4-byte big-endian length then the sealed chunk, so the reader can find
    chunk boundaries without trusting anything but authenticated content.
    """
    total = 0

    def pieces() -> Iterator[bytes]:
        nonlocal total
        while piece := _read_exactly(src, CHUNK_SIZE):
            total += len(piece)
            yield piece

    for sealed in encrypt_chunks(key, where, pieces()):
        dst.write(_LENGTH.pack(len(sealed)))
        dst.write(sealed)
    return total


def _read_records(src: BinaryIO) -> Iterator[bytes]:
    while prefix := _read_exactly(src, _LENGTH.size):
        if len(prefix) != _LENGTH.size:
            raise DecryptionError("truncated chunk length")
        (length,) = _LENGTH.unpack(prefix)
        # Checked before reading so a forged length cannot make us allocate gigabytes.
        if length > MAX_SEALED_CHUNK:
            raise DecryptionError("chunk length out of range")
        record = _read_exactly(src, length)
        if len(record) != length:
            raise DecryptionError("truncated chunk")
        yield record


def decrypt_file(key: DataKey, where: Where, src: BinaryIO, dst: BinaryIO) -> int:
    """Decrypt what :func:`encrypt_file` wrote; return the plaintext size.

    Plaintext is written as it is authenticated, so on DecryptionError ``dst`` holds a partial,
    untrustworthy prefix: the caller must discard it (e.g. write to a temporary file and only
    keep it when this returns).
    """
    written = 0
    for plaintext in decrypt_chunks(key, where, _read_records(src)):
        dst.write(plaintext)
        written += len(plaintext)
    return written
