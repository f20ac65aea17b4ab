"""The tamper-evident audit trail: record(), make_checkpoint(), export() and the verifiers.

The names are loaded lazily: ``python -m audit.verify`` imports this package first, and the
standalone verifier must run where neither SQLAlchemy nor Flask is installed. The database
verifier is ``audit.service.verify``: ``audit.verify`` is the standalone verifier's module.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from audit.actions import Action, Actor, ActorKind
    from audit.models import AuditCheckpoint, AuditEvent
    from audit.service import (
        Entry,
        export,
        make_checkpoint,
        public_key_for,
        record,
        record_many,
    )
    from audit.verify import VerifyResult

_LAZY = {
    "Action": "audit.actions",
    "Actor": "audit.actions",
    "ActorKind": "audit.actions",
    "AuditCheckpoint": "audit.models",
    "AuditEvent": "audit.models",
    "VerifyResult": "audit.verify",
    "Entry": "audit.service",
    "export": "audit.service",
    "make_checkpoint": "audit.service",
    "public_key_for": "audit.service",
    "record": "audit.service",
    "record_many": "audit.service",
}

__all__ = [
    "Action",
    "Actor",
    "ActorKind",
    "AuditCheckpoint",
    "AuditEvent",
    "Entry",
    "VerifyResult",
    "export",
    "make_checkpoint",
    "public_key_for",
    "record",
    "record_many",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'audit' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
