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
from pathlib import Path

from classification.features import bigrams, content_words, distinct, token_features

MODEL_VERSION = 1


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
    prune_below: float = 1e-3


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
    _token_cache: dict[str, tuple[list[float], int]] = field(default_factory=dict)

    def _token(self, word: str) -> tuple[list[float], int]:
        cached = self._token_cache.get(word)
        if cached is not None:
            return cached
        total = [0.0] * len(self.classes)
        features = token_features(word)
        for name in features:
            row = self.weights.get(name)
            if row is not None:
                for k, value in enumerate(row):
                    total[k] += value
        result = (total, len(features))
        if len(self._token_cache) < 200_000:
            self._token_cache[word] = result
        return result

    def logits(self, dense: dict[str, float], words: list[str]) -> list[float]:
        """Raw class scores; equal to the training-time dot product with ngram_vector()."""
        size = len(self.classes)
        out = [0.0] * size
        for name, value in dense.items():
            row = self.weights.get(name)
            if row is not None:
                for k in range(size):
                    out[k] += row[k] * value
        ngram = [0.0] * size
        count = 0
        for word in distinct(content_words(words)):
            contribution, n = self._token(word)
            count += n
            for k in range(size):
                ngram[k] += contribution[k]
        for pair in distinct(bigrams(words)):
            count += 1
            row = self.weights.get(pair)
            if row is not None:
                for k in range(size):
                    ngram[k] += row[k]
        if count:
            scale = self.ngram_scale / math.sqrt(count)
            for k in range(size):
                out[k] += ngram[k] * scale
        return out

    def to_json(self) -> str:
        """Deterministic JSON form (sorted keys, rounded weights)."""
        payload = {
            "version": MODEL_VERSION,
            "classes": self.classes,
            "ngram_scale": self.ngram_scale,
            "weights": {name: self.weights[name] for name in sorted(self.weights)},
        }
        return json.dumps(payload, separators=(",", ":"), sort_keys=True) + "\n"

    @classmethod
    def load(cls, path: Path) -> "LinearModel":
        """Read a model written by to_json()."""
        payload = json.loads(path.read_text(encoding="utf-8"))
        if payload.get("version") != MODEL_VERSION:
            raise ValueError(f"unsupported model version in {path}")
        return cls(
            classes=list(payload["classes"]),
            weights={k: [float(x) for x in v] for k, v in payload["weights"].items()},
            ngram_scale=float(payload["ngram_scale"]),
        )


def softmax(logits: Sequence[float]) -> list[float]:
    """Probabilities from raw scores, numerically stable."""
    top = max(logits)
    exps = [math.exp(z - top) for z in logits]
    total = sum(exps)
    return [e / total for e in exps]


def train(examples: list[Example], classes: list[str], config: TrainingConfig) -> LinearModel:
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
    weights: dict[str, list[float]] = {}
    rng = random.Random(config.seed)  # noqa: S311 - a seeded shuffle, not a secret
    order = list(range(len(rows)))
    for epoch in range(config.epochs):
        rng.shuffle(order)
        rate = config.learning_rate / (1.0 + 0.5 * epoch)
        for index in order:
            features, target = rows[index]
            logits = [0.0] * size
            for name, value, _ in features:
                row = weights.get(name)
                if row is not None:
                    for k in range(size):
                        logits[k] += row[k] * value
            probs = softmax(logits)
            gradient = [probs[k] - target[k] for k in range(size)]
            for name, value, l2 in features:
                row = weights.setdefault(name, [0.0] * size)
                for k in range(size):
                    row[k] -= rate * (gradient[k] * value + l2 * row[k])
    pruned = {
        name: [round(w, 4) for w in row]
        for name, row in weights.items()
        if max(abs(w) for w in row) >= config.prune_below
    }
    return LinearModel(classes=list(classes), weights=pruned, ngram_scale=config.ngram_scale)
