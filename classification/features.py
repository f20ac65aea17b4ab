"""Features for the linear model: lexicon summaries plus word and character n-grams.

The lexicon features carry most of the weight and are what generalises to vocabulary the
training set never saw; the n-grams add what the lexicon misses (style, inflections, typos).
Distinct words and pairs are counted, scaled by 1/sqrt(count), so long rambling reports and
one-liners land on the same scale. Inference (model.py) computes the same vector token by
token, with a cache.
"""

import math
from itertools import pairwise

from classification.signals import Signals
from classification.taxonomy import CATEGORIES, FLAGS, Category
from classification.text import CLAUSE, SENTENCE

_MISCONDUCT = tuple(c for c in CATEGORIES if c != Category.OTHER)
SHORT_TEXT = 12
LONG_TEXT = 150


def char_ngrams(word: str) -> list[str]:
    """Character 3- to 5-grams of a word with boundary marks (e.g. "<vio", "ol>")."""
    padded = f"<{word}>"
    grams: list[str] = []
    for size in (3, 4, 5):
        grams.extend(padded[i : i + size] for i in range(len(padded) - size + 1))
    return grams


# Inflection endings of en/fr/es/pt (folded, longest first). Stripping them maps "harcelait",
# "harcelement" and "harceler", or "borracho" and "borrachos", onto one stem feature, so a
# form the training set never saw still shares a weight with one it did.
_SUFFIXES = tuple(
    sorted(
        {
            "ations",
            "ation",
            "ements",
            "ement",
            "mente",
            "ments",
            "ment",
            "ness",
            "ings",
            "ing",
            "ied",
            "ies",
            "ed",
            "ly",
            "ers",
            "er",
            "es",
            "s",
            "aient",
            "ait",
            "ais",
            "ant",
            "ees",
            "ee",
            "ez",
            "ions",
            "ons",
            "eurs",
            "euse",
            "eur",
            "ciones",
            "cion",
            "coes",
            "cao",
            "ando",
            "endo",
            "iendo",
            "ados",
            "adas",
            "ado",
            "ada",
            "idos",
            "idas",
            "ido",
            "ida",
            "aban",
            "aba",
            "ava",
            "avam",
            "ar",
            "ir",
            "os",
            "as",
            "a",
            "o",
            "e",
            "inho",
            "inha",
            "ito",
            "ita",
        },
        key=lambda x: (-len(x), x),
    )
)
_MIN_STEM = 4


def stem(word: str) -> str:
    """A crude stem: the word without its longest known ending, keeping 4+ letters."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= _MIN_STEM:
            return word[: -len(suffix)]
    return word


def token_features(word: str, *, chars: bool = True) -> list[str]:
    """The n-gram features one word token contributes (unigram, stem and char n-grams)."""
    if not chars:
        return [f"w:{word}", f"s:{stem(word)}"]
    return [f"w:{word}", f"s:{stem(word)}", *(f"c:{g}" for g in char_ngrams(word))]


def bigrams(words: list[str]) -> list[str]:
    """Adjacent word pairs that do not straddle a sentence or clause boundary."""
    pairs: list[str] = []
    for left, right in pairwise(words):
        if left in (SENTENCE, CLAUSE) or right in (SENTENCE, CLAUSE):
            continue
        pairs.append(f"b:{left}_{right}")
    return pairs


def content_words(words: list[str]) -> list[str]:
    """Word tokens without boundary markers."""
    return [w for w in words if w not in (SENTENCE, CLAUSE)]


def word_count(words: list[str]) -> int:
    """Number of word tokens (boundary markers left out)."""
    return len(words) - words.count(SENTENCE) - words.count(CLAUSE)


def distinct(items: list[str]) -> list[str]:
    """Items without repeats, first occurrence order."""
    return list(dict.fromkeys(items))


def ngram_vector(words: list[str], *, chars: bool = True) -> dict[str, float]:
    """Scaled n-gram counts of one text's distinct words and pairs (training-time form).

    Counting each distinct word once keeps a report pasted twenty times, or a long one
    repeating its key word, on the same scale as a short one. Without `chars`, only whole
    words, stems and pairs count: the flag models use that form, so that each feature can
    be quoted back as evidence.
    """
    counts: dict[str, float] = {}
    for word in distinct(content_words(words)):
        for feature in token_features(word, chars=chars):
            counts[feature] = counts.get(feature, 0.0) + 1.0
    for pair in distinct(bigrams(words)):
        counts[pair] = counts.get(pair, 0.0) + 1.0
    total = sum(counts.values())
    if total == 0:
        return {}
    scale = 1.0 / math.sqrt(total)
    return {name: value * scale for name, value in counts.items()}


def dense_vector(signals: Signals, flags: list[str]) -> dict[str, float]:
    """Lexicon and shape features of one text."""
    features: dict[str, float] = {"bias": 1.0}
    for category in CATEGORIES:
        score = signals.score(category)
        if score:
            features[f"lex:{category}"] = math.log1p(score)
        denied = signals.negated.get(category, 0.0)
        if denied:
            features[f"neg:{category}"] = math.log1p(denied)
    misconduct = [signals.score(c) for c in _MISCONDUCT]
    total = sum(misconduct)
    if total:
        features["lex:total"] = math.log1p(total)
        best = max(range(len(_MISCONDUCT)), key=lambda i: misconduct[i])
        features[f"top:{_MISCONDUCT[best]}"] = 1.0
        features["share:top"] = misconduct[best] / total
    else:
        features["lex:none"] = 1.0
    for flag in flags:
        features[f"flag:{flag}"] = 1.0
    # How often the report names a behaviour outright (weight-3 cues), and what it speaks
    # of in its first third: a long report's main concern is usually named, and early.
    opening = max(12, len(signals.tokens.words) // 3)
    for category in _MISCONDUCT:
        hits = [h for h in signals.hits.get(category, []) if not h.negated and h.entry.weight > 0]
        named = sum(1 for h in hits if h.entry.weight >= 3)
        if named:
            features[f"named:{category}"] = math.log1p(named)
        early = sum(h.entry.weight for h in hits if h.start < opening)
        if early:
            features[f"early:{category}"] = math.log1p(early)
    n_words = word_count(signals.tokens.words)
    if n_words < SHORT_TEXT:
        features["shape:short"] = 1.0
    elif n_words > LONG_TEXT:
        features["shape:long"] = 1.0
    if "?" in signals.tokens.text:
        features["shape:question"] = 1.0
    return features


# Cue groups the flag models read, besides the categories.
_FLAG_GROUPS = (*FLAGS, "report_act", "punishment")


def flag_dense_vector(signals: Signals, rule_flags: list[str]) -> dict[str, float]:
    """Lexicon features of one text for the flag models (flags.py)."""
    features: dict[str, float] = {"bias": 1.0}
    for group in (*CATEGORIES, *_FLAG_GROUPS):
        score = signals.score(group)
        if score:
            features[f"lex:{group}"] = math.log1p(score)
        denied = signals.negated.get(group, 0.0)
        if denied:
            features[f"neg:{group}"] = math.log1p(denied)
    for flag in rule_flags:
        features[f"rule:{flag}"] = 1.0
    n_words = word_count(signals.tokens.words)
    if n_words < SHORT_TEXT:
        features["shape:short"] = 1.0
    elif n_words > LONG_TEXT:
        features["shape:long"] = 1.0
    return features
