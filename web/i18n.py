"""Language choice: an explicit choice (the switcher) wins, then Accept-Language."""

from __future__ import annotations

from flask import current_app, request, session
from flask_babel import Babel

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
