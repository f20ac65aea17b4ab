"""Urgency flags from the text (lexicon rules, then the flag models) and the form's answers.

Recall comes first (a false alarm costs a minute, a miss can cost a child): a form answer of
"yes" always sets its flag, and a "no" does not clear a flag the text supports, because a
frightened reporter may click past the question.
"""

import math
from dataclasses import dataclass

from classification.features import flag_dense_vector, token_features
from classification.model import LinearModel
from classification.signals import Signals
from classification.taxonomy import Flag
from classification.text import CLAUSE, SENTENCE

# Lexicon weights: 3 is a cue that settles the flag alone, lighter cues must add up.
_THRESHOLD = {
    Flag.MINOR_INVOLVED: 2.0,
    Flag.IMMEDIATE_DANGER: 3.0,
    Flag.RETALIATION: 3.0,
}
# A report of raising a concern and a punishment this close together (in tokens) is read as
# retaliation: "I told the board in March. In April my contract was not renewed."
_RETALIATION_WINDOW = 45
# Log-odds (0 is even odds) at which a flag model sets its flag without the lexicon rules,
# and below which it overrules them. Chosen by cross-validation on the training set, recall
# first (README, "Flag models"): the child flag is never added by the model alone, and only
# a model nearly sure there is no child (odds under 1 in 150) clears a rule's child flag.
MODEL_ADDS_AT = {Flag.IMMEDIATE_DANGER.value: -3.0, Flag.RETALIATION.value: -2.0}
MODEL_CLEARS_BELOW = {Flag.MINOR_INVOLVED.value: -5.0}
# Words after a report act that introduce what was reported ("complained that...").
_CONTENT_MARKERS = frozenset({"that", "about", "que", "qu", "sobre"})


@dataclass(frozen=True)
class FormAnswers:
    """Answers to the intake form's urgency questions; None means not answered."""

    child_involved: bool | None = None
    danger_now: bool | None = None
    retaliation_feared: bool | None = None


@dataclass(frozen=True)
class FlagResult:
    """The flags set, in taxonomy order, and the evidence for each."""

    flags: list[str]
    evidence: dict[str, list[str]]


def _text_score(signals: Signals, group: str) -> tuple[float, list[str]]:
    """Sum of distinct non-negated cues of `group` and their quotes."""
    seen: set[str] = set()
    total = 0.0
    quotes: list[str] = []
    for hit in signals.hits.get(group, []):
        if hit.negated or hit.entry.weight <= 0 or hit.entry.source in seen:
            continue
        seen.add(hit.entry.source)
        total += hit.entry.weight
        if hit.quote not in quotes:
            quotes.append(hit.quote)
    return total, quotes


def _retaliation_pairs(signals: Signals) -> list[str]:
    """Quotes of a concern raised followed closely by a punishment or abuse."""
    acts = [h for h in signals.hits.get("report_act", []) if not h.negated and h.entry.weight > 0]
    if not acts:
        return []
    # "Not renewed", "no longer invited": for punishments, negation is part of the meaning.
    consequences = list(signals.hits.get("punishment", []))
    # Abuse or a threat to safety right after a concern was raised also counts.
    for group in ("abusive_behaviour", "immediate_danger"):
        consequences += [
            h for h in signals.hits.get(group, []) if not h.negated and h.entry.weight >= 2
        ]
    words = signals.tokens.words
    for act in acts:
        # "Participants complained that he shouts": what follows "that" is what the
        # complaint was about, not a punishment for it, up to the end of the clause.
        content_until = act.end
        if words[act.end : act.end + 1] and words[act.end] in _CONTENT_MARKERS:
            content_until = next(
                (i for i in range(act.end, len(words)) if words[i] in (SENTENCE, CLAUSE)),
                len(words),
            )
        for consequence in consequences:
            distance = consequence.start - act.start
            if act.end <= consequence.start < content_until:
                continue
            if act.end <= consequence.start and distance <= _RETALIATION_WINDOW:
                return [act.quote, consequence.quote]
            if -15 <= distance < 0 and consequence.end <= act.start:
                return [consequence.quote, act.quote]
    return []


