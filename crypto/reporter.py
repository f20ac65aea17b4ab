"""The reporter's copy of a case key, in a form the server can re-key without the receipt.

The server never holds the receipt, so it cannot seal a *new* case key for the reporter under
the receipt-derived key. Instead each case gets a reporter key pair (X25519): its private half is
sealed under the receipt-derived key, its public half stays readable, and the case key is sealed
to the public half like to any staff member. A re-key then seals the new case key to the
reporter's public key, and the receipt still opens it (receipt → private key → case key).

One blob, three formats, told apart by the first byte:

* **1, legacy** (written before the key pair existed): ``crypto.aead.seal(receipt key, case
  key, where)``; its first byte is the AEAD envelope's own version byte, 1. Never written now.
* **2, key pair**::

      0x02 | public (32) | len (2) | sealed private | len (2) | vouched | wrapped case key

  ``sealed private`` = ``seal(receipt key, private, where/private)``; ``vouched`` =
  ``seal(case key, public, where/public)``: the case key vouches for the public key, so a
  database writer who swaps in a public key of their own is refused at the next re-key instead
  of receiving the new case key; ``wrapped case key`` = ``wrap_data_key(public, case key,
  where/wrap)``.
* **3, legacy with forward links** (a legacy case re-keyed before its reporter came back)::

      0x03 | len (2) | legacy blob | (len (2) | link)*

  link *i* = ``seal(key i, key i+1, where/link/i)``, key 0 being the one the legacy blob holds.
  The receipt opens key 0 and the links lead to the current key; the reporter's next login
  replaces the whole blob with format 2. Until then the old case key still opens the current
  one: that is the price of keeping a legacy reporter's access (docs/keys.md).

Every part is authenticated on its own and bound to ``where`` (the case), so parts cannot be
moved between cases. Malformed blobs raise DecryptionError, like any other failure to open.
"""

import struct
from dataclasses import dataclass
from typing import Self

from crypto.aead import DataKey, Where, open_, seal
from crypto.errors import DecryptionError
from crypto.sealing import (
    X25519_KEY_BYTES,
    generate_keypair,
    public_from_private,
    unwrap_data_key,
    wrap_data_key,
)

REPORTER_WRAP_LEGACY = 1
REPORTER_WRAP_KEYPAIR = 2
REPORTER_WRAP_LINKED = 3

_FORMATS = (REPORTER_WRAP_LEGACY, REPORTER_WRAP_KEYPAIR, REPORTER_WRAP_LINKED)
_LEN = struct.Struct(">H")


def _part(where: Where, name: str) -> Where:
    return Where(where.table, f"{where.column}/{name}", where.row)


def _link_where(where: Where, index: int) -> Where:
    return Where(where.table, f"{where.column}/link", f"{where.row}/{index}")


def _wrap_context(where: Where) -> bytes:
    return b"redevable/reporter-wrap/" + _part(where, "wrap").encode()


def _framed(data: bytes) -> bytes:
    if len(data) > 0xFFFF:
        raise ValueError("part too large for the reporter wrap")
    return _LEN.pack(len(data)) + data


def _take(blob: bytes, offset: int) -> tuple[bytes, int]:
    """Read one length-prefixed part; DecryptionError if the blob ends too early."""
    if offset + _LEN.size > len(blob):
        raise DecryptionError("reporter wrap is truncated")
    (length,) = _LEN.unpack_from(blob, offset)
    start = offset + _LEN.size
    if start + length > len(blob):
        raise DecryptionError("reporter wrap is truncated")
    return blob[start:start + length], start + length


def reporter_wrap_format(blob: bytes) -> int:
    """Which of the three formats a stored blob is (DecryptionError for none of them)."""
    if not blob or blob[0] not in _FORMATS:
        raise DecryptionError("unknown reporter wrap format")
    return blob[0]


