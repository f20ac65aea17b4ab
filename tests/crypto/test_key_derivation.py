"""Argon2id and HKDF, password-wrapped private keys and session-secret wraps."""

import struct
import unicodedata

import pytest

from crypto import (
    OWASP_PARAMS,
    PRODUCTION_PASSWORD_PARAMS,
    TEST_PARAMS,
    Argon2Params,
    DecryptionError,
    derive_key,
    generate_keypair,
    hkdf,
    unwrap_private_key,
    unwrap_with_secret,
    wrap_private_key,
    wrap_with_secret,
    wrapped_key_params,
)

PASSWORD = "correct horse battery staple"
SECRET = bytes(range(32))
SESSION = b"user:3f0b6c1e|session:a81d"


def test_production_password_params_are_at_least_rfc_9106_strength() -> None:
    # RFC 9106 section 4, second recommended option: t=3, 64 MiB, p=4.
    params = PRODUCTION_PASSWORD_PARAMS
    assert params.memory_kib >= 64 * 1024
    assert params.time_cost >= 3
    assert params.time_cost * params.memory_kib >= 3 * 64 * 1024
    assert params.parallelism >= 1


def test_owasp_and_test_params_are_as_documented() -> None:
    assert Argon2Params(time_cost=2, memory_kib=19 * 1024, parallelism=1) == OWASP_PARAMS
    assert Argon2Params(time_cost=1, memory_kib=8, parallelism=1) == TEST_PARAMS


@pytest.mark.parametrize(
    ("time_cost", "memory_kib", "parallelism"),
    [(0, 8, 1), (1, 7, 1), (1, 15, 2), (1, 8, 0), (65, 8, 1), (1, 4 * 1024 * 1024 + 1, 1)],
)
def test_params_outside_argon2_or_sane_limits_are_refused(
    time_cost: int, memory_kib: int, parallelism: int
) -> None:
    with pytest.raises(ValueError, match="must be within"):
        Argon2Params(time_cost, memory_kib, parallelism)


def test_derive_key_matches_the_argon2id_reference_vector() -> None:
    # phc-winner-argon2 test.c: Argon2id v1.3, t=2, m=2^16 KiB, p=1, "password" / "somesalt".
    key = derive_key(b"password", b"somesalt", Argon2Params(2, 65536, 1))
    assert key.hex() == "09316115d5cf24ed5a15a31a3ba326e5cf32edc24702987c02b6566f61913cf7"


def test_derive_key_depends_on_secret_salt_params_and_length() -> None:
    base = derive_key(b"secret", b"salt-16-bytes!!!", TEST_PARAMS)
    assert len(base) == 32
    assert derive_key(b"secret", b"salt-16-bytes!!!", TEST_PARAMS) == base
    assert derive_key(b"secreT", b"salt-16-bytes!!!", TEST_PARAMS) != base
    assert derive_key(b"secret", b"salt-16-bytes!!?", TEST_PARAMS) != base
    assert derive_key(b"secret", b"salt-16-bytes!!!", Argon2Params(2, 8, 1)) != base
    assert len(derive_key(b"secret", b"salt-16-bytes!!!", TEST_PARAMS, length=64)) == 64


def test_derive_key_refuses_a_salt_argon2_would_reject() -> None:
    with pytest.raises(ValueError, match="salt"):
        derive_key(b"secret", b"short", TEST_PARAMS)


def test_hkdf_matches_rfc_5869_test_case_1() -> None:
    okm = hkdf(b"\x0b" * 22, bytes(range(0xF0, 0xFA)), length=42, salt=bytes(range(13)))
    assert okm.hex() == (
        "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865"
    )


def test_hkdf_labels_give_independent_keys() -> None:
    assert hkdf(SECRET, b"one") != hkdf(SECRET, b"two")
    assert len(hkdf(SECRET, b"one")) == 32


def test_private_key_wrap_round_trip() -> None:
    private = generate_keypair().private
    blob = wrap_private_key(private, PASSWORD, TEST_PARAMS)
    assert private not in blob
    assert unwrap_private_key(blob, PASSWORD) == private


