"""Fixtures shared by the case tests."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from sqlalchemy.orm import Session

from tests.cases.rekey_world import World, build_world
from tests.conftest import FIXED_NOW
from tests.factories import ensure_recovery_key, make_network


@pytest.fixture
def world(app: Flask, session: Session, staff: Any, login: Any) -> World:
    """A filed case with something in every sealed place, three holders (one left)."""
    network = make_network(session)
    recovery = ensure_recovery_key(session)
    assert recovery is not None
    session.commit()
    return build_world(app, session, staff, login, network=network, recovery=recovery,
                       now=FIXED_NOW)
