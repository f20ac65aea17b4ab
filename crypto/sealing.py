"""Public-key sealing of case data keys to staff and to the recovery key (HPKE-like base mode).

A sender needs only the recipient's public key: granting access to a case means sealing its data
key to one more public key, and no one (not even an administrator) can read a case without a
private key it was sealed to.

Construction, close to RFC 9180 base mode with DHKEM(X25519, HKDF-SHA256) and AES-256-GCM::

    eph         = fresh X25519 key pair
    shared      = X25519(eph.private, recipient_public)
    key         = HKDF-SHA256(shared, salt="", info=LABEL | eph.public | recipient_public | context)
    sealed      = 0x01 | eph.public (32) | nonce (12) | AES-256-GCM(key, nonce, plaintext, ad=0x01)

Both public keys go into the derivation so the key is bound to this exact exchange; ``context``
(e.g. case id and recipient id) goes in too, so a wrap copied to another case or person does not
open. ``context`` is the only variable-length part and comes last, keeping the info unambiguous.
"""

import os
from dataclasses import dataclass, field

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from crypto.aead import DataKey
from crypto.errors import DecryptionError
from crypto.kdf import hkdf

X25519_KEY_BYTES = 32
NONCE_BYTES = 12
TAG_BYTES = 16
VERSION_X25519_HKDF_AES256_GCM = 1

_LABEL = b"redevable/seal/v1\x00"
_DATA_KEY_LABEL = b"redevable/data-key\x00"
_HEADER_BYTES = 1 + X25519_KEY_BYTES + NONCE_BYTES


@dataclass(frozen=True)
class KeyPair:
    """A raw X25519 key pair (32 bytes each); the private half never appears in a repr."""

    private: bytes = field(repr=False)
    public: bytes

    def __post_init__(self) -> None:
        """Refuse keys of the wrong size early, where the mistake is made."""
        if len(self.private) != X25519_KEY_BYTES or len(self.public) != X25519_KEY_BYTES:
            raise ValueError(f"X25519 keys are exactly {X25519_KEY_BYTES} bytes")


def _public_bytes(key: X25519PrivateKey) -> bytes:
    return key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


def generate_keypair() -> KeyPair:
    """Create a new X25519 key pair, e.g. for a staff member or the organisation recovery key."""
    private = X25519PrivateKey.generate()
    return KeyPair(private=private.private_bytes_raw(), public=_public_bytes(private))


def public_from_private(private: bytes) -> bytes:
    """Recompute the public key, e.g. to check a recovered private key against the stored one."""
    return _public_bytes(X25519PrivateKey.from_private_bytes(private))


def _derive(
    shared: bytes, ephemeral_public: bytes, recipient_public: bytes, context: bytes
) -> bytes:
    return hkdf(shared, _LABEL + ephemeral_public + recipient_public + context, salt=b"")


def seal_to(recipient_public: bytes, plaintext: bytes, context: bytes) -> bytes:
    """Encrypt ``plaintext`` so that only the holder of the matching private key can open it.

    Raises ValueError for a malformed public key, including low-order points that would give
    an all-zero shared secret.
    """
    recipient = X25519PublicKey.from_public_bytes(recipient_public)
    ephemeral = X25519PrivateKey.generate()
    ephemeral_public = _public_bytes(ephemeral)
    key = _derive(ephemeral.exchange(recipient), ephemeral_public, recipient_public, context)
    header = bytes([VERSION_X25519_HKDF_AES256_GCM]) + ephemeral_public + os.urandom(NONCE_BYTES)
    return header + AESGCM(key).encrypt(header[1 + X25519_KEY_BYTES :], plaintext, header[:1])


def open_sealed(recipient_private: bytes, sealed: bytes, context: bytes) -> bytes:
    """Decrypt what :func:`seal_to` produced for this private key and the same ``context``.

    Raises DecryptionError for another recipient, another context, any modification, an
    unknown version or truncated input.
    """
    private = X25519PrivateKey.from_private_bytes(recipient_private)
    if len(sealed) < _HEADER_BYTES + TAG_BYTES:
        raise DecryptionError("sealed box is truncated")
    if sealed[0] != VERSION_X25519_HKDF_AES256_GCM:
        raise DecryptionError("unknown sealed box version")
    ephemeral_public = sealed[1 : 1 + X25519_KEY_BYTES]
    try:
        shared = private.exchange(X25519PublicKey.from_public_bytes(ephemeral_public))
    except ValueError:  # low-order point: all-zero shared secret
        raise DecryptionError("sealed box has an invalid ephemeral key") from None
    key = _derive(shared, ephemeral_public, _public_bytes(private), context)
    try:
        return AESGCM(key).decrypt(
            sealed[1 + X25519_KEY_BYTES : _HEADER_BYTES], sealed[_HEADER_BYTES:], sealed[:1]
        )
    except InvalidTag:
        raise DecryptionError("sealed box did not authenticate") from None


def wrap_data_key(recipient_public: bytes, key: DataKey, context: bytes) -> bytes:
    """Seal a case data key to one recipient; this is what granting access stores.

    A fixed label is prepended to ``context`` so a data-key wrap can never be confused with
    another payload sealed to the same person under the same context.
    """
    return seal_to(recipient_public, key.raw, _DATA_KEY_LABEL + context)


def unwrap_data_key(recipient_private: bytes, sealed: bytes, context: bytes) -> DataKey:
    """Open a wrap made by :func:`wrap_data_key`; raises DecryptionError on any mismatch."""
    raw = open_sealed(recipient_private, sealed, _DATA_KEY_LABEL + context)
    try:
        return DataKey(raw)
    except ValueError:
        raise DecryptionError("sealed box does not hold a data key") from None
