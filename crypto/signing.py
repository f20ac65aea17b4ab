"""Ed25519 signatures, used for audit-trail checkpoints that auditors verify elsewhere.

Ed25519 (RFC 8032) is deterministic, so signing needs no randomness at run time, and a public key
of 32 bytes is easy to publish or print for an external verifier.
"""

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

ED25519_KEY_BYTES = 32
ED25519_SIGNATURE_BYTES = 64


def generate_signing_key() -> tuple[bytes, bytes]:
    """Create an Ed25519 key pair, returned as (private raw 32 bytes, public raw 32 bytes)."""
    private = Ed25519PrivateKey.generate()
    public = private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return private.private_bytes_raw(), public


def sign(private: bytes, message: bytes) -> bytes:
    """Sign ``message`` with a raw Ed25519 private key; returns a 64-byte signature."""
    return Ed25519PrivateKey.from_private_bytes(private).sign(message)


def verify_signature(public: bytes, message: bytes, signature: bytes) -> bool:
    """Tell whether ``signature`` is valid for ``message`` under ``public``.

    Returns False for any bad signature, including one of the wrong length, so a verifier
    walking a trail can report the broken checkpoint instead of crashing on it. A public key
    that is not 32 bytes is a configuration error and raises ValueError.
    """
    key = Ed25519PublicKey.from_public_bytes(public)
    if len(signature) != ED25519_SIGNATURE_BYTES:
        return False
    try:
        key.verify(signature, message)
    except InvalidSignature:
        return False
    return True
