"""Reminders before and after each deadline, and the urgent alert to safeguarding leads.

Idempotent and safe on several servers at once: a reminder is first *claimed*
by inserting its row under a unique key (case, person, kind, deadline) and
committing; only the process whose insert won sends it. A claim whose mail
failed is retried by a later run. The mail carries no case content.
"""

from __future__ import annotations

import datetime as dt
import email.policy
import functools
import logging
import os
import queue
import re
import smtplib
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from email.message import EmailMessage
from typing import cast

from sqlalchemy import Engine, Insert, Table, bindparam, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session, sessionmaker

from audit import Action, Actor, Entry, record, record_many
from auth.models import StaffUser
from cases import access
from cases.models import Case, CaseRole, CaseRoleKind, CaseStatus, Reminder, ReminderKind
from config import Settings
from networks.models import Network

log = logging.getLogger(__name__)
ACK_WARNING = dt.timedelta(days=2)
FEEDBACK_WARNING = dt.timedelta(days=14)
RETRY_AFTER = dt.timedelta(minutes=10)

SUBJECT = "Redevable: a case needs attention / un dossier demande votre attention"
LINES = {
    "en": "A case you can see in Redevable needs attention ({why}). Please log in: {url}",
    "fr": "Un dossier que vous suivez dans Redevable demande votre attention. Connectez-vous : "
          "{url}",
    "es": "Un caso que usted puede ver en Redevable necesita atención. Inicie sesión: {url}",
    "pt": "Um caso que você acompanha no Redevable precisa de atenção. Entre: {url}",
}
WHY = {
    ReminderKind.URGENT_ALERT: "urgent: same-day action expected",
    ReminderKind.ACK_SOON: "acknowledgement due soon",
    ReminderKind.ACK_OVERDUE: "acknowledgement overdue",
    ReminderKind.TRIAGE_OVERDUE: "urgent triage overdue",
    ReminderKind.FEEDBACK_SOON: "feedback due soon",
    ReminderKind.FEEDBACK_OVERDUE: "feedback overdue",
}


@dataclass(frozen=True)
class Mailer:
    host: str
    port: int
    sender: str
    login_url: str

    def message(self, to: str, kind: ReminderKind) -> EmailMessage:
        message = EmailMessage()
        message["From"] = self.sender
        message["To"] = to
        message["Subject"] = SUBJECT
        message.set_content("\n\n".join(
            line.format(why=WHY[kind], url=self.login_url) for line in LINES.values()))
        return message

    def send(self, to: str, kind: ReminderKind) -> None:
        message = self.message(to, kind)
        with smtplib.SMTP(self.host, self.port, timeout=10) as smtp:
            smtp.send_message(message)

    def message_bytes(self, to: str, kind: ReminderKind) -> bytes:
        """The mail as sent, CRLF line ends as SMTP requires; for a plain ASCII address built
        once per kind, the address put in (0.8 ms saved a mail)."""
        if not _PLAIN_ADDRESS.fullmatch(to):  # built (and checked) in full
            return self.message(to, kind).as_bytes(policy=email.policy.SMTP)
        return _message_template(self, kind).replace(_TO_STAND_IN, to.encode("ascii"), 1)

    def send_many(self, mails: list[tuple[str, ReminderKind]]) -> list[bool]:
        """Send over one connection; for each mail, whether the server took it."""
        delivered = [False] * len(mails)
        if not mails:
            return delivered
        try:
            with smtplib.SMTP(self.host, self.port, timeout=10) as smtp:
                for n, (to, kind) in enumerate(mails):
                    try:
                        if _PLAIN_ADDRESS.fullmatch(to):
                            smtp.sendmail(self.sender, [to], self.message_bytes(to, kind))
                        else:  # e.g. "zoé@exemple.org": SMTPUTF8, which the server may refuse
                            smtp.send_message(self.message(to, kind))
                    except (smtplib.SMTPRecipientsRefused, smtplib.SMTPSenderRefused,
                            smtplib.SMTPDataError, smtplib.SMTPNotSupportedError,
                            UnicodeError, ValueError):
                        # This one stays unsent for cron; the connection is still good, and
                        # the mails before it stay recorded as delivered.
                        log.warning("reminder not sent", extra={"event": "reminder_failed"})
                        continue
                    delivered[n] = True
        except (OSError, smtplib.SMTPException):
            # What was delivered before the connection failed stays delivered.
            log.warning("reminder not sent", extra={"event": "reminder_failed"})
        return delivered


