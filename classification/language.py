"""Language identification for en/fr/es/pt from function words and spelling cues.

Reports are short and often unaccented, so the decision rests on frequent function words
(weighted by how many of the four languages share them) plus a few spellings that only one
language uses ("ção", "ñ", "eau", "th"). Ties fall back to English, the network's lingua franca.
"""

import re
from collections.abc import Iterable

from classification.taxonomy import LANGUAGES

_FUNCTION_WORDS: dict[str, str] = {
    "en": """the and is was to of in he she it that this with for my his her they we you not
        have has had been are were at on from about who what when me our their there would
        because after said told also just very like him them an be do did does don can could
        will which if or so out up all no some any how i my your its than then only into over
        didn wasn isn doesn won couldn hasn haven weren someone anyone nobody everyone""",
    "fr": """le la les des et est une du je il elle nous vous ils elles pas ne que qui dans pour
        sur avec mais au aux ce cette ces son sa ses mon ma mes ai etait sont ont plus tout tous
        comme quand parce aussi j l d c qu n m s y leur lui ca ete fait dit chez depuis avait
        etre avoir tres bien rien personne quelqu jamais toujours encore apres avant alors donc
        moi toi eux on meme notre nos votre vos cela ceci voila aujourd hui sont fais veux""",
    "es": """el los las y es una del se por con para su sus pero muy yo nos lo me mi como
        esta este esto eso fue era hay todo cuando porque tambien ya ella ellos dijo tiene
        donde despues nada ni sin sobre entre hasta desde estaba estoy soy usted ustedes
        nuestro nuestra les le al tengo tenia hizo hace pues entonces aqui alli ahora
        siempre nunca algo alguien mismo mucho muchos otra otro otros solo cada aunque hacia""",
    "pt": """o os as e um uma do da dos das em no na nos nas que nao com para por ele ela
        eles elas isso isto esse essa este esta mas muito eu meu minha seu sua foi era tem ter
        ja tambem quando porque como voce vc ao aos pelo pela depois ainda so sao estava estou
        sou disse fez pra pro gente entao aqui ai nem mais ou tinha tava ta fazer nunca sempre
        algum alguem mesmo muitos outra outro outros cada embora agora la bem vai vou""",
}
_CUE_PATTERNS: dict[str, re.Pattern[str]] = {
    "pt": re.compile(r"ção|ções|ão\b|ões|õe|ã|ê|lh|nh|\bvc\b|\bnão\b"),
    "es": re.compile(r"ñ|ción|¿|¡|\bel\b|\by\b|ll"),
    "fr": re.compile(r"eau|oi|è|ê|à|ç|œ|qu'|\bl'|\bd'|\bj'|\bc'|\bn'"),
    "en": re.compile(r"th|wh|ing\b|'s\b|n't\b"),
}
# Spelling cues count less than words: they are weak individually and repeat a lot.
_CUE_WEIGHT = {"pt": 0.6, "es": 0.5, "fr": 0.3, "en": 0.3}


def _weights() -> dict[str, dict[str, float]]:
    owners: dict[str, set[str]] = {}
    for lang, words in _FUNCTION_WORDS.items():
        for word in words.split():
            owners.setdefault(word, set()).add(lang)
    table: dict[str, dict[str, float]] = {}
    for word, langs in owners.items():
        table[word] = {lang: 1.0 / len(langs) for lang in langs}
    return table


_WORD_WEIGHTS = _weights()
# Frequent words are never typo-corrected: "cuando" is not a misspelt "cunado".
COMMON_WORDS = frozenset(_WORD_WEIGHTS) | {
    "cuando",
    "donde",
    "porque",
    "despues",
    "entonces",
    "siempre",
    "mientras",
    "during",
    "should",
    "before",
    "after",
    "would",
    "could",
    "their",
    "there",
    "where",
    "which",
    "people",
    "mismo",
    "nuestro",
    "pendant",
    "toujours",
    "encore",
    "quand",
    "depuis",
    "alors",
    "comment",
    "pourquoi",
    "parce",
    "quelque",
    "quelques",
    "precisa",
    "precisamos",
    "tambem",
    "quando",
    "depois",
    "entao",
    "sempre",
    "nunca",
    "ainda",
    "pessoas",
    "alguem",
    "tambien",
    "ninguno",
    "ninguna",
    "allait",
    "allaient",
    "avaient",
    "etaient",
    "regionales",
    "regional",
    "general",
    "personal",
}


_CUE_CAP = 20
# The most the spelling cues can add to a language: when the function words (and hints)
# already put one language further ahead than that, the cue patterns need not run.
_CUE_MAX = {lang: weight * _CUE_CAP for lang, weight in _CUE_WEIGHT.items()}


def _word_scores(words: Iterable[str]) -> dict[str, float]:
    scores = dict.fromkeys(LANGUAGES, 0.0)
    table = _WORD_WEIGHTS
    for word in words:
        owners = table.get(word)
        if owners is not None:
            for lang, weight in owners.items():
                scores[lang] += weight
    return scores


def _add_cues(scores: dict[str, float], text: str) -> None:
    lowered = text[:4000].lower()
    for lang, pattern in _CUE_PATTERNS.items():
        scores[lang] += _CUE_WEIGHT[lang] * min(len(pattern.findall(lowered)), _CUE_CAP)


def language_scores(text: str, words: Iterable[str]) -> dict[str, float]:
    """Evidence for each language from folded `words` and spelling cues in the raw `text`."""
    scores = _word_scores(words)
    _add_cues(scores, text)
    return scores


def _add_hints(scores: dict[str, float], hints: dict[str, float] | None) -> dict[str, float]:
    if hints:
        for lang, weight in hints.items():
            scores[lang] = scores.get(lang, 0.0) + 0.5 * weight
    return scores


def _best(scores: dict[str, float]) -> str:
    return max(LANGUAGES, key=lambda lang: (scores[lang], lang == "en"))


def detect(text: str, words: Iterable[str], hints: dict[str, float] | None = None) -> str:
    """Most likely language; `hints` (e.g. lexicon matches per language) break near-ties."""
    words = list(words)
    scores = _word_scores(words)
    early = _add_hints(dict(scores), hints)
    leader = _best(early)
    margin = early[leader] - 1e-9
    if all(margin > early[lang] + _CUE_MAX[lang] for lang in LANGUAGES if lang != leader):
        # No spelling cue count could change the answer (cues only add).
        return leader
    _add_cues(scores, text)
    scores = _add_hints(scores, hints)
    best = _best(scores)
    return best if scores[best] > 0 else "en"
