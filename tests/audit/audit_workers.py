"""Writers for the concurrency tests (importable from a spawned process)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session

import db
from audit.actions import Action, Actor
from audit.service import record


def append_events(engine: Engine, writer: int, count: int, start: Callable[[], Any]) -> None:
    """Wait for the others, then append `count` events, one transaction each."""
    start()
    for i in range(count):
        with Session(engine) as session:
            record(session, Action.CASE_OPENED, actor=Actor.staff(writer + 1, "focal_point"),
                   case_ref=f"W{writer}-{i}", details={"writer": writer, "i": i})
            session.commit()


def run_in_process(url: str, writer: int, count: int, barrier: Any) -> None:
    engine = db.make_engine(url)
    try:
        append_events(engine, writer, count, barrier.wait)
    finally:
        engine.dispose()
