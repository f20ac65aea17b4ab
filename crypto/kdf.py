"""Key derivation: Argon2id for human secrets, HKDF for secrets that are already strong.

Argon2id's cost only matters where the input has little entropy: staff passwords. Random secrets
(session secrets, X25519 shared secrets, the 100-bit receipt) go through HKDF or a cheap
Argon2id, because guessing them is infeasible whatever the hash costs.
"""

import os
import struct
import unicodedata
from dataclasses import dataclass

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from crypto.errors import DecryptionError

KEY_BYTES = 32
SALT_BYTES = 16
MIN_SALT_BYTES = 8  # Argon2 refuses shorter salts (RFC 9106 section 3.1)
NONCE_BYTES = 12
TAG_BYTES = 16

# Upper bounds for parameters read back from a stored blob: a tampered row must not be able to
# ask the server for terabytes of memory or hours of work.
MAX_TIME_COST = 64
MAX_MEMORY_KIB = 4 * 1024 * 1024
MAX_PARALLELISM = 64

VERSION_PASSWORD_WRAP = 1
VERSION_SECRET_WRAP = 1

_PASSWORD_HEADER = struct.Struct(">BIII16s12s")  # version, t, m, p, salt, nonce
_SECRET_HEADER_BYTES = 1 + NONCE_BYTES
_SECRET_WRAP_LABEL = b"redevable/secret-wrap/v1\x00"


@dataclass(frozen=True)
class Argon2Params:
    """Argon2id cost: passes over memory, memory in KiB, and lanes."""

    time_cost: int
    memory_kib: int
    parallelism: int

    def __post_init__(self) -> None:
        """Check the limits Argon2 enforces, plus our ceilings against denial of service."""
        if not 1 <= self.time_cost <= MAX_TIME_COST:
            raise ValueError(f"time_cost must be within 1..{MAX_TIME_COST}")
        if not 1 <= self.parallelism <= MAX_PARALLELISM:
            raise ValueError(f"parallelism must be within 1..{MAX_PARALLELISM}")
        # RFC 9106 section 3.1: at least 8 KiB per lane.
        if not 8 * self.parallelism <= self.memory_kib <= MAX_MEMORY_KIB:
            raise ValueError(f"memory_kib must be within 8*parallelism..{MAX_MEMORY_KIB}")


# RFC 9106 section 4, second recommended option (for memory-constrained servers): t=3, 64 MiB, p=4.
# About 105-120 ms per derivation on the 2-core development machine; paid once per staff login.
PRODUCTION_PASSWORD_PARAMS = Argon2Params(time_cost=3, memory_kib=64 * 1024, parallelism=4)
# OWASP Password Storage Cheat Sheet, first Argon2id configuration: t=2, 19 MiB, p=1.
OWASP_PARAMS = Argon2Params(time_cost=2, memory_kib=19 * 1024, parallelism=1)
# The cheapest cost Argon2 accepts; only for tests, where the cost is noise.
TEST_PARAMS = Argon2Params(time_cost=1, memory_kib=8, parallelism=1)


def derive_key(secret: bytes, salt: bytes, params: Argon2Params, length: int = KEY_BYTES) -> bytes:
    """Stretch a low-entropy secret into ``length`` key bytes with Argon2id.

    Argon2id resists both GPU cracking (memory-hard) and side channels (data-independent first
    pass), which is why RFC 9106 recommends it as the default variant.
    """
    if len(salt) < MIN_SALT_BYTES:
        raise ValueError(f"salt must be at least {MIN_SALT_BYTES} bytes")
    return hash_secret_raw(
        secret=secret,
        salt=salt,
        time_cost=params.time_cost,
        memory_cost=params.memory_kib,
        parallelism=params.parallelism,
        hash_len=length,
        type=Type.ID,
    )


def hkdf(
    key_material: bytes, info: bytes, length: int = KEY_BYTES, salt: bytes | None = None
) -> bytes:
    """Derive ``length`` bytes from already-strong key material with HKDF-SHA256 (RFC 5869).

    Distinct ``info`` labels give independent keys from one secret, so one secret never keys
    two purposes directly.
    """
    return HKDF(algorithm=hashes.SHA256(), length=length, salt=salt, info=info).derive(key_material)


def _password_bytes(password: str) -> bytes:
    # NFC, as RFC 8265 (OpaqueString) does, so the same password typed on another keyboard or
    # system that composes accents differently still unlocks the key.
    return unicodedata.normalize("NFC", password).encode("utf-8")


