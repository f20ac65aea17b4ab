"""Classification of concern reports against the Code of Conduct (project issue 6).

Pure: imports neither Flask nor SQLAlchemy. The classifier suggests; a person confirms.

    from classification import classify, FormAnswers
    result = classify("...", FormAnswers(child_involved=True))
"""

from classification.classifier import Classification, classify
from classification.flags import FormAnswers
from classification.taxonomy import CATEGORIES, FLAGS, LANGUAGES, Category, Flag, Language

__all__ = [
    "CATEGORIES",
    "FLAGS",
    "LANGUAGES",
    "Category",
    "Classification",
    "Flag",
    "FormAnswers",
    "Language",
    "classify",
]
