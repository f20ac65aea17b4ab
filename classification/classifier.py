"""classify(): categories ranked with scores, urgency flags, language and evidence."""

import threading
from dataclasses import dataclass, field
from pathlib import Path

from classification.features import dense_vector, flag_dense_vector
from classification.flags import FormAnswers, detect_flags, rule_reasons
from classification.language import detect
from classification.model import LinearModel, softmax
from classification.signals import Signals, analyse
from classification.taxonomy import CATEGORIES, FLAGS, LANGUAGES, Category, Flag

MODEL_PATH = Path(__file__).with_name("model.json")
# Longer inputs are cut: the first pages of a report say what it is about, and this bounds
# the time a single pasted document can take.
MAX_CHARS = 20_000

_lock = threading.Lock()
_model: LinearModel | None = None


@dataclass(frozen=True)
class Classification:
    """The classifier's suggestion for one report (a person confirms it)."""

    labels: list[str]
    scores: dict[str, float]
    flags: list[str]
    language: str
    evidence: dict[str, list[str]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, object]:
        """JSON-serialisable form."""
        return {
            "labels": list(self.labels),
            "scores": dict(self.scores),
            "flags": list(self.flags),
            "language": self.language,
            "evidence": {k: list(v) for k, v in self.evidence.items()},
        }


def get_model() -> LinearModel:
    """The model, loaded once per process on first use."""
    global _model  # noqa: PLW0603 - a module-level lazy cache is the point
    if _model is None:
        with _lock:
            if _model is None:
                _model = LinearModel.load(MODEL_PATH)
    return _model


def _apply_conventions(signals: Signals, flags: list[str], probs: dict[str, float]) -> None:
    """Labelling conventions a linear model cannot express (shared/data/README.md).

    When a report describes misconduct and retaliation for raising it, the misconduct is
    primary and abusive behaviour secondary: move the underlying category to the top.
    """
    if Flag.RETALIATION not in flags:
        return
    abusive = Category.ABUSIVE_BEHAVIOUR.value
    ranked = sorted(probs, key=lambda c: -probs[c])
    if ranked[0] != abusive:
        return
    underlying = [
        c
        for c in ranked[1:4]
        if c not in (abusive, Category.OTHER.value) and signals.score(c) >= 3.0
    ]
    if underlying:
        best = underlying[0]
        probs[best], probs[abusive] = probs[abusive], probs[best]


def classify(
    text: str,
    answers: FormAnswers | None = None,
    lang: str | None = None,
    *,
    model: LinearModel | None = None,
) -> Classification:
    """Classify one report's text, using the intake form's answers for the flags.

    `lang` overrides language detection when it is one of en/fr/es/pt.
    """
    body = (text or "")[:MAX_CHARS]
    signals = analyse(body)
    linear = model if model is not None else get_model()
    # The category model reads the rule flags (and, at run time, the form's), the flag models
    # the rule flags of the text; the flag models then add to, or clear, the result.
    by_rule = rule_reasons(signals)
    logits, margins = linear.logits_and_flag_margins(
        dense_vector(signals, detect_flags(signals, answers).flags),
        flag_dense_vector(signals, [flag for flag in FLAGS if flag in by_rule]),
        signals.tokens.words,
    )
    flag_result = detect_flags(signals, answers, linear, margins or None)
    language = (
        lang if lang in LANGUAGES else detect(body, signals.tokens.words, signals.language_votes)
    )
    probs = dict(zip(linear.classes, softmax(logits), strict=True))
    _apply_conventions(signals, flag_result.flags, probs)
    labels = sorted(CATEGORIES, key=lambda c: (-probs.get(c, 0.0), CATEGORIES.index(c)))
    scores = {c: round(probs.get(c, 0.0), 4) for c in labels}
    evidence: dict[str, list[str]] = {}
    for category in labels:
        quotes = signals.evidence.get(category)
        if quotes:
            evidence[category] = quotes
    evidence.update(flag_result.evidence)
    return Classification(labels, scores, flag_result.flags, language, evidence)
