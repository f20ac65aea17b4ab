"""Default deny: an endpoint is reachable only if it says who may reach it.

Views are marked with `@public` (anyone, including anonymous reporters) or,
on the staff side, with a permission. Anything unmarked answers 404, so a
route added without thought is closed rather than open.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from flask import Flask, abort, request

F = TypeVar("F", bound=Callable[..., Any])

PUBLIC_ATTR = "_redevable_public"
PERMISSION_ATTR = "_redevable_permission"


def public(view: F) -> F:
    """Mark a view as reachable without an account."""
    setattr(view, PUBLIC_ATTR, True)
    return view


def is_public(view: Callable[..., Any] | None) -> bool:
    return bool(view is not None and getattr(view, PUBLIC_ATTR, False))


def declared_permission(view: Callable[..., Any] | None) -> object | None:
    return getattr(view, PERMISSION_ATTR, None) if view is not None else None


def _holds_nul(pairs: Any) -> bool:
    return any("\x00" in key or "\x00" in value for key, value in pairs)


def install_default_deny(app: Flask) -> None:
    @app.before_request
    def _refuse_nul_bytes() -> None:
        # No form field or address of ours can hold a NUL byte, and PostgreSQL refuses it in
        # a text comparison: left alone, a hostile "%00" would be a 503 instead of a 4xx.
        if "\x00" in request.path:
            abort(404)
        if _holds_nul(request.args.items(multi=True)):
            abort(400)
        if request.method == "POST" and _holds_nul(request.form.items(multi=True)):
            abort(400)

    @app.before_request
    def _deny_undeclared() -> None:
        if request.endpoint is None:
            return  # 404/405 from routing: let Flask answer
        if request.endpoint == "static":
            return
        view = app.view_functions.get(request.endpoint)
        if not is_public(view) and declared_permission(view) is None:
            abort(404)
