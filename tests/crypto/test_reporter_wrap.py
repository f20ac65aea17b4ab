"""The reporter's key pair: a re-key reaches the reporter without the receipt."""

from __future__ import annotations

import contextlib

import pytest

from crypto import (
    REPORTER_WRAP_KEYPAIR,
    REPORTER_WRAP_LEGACY,
    REPORTER_WRAP_LINKED,
    DataKey,
    DecryptionError,
    Where,
    generate_keypair,
    new_data_key,
    open_,
    open_reporter_wrap,
    reporter_wrap_format,
    rewrap_reporter,
    seal,
    seal_reporter_wrap,
)

WHERE = Where("case_key_wraps", "reporter", "case-1")
OTHER = Where("case_key_wraps", "reporter", "case-2")


@pytest.fixture
def receipt_key() -> DataKey:
    return new_data_key()


def legacy(receipt_key: DataKey, key: DataKey) -> bytes:
    """What intake stored before reporter key pairs: the case key under the receipt key."""
    return seal(receipt_key, key.raw, WHERE)


def test_key_pair_wrap_opens_with_the_receipt_key_only(receipt_key: DataKey) -> None:
    key = new_data_key()
    blob = seal_reporter_wrap(receipt_key, key, WHERE)
    assert reporter_wrap_format(blob) == REPORTER_WRAP_KEYPAIR
    assert open_reporter_wrap(receipt_key, blob, WHERE) == key
    with pytest.raises(DecryptionError):
        open_reporter_wrap(new_data_key(), blob, WHERE)
    with pytest.raises(DecryptionError):
        open_reporter_wrap(receipt_key, blob, OTHER)  # moved to another case


def test_rewrap_gives_the_reporter_the_new_key_without_the_receipt(receipt_key: DataKey) -> None:
    old, new = new_data_key(), new_data_key()
    blob = rewrap_reporter(seal_reporter_wrap(receipt_key, old, WHERE), old, new, WHERE)
    assert reporter_wrap_format(blob) == REPORTER_WRAP_KEYPAIR
    assert open_reporter_wrap(receipt_key, blob, WHERE) == new
    # Twice more: still one key pair, still the receipt.
    newer = new_data_key()
    blob = rewrap_reporter(blob, new, newer, WHERE)
    assert open_reporter_wrap(receipt_key, blob, WHERE) == newer


def test_rewrap_refuses_a_wrong_old_key(receipt_key: DataKey) -> None:
    blob = seal_reporter_wrap(receipt_key, new_data_key(), WHERE)
    with pytest.raises(DecryptionError):
        rewrap_reporter(blob, new_data_key(), new_data_key(), WHERE)


def test_a_swapped_public_key_is_refused_at_the_next_rekey(receipt_key: DataKey) -> None:
    """A database writer who plants their own public key must not receive the new case key."""
    old = new_data_key()
    blob = seal_reporter_wrap(receipt_key, old, WHERE)
    attacker = generate_keypair()
    forged = blob[:1] + attacker.public + blob[33:]
    with pytest.raises(DecryptionError):
        rewrap_reporter(forged, old, new_data_key(), WHERE)
    with pytest.raises(DecryptionError):
        open_reporter_wrap(receipt_key, forged, WHERE)


def test_legacy_wrap_opens_and_a_rekey_adds_forward_links(receipt_key: DataKey) -> None:
    key0, key1, key2 = new_data_key(), new_data_key(), new_data_key()
    blob = legacy(receipt_key, key0)
    assert reporter_wrap_format(blob) == REPORTER_WRAP_LEGACY
    assert open_reporter_wrap(receipt_key, blob, WHERE) == key0
    blob = rewrap_reporter(blob, key0, key1, WHERE)
    assert reporter_wrap_format(blob) == REPORTER_WRAP_LINKED
    assert open_reporter_wrap(receipt_key, blob, WHERE) == key1
    blob = rewrap_reporter(blob, key1, key2, WHERE)
    assert open_reporter_wrap(receipt_key, blob, WHERE) == key2
    with pytest.raises(DecryptionError):
        open_reporter_wrap(receipt_key, blob, OTHER)


def test_the_legacy_blob_is_unchanged_inside_the_linked_one(receipt_key: DataKey) -> None:
    key0 = new_data_key()
    original = legacy(receipt_key, key0)
    linked = rewrap_reporter(original, key0, new_data_key(), WHERE)
    assert original in linked
    assert open_(receipt_key, original, WHERE) == key0.raw


def _fails(receipt_key: DataKey, blob: bytes, key: DataKey) -> bool:
    """True if the blob no longer works: neither login nor re-key accepts it."""
    try:
        open_reporter_wrap(receipt_key, blob, WHERE)
        rewrap_reporter(blob, key, new_data_key(), WHERE)
    except DecryptionError:
        return True
    return False


def test_every_byte_of_a_key_pair_wrap_is_checked(receipt_key: DataKey) -> None:
    """The receipt path checks the private key and the wrap; the re-key checks the vouching."""
    key = new_data_key()
    blob = seal_reporter_wrap(receipt_key, key, WHERE)
    assert not _fails(receipt_key, blob, key)
    for cut in range(len(blob)):
        assert _fails(receipt_key, blob[:cut], key), cut
    for position in range(len(blob)):
        mangled = bytearray(blob)
        mangled[position] ^= 0x01
        assert _fails(receipt_key, bytes(mangled), key), position


def test_a_linked_wrap_cut_short_never_yields_the_current_key(receipt_key: DataKey) -> None:
    """Dropping a whole link gives an older key (the caller checks it against the case);
    anything else fails."""
    key0, key1 = new_data_key(), new_data_key()
    blob = rewrap_reporter(legacy(receipt_key, key0), key0, key1, WHERE)
    for cut in range(len(blob)):
        with contextlib.suppress(DecryptionError):
            assert open_reporter_wrap(receipt_key, blob[:cut], WHERE) == key0
    for position in range(len(blob)):
        mangled = bytearray(blob)
        mangled[position] ^= 0x01
        with pytest.raises(DecryptionError):
            open_reporter_wrap(receipt_key, bytes(mangled), WHERE)
    with pytest.raises(DecryptionError):
        reporter_wrap_format(b"\x09" + blob[1:])
