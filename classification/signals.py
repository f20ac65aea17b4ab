"""Lexicon signals for one text: a score and evidence per group, with overlaps resolved.

Entries of several languages often match the same words ("fraude" is French, Spanish and
Portuguese). Within a group, the heaviest hit wins a span and overlapping lighter hits are
dropped, so a phrase counts once however many lexicons know it.
"""

from dataclasses import dataclass, field

from classification.lexicon import Hit, Lexicon, default_lexicon
from classification.text import Tokens, tokenize

# A denied category word still says something about the report (the label follows the
# conduct, which is often the category denied), so it keeps part of its weight.
NEGATED_FACTOR = 0.3
MAX_EVIDENCE = 6
REPEAT_FACTOR = 0.5
MAX_REPEATS = 3


@dataclass
class Signals:
    """Everything the lexicon found in one text."""

    tokens: Tokens
    scores: dict[str, float] = field(default_factory=dict)
    negated: dict[str, float] = field(default_factory=dict)
    evidence: dict[str, list[str]] = field(default_factory=dict)
    hits: dict[str, list[Hit]] = field(default_factory=dict)
    language_votes: dict[str, float] = field(default_factory=dict)

    def score(self, group: str) -> float:
        """Total weight of the non-negated hits of `group` (0 if none)."""
        return self.scores.get(group, 0.0)


def _resolve(hits: list[Hit]) -> list[Hit]:
    """Keep the longest hit of each overlapping cluster, then the heaviest, then the earliest.

    Longest first makes specific phrases override their parts, and lets a weight-0 entry
    such as "have children" silence the "children" inside it.
    """
    kept: list[Hit] = []
    taken: set[int] = set()
    for hit in sorted(hits, key=lambda h: (-(h.end - h.start), -h.entry.weight, h.start)):
        span = set(range(hit.start, hit.end))
        if span & taken:
            continue
        taken |= span
        kept.append(hit)
    return sorted(kept, key=lambda h: h.start)


def _damped(hits: list[Hit]) -> float:
    """Total weight where repeats of one entry add little: a pasted document that says
    "receipts" forty times is not forty times more about fraud."""
    counts: dict[str, int] = {}
    total = 0.0
    for hit in hits:
        seen = counts.get(hit.entry.source, 0)
        counts[hit.entry.source] = seen + 1
        if seen < MAX_REPEATS:
            total += hit.entry.weight * (1.0 if seen == 0 else REPEAT_FACTOR)
    return total


def analyse(text: str, lexicon: Lexicon | None = None) -> Signals:
    """Scan `text` with the lexicon and summarise the hits per group."""
    tokens = tokenize(text)
    lex = lexicon if lexicon is not None else default_lexicon()
    by_group: dict[str, list[Hit]] = {}
    votes: dict[str, float] = {}
    spans_by_lang: dict[tuple[int, int], set[str]] = {}
    for hit in lex.scan(tokens):
        by_group.setdefault(hit.entry.group, []).append(hit)
        spans_by_lang.setdefault((hit.start, hit.end), set()).add(hit.entry.lang)
    for langs in spans_by_lang.values():
        # Only a phrase that a single language knows says anything about the language.
        if len(langs) == 1:
            lang = next(iter(langs))
            votes[lang] = votes.get(lang, 0.0) + 1.0
    signals = Signals(tokens, language_votes=votes)
    for group, hits in by_group.items():
        kept = _resolve(hits)
        signals.hits[group] = kept
        positive = _damped([h for h in kept if not h.negated])
        denied = _damped([h for h in kept if h.negated])
        signals.scores[group] = positive
        signals.negated[group] = denied
        ranked = sorted(
            (h for h in kept if h.entry.weight > 0),
            key=lambda h: (-h.entry.weight, h.negated, h.start),
        )
        quotes: list[str] = []
        for hit in ranked:
            quote = f"{hit.quote} (denied)" if hit.negated else hit.quote
            if quote not in quotes:
                quotes.append(quote)
        signals.evidence[group] = quotes[:MAX_EVIDENCE]
    return signals
