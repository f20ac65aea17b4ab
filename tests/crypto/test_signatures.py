"""Ed25519 signatures for audit checkpoints."""

import pytest

from crypto import generate_signing_key, sign, verify_signature

# RFC 8032 section 7.1, TEST 1 (empty message).
RFC_SECRET = bytes.fromhex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")
RFC_PUBLIC = bytes.fromhex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a")
RFC_SIGNATURE = bytes.fromhex(
    "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555f"
    "b8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"
)
CHECKPOINT = b"checkpoint|event:1042|hash:5d41402abc4b2a76b9719d911017c592"


def test_signature_matches_rfc_8032_vector() -> None:
    assert sign(RFC_SECRET, b"") == RFC_SIGNATURE
    assert verify_signature(RFC_PUBLIC, b"", RFC_SIGNATURE)


def test_generated_key_signs_and_verifies() -> None:
    private, public = generate_signing_key()
    assert len(private) == len(public) == 32
    signature = sign(private, CHECKPOINT)
    assert len(signature) == 64
    assert verify_signature(public, CHECKPOINT, signature)


def test_altered_message_does_not_verify() -> None:
    private, public = generate_signing_key()
    signature = sign(private, CHECKPOINT)
    assert not verify_signature(public, CHECKPOINT + b"!", signature)
    assert not verify_signature(public, CHECKPOINT[:-1], signature)


def test_other_key_does_not_verify() -> None:
    private, _ = generate_signing_key()
    _, other_public = generate_signing_key()
    assert not verify_signature(other_public, CHECKPOINT, sign(private, CHECKPOINT))


def test_any_modified_signature_byte_does_not_verify() -> None:
    private, public = generate_signing_key()
    signature = sign(private, CHECKPOINT)
    for index in range(len(signature)):
        tampered = bytearray(signature)
        tampered[index] ^= 0x01
        assert not verify_signature(public, CHECKPOINT, bytes(tampered))


def test_malformed_signature_is_false_but_malformed_key_is_an_error() -> None:
    private, public = generate_signing_key()
    signature = sign(private, CHECKPOINT)
    assert not verify_signature(public, CHECKPOINT, signature[:-1])
    assert not verify_signature(public, CHECKPOINT, b"")
    with pytest.raises(ValueError, match="32 bytes"):
        verify_signature(public[:-1], CHECKPOINT, signature)
