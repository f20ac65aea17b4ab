"""Case content envelopes: AES-256-GCM bound to where the ciphertext is stored."""

import pytest

from crypto import (
    DATA_KEY_BYTES,
    DataKey,
    DecryptionError,
    Where,
    new_data_key,
    open_,
    open_text,
    seal,
    seal_text,
)

WHERE = Where(table="answers", column="body", row="6f1c2a4e-93b1-4b7e-9d53-0c8e1f0a7b21")


def test_sealed_bytes_open_to_the_same_bytes() -> None:
    key = new_data_key()
    for plaintext in (b"", b"x", b"what happened\x00\xff" * 100):
        assert open_(key, seal(key, plaintext, WHERE), WHERE) == plaintext


def test_sealed_text_opens_to_the_same_text() -> None:
    key = new_data_key()
    text = "Le responsable a dit « personne ne le saura » — 子ども"
    assert open_text(key, seal_text(key, text, WHERE), WHERE) == text


def test_envelope_is_version_nonce_ciphertext_tag() -> None:
    sealed = seal(new_data_key(), b"hello", WHERE)
    assert sealed[0] == 1
    assert len(sealed) == 1 + 12 + len(b"hello") + 16
    assert b"hello" not in sealed


def test_same_plaintext_seals_differently_each_time() -> None:
    key = new_data_key()
    first, second = seal(key, b"same", WHERE), seal(key, b"same", WHERE)
    assert first[1:13] != second[1:13]
    assert first != second


def test_every_modified_byte_is_detected() -> None:
    key = new_data_key()
    sealed = seal(key, b"a short answer", WHERE)
    for index in range(len(sealed)):
        for flip in (0x01, 0x80):
            tampered = bytearray(sealed)
            tampered[index] ^= flip
            with pytest.raises(DecryptionError):
                open_(key, bytes(tampered), WHERE)


def test_wrong_key_cannot_open() -> None:
    sealed = seal(new_data_key(), b"secret", WHERE)
    with pytest.raises(DecryptionError):
        open_(new_data_key(), sealed, WHERE)


@pytest.mark.parametrize(
    "elsewhere",
    [
        Where(table="messages", column="body", row=WHERE.row),
        Where(table="answers", column="summary", row=WHERE.row),
        Where(table="answers", column="body", row="0d3c9a47-5d6e-4a28-8a0f-6b1b2f9e4c10"),
    ],
    ids=["other-table", "other-column", "other-row"],
)
def test_ciphertext_moved_to_another_place_does_not_open(elsewhere: Where) -> None:
    key = new_data_key()
    sealed = seal(key, b"belongs to one row", WHERE)
    with pytest.raises(DecryptionError):
        open_(key, sealed, elsewhere)


def test_unknown_envelope_version_is_refused() -> None:
    key = new_data_key()
    sealed = seal(key, b"x", WHERE)
    for version in (0, 2, 255):
        with pytest.raises(DecryptionError, match="version"):
            open_(key, bytes([version]) + sealed[1:], WHERE)


def test_truncated_envelope_of_any_length_is_refused() -> None:
    key = new_data_key()
    sealed = seal(key, b"some content", WHERE)
    for length in range(len(sealed)):
        with pytest.raises(DecryptionError):
            open_(key, sealed[:length], WHERE)


def test_binary_content_opened_as_text_is_a_decryption_error() -> None:
    key = new_data_key()
    sealed = seal(key, b"\xff\xfe not utf-8", WHERE)
    with pytest.raises(DecryptionError):
        open_text(key, sealed, WHERE)


def test_where_encoding_separates_field_boundaries() -> None:
    assert Where("ab", "c", "r").encode() != Where("a", "bc", "r").encode()
    assert Where("t", "cr", "1").encode() != Where("t", "c", "r1").encode()


def test_where_encoding_is_stable_because_stored_ciphertext_depends_on_it() -> None:
    assert Where("t", "col", "é").encode() == (
        b"redevable/where/v1\x00\x00\x00\x01t\x00\x00\x00\x03col\x00\x00\x00\x02\xc3\xa9"
    )


def test_where_refuses_non_text_and_empty_parts() -> None:
    with pytest.raises(TypeError):
        Where("t", "c", b"row")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="empty"):
        Where("t", "", "r")


def test_data_key_must_be_32_bytes() -> None:
    assert DATA_KEY_BYTES == 32
    for size in (0, 16, 31, 33, 64):
        with pytest.raises(ValueError, match="32 bytes"):
            DataKey(b"k" * size)


def test_data_key_repr_hides_the_key() -> None:
    key = DataKey(b"\xab" * 32)
    assert "ab" not in repr(key).lower()
    assert "171" not in repr(key)
    assert repr(key) == str(key) == "DataKey(<redacted>)"


def test_new_data_keys_are_random() -> None:
    keys = {new_data_key().raw for _ in range(100)}
    assert len(keys) == 100
