"""Typo correction: misspelt lexicon words still match, real words of any language do not."""

import pytest

from classification import classify
from classification.lexicon import compile_lexicon, default_lexicon, real_words


@pytest.mark.parametrize(
    ("typo", "meant"),
    [
        ("harrassed", "harassed"),  # doubled letter
        ("harrassment", "harassment"),
        ("embezled", "embezzled"),  # dropped letter
        ("corupcion", "corrupcion"),
        ("sobornno", "soborno"),
    ],
)
def test_a_misspelt_lexicon_word_is_corrected(typo: str, meant: str) -> None:
    assert default_lexicon().correct(typo) == meant


def test_the_typo_alone_carries_the_category_and_is_quoted_as_written() -> None:
    result = classify("hay mucha corupcion en la oficina")
    assert result.labels[0] == "fraud_corruption"
    assert "corupcion" in result.evidence["fraud_corruption"]


@pytest.mark.parametrize(
    "word",
    [
        "cocina",  # Spanish kitchen, one letter from "cocaina"
        "derniere",  # French "last", one letter from "derriere"
        "marcas",  # brands, one letter from "maricas"
        "ethique",  # ethics, one letter from "ethnique"
        "escolha",  # Portuguese choice, one letter from "escola"
        "embassy",  # not a misspelt "embrass-" (to kiss)
        "receptionist",  # not a misspelt "receipt"
    ],
)
def test_real_words_near_a_lexicon_stem_are_left_alone(word: str) -> None:
    assert default_lexicon().correct(word) == word


def test_no_edit_where_a_stem_meets_the_rest_of_the_word() -> None:
    # "renova|ram" must not become "renovad|ram": the edit would sit on the stem's last letter.
    lexicon = compile_lexicon({"pt": {"punishment": "1: renovad*"}})
    assert lexicon.correct("renovaram") == "renovaram"
    assert lexicon.correct("renovvado") == "renovado"


def test_a_kitchen_is_not_a_drug() -> None:
    result = classify("el jefe me gritó en la cocina delante de todos")
    assert "substance_misuse" not in result.evidence
    assert result.labels[0] == "abusive_behaviour"


def test_real_word_list_ships_with_the_package() -> None:
    words = real_words()
    assert "cocina" in words
    assert all(w == w.lower() and w.isascii() for w in list(words)[:500])


def test_frequent_short_words_are_never_corrected() -> None:
    lexicon = default_lexicon()
    for word in ("cuando", "though", "taking", "people", "pessoa"):
        assert lexicon.correct(word) == word