def wrap_private_key(private: bytes, password: str, params: Argon2Params) -> bytes:
    """Encrypt a staff private key under a key derived from their password.

    The blob records its version, the Argon2 parameters and the salt, so parameters can be
    raised later and old blobs still open (see :func:`wrapped_key_params` to rewrap at login).
    The whole header is authenticated.

    Layout: version (1) | t (4) | m KiB (4) | p (4) | salt (16) | nonce (12) | ciphertext+tag.
    """
    salt = os.urandom(SALT_BYTES)
    nonce = os.urandom(NONCE_BYTES)
    header = _PASSWORD_HEADER.pack(
        VERSION_PASSWORD_WRAP, params.time_cost, params.memory_kib, params.parallelism, salt, nonce
    )
    key = derive_key(_password_bytes(password), salt, params)
    return header + AESGCM(key).encrypt(nonce, private, header)


def _parse_password_blob(blob: bytes) -> tuple[Argon2Params, bytes, bytes]:
    if len(blob) < _PASSWORD_HEADER.size + TAG_BYTES:
        raise DecryptionError("wrapped key is truncated")
    version, time_cost, memory_kib, parallelism, salt, nonce = _PASSWORD_HEADER.unpack_from(blob)
    if version != VERSION_PASSWORD_WRAP:
        raise DecryptionError("unknown wrapped key version")
    try:
        params = Argon2Params(time_cost, memory_kib, parallelism)
    except ValueError:
        raise DecryptionError("wrapped key has out-of-range parameters") from None
    return params, salt, nonce


def wrapped_key_params(blob: bytes) -> Argon2Params:
    """Return the Argon2 parameters a wrapped key was made with.

    Lets the login service notice a blob made with older, weaker parameters and rewrap it
    while the password is at hand. Raises DecryptionError for a malformed blob.
    """
    return _parse_password_blob(blob)[0]


def unwrap_private_key(blob: bytes, password: str) -> bytes:
    """Decrypt a private key wrapped by :func:`wrap_private_key`.

    Raises DecryptionError for a wrong password, any modification or a malformed blob.
    """
    params, salt, nonce = _parse_password_blob(blob)
    key = derive_key(_password_bytes(password), salt, params)
    try:
        return AESGCM(key).decrypt(
            nonce, blob[_PASSWORD_HEADER.size :], blob[: _PASSWORD_HEADER.size]
        )
    except InvalidTag:
        raise DecryptionError("wrong password or modified wrapped key") from None


def _secret_key(secret: bytes, context: bytes) -> bytes:
    if len(secret) != KEY_BYTES:
        raise ValueError(f"the secret must be exactly {KEY_BYTES} random bytes")
    return hkdf(secret, _SECRET_WRAP_LABEL + context)


def wrap_with_secret(secret: bytes, plaintext: bytes, context: bytes) -> bytes:
    """Encrypt ``plaintext`` under a 32-byte random secret, bound to ``context``.

    Used to keep a staff member's unlocked private key on the server only in encrypted form,
    with the secret living in their session cookie: the database or session store alone never
    holds a usable key. The secret is random, so HKDF suffices (no password stretching).
    ``context`` (e.g. user and session id) is mixed into the key, so a blob replayed under
    another session does not open.

    Layout: version (1) | nonce (12) | ciphertext+tag.
    """
    header = bytes([VERSION_SECRET_WRAP]) + os.urandom(NONCE_BYTES)
    return header + AESGCM(_secret_key(secret, context)).encrypt(header[1:], plaintext, header[:1])


def unwrap_with_secret(secret: bytes, blob: bytes, context: bytes) -> bytes:
    """Decrypt a blob from :func:`wrap_with_secret`; raises DecryptionError on any mismatch.

    The secret comes from a cookie, i.e. from the client: a secret of the wrong length is an
    ordinary failure (DecryptionError), not a programming error.
    """
    if len(secret) != KEY_BYTES:
        raise DecryptionError("wrong secret")
    key = _secret_key(secret, context)
    if len(blob) < _SECRET_HEADER_BYTES + TAG_BYTES:
        raise DecryptionError("wrapped secret is truncated")
    if blob[0] != VERSION_SECRET_WRAP:
        raise DecryptionError("unknown wrapped secret version")
    try:
        return AESGCM(key).decrypt(
            blob[1:_SECRET_HEADER_BYTES], blob[_SECRET_HEADER_BYTES:], blob[:1]
        )
    except InvalidTag:
        raise DecryptionError("wrong secret, context or modified blob") from None
