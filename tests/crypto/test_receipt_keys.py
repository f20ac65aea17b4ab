"""The reporter's receipt: entropy, format, forgiving input, and the keys derived from it."""

import math
import re
from collections import Counter

import pytest

from crypto import (
    OWASP_PARAMS,
    RECEIPT_GROUPS,
    RECEIPT_PARAMS,
    TEST_PARAMS,
    Argon2Params,
    ReceiptKeys,
    derive_receipt_keys,
    new_receipt,
    normalise_receipt,
)
from crypto.receipt import RECEIPT_ALPHABET, RECEIPT_ENTROPY_BITS, receipt_salt

PEPPER = b"p" * 32
RECEIPT = "7K3M-Q9XD-2HFV-0RTB-PW1S"
# Regression values computed once from this implementation (TEST_PARAMS, PEPPER, RECEIPT). If a
# change to the derivation alters them, every stored lookup stops finding its case: such a change
# needs a migration, not an updated constant.
LOOKUP_VECTOR = "e105a2909674f5a3db00e5f1780d28f94d9c03928ed7fdba1863a8457b6bf858"
WRAP_VECTOR = "a035c6487abe441c325b4adfa9a39e229bad51886e1d038c87eb548613a78e37"
# The same for scheme 2 (HMAC, no params): what every new case stores.
LOOKUP_VECTOR_V2 = "230d445c447dfb9b5da8a2bfe39ef1643c2f6ec4aa89ad94d51f51fc96b31918"
WRAP_VECTOR_V2 = "d4787a056f69ecb9d3f10c11a14db0386584fc50978dea6ab3494ca06d04489f"
RECEIPT_SHAPE = re.compile(r"[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){4}")


def test_receipt_has_five_groups_of_four_from_the_unambiguous_alphabet() -> None:
    assert RECEIPT_GROUPS == 5
    for _ in range(200):
        assert RECEIPT_SHAPE.fullmatch(new_receipt())


def test_alphabet_has_32_symbols_and_none_that_look_alike() -> None:
    assert len(set(RECEIPT_ALPHABET)) == len(RECEIPT_ALPHABET) == 32
    assert not set("ILOU") & set(RECEIPT_ALPHABET)


def test_receipt_carries_at_least_80_bits_of_entropy() -> None:
    symbols = len(new_receipt().replace("-", ""))
    bits = symbols * math.log2(len(RECEIPT_ALPHABET))
    assert bits == RECEIPT_ENTROPY_BITS == 100
    assert bits >= 80


def test_receipts_are_unpredictable_and_use_the_whole_alphabet() -> None:
    receipts = [new_receipt() for _ in range(1000)]
    assert len(set(receipts)) == len(receipts)
    counts = Counter("".join(receipts).replace("-", ""))
    assert set(counts) == set(RECEIPT_ALPHABET)
    # 20,000 symbols, 625 expected each: a biased generator would fall far outside this band.
    assert all(450 < count < 800 for count in counts.values())


def test_a_fresh_receipt_is_already_normal() -> None:
    receipt = new_receipt()
    assert normalise_receipt(receipt) == receipt


@pytest.mark.parametrize(
    "typed",
    [
        "7K3M-Q9XD-2HFV-0RTB-PW1S",
        "7k3m-q9xd-2hfv-0rtb-pw1s",
        "7K3MQ9XD2HFV0RTBPW1S",
        "7K3M Q9XD 2HFV 0RTB PW1S",
        " 7k3m.q9xd.2hfv.0rtb.pw1s\n",
        "7K3M-Q9XD-2HFV-ORTB-PWIS",  # O for 0, I for 1
        "7K3M-Q9XD-2HFV-oRTB-PWlS",  # o for 0, l for 1
        "7K3M-Q9XD-2HFU-0RTB-PW1S",  # U for V
        "7K3M\u2013Q9XD\u20132HFV\u20130RTB\u2013PW1S",  # en dashes from a word processor
        "".join(chr(ord(c) + 0xFEE0) for c in "7K3MQ9XD2HFV0RTBPW1S"),  # full-width (CJK IME)
    ],
)
def test_typed_variants_normalise_to_the_canonical_receipt(typed: str) -> None:
    assert normalise_receipt(typed) == RECEIPT


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "7K3M-Q9XD-2HFV-0RTB-PW1",  # one symbol short
        "7K3M-Q9XD-2HFV-0RTB-PW1SS",  # one symbol too many
        "7K3M-Q9XD-2HFV-0RTB-PW1#",
        "7K3M-Q9XD-2HFV-0RTB-PW1É",
        "RDV-2025-0042",  # a case reference is not a receipt
    ],
)
def test_text_that_cannot_be_a_receipt_normalises_to_none(typed: str) -> None:
    assert normalise_receipt(typed) is None