# An address that needs no encoding and cannot break out of its header line.
_PLAIN_ADDRESS = re.compile(r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~@-]{3,254}")
_TO_STAND_IN = b"to.stand-in@invalid.example"


@functools.lru_cache(maxsize=64)
def _message_template(mailer: Mailer, kind: ReminderKind) -> bytes:
    return mailer.message(_TO_STAND_IN.decode(), kind).as_bytes(policy=email.policy.SMTP)


def mailer(settings: Settings) -> Mailer:
    return Mailer(settings.smtp_host, settings.smtp_port, settings.smtp_sender,
                  f"{settings.base_url}/staff/login")


def due_reminders(case: Case, now: dt.datetime) -> list[tuple[ReminderKind, dt.datetime]]:
    """Which reminders this case calls for now, each keyed by the deadline it is about."""
    found = []
    if case.urgent and case.status in {CaseStatus.RECEIVED, CaseStatus.ACKNOWLEDGED}:
        found.append((ReminderKind.URGENT_ALERT, case.received_at))
        if case.triage_due_at is not None and now > case.triage_due_at:
            found.append((ReminderKind.TRIAGE_OVERDUE, case.triage_due_at))
    if case.status == CaseStatus.RECEIVED:
        if now > case.ack_due_at:
            found.append((ReminderKind.ACK_OVERDUE, case.ack_due_at))
        elif now >= case.ack_due_at - ACK_WARNING:
            found.append((ReminderKind.ACK_SOON, case.ack_due_at))
    open_feedback = case.feedback_due_at is not None and case.feedback_given_at is None and \
        case.status not in {CaseStatus.CLOSED, CaseStatus.PURGED, CaseStatus.RECEIVED}
    if open_feedback and case.feedback_due_at is not None:
        if now > case.feedback_due_at:
            found.append((ReminderKind.FEEDBACK_OVERDUE, case.feedback_due_at))
        elif now >= case.feedback_due_at - FEEDBACK_WARNING:
            found.append((ReminderKind.FEEDBACK_SOON, case.feedback_due_at))
    return found


def recipients(session: Session, case: Case, kind: ReminderKind,
               holders: list[StaffUser] | None = None) -> list[StaffUser]:
    """Who is reminded; ``holders`` when the caller knows them already (a case just created)."""
    if holders is None:
        holders = access.holders(session, case)
    if kind == ReminderKind.URGENT_ALERT:
        return [h for h in holders if h.is_safeguarding_lead] or holders
    handler_ids = set(session.scalars(select(CaseRole.staff_id).where(
        CaseRole.case_id == case.id, CaseRole.role == CaseRoleKind.HANDLER,
        CaseRole.ended_at.is_(None))))
    return [h for h in holders if h.id in handler_ids] or holders


_REMINDERS = cast(Table, Reminder.__table__)


@functools.cache
def _claim_statement(dialect: str) -> Insert:
    """Built once per dialect: intake claims an urgent case's alert on every submission."""
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    return insert(_REMINDERS).on_conflict_do_nothing()


def _claim(session: Session, values: dict[str, object]) -> bool:
    result = session.execute(_claim_statement(session.get_bind().dialect.name), values)
    return bool(result.rowcount)  # type: ignore[attr-defined]


def claim_due(session: Session, case: Case, now: dt.datetime,
              holders: list[StaffUser] | None = None) -> None:
    """Claim every reminder this case calls for now, in the caller's transaction."""
    for kind, due_at in due_reminders(case, now):
        for person in recipients(session, case, kind, holders):
            _claim(session, {"case_id": case.id, "staff_id": person.id,
                             "kind": kind, "due_at": due_at, "claimed_at": now})


