"""The process's urgent-alert sender: batches, one mail each, nothing lost when mail fails."""

from __future__ import annotations

import datetime as dt
import email.policy
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import create_engine, select

from audit.actions import Action
from audit.models import AuditEvent
from cases.models import Reminder, ReminderKind
from cases.reminders import AlertSender, Mailer, run_reminders, send_intake_alerts
from tests.cases.test_reminders import urgent_case
from tests.conftest import FIXED_NOW, FreshDatabase
from tests.helpers import Inbox, free_port, smtp_sink


@pytest.fixture
def inbox() -> Iterator[tuple[Inbox, int]]:
    with smtp_sink() as sink:
        yield sink


def test_a_batch_of_intake_alerts_goes_out_once_each_and_is_audited(
    fresh_app: Flask, fresh_database: FreshDatabase, inbox: tuple[Inbox, int]
) -> None:
    box, port = inbox
    first = urgent_case(fresh_app, lead="Sara Safeguard")
    second = urgent_case(fresh_app, lead="Kemi Safeguard", slug="kenya",
                         at=FIXED_NOW + dt.timedelta(seconds=1))
    mailer = Mailer("127.0.0.1", port, "r@example.org", "https://r.example/")
    alerts = [(first, FIXED_NOW), (second, FIXED_NOW + dt.timedelta(seconds=1))]
    assert send_intake_alerts(fresh_database.engine, mailer, alerts) == 2
    assert sorted(m["To"] for m in box.messages) == ["kemi.safeguard@example.org",
                                                    "sara.safeguard@example.org"]
    # Neither the same batch again, nor cron, sends anything twice.
    assert send_intake_alerts(fresh_database.engine, mailer, alerts) == 0
    assert run_reminders(fresh_database.engine, mailer.send, now=FIXED_NOW) == 0
    assert len(box.messages) == 2
    with fresh_database.engine.connect() as connection:
        sent = connection.execute(select(Reminder.case_id, Reminder.sent_at)).all()
        audited = connection.execute(select(AuditEvent.case_ref).where(
            AuditEvent.action == Action.REMINDER_SENT)).scalars().all()
    assert sorted(sent) == sorted([(first, FIXED_NOW),
                                   (second, FIXED_NOW + dt.timedelta(seconds=1))])
    assert len(audited) == 2


def test_alerts_that_fail_to_send_stay_claimed_for_cron(
    fresh_app: Flask, fresh_database: FreshDatabase, inbox: tuple[Inbox, int]
) -> None:
    box, port = inbox
    case_id = urgent_case(fresh_app, lead="Sara Safeguard")
    down = Mailer("127.0.0.1", free_port(), "r@example.org", "https://r.example/")
    assert send_intake_alerts(fresh_database.engine, down, [(case_id, FIXED_NOW)]) == 0
    with fresh_database.engine.connect() as connection:
        assert connection.execute(select(Reminder.sent_at)).scalars().all() == [None]
    working = Mailer("127.0.0.1", port, "r@example.org", "https://r.example/")
    assert run_reminders(fresh_database.engine, working.send,
                         now=FIXED_NOW + dt.timedelta(minutes=30)) == 1
    assert [m["To"] for m in box.messages] == ["sara.safeguard@example.org"]


def test_the_sender_survives_a_failing_batch_and_sends_the_next(
    fresh_app: Flask, fresh_database: FreshDatabase, inbox: tuple[Inbox, int],
    tmp_path: Path,
) -> None:
    box, port = inbox
    case_id = urgent_case(fresh_app, lead="Sara Safeguard")
    mailer = Mailer("127.0.0.1", port, "r@example.org", "https://r.example/")
    sender = AlertSender()
    broken = create_engine(f"sqlite:///{tmp_path}/no-tables.sqlite3")  # no schema at all
    assert sender.submit(broken, mailer, case_id, FIXED_NOW).join(timeout=30)
    assert sender.submit(fresh_database.engine, mailer, case_id, FIXED_NOW).join(timeout=30)
    assert [m["To"] for m in box.messages] == ["sara.safeguard@example.org"]
    broken.dispose()


