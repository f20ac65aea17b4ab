"""The Code of Conduct taxonomy the classifier reports against (shared/data/README.md)."""

from enum import StrEnum


class Category(StrEnum):
    """The six prohibited behaviours plus `other` (not a Code of Conduct concern)."""

    ABUSIVE_BEHAVIOUR = "abusive_behaviour"
    SEXUAL_MISCONDUCT = "sexual_misconduct"
    DISCRIMINATION = "discrimination"
    CONFLICT_OF_INTEREST = "conflict_of_interest"
    FRAUD_CORRUPTION = "fraud_corruption"
    SUBSTANCE_MISUSE = "substance_misuse"
    OTHER = "other"


class Flag(StrEnum):
    """Urgency flags, independent of the category."""

    MINOR_INVOLVED = "minor_involved"
    IMMEDIATE_DANGER = "immediate_danger"
    RETALIATION = "retaliation"


class Language(StrEnum):
    """Languages the network's members write in."""

    EN = "en"
    FR = "fr"
    ES = "es"
    PT = "pt"


CATEGORIES: tuple[str, ...] = tuple(c.value for c in Category)
FLAGS: tuple[str, ...] = tuple(f.value for f in Flag)
LANGUAGES: tuple[str, ...] = tuple(lang.value for lang in Language)
