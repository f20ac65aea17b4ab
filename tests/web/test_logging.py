"""No log line of a whole journey carries a reporter address, a receipt or report content."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask
from sqlalchemy.orm import Session

from tests.conftest import https_client
from tests.factories import ensure_recovery_key, make_network
from web.logs import JsonFormatter

CLIENT_ADDRESS = "203.0.113.77"


@pytest.fixture
def captured() -> Iterator[io.StringIO]:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    yield stream
    root.removeHandler(handler)
    root.setLevel(old_level)


def test_a_whole_journey_logs_nothing_that_identifies(
    app: Flask, session: Session, staff: Any, login: Any, captured: io.StringIO
) -> None:
    from tests.helpers import csrf_token, open_followup, receipt_from, submit_report  # noqa: PLC0415

    network = make_network(session)
    ensure_recovery_key(session)
    user, secret = staff(networks=[network])
    session.commit()
    marker = "LOGMARKER-5521"
    reporter = https_client(app)
    reporter.environ_base["REMOTE_ADDR"] = CLIENT_ADDRESS
    reporter.environ_base["HTTP_USER_AGENT"] = "Mozilla/5.0 MarkerBrowser/9"
    receipt = receipt_from(submit_report(reporter, what_happened=f"text {marker}",
                                         name=marker, identity_choice="identified"))
    open_followup(reporter, "WRONG-WRON-WRON-WRON-WRON")
    open_followup(reporter, receipt)
    token = csrf_token(reporter, "/follow-up/case")
    reporter.post("/follow-up/case", data={"body": f"more {marker}", "csrf_token": token})
    staff_client = login(user, secret)
    staff_client.get("/staff/cases/")
    # Errors are logged too: a bad request must not leak what was sent either.
    reporter.get("/nowhere")
    logging.getLogger("redevable.test").error("forced", exc_info=ValueError(marker))
    text = captured.getvalue()
    assert text, "the journey logged something (the test would be empty otherwise)"
    for needle in (CLIENT_ADDRESS, receipt, receipt.replace("-", ""), "MarkerBrowser",
                   marker):
        assert needle not in text, needle
