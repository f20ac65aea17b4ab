"""Reminders go through a real SMTP server, once each, and say nothing about the case."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from flask import Flask
from sqlalchemy import select

from cases.models import Reminder, ReminderKind
from cases.reminders import Mailer, claim_due, run_reminders
from db import db_session
from tests.conftest import FIXED_NOW, FreshDatabase
from tests.factories import ensure_recovery_key, make_case, make_network, make_staff
from tests.helpers import Inbox, free_port, smtp_sink

MARKER = "SECRET-CASE-WORDS-7731"


@pytest.fixture
def inbox() -> Iterator[tuple[Inbox, int]]:
    with smtp_sink() as sink:
        yield sink


def urgent_case(app: Flask, *, lead: str, slug: str = "senegal",
                at: dt.datetime = FIXED_NOW, claim: bool = True) -> int:
    """A child-safety case held by one safeguarding lead; claimed as intake claims it."""
    with app.app_context():
        session = db_session()
        network = make_network(session, slug=slug)
        person, _ = make_staff(session, name=lead, networks=[network], safeguarding=True,
                               secret_key=app.config["SETTINGS"].secret_key)
        case, _ = make_case(session, network=network, holders=[person], minor=True, now=at)
        if claim:
            claim_due(session, case, at)  # in the case's own transaction, as intake does
        session.commit()
        return case.id


def test_reminders_are_sent_once_without_content(
    fresh_app: Flask, fresh_database: FreshDatabase, inbox: tuple[Inbox, int]
) -> None:
    box, port = inbox
    with fresh_app.app_context():
        session = db_session()
        secret_key = fresh_app.config["SETTINGS"].secret_key
        network = make_network(session)
        handler, _ = make_staff(session, name="Hawa Handler", networks=[network],
                                secret_key=secret_key)
        lead, _ = make_staff(session, name="Sara Safeguard", networks=[network],
                             safeguarding=True, secret_key=secret_key)
        idle, _ = make_staff(session, name="Ines Idle", networks=[network],
                             secret_key=secret_key)
        urgent, _ = make_case(session, network=network, holders=[handler, lead], minor=True,
                              text=MARKER, now=FIXED_NOW)
        late, _ = make_case(session, network=network, holders=[handler], text=MARKER,
                            now=FIXED_NOW - dt.timedelta(days=8))
        fine, _ = make_case(session, network=network, holders=[handler, idle], now=FIXED_NOW)
        session.commit()
        refs = [urgent.reference, late.reference, fine.reference]
    mailer = Mailer("127.0.0.1", port, "redevable@example.org", "https://r.example/staff/login")

    sent = run_reminders(fresh_database.engine, mailer.send, now=FIXED_NOW)
    assert sent == 2
    recipients = sorted(m["To"] for m in box.messages)
    # The urgent child case alerts the safeguarding lead; the late acknowledgement the handler.
    assert recipients == ["hawa.handler@example.org", "sara.safeguard@example.org"]
    for message in box.messages:
        body = message.get_payload(decode=True).decode()  # type: ignore[union-attr]
        assert "https://r.example/staff/login" in body
        assert MARKER not in body
        for ref in refs:
            assert ref not in body
            assert ref not in message["Subject"]

    # A second run, or a second server, sends nothing new.
    assert run_reminders(fresh_database.engine, mailer.send, now=FIXED_NOW) == 0
    assert run_reminders(fresh_database.engine, mailer.send,
                         now=FIXED_NOW + dt.timedelta(minutes=1)) == 0
    assert len(box.messages) == 2

    # Later the urgent case's triage deadline passes: one new reminder, to its holders.
    later = FIXED_NOW + dt.timedelta(hours=25)
    assert run_reminders(fresh_database.engine, mailer.send, now=later) == 2
    kinds = {r.kind for r in fresh_database.engine.connect().execute(
        select(Reminder.kind, Reminder.sent_at)).all() if r.sent_at is not None}
    assert ReminderKind.TRIAGE_OVERDUE in kinds
    assert ReminderKind.URGENT_ALERT in kinds
    assert ReminderKind.ACK_OVERDUE in kinds


def test_a_failed_send_is_retried_by_a_later_run(
    fresh_app: Flask, fresh_database: FreshDatabase, inbox: tuple[Inbox, int]
) -> None:
    box, port = inbox
    with fresh_app.app_context():
        session = db_session()
        network = make_network(session)
        handler, _ = make_staff(session, networks=[network],
                                secret_key=fresh_app.config["SETTINGS"].secret_key)
        make_case(session, network=network, holders=[handler],
                  now=FIXED_NOW - dt.timedelta(days=8))
        session.commit()
    broken = Mailer("127.0.0.1", free_port(), "r@example.org", "https://r.example/")
    assert run_reminders(fresh_database.engine, broken.send, now=FIXED_NOW) == 0
    working = Mailer("127.0.0.1", port, "r@example.org", "https://r.example/")
    assert run_reminders(fresh_database.engine, working.send,
                         now=FIXED_NOW + dt.timedelta(minutes=5)) == 0  # not yet: claim is fresh
    assert run_reminders(fresh_database.engine, working.send,
                         now=FIXED_NOW + dt.timedelta(minutes=30)) == 1
    assert len(box.messages) == 1


def test_urgent_alert_goes_out_at_once_in_the_background(
    fresh_app: Flask, fresh_database: FreshDatabase, inbox: tuple[Inbox, int]
) -> None:
    from cases.reminders import alert_in_background  # noqa: PLC0415

    box, port = inbox
    case_id = urgent_case(fresh_app, lead="Sara Safeguard")
    mailer = Mailer("127.0.0.1", port, "r@example.org", "https://r.example/")
    alert_in_background(fresh_database.engine, mailer, case_id, FIXED_NOW).join(timeout=30)
    assert [m["To"] for m in box.messages] == ["sara.safeguard@example.org"]
    # cron afterwards sends nothing twice.
    assert run_reminders(fresh_database.engine, mailer.send, now=FIXED_NOW) == 0


def test_an_intake_alert_leaves_other_cases_failed_mail_to_cron(
    fresh_app: Flask, fresh_database: FreshDatabase, inbox: tuple[Inbox, int]
) -> None:
    from cases.reminders import alert_in_background  # noqa: PLC0415

    box, port = inbox
    earlier_id = urgent_case(fresh_app, lead="Sara Safeguard", claim=False,
                             at=FIXED_NOW - dt.timedelta(hours=2))
    # The earlier case's alert failed (mail server down) and is due for a retry.
    broken = Mailer("127.0.0.1", free_port(), "r@example.org", "https://r.example/")
    assert run_reminders(fresh_database.engine, broken.send,
                         now=FIXED_NOW - dt.timedelta(hours=2)) == 0
    new_id = urgent_case(fresh_app, lead="Kemi Safeguard", slug="kenya")
    mailer = Mailer("127.0.0.1", port, "r@example.org", "https://r.example/")
    alert_in_background(fresh_database.engine, mailer, new_id, FIXED_NOW).join(timeout=30)
    # Only the new case's alert: the earlier failure is retried by cron, not by this intake.
    assert [m["To"] for m in box.messages] == ["kemi.safeguard@example.org"]
    assert run_reminders(fresh_database.engine, mailer.send, now=FIXED_NOW) >= 1
    assert "sara.safeguard@example.org" in [m["To"] for m in box.messages]
    with fresh_database.engine.connect() as connection:
        unsent = connection.execute(select(Reminder.case_id).where(
            Reminder.sent_at.is_(None))).scalars().all()
    assert earlier_id not in unsent


def test_an_urgent_intake_claims_its_alert_in_its_own_transaction(
    fresh_app: Flask, fresh_database: FreshDatabase, inbox: tuple[Inbox, int]
) -> None:
    from cases.models import Channel  # noqa: PLC0415
    from cases.reminders import alert_in_background  # noqa: PLC0415
    from keyring.services import recovery_keys_to_seal  # noqa: PLC0415
    from reporting.services import IntakeKeys, submit_report  # noqa: PLC0415

    box, port = inbox
    settings = fresh_app.config["SETTINGS"]
    with fresh_app.app_context():
        session = db_session()
        network = make_network(session)
        ensure_recovery_key(session)
        make_staff(session, name="Sara Safeguard", networks=[network], safeguarding=True,
                   secret_key=settings.secret_key)
        session.commit()
        keys = IntakeKeys(recovery=recovery_keys_to_seal(session), pepper=settings.receipt_pepper)
        answers = {"what_happened": "He hit a 12-year-old boy at the camp.",
                   "child_involved": "yes", "danger_now": "no"}
        calm = {"what_happened": "The treasurer kept the fees at home.",
                "child_involved": "no", "danger_now": "no"}
        # Rolled back: no claim outlives a submission that was not stored.
        submit_report(session, network=network, channel=Channel.COMPLAINT, answers=answers,
                      identity=None, uploads=[], keys=keys, now=FIXED_NOW, claim_alerts=True)
        session.rollback()
        assert session.scalars(select(Reminder)).all() == []
        submit_report(session, network=network, channel=Channel.COMPLAINT, answers=calm,
                      identity=None, uploads=[], keys=keys, now=FIXED_NOW, claim_alerts=True)
        stored = submit_report(session, network=network, channel=Channel.COMPLAINT,
                               answers=answers, identity=None, uploads=[], keys=keys,
                               now=FIXED_NOW, claim_alerts=True)
        session.commit()
        claims = session.scalars(select(Reminder)).all()
        assert [(c.case_id, c.kind, c.claimed_at) for c in claims] == [
            (stored.case.id, ReminderKind.URGENT_ALERT, FIXED_NOW)]
        case_id = stored.case.id
    mailer = Mailer("127.0.0.1", port, "r@example.org", "https://r.example/")
    alert_in_background(fresh_database.engine, mailer, case_id, FIXED_NOW).join(timeout=30)
    assert [m["To"] for m in box.messages] == ["sara.safeguard@example.org"]
    assert run_reminders(fresh_database.engine, mailer.send, now=FIXED_NOW) == 0
