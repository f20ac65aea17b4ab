"""The current time, replaceable in tests (deadlines, session expiry)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from flask import current_app

from db import utcnow


def now() -> dt.datetime:
    clock: Callable[[], dt.datetime] = current_app.extensions.get("redevable.clock", utcnow)
    return clock()
