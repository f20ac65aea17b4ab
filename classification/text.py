"""Text folding and tokenisation shared by the lexicon matcher and the linear model.

Reports arrive with and without accents, in SMS style, with stretched letters ("sooo") and
curly apostrophes. Everything downstream works on one folded form per token: lower case, no
diacritics, ASCII letters or digits. Sentence and clause boundaries are kept as marker tokens,
and every token keeps its span in the original text so evidence quotes the reporter's words.
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

SENTENCE = "."
CLAUSE = ","

_PRE_FOLD = str.maketrans(
    {
        "œ": "oe",
        "æ": "ae",
        "ß": "ss",
        "ø": "o",
        "ł": "l",
        "đ": "d",
    }
)
_STRETCH = re.compile(r"([a-z])\1{2,}")
# Letters (any script, folded later), digit runs, sentence punctuation, commas.
_TOKEN = re.compile(r"[^\W\d_]+|\d+|[.!?;:\n]+|,")
# A clause ends at a comma or at a contrastive conjunction: negation does not reach past it.
_MARKS = frozenset(",.!?;:\n")
_BOUNDARIES = frozenset({SENTENCE, CLAUSE})
_CONTRAST = frozenset({"but", "however", "mais", "pero", "mas", "sino", "though", "although"})


@lru_cache(maxsize=65536)
def fold_word(word: str) -> str:
    """Fold one word: lower case, no diacritics, stretched letters ("sooo") shortened."""
    lowered = word.lower().translate(_PRE_FOLD)
    ascii_only = unicodedata.normalize("NFKD", lowered).encode("ascii", "ignore").decode("ascii")
    return _STRETCH.sub(r"\1", ascii_only)


def fold(text: str) -> str:
    """Fold a whole text the way tokens are folded (used for character n-grams)."""
    return " ".join(fold_word(w) for w in text.split())


@dataclass(frozen=True, slots=True)
class Tokens:
    """Folded tokens with the span of each in the original text."""

    text: str
    words: list[str]
    spans: list[tuple[int, int]]

    def quote(self, start: int, end: int) -> str:
        """Original text covered by tokens[start:end], shortened for display."""
        begin = self.spans[start][0]
        finish = self.spans[end - 1][1]
        snippet = " ".join(self.text[begin:finish].split())
        return snippet if len(snippet) <= 80 else snippet[:77] + "..."


def tokenize(text: str) -> Tokens:
    """Split `text` into folded word tokens and boundary markers ("." and ",")."""
    source = unicodedata.normalize("NFC", text)
    words: list[str] = []
    spans: list[tuple[int, int]] = []
    fold = fold_word
    for match in _TOKEN.finditer(source):
        raw = match.group()
        if raw[0] in _MARKS:
            marker = CLAUSE if raw == "," else SENTENCE
            if words and words[-1] in _BOUNDARIES:
                # Keep the stronger boundary when two markers meet.
                if marker == SENTENCE:
                    words[-1] = SENTENCE
                continue
            words.append(marker)
            spans.append(match.span())
            continue
        word = fold(raw)
        if not word:
            continue
        if word == "t" and words and words[-1].endswith("n"):
            # "didn't" is split at the apostrophe; read its tail as an English negator.
            word = "not"
        span = match.span()
        if word in _CONTRAST:
            words.append(CLAUSE)
            spans.append(span)
        words.append(word)
        spans.append(span)
    return Tokens(source, words, spans)


def is_boundary(token: str) -> bool:
    """True for the sentence and clause marker tokens."""
    return token in (SENTENCE, CLAUSE)
