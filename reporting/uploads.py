"""Uploaded files never touch the disk in the clear.

Werkzeug spools large uploads to a temporary file. Here that spool encrypts
each block under a key that exists only in this process's memory for this one
request, so a later look at the disk (or its free blocks) finds only noise.
It also counts bytes and stops keeping a file once it passes the size limit,
so an oversized file costs no memory and the rest of the form is kept.
"""

from __future__ import annotations

import io
import struct
import tempfile
from typing import IO, Any

from flask import Request, current_app

from crypto import DataKey, Where, new_data_key, open_, seal

BLOCK = 64 * 1024
_LEN = struct.Struct(">I")


class EncryptedSpool(io.RawIOBase):
    """Write-then-read buffer whose backing temporary file holds only ciphertext."""

    def __init__(self, limit: int) -> None:
        super().__init__()
        self.limit = limit
        self.size = 0
        self.too_large = False
        self._key: DataKey = new_data_key()
        # Created with the first block: a browser sends an empty part for every file input
        # left unused, and creating and removing a temporary file for it is costly.
        self._spooled: IO[bytes] | None = None
        self._pending = bytearray()
        self._block = 0
        self._reading = False
        self._out = b""

    def writable(self) -> bool:
        return not self._reading

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    @property
    def _file(self) -> IO[bytes]:
        if self._spooled is None:
            self._spooled = tempfile.TemporaryFile()  # noqa: SIM115 - owned by the spool
        return self._spooled

    def _where(self) -> Where:
        return Where("upload-spool", "block", str(self._block))

    def _flush_block(self, data: bytes) -> None:
        sealed = seal(self._key, data, self._where())
        self._file.write(_LEN.pack(len(sealed)))
        self._file.write(sealed)
        self._block += 1

    def write(self, data: Any) -> int:
        chunk = bytes(data)
        self.size += len(chunk)
        if self.size > self.limit:
            # Keep counting, keep nothing: the form reports the file as too large.
            self.too_large = True
            self._pending.clear()
            return len(chunk)
        self._pending += chunk
        while len(self._pending) >= BLOCK:
            self._flush_block(bytes(self._pending[:BLOCK]))
            del self._pending[:BLOCK]
        return len(chunk)

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        if offset != 0 or whence != io.SEEK_SET:
            raise io.UnsupportedOperation("an encrypted spool can only be rewound")
        if not self._reading:
            if self._pending and not self.too_large:
                self._flush_block(bytes(self._pending))
            self._pending.clear()
            self._reading = True
        if self._spooled is not None:
            self._spooled.seek(0)
        self._block = 0
        self._out = b""
        return 0

    def tell(self) -> int:
        return 0 if self._reading else self.size

    def _next_block(self) -> bytes:
        if self._spooled is None:
            return b""
        header = self._file.read(_LEN.size)
        if len(header) < _LEN.size:
            return b""
        (length,) = _LEN.unpack(header)
        data = open_(self._key, self._file.read(length), self._where())
        self._block += 1
        return data

    def read(self, size: int | None = -1) -> bytes:
        if not self._reading:
            self.seek(0)
        if self.too_large:
            return b""
        want = None if size is None or size < 0 else size
        while want is None or len(self._out) < want:
            block = self._next_block()
            if not block:
                break
            self._out += block
        if want is None:
            result, self._out = self._out, b""
        else:
            result, self._out = self._out[:want], self._out[want:]
        return result

    def readinto(self, buffer: Any) -> int:
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        if self._spooled is not None:
            self._spooled.close()
        super().close()


class RedevableRequest(Request):
    def _get_file_stream(
        self,
        total_content_length: int | None,
        content_type: str | None,
        filename: str | None = None,
        content_length: int | None = None,
    ) -> IO[bytes]:
        limit = current_app.config["SETTINGS"].max_attachment_bytes
        return EncryptedSpool(limit)  # type: ignore[return-value]
