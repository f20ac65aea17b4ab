"""The shortcuts taken for speed give the same answers as the plain computations they replace.

Speed itself is measured by `make bench` (bench/classify.py), never in tests.
"""

import math
from itertools import islice

import pytest

from classification.build import TRAIN_PATH, build_model, load_jsonl
from classification.classifier import get_model
from classification.features import dense_vector, ngram_vector
from classification.flags import detect_flags
from classification.language import detect, language_scores
from classification.lexicon import Entry, Hit, _is_age, _match_rest, _negated, default_lexicon
from classification.model import TrainingConfig
from classification.signals import analyse
from classification.taxonomy import LANGUAGES
from classification.text import CLAUSE, SENTENCE, tokenize

MIXED = [
    "Le coordo fait du bullying, il nous humilie. Mi jefe me grita y el tesorero pide coima.",
    "O motorista bebeu e agora quer levar as crianças de 12 anos. He has a knife!!",
    "i reported the fake receipts to the board, since then im off the team and they call me liar",
    "no es acoso, pero la niña tiene 15 años y el tallerista le escribe de noche",
    "",
    ". , ; !!",
]


def _texts() -> list[str]:
    rows = load_jsonl(TRAIN_PATH)
    picked = [str(r["text"]) for r in islice(rows, 0, len(rows), 37)]
    return MIXED + picked


def _every_entry_scan(text: str) -> list[tuple[str, int, int, bool]]:
    """Reference matcher: try every entry at every token, no index."""
    lexicon = default_lexicon()
    tokens = tokenize(text)
    words = [lexicon.correct(w) for w in tokens.words]
    found: list[tuple[str, int, int, bool]] = []
    for start, word in enumerate(words):
        if word in (SENTENCE, CLAUSE):
            continue
        for entry in lexicon.entries:
            if not entry.elements[0].matches(word):
                continue
            positions = _match_rest(entry.elements, words, start)
            if positions is None or not _ages_ok(entry, words, positions):
                continue
            end = positions[-1][1] + 1
            found.append((entry.source, start, end, _negated(words, start)))
    return found


def _ages_ok(entry: Entry, words: list[str], positions: list[tuple[int, int]]) -> bool:
    return all(entry.elements[e].special != "#age" or _is_age(words, p) for e, p in positions)


def _key(hit: Hit) -> tuple[str, int, int, bool]:
    return (hit.entry.source, hit.start, hit.end, hit.negated)


@pytest.mark.parametrize("text", _texts())
def test_indexed_scan_finds_what_trying_every_entry_finds(text: str) -> None:
    hits = default_lexicon().scan(tokenize(text))
    assert sorted(map(_key, hits)) == sorted(_every_entry_scan(text))


def test_inference_logits_equal_the_training_time_dot_product() -> None:
    model = get_model()
    for text in _texts():
        signals = analyse(text)
        dense = dense_vector(signals, detect_flags(signals, None).flags)
        expected = [0.0] * len(model.classes)
        features = dict(dense)
        for name, value in ngram_vector(signals.tokens.words).items():
            features[name] = value * model.ngram_scale
        for name, value in features.items():
            row = model.weights.get(name)
            if row is not None:
                for k, weight in enumerate(row):
                    expected[k] += weight * value
        got = model.logits(dense, signals.tokens.words)
        assert all(math.isclose(a, b, abs_tol=1e-9) for a, b in zip(got, expected, strict=True))


def test_language_shortcut_agrees_with_full_scoring() -> None:
    for text in _texts():
        signals = analyse(text)
        scores = language_scores(text, signals.tokens.words)
        for lang, votes in signals.language_votes.items():
            scores[lang] += 0.5 * votes
        best = max(LANGUAGES, key=lambda lang: (scores[lang], lang == "en"))
        expected = best if scores[best] > 0 else "en"
        assert detect(text, signals.tokens.words, signals.language_votes) == expected


def test_pruning_drops_tiny_ngram_weights_but_keeps_every_lexicon_feature() -> None:
    rows = load_jsonl(TRAIN_PATH)[:150]
    loose = build_model(rows, TrainingConfig(epochs=3, prune_ngram_below=1e-3))
    strict = build_model(rows, TrainingConfig(epochs=3))
    assert len(strict.weights) < len(loose.weights)
    dense = {n for n in loose.weights if n[:2] not in ("w:", "s:", "c:", "b:")}
    assert dense <= set(strict.weights)
    assert all(
        max(map(abs, row)) >= TrainingConfig().prune_ngram_below
        for name, row in strict.weights.items()
        if name not in dense
    )


def test_one_pass_scores_equal_the_category_and_flag_models_scored_apart() -> None:
    model = get_model()
    scorer = model.flag_scorer()
    assert scorer is not None
    for text in _texts():
        signals = analyse(text)
        dense = dense_vector(signals, [])
        flag_dense = {"bias": 1.0, "lex:retaliation": 0.7}
        logits, margins = model.logits_and_flag_margins(dense, flag_dense, signals.tokens.words)
        apart = model.logits(dense, signals.tokens.words)
        flag_apart = scorer.logits(flag_dense, signals.tokens.words)
        assert all(math.isclose(a, b, abs_tol=1e-9) for a, b in zip(logits, apart, strict=True))
        assert all(
            math.isclose(a, b, abs_tol=1e-9) for a, b in zip(margins, flag_apart, strict=True)
        )