def detect_flags(
    signals: Signals,
    answers: FormAnswers | None,
    model: LinearModel | None = None,
    margins: list[float] | None = None,
) -> FlagResult:
    """Decide the urgency flags from lexicon signals, form answers and the flag models.

    A flag is set by a "yes" on the form, by the lexicon rules, or by its flag model when
    the model is sure enough (MODEL_ADDS_AT); the model's evidence is the words and word
    pairs of the text that weighed most towards the flag. `margins` are the flag scorer's
    log-odds when the caller has computed them already (classifier.py).
    """
    form = answers or FormAnswers()
    answered = {
        Flag.MINOR_INVOLVED: (form.child_involved, "form: a child is involved"),
        Flag.IMMEDIATE_DANGER: (form.danger_now, "form: someone is in danger now"),
        Flag.RETALIATION: (form.retaliation_feared, "form: retaliation is feared"),
    }
    from_text = rule_reasons(signals)
    if model is not None:
        from_text = _with_model(signals, model, from_text, margins)
    evidence: dict[str, list[str]] = {}
    for flag in Flag:
        reasons = from_text.get(flag.value, [])
        answer, label = answered[flag]
        if answer:
            reasons = [label, *reasons]
        if reasons:
            evidence[flag.value] = reasons[:6]
    flags: list[str] = [flag.value for flag in Flag if flag.value in evidence]
    return FlagResult(flags, evidence)


def rule_reasons(signals: Signals) -> dict[str, list[str]]:
    """Quotes behind each flag the lexicon rules set."""
    reasons: dict[str, list[str]] = {}
    for flag in Flag:
        score, quotes = _text_score(signals, flag.value)
        if flag is Flag.RETALIATION and score < _THRESHOLD[flag]:
            pair = _retaliation_pairs(signals)
            if pair:
                score = _THRESHOLD[flag]
                quotes = [*quotes, *pair]
        if score >= _THRESHOLD[flag] and quotes:
            reasons[flag.value] = quotes
    return reasons


def _with_model(
    signals: Signals,
    model: LinearModel,
    by_rule: dict[str, list[str]],
    margins: list[float] | None,
) -> dict[str, list[str]]:
    """The rule flags, less those a flag model overrules, plus those it sets on its own."""
    scorer = model.flag_scorer()
    if scorer is None:
        return by_rule
    if margins is None:
        rule_flags: list[str] = [flag.value for flag in Flag if flag.value in by_rule]
        margins = scorer.logits(flag_dense_vector(signals, rule_flags), signals.tokens.words)
    reasons: dict[str, list[str]] = {}
    for column, flag in enumerate(scorer.classes):
        margin = margins[column]
        if flag in by_rule:
            if margin >= MODEL_CLEARS_BELOW.get(flag, -math.inf):
                reasons[flag] = by_rule[flag]
            continue
        if margin >= MODEL_ADDS_AT.get(flag, math.inf):
            # A flag is only suggested with words of the report to show for it.
            quotes = _model_quotes(signals, scorer, column)
            if quotes:
                reasons[flag] = quotes
    return reasons


def _model_quotes(signals: Signals, scorer: LinearModel, column: int) -> list[str]:
    """The two words or word pairs of the text that push `column` up the most."""
    words = signals.tokens.words
    scored: list[tuple[float, int, int]] = []
    for i, word in enumerate(words):
        if word in (SENTENCE, CLAUSE):
            continue
        weight = 0.0
        for name in token_features(word, chars=False):
            row = scorer.weights.get(name)
            if row is not None:
                weight += row[column]
        scored.append((weight, i, i + 1))
        if i + 1 < len(words) and words[i + 1] not in (SENTENCE, CLAUSE):
            row = scorer.weights.get(f"b:{word}_{words[i + 1]}")
            if row is not None:
                scored.append((weight + row[column], i, i + 2))
    quotes: list[str] = []
    for weight, start, end in sorted(scored, key=lambda s: (-s[0], s[1])):
        quote = signals.tokens.quote(start, end)
        if weight <= 0 or len(quotes) == 2:
            break
        if not any(quote in q or q in quote for q in quotes):
            quotes.append(quote)
    return quotes
