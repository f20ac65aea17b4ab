"""A small pattern language over folded tokens, and the matcher that applies it.

Lexicons are written per language as lines of ``weight: entry; entry; ...``. An entry is a
sequence of elements separated by spaces:

- ``word`` matches that folded token exactly; ``stem*`` matches any token starting with it;
- ``a|b*|c`` matches any of the alternatives;
- ``~N`` lets up to N tokens (not a sentence end) sit before the next element;
- ``#age`` matches an age under 18 (digits or a number word), ``#grade`` a school grade 1-12,
  ``#senior`` a number from 40 to 99 (an age that invites ageism).

All languages' entries run on every text, so code-switched reports are read in full. Tokens a
typo away from a long lexicon stem are corrected first (one insertion, deletion, substitution or
adjacent swap), which keeps "harrassed" or "corrupcion" matching without a dictionary.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from classification.language import COMMON_WORDS
from classification.text import CLAUSE, SENTENCE, Tokens, fold_word

_BOUNDARIES = frozenset({SENTENCE, CLAUSE})
REAL_WORDS_PATH = Path(__file__).with_name("data") / "real_words.txt"
# Negators are read backwards from a match, within its clause.
NEGATORS = frozenset(
    {
        "not",
        "no",
        "never",
        "nor",
        "without",
        "nobody",
        "nothing",
        "none",
        "neither",
        "ne",
        "n",
        "pas",
        "jamais",
        "sans",
        "ni",
        "aucun",
        "aucune",
        "personne",
        "rien",
        "nunca",
        "sin",
        "ningun",
        "ninguna",
        "ninguno",
        "tampoco",
        "jamas",
        "nadie",
        "nada",
        "nao",
        "sem",
        "nem",
        "nenhum",
        "nenhuma",
        "ninguem",
    }
)
# Words that may sit between a negator and what it denies ("not really about money").
_FILLERS = frozenset(
    {
        "is",
        "was",
        "a",
        "an",
        "the",
        "about",
        "really",
        "it",
        "that",
        "this",
        "any",
        "of",
        "be",
        "been",
        "just",
        "some",
        "s",
        "even",
        "actually",
        "necessarily",
        "call",
        "de",
        "du",
        "des",
        "la",
        "le",
        "les",
        "un",
        "une",
        "est",
        "etait",
        "c",
        "ce",
        "ca",
        "vraiment",
        "d",
        "l",
        "y",
        "en",
        "es",
        "era",
        "fue",
        "el",
        "lo",
        "una",
        "sobre",
        "se",
        "trata",
        "e",
        "um",
        "o",
        "foi",
        "os",
        "as",
        "uma",
        "tem",
        "tiene",
        "hay",
        "il",
        "ha",
        "realmente",
        "exactement",
        "exactly",
        "called",
        "como",
    }
)
_NUMBER_WORDS = {
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "deux": 2,
    "trois": 3,
    "quatre": 4,
    "cinq": 5,
    "huit": 8,
    "neuf": 9,
    "dix": 10,
    "onze": 11,
    "douze": 12,
    "treize": 13,
    "quatorze": 14,
    "quinze": 15,
    "seize": 16,
    "dos": 2,
    "tres": 3,
    "cuatro": 4,
    "cinco": 5,
    "seis": 6,
    "siete": 7,
    "ocho": 8,
    "nueve": 9,
    "diez": 10,
    "doce": 12,
    "trece": 13,
    "catorce": 14,
    "dieciseis": 16,
    "diecisiete": 17,
    "sept": 7,
    "dois": 2,
    "duas": 2,
    "quatro": 4,
    "sete": 7,
    "oito": 8,
    "nove": 9,
    "dez": 10,
    "treze": 13,
    "catorze": 14,
    "dezesseis": 16,
    "dezasseis": 16,
    "dezessete": 17,
    "dezassete": 17,
}
# Words before an age-like number that make it a duration ("for 15 years", "depuis 15 ans").
_DURATION = frozenset(
    {
        "for",
        "since",
        "ago",
        "after",
        "over",
        "past",
        "last",
        "every",
        "within",
        "in",
        "about",
        "depuis",
        "pendant",
        "durant",
        "fait",
        "dans",
        "apres",
        "plus",
        "moins",
        "tous",
        "chaque",
        "voila",
        "hace",
        "desde",
        "durante",
        "llevo",
        "lleva",
        "llevamos",
        "despues",
        "tras",
        "mas",
        "menos",
        "cada",
        "en",
        "ha",
        "faz",
        "depois",
        "apos",
        "em",
        "trabalho",
        "trabajo",
        "travaille",
        "work",
        "worked",
        "more",
        "than",
        "nearly",
        "almost",
    }
)
# Words before a number that make it a time of day or a count ("a las 3", "room 12").
_BEFORE_NON_AGE = frozenset(
    {
        "las",
        "la",
        "at",
        "around",
        "vers",
        "as",
        "by",
        "hacia",
        "until",
        "jusqu",
        "page",
        "room",
        "chambre",
        "numero",
        "number",
        "no",
        "grupo",
        "group",
        "groupe",
        "top",
        "of",
    }
)
_ABOUT = frozenset({"about", "around", "like", "environ", "unos", "uns", "cerca"})
_TIME_UNITS = frozenset(
    {"year", "years", "yrs", "month", "months", "ans", "annees", "mois", "anos", "meses"}
)
_AFTER_DURATION = frozenset({"ago", "atras", "later", "plus", "despues", "depois", "antes"})
_NON_AGE_UNITS = frozenset(
    {
        "minutes",
        "minute",
        "min",
        "mins",
        "hours",
        "hour",
        "h",
        "days",
        "weeks",
        "months",
        "minutos",
        "horas",
        "dias",
        "semanas",
        "meses",
        "heures",
        "jours",
        "semaines",
        "mois",
        "percent",
        "pourcent",
        "porcento",
        "por",
        "euros",
        "dollars",
        "usd",
        "km",
        "people",
        "participants",
        "personnes",
        "personas",
        "pessoas",
        "times",
        "fois",
        "veces",
        "vezes",
        "pm",
        "am",
        "hs",
        "o",
        "kg",
        "hectares",
        "litres",
        "liters",
    }
)


@dataclass(frozen=True, slots=True)
class Element:
    """One position of an entry: the tokens it accepts, or a gap before the next element."""

    exact: frozenset[str] = frozenset()
    prefixes: tuple[str, ...] = ()
    special: str = ""
    gap: int = 0

    def matches(self, token: str) -> bool:
        """True if `token` (folded) is accepted by this element."""
        # str.startswith takes a tuple: one C-level call for all prefixes.
        if token in self.exact or (self.prefixes and token.startswith(self.prefixes)):
            return True
        if self.special == "#age":
            return _age_value(token) is not None
        if self.special == "#senior":
            return token.isdigit() and 40 <= int(token) <= 99
        if self.special == "#grade":
            return token.isdigit() and 1 <= int(token) <= 12
        return False


@dataclass(frozen=True, slots=True)
class Entry:
    """A weighted pattern that signals one group (a category, a flag or an auxiliary cue)."""

    group: str
    lang: str
    weight: float
    source: str
    elements: tuple[Element, ...]


@dataclass(frozen=True, slots=True)
class Hit:
    """One match of an entry in a text."""

    entry: Entry
    start: int
    end: int
    negated: bool
    quote: str


@dataclass(frozen=True, slots=True)
class _Plan:
    """Entries one first token can start (in scan order), split by their second element.

    A frequent word such as "me" starts dozens of phrases; looking the next token up in
    `by_next` checks all the contiguous ones at once instead of one by one.
    """

    entries: tuple[Entry, ...]
    singles: tuple[int, ...]
    by_next: dict[str, tuple[int, ...]]
    by_prefix: tuple[tuple[tuple[str, ...], int], ...]
    by_special: tuple[int, ...]
    gapped: tuple[tuple[int, tuple[frozenset[str], ...]], ...]


@dataclass
class Lexicon:
    """Compiled entries with an index on their first element."""

    entries: list[Entry]
    # Real words of the four languages that are one typo away from a stem ("cocina" from
    # "cocaina", "marcas" from "maricas"): they are never corrected. See real_words().
    real_words: frozenset[str] = frozenset()
    _exact: dict[str, list[int]] = field(default_factory=dict)
    _prefix: dict[str, list[int]] = field(default_factory=dict)
    _special: list[int] = field(default_factory=list)
    _fuzzy: dict[str, list[tuple[str, bool]]] = field(default_factory=dict)
    _min_prefix: int = 99
    _literals: frozenset[str] = frozenset()
    _stems: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        literals: set[str] = set()
        stems: set[str] = set()
        for index, entry in enumerate(self.entries):
            first = entry.elements[0]
            for word in first.exact:
                self._exact.setdefault(word, []).append(index)
            for stem in first.prefixes:
                self._prefix.setdefault(stem, []).append(index)
                self._min_prefix = min(self._min_prefix, len(stem))
            if first.special:
                self._special.append(index)
            for element in entry.elements:
                for word in element.exact:
                    literals.add(word)
                    self._index_fuzzy(word, is_prefix=False)
                for stem in element.prefixes:
                    literals.add(stem)
                    stems.add(stem)
                    self._index_fuzzy(stem, is_prefix=True)
        self._literals = frozenset(literals)
        self._stems = frozenset(stems)
        self._plan = lru_cache(maxsize=65536)(self._plan_for)
        self._correct = lru_cache(maxsize=65536)(self._correct_token)

    def _index_fuzzy(self, literal: str, *, is_prefix: bool) -> None:
        # Only long literals are typo-corrected: short ones would pull in real words.
        if len(literal) < 6:
            return
        for key in {literal, *_deletes(literal)}:
            bucket = self._fuzzy.setdefault(key, [])
            if (literal, is_prefix) not in bucket:
                bucket.append((literal, is_prefix))

    def _first_candidates(self, token: str) -> tuple[int, ...]:
        """Entries whose first element accepts `token`, in a fixed order."""
        found: list[int] = list(self._exact.get(token, ()))
        for length in range(self._min_prefix, len(token) + 1):
            found.extend(self._prefix.get(token[:length], ()))
        return tuple(found)

    def _known(self, token: str) -> bool:
        """True if some element accepts `token` as written (no correction needed)."""
        if token in self._literals:
            return True
        return any(token[:n] in self._stems for n in range(3, len(token)))

    def _correct_token(self, token: str) -> str:
        if (
            len(token) < 6
            or not token.isalpha()
            or token in COMMON_WORDS
            or token in self.real_words
            or self._known(token)
        ):
            return token
        for length in range(5, len(token) + 1):
            head = token[:length]
            for key in (head, *_deletes(head)):
                for literal, is_prefix in self._fuzzy.get(key, ()):
                    if literal[0] != token[0] or not _one_typo(head, literal):
                        continue
                    if is_prefix:
                        if head[-1] != literal[-1]:
                            # The edit would sit where the stem meets the rest of the word:
                            # "renova|ram" is not a misspelt "renovad-", "recept" not "receipt".
                            continue
                        return literal + token[length:]
                    if length == len(token):
                        return literal
        return token

    def correct(self, token: str) -> str:
        """`token` with a typo against a long lexicon stem corrected (or unchanged)."""
        return self._correct(token)

    def _plan_for(self, token: str) -> _Plan | None:
        """The entries `token` can start, grouped by how their second element is checked."""
        order = self._first_candidates(token)
        if not order:
            return None
        singles: list[int] = []
        by_next: dict[str, list[int]] = {}
        by_prefix: list[tuple[tuple[str, ...], int]] = []
        by_special: list[int] = []
        gapped: list[tuple[int, tuple[frozenset[str], ...]]] = []
        for rank, index in enumerate(order):
            elements = self.entries[index].elements
            if len(elements) == 1:
                singles.append(rank)
            elif elements[1].gap:
                # Elements that accept only listed words: the text must contain one of each.
                needed = tuple(
                    e.exact for e in elements[1:] if e.exact and not e.prefixes and not e.special
                )
                gapped.append((rank, needed))
            elif elements[1].special:
                by_special.append(rank)
            else:
                for word in elements[1].exact:
                    by_next.setdefault(word, []).append(rank)
                if elements[1].prefixes:
                    by_prefix.append((elements[1].prefixes, rank))
        return _Plan(
            tuple(self.entries[i] for i in order),
            tuple(singles),
            {word: tuple(ranks) for word, ranks in by_next.items()},
            tuple(by_prefix),
            tuple(by_special),
            tuple(gapped),
        )

    def scan(self, tokens: Tokens) -> list[Hit]:
        """Every entry match in `tokens`, with negation and a quote of the original words."""
        correct = self._correct
        words = [correct(w) for w in tokens.words]
        present = set(words)
        plan_for = self._plan
        hits: list[Hit] = []
        for start, word in enumerate(words):
            if word in _BOUNDARIES:
                continue
            plan = plan_for(word)
            ranks = [] if plan is None else _ranks_at(plan, words, start, present)
            matched = _match_ranks(plan, ranks, words, start) if plan and ranks else []
            if self._special and _age_value(word) is not None:
                for index in self._special:
                    entry = self.entries[index]
                    if entry.elements[0].matches(word):
                        positions = _match_rest(entry.elements, words, start)
                        if positions is not None:
                            matched.append((entry, positions))
            if not matched:
                continue
            negated = _negated(words, start)
            for entry, positions in matched:
                if "#age" in entry.source and any(
                    entry.elements[e].special == "#age" and not _is_age(words, p)
                    for e, p in positions
                ):
                    continue
                end = positions[-1][1] + 1
                hits.append(Hit(entry, start, end, negated, tokens.quote(start, end)))
        return hits


def _match_ranks(
    plan: _Plan, ranks: list[int], words: list[str], start: int
) -> list[tuple[Entry, list[tuple[int, int]]]]:
    """Entries `ranks` of `plan` that match at `start`, with their positions, in order."""
    matched: list[tuple[Entry, list[tuple[int, int]]]] = []
    for rank in ranks:
        entry = plan.entries[rank]
        if len(entry.elements) == 1:
            matched.append((entry, [(0, start)]))
            continue
        positions = _match_rest(entry.elements, words, start)
        if positions is not None:
            matched.append((entry, positions))
    return matched


def _ranks_at(plan: _Plan, words: list[str], start: int, present: set[str]) -> list[int]:
    """Candidates of `plan` worth trying at `start`: a cheap filter before the full match."""
    ranks = list(plan.singles)
    if start + 1 < len(words):
        after = words[start + 1]
        ranks.extend(plan.by_next.get(after, ()))
        for prefixes, rank in plan.by_prefix:
            if after.startswith(prefixes):
                ranks.append(rank)
        for rank in plan.by_special:
            if plan.entries[rank].elements[1].matches(after):
                ranks.append(rank)
    for rank, needed in plan.gapped:
        for options in needed:
            if options.isdisjoint(present):
                break
        else:
            ranks.append(rank)
    if len(ranks) > 1:
        # Candidate order decides ties between equal hits, as it always has.
        return sorted(set(ranks))
    return ranks


def _one_typo(written: str, literal: str) -> bool:
    """True if `written` is `literal` with one plausible typo.

    Doubled or swapped letters are accepted for literals of six letters and more, dropped
    ones from seven, a substituted letter only from eight: short stems one letter apart are
    often different words ("strongly" is not "strangl-").
    """
    if written == literal:
        return True
    if abs(len(written) - len(literal)) == 1:
        if len(written) < len(literal) < 7:
            # A dropped letter in a short stem too often yields another word ("espace").
            return False
        longer, shorter = (written, literal) if len(written) > len(literal) else (literal, written)
        return any(longer[:i] + longer[i + 1 :] == shorter for i in range(len(longer)))
    if len(written) != len(literal):
        return False
    diffs = [i for i in range(len(literal)) if written[i] != literal[i]]
    if len(diffs) == 2 and diffs[1] == diffs[0] + 1:
        i = diffs[0]
        return written[i] == literal[i + 1] and written[i + 1] == literal[i]
    # A different last letter is usually a different ending, not a typo ("regionales").
    return len(diffs) == 1 and len(literal) >= 8 and diffs[0] < len(literal) - 1


def _deletes(word: str) -> list[str]:
    return [word[:i] + word[i + 1 :] for i in range(len(word))]


@lru_cache(maxsize=8192)
def _age_value(token: str) -> int | None:
    if token.isdigit():
        value = int(token)
        return value if 1 <= value <= 17 else None
    return _NUMBER_WORDS.get(token)


def _is_age(words: list[str], index: int) -> bool:
    """Reject durations and quantities that look like ages ("depuis 15 ans", "10 people")."""
    after = words[index + 1 : index + 3]
    if "old" in after or "olds" in after:
        # "about 15 years old", "for a 15-year-old": an age whatever came before.
        return True
    before = words[max(0, index - 3) : index]
    if before and before[-1] in _ABOUT and not (after and after[0] in _TIME_UNITS):
        # "the boy is about 12" is an age; "about 12 years" is read as a duration below.
        before = before[:-1]
    if any(w in _DURATION for w in before) or "y a" in " ".join(before):
        return False
    if before and before[-1] in _BEFORE_NON_AGE:
        return False
    if index > 0 and words[index - 1] in {"dix", "vingt", "trente", "quarante", "cinquante"}:
        # "dix-huit", "vingt-sept": compound numbers of 18 and more.
        return words[index - 1] == "dix" and words[index] == "sept"
    if after and after[0] in _NON_AGE_UNITS:
        return False
    return not any(w in _AFTER_DURATION for w in after)


def _match_rest(
    elements: tuple[Element, ...], words: list[str], start: int
) -> list[tuple[int, int]] | None:
    """Positions (element index, token index) of a match starting at `start`, or None."""
    positions = [(0, start)]
    position = start + 1
    gap = 0
    for index in range(1, len(elements)):
        element = elements[index]
        if element.gap:
            gap = element.gap
            continue
        found = -1
        exact, prefixes, special = element.exact, element.prefixes, element.special
        for j in range(position, min(len(words), position + gap + 1)):
            word = words[j]
            if word == SENTENCE:
                break
            if (
                word in exact
                or (prefixes and word.startswith(prefixes))
                or (special and element.matches(word))
            ):
                found = j
                break
        if found < 0:
            return None
        positions.append((index, found))
        position = found + 1
        gap = 0
    return positions


def _negated(words: list[str], start: int) -> bool:
    """A negator right before the match, with at most filler words in between.

    "It wasn't harassment", "ce n'est pas du harcèlement", "no es acoso" are denials;
    "they won't take a gay man seriously" is not a denial of "gay".
    """
    for j in range(start - 1, max(-1, start - 5), -1):
        word = words[j]
        if word in NEGATORS:
            return True
        if word not in _FILLERS:
            return False
    return False


def _parse_element(text: str) -> Element:
    if text.startswith("~"):
        return Element(gap=int(text[1:]))
    if text.startswith("#"):
        return Element(special=text)
    exact: set[str] = set()
    prefixes: list[str] = []
    for option in text.split("|"):
        # Lexicons may be written with accents; tokens are matched folded.
        if option.endswith("*"):
            prefixes.append(fold_word(option[:-1]))
        else:
            exact.add(fold_word(option))
    return Element(frozenset(exact), tuple(prefixes))


def _logical_lines(spec: str) -> list[str]:
    """Join continuation lines (those not starting with ``weight:``) to the line before."""
    lines: list[str] = []
    for raw_line in spec.strip().splitlines():
        line = raw_line.strip()
        if not line:
            continue
        head = line.partition(":")[0]
        if lines and not head.replace(".", "", 1).isdigit():
            glue = "" if lines[-1].endswith("|") or line.startswith("|") else " "
            lines[-1] += glue + line
        else:
            lines.append(line)
    return lines


def parse(lang: str, group: str, spec: str) -> list[Entry]:
    """Parse one lexicon block (``weight: entry; entry`` lines) into entries."""
    entries: list[Entry] = []
    for line in _logical_lines(spec):
        weight_text, _, body = line.partition(":")
        weight = float(weight_text)
        for source in body.split(";"):
            cleaned = " ".join(source.split())
            if not cleaned:
                continue
            elements = tuple(_parse_element(part) for part in cleaned.split(" "))
            if elements[0].gap or elements[-1].gap:
                raise ValueError(f"{lang}/{group}: a gap must sit between elements: {cleaned!r}")
            entries.append(Entry(group, lang, weight, cleaned, elements))
    return entries


def compile_lexicon(
    specs: Mapping[str, Mapping[str, str]], real: frozenset[str] = frozenset()
) -> Lexicon:
    """Build a lexicon from ``{lang: {group: spec}}``; `real` words are never corrected."""
    entries: list[Entry] = []
    for lang, groups in specs.items():
        for group, spec in groups.items():
            entries.extend(parse(lang, group, spec))
    return Lexicon(entries, real)


@lru_cache(maxsize=1)
def real_words() -> frozenset[str]:
    """Dictionary words that the typo corrector would otherwise change (data/real_words.txt).

    The file is written by ``python -m classification.build --real-words DICT...`` from
    word lists of the four languages (Debian's wamerican, wbritish, wfrench, wspanish,
    wbrazilian, wportuguese): each listed word is one that the corrector, run without the
    list, would turn into a lexicon stem.
    """
    try:
        text = REAL_WORDS_PATH.read_text(encoding="utf-8")
    except FileNotFoundError:
        return frozenset()
    return frozenset(text.split())


def all_specs() -> dict[str, dict[str, str]]:
    """The lexicon specs of the four languages, ``{lang: {group: spec}}``."""
    from classification import lexicon_en, lexicon_es, lexicon_fr, lexicon_pt  # noqa: PLC0415

    return {
        "en": lexicon_en.SPECS,
        "fr": lexicon_fr.SPECS,
        "es": lexicon_es.SPECS,
        "pt": lexicon_pt.SPECS,
    }


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    """The lexicon of all four languages, compiled once per process."""
    return compile_lexicon(all_specs(), real_words())
