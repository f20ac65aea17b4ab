"""Error pages in the visitor's language; never a traceback, never request data."""

from __future__ import annotations

import contextlib
import logging

from flask import Flask, g, render_template, request
from flask.typing import ResponseReturnValue
from flask_login import AnonymousUserMixin
from sqlalchemy.exc import SQLAlchemyError
from werkzeug.exceptions import HTTPException, InternalServerError

log = logging.getLogger(__name__)

# Forbidden pages look like missing ones: a hidden case must not reveal it exists.
SHOWN_AS = {403: 404}


def install_error_pages(app: Flask) -> None:
    @app.errorhandler(HTTPException)
    def _http_error(exc: HTTPException) -> ResponseReturnValue:
        code = SHOWN_AS.get(exc.code or 500, exc.code or 500)
        response = render_template("errors/error.html", code=code), code
        if code == 405 and exc.get_response().headers.get("Allow"):
            return response[0], code, {"Allow": exc.get_response().headers["Allow"]}
        return response

    @app.errorhandler(SQLAlchemyError)
    def _database_error(exc: SQLAlchemyError) -> ResponseReturnValue:
        log.error("database error", exc_info=exc, extra={"endpoint": request.endpoint})
        # The page itself must not ask the database anything again: the staff layout asks
        # who is logged in, which (found by the soak) turned this 503 into a 500.
        session = g.get("db_session")
        if session is not None:
            with contextlib.suppress(SQLAlchemyError):
                session.rollback()
        g._login_user = AnonymousUserMixin()
        return render_template("errors/error.html", code=503), 503

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception) -> ResponseReturnValue:
        if isinstance(exc, HTTPException):
            return _http_error(exc)
        log.error("unhandled error", exc_info=exc, extra={"endpoint": request.endpoint})
        return render_template("errors/error.html", code=500), InternalServerError.code