def test_private_key_wrap_with_wrong_password_fails() -> None:
    blob = wrap_private_key(generate_keypair().private, PASSWORD, TEST_PARAMS)
    for wrong in ("", "correct horse battery stapl", "Correct horse battery staple"):
        with pytest.raises(DecryptionError):
            unwrap_private_key(blob, wrong)


def test_private_key_blob_records_its_params_so_they_can_change_later() -> None:
    private = generate_keypair().private
    older = Argon2Params(time_cost=2, memory_kib=16, parallelism=2)
    blob = wrap_private_key(private, PASSWORD, older)
    assert wrapped_key_params(blob) == older
    # Opening needs no knowledge of the params the blob was made with.
    assert unwrap_private_key(blob, PASSWORD) == private


def test_private_key_blobs_use_a_fresh_salt_and_nonce() -> None:
    private = generate_keypair().private
    first = wrap_private_key(private, PASSWORD, TEST_PARAMS)
    second = wrap_private_key(private, PASSWORD, TEST_PARAMS)
    assert first[13:29] != second[13:29]  # salt
    assert first[29:41] != second[29:41]  # nonce


def test_password_in_another_unicode_composition_still_unlocks() -> None:
    private = generate_keypair().private
    composed = unicodedata.normalize("NFC", "mot de passe à été")
    decomposed = unicodedata.normalize("NFD", composed)
    assert composed != decomposed
    assert unwrap_private_key(wrap_private_key(private, composed, TEST_PARAMS), decomposed) == (
        private
    )


def test_every_modified_byte_of_a_private_key_blob_is_detected() -> None:
    blob = wrap_private_key(generate_keypair().private, PASSWORD, TEST_PARAMS)
    for index in range(len(blob)):
        tampered = bytearray(blob)
        tampered[index] ^= 0x01
        with pytest.raises(DecryptionError):
            unwrap_private_key(bytes(tampered), PASSWORD)


def test_blob_asking_for_absurd_argon2_cost_is_refused_without_running_it() -> None:
    blob = wrap_private_key(generate_keypair().private, PASSWORD, TEST_PARAMS)
    huge_memory = blob[:5] + struct.pack(">I", 0xFFFFFFFF) + blob[9:]
    with pytest.raises(DecryptionError, match="out-of-range"):
        unwrap_private_key(huge_memory, PASSWORD)


def test_private_key_blob_with_unknown_version_or_truncated_is_refused() -> None:
    blob = wrap_private_key(generate_keypair().private, PASSWORD, TEST_PARAMS)
    with pytest.raises(DecryptionError, match="version"):
        unwrap_private_key(b"\x02" + blob[1:], PASSWORD)
    for length in range(len(blob)):
        with pytest.raises(DecryptionError):
            unwrap_private_key(blob[:length], PASSWORD)


def test_secret_wrap_round_trip() -> None:
    private = generate_keypair().private
    assert unwrap_with_secret(SECRET, wrap_with_secret(SECRET, private, SESSION), SESSION) == (
        private
    )


def test_secret_wrap_fails_with_another_secret_or_context() -> None:
    blob = wrap_with_secret(SECRET, b"private key", SESSION)
    with pytest.raises(DecryptionError):
        unwrap_with_secret(bytes(32), blob, SESSION)
    with pytest.raises(DecryptionError):
        unwrap_with_secret(SECRET, blob, b"user:3f0b6c1e|session:ffff")


def test_every_modified_byte_of_a_secret_wrap_is_detected() -> None:
    blob = wrap_with_secret(SECRET, b"private key", SESSION)
    for index in range(len(blob)):
        tampered = bytearray(blob)
        tampered[index] ^= 0x80
        with pytest.raises(DecryptionError):
            unwrap_with_secret(SECRET, bytes(tampered), SESSION)
    for length in range(len(blob)):
        with pytest.raises(DecryptionError):
            unwrap_with_secret(SECRET, blob[:length], SESSION)


def test_secret_wrap_needs_a_full_strength_secret() -> None:
    with pytest.raises(ValueError, match="32"):
        wrap_with_secret(SECRET[:16], b"private key", SESSION)
    blob = wrap_with_secret(SECRET, b"private key", SESSION)
    # The secret comes from a cookie: a short one is an ordinary failure, not a crash.
    with pytest.raises(DecryptionError):
        unwrap_with_secret(SECRET[:16], blob, SESSION)
