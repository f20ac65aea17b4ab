"""A multinomial logistic regression over lexicon and n-gram features, stored as JSON.

Training is plain SGD with a fixed seed and a fixed number of epochs, so the same training
file always yields the same model file. The model is small (weights rounded, near-zero ones
dropped) and loads in well under a second.
"""

import json
import math
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any

from classification.features import token_features
from classification.text import CLAUSE, SENTENCE

MODEL_VERSION = 2
# Distinct words seen by one process; each entry is a few hundred bytes.
TOKEN_CACHE_SIZE = 200_000
_BOUNDARIES = frozenset({SENTENCE, CLAUSE})
_TOKEN_PREFIXES = frozenset({"w:", "s:", "c:"})


@dataclass(frozen=True)
class TrainingConfig:
    """Hyper-parameters, chosen by cross-validation on the training set (see README)."""

    epochs: int = 12
    learning_rate: float = 0.5
    l2_dense: float = 1e-4
    l2_ngram: float = 1e-3
    ngram_scale: float = 3.0
    min_df: int = 2
    seed: int = 20240611
    # After training, a feature whose largest weight is below this is dropped. An n-gram
    # weight of 0.05 moves a logit by about 0.003 in a report of 100 words, and cutting
    # them left cross-validation unchanged while the model lost a quarter of its features.
    prune_dense_below: float = 1e-3
    prune_ngram_below: float = 0.05


@dataclass
class Example:
    """One training example in feature form, with a soft target over classes."""

    dense: dict[str, float]
    ngrams: dict[str, float]
    target: list[float]


