"""Reminders before and after each deadline, and the urgent alert to safeguarding leads.

Idempotent and safe on several servers at once: a reminder is first *claimed*
by inserting its row under a unique key (case, person, kind, deadline) and
committing; only the process whose insert won sends it. A claim whose mail
failed is retried by a later run. The mail carries no case content.
"""

from __future__ import annotations

import datetime as dt
import logging
import smtplib
import threading
from collections.abc import Callable
from dataclasses import dataclass
from email.message import EmailMessage

from sqlalchemy import Engine, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session, sessionmaker

from audit import Action, Actor, record
from auth.models import StaffUser
from cases import access
from cases.models import Case, CaseRole, CaseRoleKind, CaseStatus, Reminder, ReminderKind
from config import Settings

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

    def send(self, to: str, kind: ReminderKind) -> None:
        message = EmailMessage()
        message["From"] = self.sender
        message["To"] = to
        message["Subject"] = SUBJECT
        message.set_content("\n\n".join(
            line.format(why=WHY[kind], url=self.login_url) for line in LINES.values()))
        with smtplib.SMTP(self.host, self.port, timeout=10) as smtp:
            smtp.send_message(message)


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


def _claim(session: Session, values: dict[str, object]) -> bool:
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    result = session.execute(insert(Reminder).values(**values).on_conflict_do_nothing())
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


def alert_in_background(engine: Engine, mailer: Mailer, case_id: int,
                        now: dt.datetime) -> threading.Thread:
    """Send an urgent case's alerts right after intake, without making the reporter wait.

    The intake claimed them in its own transaction (claim_due); this only sends. Same
    claim-then-send path as cron, so the alert still goes exactly once if this thread dies
    or the mail server is down (a later `cases remind` retries it).
    """
    def work() -> None:
        try:
            send_claimed(engine, mailer.send, now=now, only_case=case_id)
        except Exception:  # a background thread must not die loudly; cron catches up
            log.exception("urgent alert not sent now", extra={"event": "alert_deferred"})

    thread = threading.Thread(target=work, name="urgent-alert", daemon=True)
    thread.start()
    return thread