def test_a_forked_worker_starts_its_own_sender(monkeypatch: pytest.MonkeyPatch) -> None:
    import os  # noqa: PLC0415

    sender = AlertSender()
    parent = sender._running()
    assert sender._running() is parent
    monkeypatch.setattr(os, "getpid", lambda: -1)  # as in a child after fork()
    assert sender._running() is not parent


def test_a_mail_built_from_the_template_is_the_mail_built_in_full() -> None:
    mailer = Mailer("127.0.0.1", 25, "r@example.org", "https://r.example/staff/login")
    for kind in ReminderKind:
        fast = mailer.message_bytes("sara.safeguard@example.org", kind)
        full = mailer.message("sara.safeguard@example.org", kind)
        assert fast == full.as_bytes(policy=email.policy.SMTP)
    # An address the template cannot hold safely is built (and checked) in full.
    with pytest.raises(ValueError, match=r"linefeed|newline|CR|LF"):
        mailer.message_bytes("x@example.org\r\nBcc: y@example.org", ReminderKind.URGENT_ALERT)


@dataclass(frozen=True)
class CountingMailer(Mailer):
    batches: list[int] = field(default_factory=list, hash=False, compare=False)

    def send_many(self, mails: list[tuple[str, ReminderKind]]) -> list[bool]:
        self.batches.append(len(mails))
        return super().send_many(mails)


def test_alerts_of_reporters_arriving_together_share_one_batch(
    fresh_app: Flask, fresh_database: FreshDatabase, inbox: tuple[Inbox, int]
) -> None:
    box, port = inbox
    cases = [urgent_case(fresh_app, lead=f"Lead {name} Safeguard", slug=slug)
             for name, slug in [("Sara", "senegal"), ("Kemi", "kenya"), ("Ana", "brazil")]]
    mailer = CountingMailer("127.0.0.1", port, "r@example.org", "https://r.example/")
    sender = AlertSender(linger=2)  # generous: a slow test machine still makes one batch
    tickets = [sender.submit(fresh_database.engine, mailer, case_id, FIXED_NOW)
               for case_id in cases]
    assert all(ticket.join(timeout=30) for ticket in tickets)
    assert mailer.batches == [3]
    assert len(box.messages) == 3


def test_batched_alert_mails_end_every_line_with_crlf() -> None:
    mailer = Mailer("127.0.0.1", 25, "r@example.org", "https://r.example/")
    raw = mailer.message_bytes("sara.safeguard@example.org", ReminderKind.URGENT_ALERT)
    # RFC 5321 2.3.8: strict servers refuse or mangle a bare line feed.
    assert b"\n" in raw
    assert raw.count(b"\n") == raw.count(b"\r\n")
    assert b"To: sara.safeguard@example.org\r\n" in raw


def test_an_address_the_server_cannot_take_costs_only_its_own_mail() -> None:
    mails = [("ana@example.org", ReminderKind.URGENT_ALERT),
             ("zoé@exemple.org", ReminderKind.URGENT_ALERT),
             ("kemi@example.org", ReminderKind.URGENT_ALERT)]
    with smtp_sink() as (box, port):  # offers SMTPUTF8: all three go
        mailer = Mailer("127.0.0.1", port, "r@example.org", "https://r.example/")
        assert mailer.send_many(mails) == [True, True, True]
        assert len(box.messages) == 3
    with smtp_sink(enable_SMTPUTF8=False) as (box, port):
        mailer = Mailer("127.0.0.1", port, "r@example.org", "https://r.example/")
        assert mailer.send_many(mails) == [True, False, True]
        assert sorted(m["To"] for m in box.messages) == ["ana@example.org", "kemi@example.org"]