@dataclass
class LinearModel:
    """Weights per feature and class; scores texts from dense features and tokens."""

    classes: list[str]
    weights: dict[str, list[float]]
    ngram_scale: float = 1.0
    # Character n-grams are part of the token features (the category model), or not (the
    # flag models, whose features are quoted back as evidence).
    char_ngrams: bool = True
    # One yes/no model per urgency flag (flags.py), trained with the category model.
    flag_models: dict[str, "LinearModel"] = field(default_factory=dict)
    _flag_scorer: "LinearModel | None" = None
    _joint: "_Joint | None" = None
    _token_cache: dict[str, tuple[list[float], int]] = field(default_factory=dict)
    _pairs: dict[tuple[str, str], list[float]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # Bigram weights keyed by the word pair itself, so scoring a text builds no strings.
        for name, row in self.weights.items():
            if name.startswith("b:"):
                left, _, right = name[2:].partition("_")
                self._pairs[(left, right)] = row

    def _token(self, word: str) -> tuple[list[float], int]:
        """Summed weights of one word's n-gram features and how many features it has."""
        features = token_features(word, chars=self.char_ngrams)
        weights = self.weights
        rows = [row for row in map(weights.get, features) if row is not None]
        total = [float(sum(column)) for column in zip(*rows, strict=True)] if rows else []
        result = (total or [0.0] * len(self.classes), len(features))
        if len(self._token_cache) < TOKEN_CACHE_SIZE:
            self._token_cache[word] = result
        return result

    def logits(self, dense: dict[str, float], words: list[str]) -> list[float]:
        """Raw class scores; equal to the training-time dot product with ngram_vector()."""
        size = len(self.classes)
        weights = self.weights
        out = [0.0] * size
        for name, value in dense.items():
            row = weights.get(name)
            if row is not None:
                for k in range(size):
                    out[k] += row[k] * value
        # Rows are summed column by column in the order the training-time vector adds them.
        rows: list[list[float]] = []
        count = 0
        cache = self._token_cache
        for word in dict.fromkeys(words):
            if word in _BOUNDARIES:
                continue
            cached = cache.get(word)
            contribution, n = cached if cached is not None else self._token(word)
            count += n
            rows.append(contribution)
        pairs = self._pairs
        for pair in dict.fromkeys(pairwise(words)):
            if pair[0] in _BOUNDARIES or pair[1] in _BOUNDARIES:
                continue
            count += 1
            row = pairs.get(pair)
            if row is not None:
                rows.append(row)
        if count:
            scale = self.ngram_scale / math.sqrt(count)
            for k, column in enumerate(zip(*rows, strict=True)):
                out[k] += sum(column) * scale
        return out

    def flag_scorer(self) -> "LinearModel | None":
        """The flag models folded into one pass: per flag, each feature's yes-minus-no weight.

        Its logits are the log-odds of each flag, so one scan of the tokens serves all three.
        """
        if not self.flag_models:
            return None
        if self._flag_scorer is None:
            flags = sorted(self.flag_models)
            weights: dict[str, list[float]] = {}
            for column, flag in enumerate(flags):
                model = self.flag_models[flag]
                yes, no = model.classes.index("yes"), model.classes.index("no")
                for name, row in model.weights.items():
                    weights.setdefault(name, [0.0] * len(flags))[column] = row[yes] - row[no]
            first = self.flag_models[flags[0]]
            self._flag_scorer = LinearModel(
                flags, weights, ngram_scale=first.ngram_scale, char_ngrams=first.char_ngrams
            )
        return self._flag_scorer

    def _joint_tables(self, scorer: "LinearModel") -> "_Joint":
        """Word and pair weights of the category model and the flag scorer side by side."""
        if self._joint is None:
            size, extra = len(self.classes), len(scorer.classes)
            words: dict[str, list[float]] = {}
            pairs: dict[tuple[str, str], list[float]] = {}
            for name, row in self.weights.items():
                if name[:2] in _TOKEN_PREFIXES:
                    words[name] = [*row, *([0.0] * extra)]
            for name, row in scorer.weights.items():
                if name[:2] in _TOKEN_PREFIXES:
                    words.setdefault(name, [0.0] * (size + extra))[size:] = row
            for pair, row in self._pairs.items():
                pairs[pair] = [*row, *([0.0] * extra)]
            for pair, row in scorer._pairs.items():
                pairs.setdefault(pair, [0.0] * (size + extra))[size:] = row
            self._joint = _Joint(size + extra, words, pairs, {})
        return self._joint

    def logits_and_flag_margins(
        self, dense: dict[str, float], flag_dense: dict[str, float], words: list[str]
    ) -> tuple[list[float], list[float]]:
        """`logits(dense, words)` and `flag_scorer().logits(flag_dense, words)` in one pass.

        Both models read the same words and pairs, so each word's weights are looked up
        once, side by side; the two n-gram blocks keep their own counts and scales.
        """
        scorer = self.flag_scorer()
        if scorer is None:
            return self.logits(dense, words), []
        joint = self._joint_tables(scorer)
        size = len(self.classes)
        out = self.logits(dense, [])
        flag_out = scorer.logits(flag_dense, [])
        rows: list[list[float]] = []
        n_features = n_words = n_pairs = 0
        cache = joint.cache
        for word in dict.fromkeys(words):
            if word in _BOUNDARIES:
                continue
            cached = cache.get(word)
            if cached is None:
                cached = _joint_token(word, joint)
            rows.append(cached[0])
            n_features += cached[1]
            n_words += 1
        pairs = joint.pairs
        for pair in dict.fromkeys(pairwise(words)):
            if pair[0] in _BOUNDARIES or pair[1] in _BOUNDARIES:
                continue
            n_pairs += 1
            row = pairs.get(pair)
            if row is not None:
                rows.append(row)
        if rows:
            sums = [sum(column) for column in zip(*rows, strict=True)]
            scale = self.ngram_scale / math.sqrt(n_features + n_pairs)
            for k in range(size):
                out[k] += sums[k] * scale
            # The flag models count two features a word (the word and its stem).
            scale = scorer.ngram_scale / math.sqrt(2 * n_words + n_pairs)
            for k in range(len(flag_out)):
                flag_out[k] += sums[size + k] * scale
        return out, flag_out

    def _payload(self) -> dict[str, Any]:
        payload: dict[str, Any] = {
            "classes": self.classes,
            "ngram_scale": self.ngram_scale,
            "char_ngrams": self.char_ngrams,
            "weights": {name: self.weights[name] for name in sorted(self.weights)},
        }
        if self.flag_models:
            payload["flag_models"] = {
                flag: model._payload() for flag, model in sorted(self.flag_models.items())
            }
        return payload

    def to_json(self) -> str:
        """Deterministic JSON form (sorted keys, rounded weights)."""
        payload = {"version": MODEL_VERSION, **self._payload()}
        return json.dumps(payload, separators=(",", ":"), sort_keys=True) + "\n"

    @classmethod
    def _from_payload(cls, payload: dict[str, Any]) -> "LinearModel":
        return cls(
            classes=list(payload["classes"]),
            # to_json() writes every weight as a float, so the lists are used as parsed.
            weights=payload["weights"],
            ngram_scale=float(payload["ngram_scale"]),
            char_ngrams=bool(payload.get("char_ngrams", True)),
            flag_models={
                flag: cls._from_payload(sub)
                for flag, sub in payload.get("flag_models", {}).items()
            },
        )

    @classmethod
    def load(cls, path: Path) -> "LinearModel":
        """Read a model written by to_json()."""
        payload = json.loads(path.read_text(encoding="utf-8"))
        if payload.get("version") != MODEL_VERSION:
            raise ValueError(f"unsupported model version in {path}")
        return cls._from_payload(payload)


@dataclass
class _Joint:
    """Side-by-side weights of the category model and the flag scorer, with a word cache."""

    width: int
    words: dict[str, list[float]]
    pairs: dict[tuple[str, str], list[float]]
    cache: dict[str, tuple[list[float], int]]


def _joint_token(word: str, joint: _Joint) -> tuple[list[float], int]:
    features = token_features(word)
    rows = [row for row in map(joint.words.get, features) if row is not None]
    if rows:
        total = [float(sum(column)) for column in zip(*rows, strict=True)]
    else:
        total = [0.0] * joint.width
    result = (total, len(features))
    if len(joint.cache) < TOKEN_CACHE_SIZE:
        joint.cache[word] = result
    return result


def softmax(logits: Sequence[float]) -> list[float]:
    """Probabilities from raw scores, numerically stable."""
    top = max(logits)
    exps = [math.exp(z - top) for z in logits]
    total = sum(exps)
    return [e / total for e in exps]


def train(
    examples: list[Example], classes: list[str], config: TrainingConfig, *, chars: bool = True
) -> LinearModel:
    """Fit the model by SGD; deterministic for a given example order, config and seed."""
    size = len(classes)
    doc_freq: dict[str, int] = {}
    for example in examples:
        for name in example.ngrams:
            doc_freq[name] = doc_freq.get(name, 0) + 1
    kept = {name for name, df in doc_freq.items() if df >= config.min_df}
    rows: list[tuple[list[tuple[str, float, float]], list[float]]] = []
    for example in examples:
        features = [(n, v, config.l2_dense) for n, v in sorted(example.dense.items())]
        features += [
            (n, v * config.ngram_scale, config.l2_ngram)
            for n, v in sorted(example.ngrams.items())
            if n in kept
        ]
        rows.append((features, example.target))
    # Every feature's row exists from the start, and each example holds its rows directly:
    # the loop then does no dictionary look-ups. A zero row adds nothing to a logit, so this
    # computes exactly what creating rows on first update would.
    weights: dict[str, list[float]] = {}
    prepared = [
        ([(weights.setdefault(n, [0.0] * size), v, l2) for n, v, l2 in features], target)
        for features, target in rows
    ]
    rng = random.Random(config.seed)  # noqa: S311 - a seeded shuffle, not a secret
    order = list(range(len(prepared)))
    classes_range = range(size)
    for epoch in range(config.epochs):
        rng.shuffle(order)
        rate = config.learning_rate / (1.0 + 0.5 * epoch)
        for index in order:
            entries, target = prepared[index]
            logits = [0.0] * size
            for row, value, _ in entries:
                for k in classes_range:
                    logits[k] += row[k] * value
            probs = softmax(logits)
            gradient = [probs[k] - target[k] for k in classes_range]
            for row, value, l2 in entries:
                for k in classes_range:
                    row[k] -= rate * (gradient[k] * value + l2 * row[k])
    dense_names = {name for example in examples for name in example.dense}
    pruned = {
        name: [round(w, 4) for w in row]
        for name, row in weights.items()
        if max(abs(w) for w in row)
        >= (config.prune_dense_below if name in dense_names else config.prune_ngram_below)
    }
    return LinearModel(
        classes=list(classes), weights=pruned, ngram_scale=config.ngram_scale, char_ngrams=chars
    )