@dataclass(frozen=True)
class _KeyPairWrap:
    public: bytes
    sealed_private: bytes
    vouched: bytes
    wrapped_key: bytes

    def encode(self) -> bytes:
        return b"".join([bytes([REPORTER_WRAP_KEYPAIR]), self.public, _framed(self.sealed_private),
                         _framed(self.vouched), self.wrapped_key])

    @classmethod
    def decode(cls, blob: bytes) -> Self:
        if reporter_wrap_format(blob) != REPORTER_WRAP_KEYPAIR or len(blob) < 1 + X25519_KEY_BYTES:
            raise DecryptionError("not a key-pair reporter wrap")
        public = blob[1:1 + X25519_KEY_BYTES]
        sealed_private, offset = _take(blob, 1 + X25519_KEY_BYTES)
        vouched, offset = _take(blob, offset)
        return cls(public, sealed_private, vouched, blob[offset:])


def seal_reporter_wrap(receipt_key: DataKey, data_key: DataKey, where: Where) -> bytes:
    """A new reporter key pair for a case: what intake and the legacy upgrade store.

    ``receipt_key`` is the receipt-derived wrap key (``ReceiptKeys.wrap_key``); the private
    half of the new pair exists in the clear only inside this call.
    """
    pair = generate_keypair()
    return _KeyPairWrap(
        public=pair.public,
        sealed_private=seal(receipt_key, pair.private, _part(where, "private")),
        vouched=seal(data_key, pair.public, _part(where, "public")),
        wrapped_key=wrap_data_key(pair.public, data_key, _wrap_context(where)),
    ).encode()


def open_reporter_wrap(receipt_key: DataKey, blob: bytes, where: Where) -> DataKey:
    """The current case key, from any of the three formats; DecryptionError otherwise."""
    kind = reporter_wrap_format(blob)
    if kind == REPORTER_WRAP_KEYPAIR:
        wrap = _KeyPairWrap.decode(blob)
        private = open_(receipt_key, wrap.sealed_private, _part(where, "private"))
        if len(private) != X25519_KEY_BYTES or public_from_private(private) != wrap.public:
            raise DecryptionError("reporter key pair does not match")
        return unwrap_data_key(private, wrap.wrapped_key, _wrap_context(where))
    if kind == REPORTER_WRAP_LEGACY:
        return _data_key(open_(receipt_key, blob, where))
    legacy, offset = _take(blob, 1)
    key = _data_key(open_(receipt_key, legacy, where))
    index = 0
    while offset < len(blob):
        link, offset = _take(blob, offset)
        key = _data_key(open_(key, link, _link_where(where, index)))
        index += 1
    return key


def rewrap_reporter(blob: bytes, old_key: DataKey, new_key: DataKey, where: Where) -> bytes:
    """Give the reporter ``new_key`` without their receipt (a re-key).

    Key-pair format: the new key is sealed to the reporter's public key, after checking that the
    old case key vouches for that public key (DecryptionError if not: a wrong ``old_key`` or a
    swapped public key). Legacy formats: a forward link from ``old_key`` to ``new_key`` is
    appended; nothing here can check ``old_key`` without the receipt, so the caller must have
    proved it is the current key (the re-key opens every ciphertext of the case with it first).
    """
    kind = reporter_wrap_format(blob)
    if kind == REPORTER_WRAP_KEYPAIR:
        wrap = _KeyPairWrap.decode(blob)
        if open_(old_key, wrap.vouched, _part(where, "public")) != wrap.public:
            raise DecryptionError("the case key does not vouch for this reporter key")
        return _KeyPairWrap(
            public=wrap.public,
            sealed_private=wrap.sealed_private,
            vouched=seal(new_key, wrap.public, _part(where, "public")),
            wrapped_key=wrap_data_key(wrap.public, new_key, _wrap_context(where)),
        ).encode()
    links: list[bytes] = []
    if kind == REPORTER_WRAP_LEGACY:
        legacy = blob
    else:
        legacy, offset = _take(blob, 1)
        while offset < len(blob):
            link, offset = _take(blob, offset)
            links.append(link)
    links.append(seal(old_key, new_key.raw, _link_where(where, len(links))))
    return b"".join([bytes([REPORTER_WRAP_LINKED]), _framed(legacy), *(_framed(x) for x in links)])


def _data_key(raw: bytes) -> DataKey:
    try:
        return DataKey(raw)
    except ValueError:
        raise DecryptionError("reporter wrap does not hold a data key") from None