def test_receipt_keys_are_deterministic_and_32_bytes_each() -> None:
    keys = derive_receipt_keys(RECEIPT, PEPPER, TEST_PARAMS)
    assert len(keys.lookup) == len(keys.wrap_key) == 32
    assert derive_receipt_keys(RECEIPT, PEPPER, TEST_PARAMS) == keys


def test_receipt_keys_are_stable_because_stored_lookups_depend_on_them() -> None:
    keys = derive_receipt_keys(RECEIPT, PEPPER, TEST_PARAMS)
    assert keys.lookup.hex() == LOOKUP_VECTOR
    assert keys.wrap_key.hex() == WRAP_VECTOR


def test_scheme_2_keys_are_stable_too_and_unrelated_to_scheme_1() -> None:
    keys = derive_receipt_keys(RECEIPT, PEPPER)
    assert keys.lookup.hex() == LOOKUP_VECTOR_V2
    assert keys.wrap_key.hex() == WRAP_VECTOR_V2
    legacy = derive_receipt_keys(RECEIPT, PEPPER, TEST_PARAMS)
    assert {keys.lookup, keys.wrap_key}.isdisjoint({legacy.lookup, legacy.wrap_key})


@pytest.mark.parametrize("params", [None, TEST_PARAMS])
def test_scheme_2_depends_on_receipt_and_pepper_and_forgives_typing(
    params: Argon2Params | None,
) -> None:
    keys = derive_receipt_keys(RECEIPT, PEPPER, params)
    assert keys.lookup != keys.wrap_key
    assert derive_receipt_keys(" 7k3m q9xd 2hfv ortb pwis ", PEPPER, params) == keys
    assert derive_receipt_keys("7K3M-Q9XD-2HFV-0RTB-PW1T", PEPPER, params).lookup != keys.lookup
    assert derive_receipt_keys(RECEIPT, b"q" * 32, params).lookup != keys.lookup
    with pytest.raises(ValueError, match="pepper"):
        derive_receipt_keys(RECEIPT, b"short", params)


def test_any_typed_variant_derives_the_same_keys() -> None:
    keys = derive_receipt_keys(RECEIPT, PEPPER, TEST_PARAMS)
    assert derive_receipt_keys(" 7k3m q9xd 2hfv ortb pwis ", PEPPER, TEST_PARAMS) == keys


def test_lookup_and_wrap_key_are_separate_values() -> None:
    keys = derive_receipt_keys(RECEIPT, PEPPER, TEST_PARAMS)
    assert keys.lookup != keys.wrap_key


def test_different_receipts_or_peppers_give_unrelated_keys() -> None:
    keys = derive_receipt_keys(RECEIPT, PEPPER, TEST_PARAMS)
    other_receipt = derive_receipt_keys("7K3M-Q9XD-2HFV-0RTB-PW1T", PEPPER, TEST_PARAMS)
    other_pepper = derive_receipt_keys(RECEIPT, b"q" * 32, TEST_PARAMS)
    values = {keys.lookup, keys.wrap_key, other_receipt.lookup, other_receipt.wrap_key}
    values |= {other_pepper.lookup, other_pepper.wrap_key}
    assert len(values) == 6


def test_receipt_salt_is_fixed_length_and_secret_dependent() -> None:
    assert len(receipt_salt(PEPPER)) == 16
    assert receipt_salt(PEPPER) == receipt_salt(PEPPER)
    assert receipt_salt(PEPPER) != receipt_salt(b"q" * 32)


def test_a_short_pepper_is_refused() -> None:
    with pytest.raises(ValueError, match="pepper"):
        derive_receipt_keys(RECEIPT, b"short", TEST_PARAMS)


def test_deriving_keys_from_a_non_receipt_is_refused() -> None:
    with pytest.raises(ValueError, match="not a receipt"):
        derive_receipt_keys("hello", PEPPER, TEST_PARAMS)


def test_receipt_keys_never_appear_in_a_repr() -> None:
    keys = ReceiptKeys(lookup=b"\x5a" * 32, wrap_key=b"\x5b" * 32)
    assert "Z" not in repr(keys)
    assert "[" not in repr(keys)


def test_receipt_keys_must_be_32_bytes() -> None:
    with pytest.raises(ValueError, match="32 bytes"):
        ReceiptKeys(lookup=b"x" * 31, wrap_key=b"y" * 32)


def test_receipt_params_are_deliberate_but_cheaper_than_password_params() -> None:
    assert RECEIPT_PARAMS.memory_kib >= 8 * 1024
    cost = RECEIPT_PARAMS.time_cost * RECEIPT_PARAMS.memory_kib
    assert cost < OWASP_PARAMS.time_cost * OWASP_PARAMS.memory_kib
