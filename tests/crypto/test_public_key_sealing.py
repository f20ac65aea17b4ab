"""Sealing data keys to staff and recovery public keys (ephemeral X25519 + HKDF + AES-GCM)."""

import pytest

from crypto import (
    DataKey,
    DecryptionError,
    KeyPair,
    generate_keypair,
    new_data_key,
    open_sealed,
    public_from_private,
    seal_to,
    unwrap_data_key,
    wrap_data_key,
)

CONTEXT = b"case:RDV-2025-0042|recipient:3f0b6c1e"


def test_generated_keypair_is_raw_x25519_and_consistent() -> None:
    pair = generate_keypair()
    assert len(pair.private) == len(pair.public) == 32
    assert public_from_private(pair.private) == pair.public
    assert generate_keypair().private != pair.private


def test_keypair_repr_hides_the_private_key() -> None:
    pair = KeyPair(private=b"\x11" * 32, public=b"\x22" * 32)
    assert "\\x11" not in repr(pair)
    assert "private" not in repr(pair)


def test_keypair_refuses_wrong_sizes() -> None:
    with pytest.raises(ValueError, match="32 bytes"):
        KeyPair(private=b"\x11" * 31, public=b"\x22" * 32)
    with pytest.raises(ValueError, match="32 bytes"):
        KeyPair(private=b"\x11" * 32, public=b"\x22" * 33)


def test_sealed_box_opens_for_its_recipient_and_context() -> None:
    pair = generate_keypair()
    for plaintext in (b"", b"k" * 32, b"x" * 5000):
        assert open_sealed(pair.private, seal_to(pair.public, plaintext, CONTEXT), CONTEXT) == (
            plaintext
        )


def test_sealed_box_layout_is_version_ephemeral_key_nonce_ciphertext() -> None:
    pair = generate_keypair()
    sealed = seal_to(pair.public, b"data", CONTEXT)
    assert sealed[0] == 1
    assert len(sealed) == 1 + 32 + 12 + 4 + 16
    assert sealed[1:33] != pair.public


def test_each_seal_uses_a_fresh_ephemeral_key() -> None:
    pair = generate_keypair()
    first = seal_to(pair.public, b"same", CONTEXT)
    second = seal_to(pair.public, b"same", CONTEXT)
    assert first[1:33] != second[1:33]


def test_another_recipient_cannot_open() -> None:
    sealed = seal_to(generate_keypair().public, b"data key", CONTEXT)
    with pytest.raises(DecryptionError):
        open_sealed(generate_keypair().private, sealed, CONTEXT)


@pytest.mark.parametrize(
    "other_context",
    [b"case:RDV-2025-0043|recipient:3f0b6c1e", b"case:RDV-2025-0042|recipient:9a9a9a9a", b""],
)
def test_wrong_context_cannot_open(other_context: bytes) -> None:
    pair = generate_keypair()
    sealed = seal_to(pair.public, b"data key", CONTEXT)
    with pytest.raises(DecryptionError):
        open_sealed(pair.private, sealed, other_context)


def test_every_modified_byte_is_detected() -> None:
    pair = generate_keypair()
    sealed = seal_to(pair.public, b"a data key", CONTEXT)
    for index in range(len(sealed)):
        tampered = bytearray(sealed)
        tampered[index] ^= 0x01
        with pytest.raises(DecryptionError):
            open_sealed(pair.private, bytes(tampered), CONTEXT)


def test_unknown_version_and_truncation_are_refused() -> None:
    pair = generate_keypair()
    sealed = seal_to(pair.public, b"a data key", CONTEXT)
    with pytest.raises(DecryptionError, match="version"):
        open_sealed(pair.private, b"\x02" + sealed[1:], CONTEXT)
    for length in range(len(sealed)):
        with pytest.raises(DecryptionError):
            open_sealed(pair.private, sealed[:length], CONTEXT)


def test_low_order_ephemeral_key_is_a_decryption_error() -> None:
    pair = generate_keypair()
    sealed = seal_to(pair.public, b"a data key", CONTEXT)
    forged = sealed[:1] + bytes(32) + sealed[33:]
    with pytest.raises(DecryptionError):
        open_sealed(pair.private, forged, CONTEXT)


def test_sealing_to_a_low_order_public_key_is_refused() -> None:
    with pytest.raises(ValueError, match="shared key"):
        seal_to(bytes(32), b"a data key", CONTEXT)


def test_data_key_wrap_round_trip() -> None:
    pair, key = generate_keypair(), new_data_key()
    unwrapped = unwrap_data_key(pair.private, wrap_data_key(pair.public, key, CONTEXT), CONTEXT)
    assert isinstance(unwrapped, DataKey)
    assert unwrapped == key


def test_data_key_wrap_is_bound_to_its_context() -> None:
    pair = generate_keypair()
    wrap = wrap_data_key(pair.public, new_data_key(), CONTEXT)
    with pytest.raises(DecryptionError):
        unwrap_data_key(pair.private, wrap, b"case:RDV-2025-0099|recipient:3f0b6c1e")


def test_data_key_wrap_is_not_interchangeable_with_a_plain_sealed_box() -> None:
    pair = generate_keypair()
    plain = seal_to(pair.public, new_data_key().raw, CONTEXT)
    with pytest.raises(DecryptionError):
        unwrap_data_key(pair.private, plain, CONTEXT)
    with pytest.raises(DecryptionError):
        open_sealed(pair.private, wrap_data_key(pair.public, new_data_key(), CONTEXT), CONTEXT)
