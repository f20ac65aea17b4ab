"""Concurrent writers, in threads and in separate processes, still make one gapless chain."""

from __future__ import annotations

import multiprocessing
import threading

import pytest
from sqlalchemy.orm import Session

from audit.service import verify
from tests.audit.audit_workers import append_events
from tests.conftest import FreshDatabase

WRITERS = 6
EVENTS_EACH = 25


def test_threads_appending_at_once_make_one_chain(fresh_database: FreshDatabase) -> None:
    barrier = threading.Barrier(WRITERS)
    errors: list[BaseException] = []

    def work(writer: int) -> None:
        try:
            append_events(fresh_database.engine, writer, EVENTS_EACH, barrier.wait)
        except BaseException as exc:  # reported by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert errors == []
    with Session(fresh_database.engine) as session:
        result = verify(session, public_keys=set())
    assert (result.ok, result.count) == (True, WRITERS * EVENTS_EACH), result


@pytest.mark.postgres
def test_processes_appending_at_once_make_one_chain(fresh_database: FreshDatabase) -> None:
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(WRITERS)
    processes = [
        context.Process(target=_process_main, args=(fresh_database.url, n, barrier))
        for n in range(WRITERS)
    ]
    for process in processes:
        process.start()
    for process in processes:
        process.join(timeout=180)

    assert [p.exitcode for p in processes] == [0] * WRITERS
    with Session(fresh_database.engine) as session:
        result = verify(session, public_keys=set())
    assert (result.ok, result.count) == (True, WRITERS * EVENTS_EACH), result


def _process_main(url: str, writer: int, barrier: object) -> None:
    from tests.audit.audit_workers import run_in_process  # noqa: PLC0415 - runs in the child

    run_in_process(url, writer, EVENTS_EACH, barrier)
