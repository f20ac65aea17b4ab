"""Structured logging that carries no case content and no client address.

Log records are JSON lines with a fixed set of fields. Messages are our own
constant strings; request data is never formatted into them, and the request
path is logged only as the endpoint name.
"""

from __future__ import annotations

import json
import logging
import sys
from typing import Any

from db import utcnow

_STANDARD = set(logging.LogRecord("", 0, "", 0, "", None, None).__dict__) | {"message", "asctime"}
# Extra fields a caller may attach; anything else is dropped so nothing slips in by accident.
ALLOWED_EXTRA = {"event", "endpoint", "status", "case_ref", "count", "duration_ms", "kind"}


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": utcnow().isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key, value in record.__dict__.items():
            if key not in _STANDARD and key in ALLOWED_EXTRA:
                entry[key] = value
        if record.exc_info and record.exc_info[0] is not None:
            # The type and where it happened; not the message, which may quote data.
            entry["exception"] = record.exc_info[0].__name__
            tb = record.exc_info[2]
            frames = []
            while tb is not None:
                frames.append(f"{tb.tb_frame.f_code.co_filename}:{tb.tb_lineno}")
                tb = tb.tb_next
            entry["trace"] = frames[-8:]
        return json.dumps(entry, ensure_ascii=False)


def configure_logging(level: str) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # Werkzeug's dev-server access log prints client addresses: silence it.
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    logging.getLogger("alembic.runtime.plugins").setLevel(logging.WARNING)
