"""Urgency flags from the text and from the intake form's answers.

Recall comes first (a false alarm costs a minute, a miss can cost a child): a form answer of
"yes" always sets its flag, and a "no" does not clear a flag the text supports, because a
frightened reporter may click past the question.
"""

from dataclasses import dataclass

from classification.signals import Signals
from classification.taxonomy import Flag

# Lexicon weights: 3 is a cue that settles the flag alone, lighter cues must add up.
_THRESHOLD = {
    Flag.MINOR_INVOLVED: 2.0,
    Flag.IMMEDIATE_DANGER: 3.0,
    Flag.RETALIATION: 3.0,
}
# A report of raising a concern and a punishment this close together (in tokens) is read as
# retaliation: "I told the board in March. In April my contract was not renewed."
_RETALIATION_WINDOW = 45


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
    acts = [h for h in signals.hits.get("report_act", []) if not h.negated]
    if not acts:
        return []
    # "Not renewed", "no longer invited": for punishments, negation is part of the meaning.
    consequences = list(signals.hits.get("punishment", []))
    # Abuse or a threat to safety right after a concern was raised also counts.
    for group in ("abusive_behaviour", "immediate_danger"):
        consequences += [
            h for h in signals.hits.get(group, []) if not h.negated and h.entry.weight >= 2
        ]
    for act in acts:
        for consequence in consequences:
            distance = consequence.start - act.start
            if act.end <= consequence.start and distance <= _RETALIATION_WINDOW:
                return [act.quote, consequence.quote]
            if -15 <= distance < 0 and consequence.end <= act.start:
                return [consequence.quote, act.quote]
    return []


def detect_flags(signals: Signals, answers: FormAnswers | None) -> FlagResult:
    """Decide the urgency flags from lexicon signals and form answers."""
    evidence: dict[str, list[str]] = {}
    form = answers or FormAnswers()
    answered = {
        Flag.MINOR_INVOLVED: (form.child_involved, "form: a child is involved"),
        Flag.IMMEDIATE_DANGER: (form.danger_now, "form: someone is in danger now"),
        Flag.RETALIATION: (form.retaliation_feared, "form: retaliation is feared"),
    }
    for flag in Flag:
        score, quotes = _text_score(signals, flag.value)
        if flag is Flag.RETALIATION and score < _THRESHOLD[flag]:
            pair = _retaliation_pairs(signals)
            if pair:
                score = _THRESHOLD[flag]
                quotes = [*quotes, *pair]
        reasons = quotes if score >= _THRESHOLD[flag] else []
        answer, label = answered[flag]
        if answer:
            reasons = [label, *reasons]
        if reasons:
            evidence[flag.value] = reasons[:6]
    flags: list[str] = [flag.value for flag in Flag if flag.value in evidence]
    return FlagResult(flags, evidence)
