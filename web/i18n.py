"""Language choice: an explicit choice (the switcher) wins, then Accept-Language."""

from __future__ import annotations

import functools

from babel import support
from flask import current_app, request, session
from flask_babel import Babel, get_locale
from wtforms.i18n import messages_path

babel = Babel()


def supported() -> tuple[str, ...]:
    languages: tuple[str, ...] = current_app.config["LANGUAGES"]
    return languages


def select_locale() -> str:
    chosen = request.args.get("lang")
    if chosen in supported():
        # The switcher is a plain link (no JavaScript): remember the choice in the session
        # cookie we already need for CSRF, so no extra cookie is set.
        session["lang"] = chosen
        return chosen
    remembered = session.get("lang")
    if remembered in supported():
        return str(remembered)
    return request.accept_languages.best_match(supported()) or "en"


@functools.cache
def _wtforms_catalog(locale: str) -> support.NullTranslations:
    return support.Translations.load(messages_path(), [locale], domain="wtforms")


class WTFormsTranslations:
    """WTForms' own messages in the page's language, each catalog read once per process.

    flask-wtf reads the catalog file again on every request that needs one message.
    """

    def gettext(self, string: str) -> str:
        return _wtforms_catalog(str(get_locale())).ugettext(string)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return _wtforms_catalog(str(get_locale())).ungettext(singular, plural, n)


wtforms_translations = WTFormsTranslations()
