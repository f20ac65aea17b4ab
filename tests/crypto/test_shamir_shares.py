"""Splitting the recovery private key among custodians (Shamir over GF(256))."""

import itertools
import os
import re

import pytest

from crypto import (
    InvalidShareError,
    _base32,
    combine_shares,
    generate_keypair,
    public_from_private,
    split_secret,
)
from crypto.shamir import _div, _interpolate_at_zero, _mul

SECRET = bytes.fromhex("a3" * 16 + "00ff" * 8)


def test_any_threshold_subset_recovers_the_secret() -> None:
    shares = split_secret(SECRET, threshold=3, shares=5)
    for size in (3, 4, 5):
        for subset in itertools.combinations(shares, size):
            assert combine_shares(list(subset)) == SECRET


def test_order_of_shares_does_not_matter() -> None:
    shares = split_secret(SECRET, threshold=3, shares=5)
    assert combine_shares([shares[4], shares[0], shares[2]]) == SECRET


def test_fewer_than_threshold_shares_are_refused() -> None:
    shares = split_secret(SECRET, threshold=3, shares=5)
    for subset in itertools.combinations(shares, 2):
        with pytest.raises(InvalidShareError, match="3 different shares are needed"):
            combine_shares(list(subset))


def test_fewer_than_threshold_points_interpolate_to_something_else() -> None:
    # The arithmetic itself, below the guard above: two points of a degree-2 polynomial do not
    # determine its constant term, so interpolating them does not give the secret back.
    secret = os.urandom(32)
    shares = split_secret(secret, threshold=3, shares=3)
    values = [_values(share) for share in shares[:2]]
    guessed = bytes(_interpolate_at_zero([(1, values[0][k]), (2, values[1][k])]) for k in range(32))
    assert guessed != secret


def _values(share: str) -> bytes:
    payload = _base32.clean(share.split("-", 3)[3])
    return _base32.decode(payload, len(payload) * 5 // 8)[4:-4]


def test_single_share_values_look_random_whatever_the_secret() -> None:
    zero_secret = bytes(32)
    firsts = {_values(split_secret(zero_secret, 2, 2)[0]) for _ in range(50)}
    assert len(firsts) == 50
    assert bytes(32) not in firsts


def test_recovered_recovery_key_matches_its_public_key() -> None:
    pair = generate_keypair()
    shares = split_secret(pair.private, threshold=2, shares=3)
    assert public_from_private(combine_shares(shares[1:])) == pair.public


def test_share_text_shows_threshold_and_index() -> None:
    shares = split_secret(SECRET, threshold=3, shares=5)
    for index, share in enumerate(shares, start=1):
        assert re.fullmatch(rf"RDV1-3-{index}(-[0-9A-HJKMNP-TV-Z]{{4}})+", share)


def test_every_single_character_typo_is_detected() -> None:
    shares = split_secret(SECRET, threshold=2, shares=2)
    share = shares[0]
    for position, char in enumerate(share):
        if char == "-":
            continue
        typo = "4" if char != "4" else "5"
        mistyped = share[:position] + typo + share[position + 1 :]
        with pytest.raises(InvalidShareError, match="share 1"):
            combine_shares([mistyped, shares[1]])


def test_dropped_character_is_detected() -> None:
    shares = split_secret(SECRET, threshold=2, shares=2)
    with pytest.raises(InvalidShareError):
        combine_shares([shares[0][:-1], shares[1]])


def test_typed_variants_of_a_share_are_accepted() -> None:
    shares = split_secret(SECRET, threshold=2, shares=3)
    head, payload = shares[0].rsplit("-", 16)[0], shares[0].split("-", 3)[3]
    typed = f"{head.lower()}-{payload.lower().replace('0', 'o').replace('1', 'l')}"
    spaced = "RDV1-2-3-" + shares[2].split("-", 3)[3].replace("-", " ")
    assert combine_shares([typed, spaced]) == SECRET


def test_shares_of_different_splits_are_not_mixed() -> None:
    first = split_secret(SECRET, threshold=2, shares=3)
    second = split_secret(SECRET, threshold=2, shares=3)
    with pytest.raises(InvalidShareError, match="another split"):
        combine_shares([first[0], second[1]])


def test_the_same_share_twice_counts_once() -> None:
    shares = split_secret(SECRET, threshold=2, shares=3)
    with pytest.raises(InvalidShareError, match="needed"):
        combine_shares([shares[0], shares[0]])
    assert combine_shares([shares[0], shares[0], shares[1]]) == SECRET


def test_no_shares_or_garbage_is_refused() -> None:
    with pytest.raises(InvalidShareError):
        combine_shares([])
    for garbage in ("", "hello", "RDV1-2-1", "RDV1-x-1-ABCD", "RDV1-2-0-ABCD", "XYZ9-2-1-ABCD"):
        with pytest.raises(InvalidShareError):
            combine_shares([garbage])


@pytest.mark.parametrize(
    ("secret", "threshold", "shares"),
    [(b"", 2, 3), (SECRET, 1, 3), (SECRET, 4, 3), (SECRET, 2, 256), (SECRET, 0, 0)],
)
def test_unsafe_or_impossible_splits_are_refused(
    secret: bytes, threshold: int, shares: int
) -> None:
    with pytest.raises(ValueError, match=r"nothing|threshold"):
        split_secret(secret, threshold, shares)


def test_largest_split_works() -> None:
    shares = split_secret(SECRET, threshold=3, shares=255)
    assert len(shares) == 255
    assert combine_shares([shares[0], shares[127], shares[254]]) == SECRET


def test_gf256_multiplication_matches_fips_197() -> None:
    # FIPS 197 section 4.2: {57} x {83} = {c1}; {57} x {13} = {fe}.
    assert _mul(0x57, 0x83) == 0xC1
    assert _mul(0x57, 0x13) == 0xFE


def test_every_nonzero_gf256_element_has_an_inverse() -> None:
    for value in range(1, 256):
        assert _mul(value, _div(1, value)) == 1
    with pytest.raises(ZeroDivisionError):
        _div(1, 0)
