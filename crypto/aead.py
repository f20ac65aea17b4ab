"""Authenticated encryption of case content under a per-case data key.

Every stored ciphertext is AES-256-GCM with associated data naming where it is stored
(:class:`Where`), so a ciphertext copied into another row, column or table no longer opens: a
database attacker cannot make one case's answer appear in another, or swap a note for a message.

Envelope (version 1)::

    0x01 | nonce (12 random bytes) | ciphertext | tag (16)

The version byte lets the algorithm change later without guessing what old rows hold. Random
96-bit nonces are safe here because each case has its own key and encrypts far fewer than the
2**32 messages NIST SP 800-38D allows per key with random nonces.
"""

import os
import struct
from dataclasses import dataclass, field

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from crypto.errors import DecryptionError

DATA_KEY_BYTES = 32
NONCE_BYTES = 12
TAG_BYTES = 16
VERSION_AES256_GCM = 1

_WHERE_LABEL = b"redevable/where/v1"
_HEADER_BYTES = 1 + NONCE_BYTES


@dataclass(frozen=True)
class DataKey:
    """A 256-bit symmetric key for one case; its bytes never appear in a repr or a log."""

    raw: bytes = field(repr=False)

    def __post_init__(self) -> None:
        """Refuse anything but 32 bytes, so a truncated or text key fails at once, not later."""
        if not isinstance(self.raw, bytes) or len(self.raw) != DATA_KEY_BYTES:
            raise ValueError(f"a data key is exactly {DATA_KEY_BYTES} bytes")

    def __repr__(self) -> str:
        """Show the type only: tracebacks and debug logs must not leak key material."""
        return "DataKey(<redacted>)"


def new_data_key() -> DataKey:
    """Create a fresh random data key from the operating system CSPRNG."""
    return DataKey(os.urandom(DATA_KEY_BYTES))


@dataclass(frozen=True)
class Where:
    """Where a ciphertext is stored; used as associated data so it cannot be moved elsewhere.

    ``row`` is a public identifier (UUID text or case reference), never a database integer id,
    so the binding survives a dump and restore that renumbers rows.
    """

    table: str
    column: str
    row: str

    def __post_init__(self) -> None:
        """Reject non-text or empty parts: ``str(b"x")`` or ``""`` would bind to the wrong place."""
        for name in ("table", "column", "row"):
            value = getattr(self, name)
            if not isinstance(value, str):
                raise TypeError(f"Where.{name} must be str, not {type(value).__name__}")
            if not value:
                raise ValueError(f"Where.{name} must not be empty")

    def encode(self) -> bytes:
        """Encode as a domain label then each part length-prefixed (4-byte big-endian, UTF-8).

        Length prefixes make the encoding injective: ("ab", "c") and ("a", "bc") differ, which a
        plain join would not guarantee. The label keeps these bytes apart from any other use.
        """
        parts = [_WHERE_LABEL]
        for value in (self.table, self.column, self.row):
            encoded = value.encode("utf-8")
            parts.append(struct.pack(">I", len(encoded)))
            parts.append(encoded)
        return b"".join(parts)


def seal(key: DataKey, plaintext: bytes, where: Where) -> bytes:
    """Encrypt and authenticate ``plaintext`` for storage at ``where``.

    The version byte is authenticated along with ``where`` so the header cannot be altered
    without detection.
    """
    header = bytes([VERSION_AES256_GCM]) + os.urandom(NONCE_BYTES)
    ciphertext = AESGCM(key.raw).encrypt(header[1:], plaintext, header[:1] + where.encode())
    return header + ciphertext


def open_(key: DataKey, sealed: bytes, where: Where) -> bytes:
    """Authenticate and decrypt an envelope made by :func:`seal` for the same ``where``.

    Raises DecryptionError for a wrong key, any modified byte, another ``where``, an unknown
    version or a truncated envelope; nothing unauthenticated is ever returned.
    """
    if len(sealed) < _HEADER_BYTES + TAG_BYTES:
        raise DecryptionError("envelope is truncated")
    if sealed[0] != VERSION_AES256_GCM:
        raise DecryptionError("unknown envelope version")
    try:
        return AESGCM(key.raw).decrypt(
            sealed[1:_HEADER_BYTES], sealed[_HEADER_BYTES:], sealed[:1] + where.encode()
        )
    except InvalidTag:
        raise DecryptionError("envelope did not authenticate") from None


def seal_text(key: DataKey, text: str, where: Where) -> bytes:
    """Seal a string as UTF-8; the usual case for form answers, messages and notes."""
    return seal(key, text.encode("utf-8"), where)


def open_text(key: DataKey, sealed: bytes, where: Where) -> str:
    """Open an envelope made by :func:`seal_text` and decode it as UTF-8.

    Authenticated bytes that are not UTF-8 were sealed as binary, not text; that mix-up is
    reported as DecryptionError too so callers handle one failure type.
    """
    try:
        return open_(key, sealed, where).decode("utf-8")
    except UnicodeDecodeError:
        raise DecryptionError("envelope does not hold UTF-8 text") from None