def run_reminders(engine: Engine, send: Callable[[str, ReminderKind], None], *,
                  now: dt.datetime, only_case: int | None = None) -> int:
    """Claim what is due, then send each claim this run owns; returns the mails sent."""
    factory = sessionmaker(bind=engine, expire_on_commit=False)
    with factory() as session:
        horizon = now + FEEDBACK_WARNING
        query = select(Case).where(
            Case.queue_rank < 2, (Case.next_due_at <= horizon) | Case.urgent.is_(True))
        if only_case is not None:
            query = query.where(Case.id == only_case)
        for case in session.scalars(query):
            claim_due(session, case, now)
        session.commit()
    return send_claimed(engine, send, now=now, only_case=only_case)


def send_claimed(engine: Engine, send: Callable[[str, ReminderKind], None], *,
                 now: dt.datetime, only_case: int | None = None) -> int:
    """Send the claims made at ``now`` and those whose sending failed long enough ago."""
    factory = sessionmaker(bind=engine, expire_on_commit=False)
    with factory() as session:
        pending_query = select(Reminder).where(
            Reminder.sent_at.is_(None),
            (Reminder.claimed_at == now) | (Reminder.claimed_at < now - RETRY_AFTER))
        if only_case is not None:
            # An intake's alert sends that case's mail only: retrying every earlier failure
            # is cron's work, not the reporter's request.
            pending_query = pending_query.where(Reminder.case_id == only_case)
        pending = session.scalars(pending_query).all()
        sent = 0
        for reminder in pending:
            # Compare-and-set: only one process moves claimed_at forward and sends.
            taken = session.execute(update(Reminder).where(
                Reminder.id == reminder.id, Reminder.sent_at.is_(None),
                Reminder.claimed_at == reminder.claimed_at).values(claimed_at=now + RETRY_AFTER))
            session.commit()
            if not taken.rowcount:  # type: ignore[attr-defined]
                continue
            person_row = session.get(StaffUser, reminder.staff_id)
            case_row = session.get(Case, reminder.case_id)
            if person_row is None or case_row is None or not person_row.active:
                continue
            person, case = person_row, case_row
            try:
                send(person.email, reminder.kind)
            except (OSError, smtplib.SMTPException):
                log.warning("reminder not sent", extra={"event": "reminder_failed"})
                continue  # the claim stays unsent and is retried by a later run
            reminder.sent_at = now
            record(session, Action.REMINDER_SENT, actor=Actor.system(), case_ref=case.reference,
                   network=case.network.slug,
                   details={"kind": str(reminder.kind), "to": person.public_id})
            session.commit()
            sent += 1
    return sent


# --- urgent alerts right after intake ---------------------------------------------------

ALERT_BATCH_MAX = 64
ALERT_LINGER_SECONDS = 0.1


def send_intake_alerts(engine: Engine, mailer: Mailer,
                       alerts: list[tuple[int, dt.datetime]]) -> int:
    """Send the alerts that intakes claimed for these (case id, intake time) pairs.

    The same claim-then-send rules as :func:`send_claimed`, for a batch: one transaction
    moves every claim forward (compare-and-set, so cron or another server never sends one
    twice), one SMTP connection sends them, one transaction marks them sent and audits them.
    A claim whose mail fails stays unsent and cron retries it. Returns the mails sent.
    """
    if not alerts:
        return 0
    at = dict(alerts)
    factory = sessionmaker(bind=engine, expire_on_commit=False)
    with factory() as session:
        # Only claims an intake made at its own time: an earlier failure of one of these
        # cases (there is none for a new case) is cron's work.
        taken = session.execute(
            update(_REMINDERS)
            .where(_REMINDERS.c.case_id.in_(sorted(at)), _REMINDERS.c.sent_at.is_(None),
                   _REMINDERS.c.claimed_at.in_(sorted(set(at.values()))))
            .values(claimed_at=max(at.values()) + RETRY_AFTER)
            .returning(_REMINDERS.c.id)).all()
        if not taken:
            session.commit()
            return 0
        # Who and which case, for the mails and the audit: active people only, as cron.
        mails = session.execute(
            select(_REMINDERS.c.id, _REMINDERS.c.case_id, _REMINDERS.c.kind, StaffUser.email,
                   StaffUser.public_id, Case.reference, Network.slug)
            .join(StaffUser, StaffUser.id == _REMINDERS.c.staff_id)
            .join(Case, Case.id == _REMINDERS.c.case_id).join(Network)
            .where(_REMINDERS.c.id.in_([t.id for t in taken]), StaffUser.active.is_(True))
            .order_by(_REMINDERS.c.id)).all()
        session.commit()  # the claims are ours now: no transaction stays open during SMTP
        delivered = mailer.send_many([(m.email, m.kind) for m in mails])
        sent = [m for m, ok in zip(mails, delivered, strict=True) if ok]
        if not sent:
            return 0
        session.execute(
            update(_REMINDERS).where(_REMINDERS.c.id == bindparam("reminder_id"))
            .values(sent_at=bindparam("sent")),
            [{"reminder_id": m.id, "sent": at[m.case_id]} for m in sent])
        record_many(session, [
            Entry(Action.REMINDER_SENT, Actor.system(), m.reference, m.slug,
                  {"kind": str(m.kind), "to": m.public_id}) for m in sent])
        session.commit()
    return len(sent)


