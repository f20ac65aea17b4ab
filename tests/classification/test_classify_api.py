"""The public API keeps the shape the app relies on."""

import dataclasses
import json

import pytest

from classification import CATEGORIES, FLAGS, Classification, FormAnswers, classify


def test_result_ranks_all_seven_categories_with_scores_in_unit_interval() -> None:
    result = classify("The treasurer took a bribe from the printing company.")
    assert isinstance(result, Classification)
    assert sorted(result.labels) == sorted(CATEGORIES)
    assert set(result.scores) == set(CATEGORIES)
    assert all(0.0 <= v <= 1.0 for v in result.scores.values())
    ranked = [result.scores[c] for c in result.labels]
    assert ranked == sorted(ranked, reverse=True)
    assert result.labels[0] == "fraud_corruption"


def test_flags_come_in_taxonomy_order() -> None:
    answers = FormAnswers(child_involved=True, danger_now=True, retaliation_feared=True)
    result = classify("Please help.", answers)
    assert result.flags == list(FLAGS)


def test_to_dict_is_json_serialisable_and_complete() -> None:
    result = classify("Il m'a touché les fesses pendant l'atelier.")
    payload = json.loads(json.dumps(result.to_dict()))
    assert set(payload) == {"labels", "scores", "flags", "language", "evidence"}
    assert payload["language"] == "fr"


def test_evidence_quotes_the_reporters_words() -> None:
    result = classify("Le coordinateur a détourné l'argent des per diem.")
    assert any("détourné" in quote for quote in result.evidence["fraud_corruption"])


def test_form_answers_are_frozen() -> None:
    answers = FormAnswers(child_involved=True)
    with pytest.raises(dataclasses.FrozenInstanceError):
        answers.child_involved = False  # type: ignore[misc]


def test_explicit_language_overrides_detection() -> None:
    assert classify("ok", lang="pt").language == "pt"


def test_unknown_language_hint_falls_back_to_detection() -> None:
    assert classify("el jefe me grita todos los días", lang="de").language == "es"
