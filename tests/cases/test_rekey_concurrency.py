"""A re-key and a request using the case key at the same moment (PostgreSQL, real connections).

A request opens the case key, then seals something with it a little later. If a re-key
commits in between, that something would be sealed under a key that no longer exists. The
lock order (wraps, then the case) makes each side wait for the other instead.
"""

from __future__ import annotations

import threading
import time

import pytest
from sqlalchemy.orm import Session, sessionmaker

from audit.actions import Actor
from auth.models import StaffUser
from cases.models import Case
from cases.rekey import RekeyReason, rekey_case
from cases.services import add_note, open_case
from crypto import DataKey, unwrap_private_key
from tests.conftest import FIXED_NOW, FreshDatabase
from tests.factories import PASSWORD, ensure_recovery_key, make_case, make_network, make_staff

pytestmark = pytest.mark.postgres

WAIT = 1.0  # long enough for the other side to reach its lock


def setup(fresh_database: FreshDatabase) -> tuple[sessionmaker[Session], int, int, DataKey]:
    factory = sessionmaker(bind=fresh_database.engine, expire_on_commit=False)
    with factory() as session:
        network = make_network(session)
        ensure_recovery_key(session)
        user, _ = make_staff(session, networks=[network], secret_key=b"k" * 32)
        case, key = make_case(session, network=network, holders=[user], now=FIXED_NOW)
        session.commit()
        return factory, case.id, user.id, key


def staff_key(session: Session, user_id: int, case_id: int) -> tuple[StaffUser, Case, DataKey]:
    user = session.get(StaffUser, user_id)
    case = session.get(Case, case_id)
    assert user is not None
    assert case is not None
    private = unwrap_private_key(user.private_key_wrapped or b"", PASSWORD)
    return user, case, open_case(session, case, user, private)


def all_under(factory: sessionmaker[Session], case_id: int, key: DataKey) -> None:
    """A second re-key opens every ciphertext of the case with ``key``, or raises."""
    with factory() as session:
        case = session.get(Case, case_id)
        assert case is not None
        rekey_case(session, case, key, actor=Actor.system(), reason=RekeyReason.ROUTINE,
                   now=FIXED_NOW)
        session.rollback()


def test_a_rekey_waits_for_a_request_that_already_opened_the_key(
    fresh_database: FreshDatabase,
) -> None:
    factory, case_id, user_id, old = setup(fresh_database)
    opened, results = threading.Event(), {}

    def rekey() -> None:
        opened.wait(30)
        with factory() as session:
            case = session.get(Case, case_id)
            assert case is not None
            results["new"], _ = rekey_case(session, case, old, actor=Actor.system(),
                                           reason=RekeyReason.ROUTINE, now=FIXED_NOW)
            session.commit()
        results["rekeyed_at"] = time.monotonic()

    other = threading.Thread(target=rekey)
    other.start()
    with factory() as session:
        user, case, key = staff_key(session, user_id, case_id)
        assert key == old
        opened.set()
        time.sleep(WAIT)  # the re-key is now waiting for this request
        add_note(session, case, user, key, "written with the key opened before the re-key",
                 now=FIXED_NOW)
        session.commit()
        noted_at = time.monotonic()
    other.join(60)
    assert results["rekeyed_at"] > noted_at
    all_under(factory, case_id, results["new"])


def test_a_request_during_a_rekey_waits_and_opens_the_new_key(
    fresh_database: FreshDatabase,
) -> None:
    factory, case_id, user_id, old = setup(fresh_database)
    results: dict[str, DataKey] = {}

    def request() -> None:
        with factory() as session:
            user, case, key = staff_key(session, user_id, case_id)
            results["opened"] = key
            add_note(session, case, user, key, "written after the re-key", now=FIXED_NOW)
            session.commit()

    with factory() as session:
        case = session.get(Case, case_id)
        assert case is not None
        new, _ = rekey_case(session, case, old, actor=Actor.system(),
                            reason=RekeyReason.ROUTINE, now=FIXED_NOW)
        other = threading.Thread(target=request)
        other.start()
        time.sleep(WAIT)  # the request is now waiting for the re-key
        assert "opened" not in results
        session.commit()
    other.join(60)
    assert results["opened"] == new
    all_under(factory, case_id, new)