@dataclass(frozen=True)
class _Alert:
    engine: Engine
    mailer: Mailer
    case_id: int
    now: dt.datetime
    done: threading.Event


@dataclass(frozen=True)
class AlertTicket:
    """One queued alert; ``join`` waits until its batch has been handled (sent or not)."""

    done: threading.Event

    def join(self, timeout: float | None = None) -> bool:
        return self.done.wait(timeout)


class AlertSender:
    """One long-lived background sender per process for the urgent alerts of intake.

    A thread and its own transactions per urgent submission cost a worker more than the
    rest of the intake. Here alerts that arrive while a batch is being sent wait and go
    out together with the next one (:func:`send_intake_alerts`). Nothing is lost if the
    process dies with alerts queued: their claims are in the database and cron sends them.
    """

    def __init__(self, linger: float = ALERT_LINGER_SECONDS) -> None:
        self.linger = linger
        self._lock = threading.Lock()
        self._queue: queue.SimpleQueue[_Alert] | None = None
        self._pid = 0

    def submit(self, engine: Engine, mailer: Mailer, case_id: int,
               now: dt.datetime) -> AlertTicket:
        alert = _Alert(engine, mailer, case_id, now, threading.Event())
        self._running().put(alert)
        return AlertTicket(alert.done)

    def _running(self) -> queue.SimpleQueue[_Alert]:
        with self._lock:
            if self._queue is None or self._pid != os.getpid():
                # First use in this process: a forked worker inherits no thread.
                self._queue = queue.SimpleQueue()
                self._pid = os.getpid()
                threading.Thread(target=self._run, args=(self._queue,), name="urgent-alerts",
                                 daemon=True).start()
            return self._queue

    def _run(self, alerts: queue.SimpleQueue[_Alert]) -> None:
        while True:
            batch = [alerts.get()]
            # Linger a moment for the alerts of other reporters: a tenth of a second changes
            # nothing for a safeguarding lead, and a batch shares its transactions and its
            # mail connection.
            until = time.monotonic() + self.linger
            while len(batch) < ALERT_BATCH_MAX:
                left = until - time.monotonic()
                try:
                    batch.append(alerts.get(timeout=left) if left > 0 else alerts.get_nowait())
                except queue.Empty:
                    break
            self._send(batch)

    @staticmethod
    def _send(batch: list[_Alert]) -> None:
        groups: dict[tuple[Engine, Mailer], list[_Alert]] = {}
        for alert in batch:
            groups.setdefault((alert.engine, alert.mailer), []).append(alert)
        for (engine, mailer), group in groups.items():
            try:
                send_intake_alerts(engine, mailer, [(a.case_id, a.now) for a in group])
            except Exception:  # the sender must not die; cron sends what is left
                log.exception("urgent alert not sent now", extra={"event": "alert_deferred"})
            finally:
                for alert in group:
                    alert.done.set()


_SENDER = AlertSender()


def alert_in_background(engine: Engine, mailer: Mailer, case_id: int,
                        now: dt.datetime) -> AlertTicket:
    """Send an urgent case's alerts right after intake, without making the reporter wait.

    The intake claimed them in its own transaction (claim_due); the process's sender only
    sends them. Same claim-then-send rules as cron, so the alert still goes exactly once if
    the process dies or the mail server is down (a later `cases remind` retries it).
    """
    return _SENDER.submit(engine, mailer, case_id, now)
