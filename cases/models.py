"""Cases and everything stored with them.

Only what routing, deadlines and statistics need is plaintext (reference,
network, status, dates, categories, urgency flags). Every other byte of a case
is AES-256-GCM ciphertext under the case's own data key, bound to its row.
"""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import JSON, ForeignKey, Index, Integer, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from classification.taxonomy import Category as Category  # noqa: PLC0414 - re-export
from classification.taxonomy import Flag
from db import Base, enum_type, utcnow
from networks.models import Network

# "No deadline": sorts after every real one, so the queue's order needs no NULL handling.
FAR_FUTURE = dt.datetime(9999, 12, 31, tzinfo=dt.UTC)


class Channel(enum.StrEnum):
    """Feedback needs no response; a complaint starts the Accountability Standards clocks."""

    COMPLAINT = "complaint"
    FEEDBACK = "feedback"


class CaseStatus(enum.StrEnum):
    RECEIVED = "received"
    ACKNOWLEDGED = "acknowledged"
    TRIAGE = "triage"
    INFO_REQUESTED = "info_requested"
    REFERRED = "referred"
    CLOSED_NO_CASE = "closed_no_case"
    INVESTIGATION = "investigation"
    FINDINGS = "findings"
    DECISION = "decision"
    FEEDBACK_GIVEN = "feedback_given"
    CLOSED = "closed"
    APPEAL = "appeal"
    PURGED = "purged"


class Finding(enum.StrEnum):
    SUBSTANTIATED = "substantiated"
    PARTLY_SUBSTANTIATED = "partly_substantiated"
    UNSUBSTANTIATED = "unsubstantiated"
    INCONCLUSIVE = "inconclusive"


class Outcome(enum.StrEnum):
    """Closing codes; retention periods and statistics key on them."""

    ACTION_TAKEN = "action_taken"
    NO_ACTION = "no_action"
    REFERRED = "referred"
    NO_CASE = "no_case"
    WITHDRAWN = "withdrawn"
    FEEDBACK_NOTED = "feedback_noted"
    APPEAL_UPHELD = "appeal_upheld"
    APPEAL_REVISED = "appeal_revised"


class CaseRoleKind(enum.StrEnum):
    HANDLER = "handler"
    INVESTIGATOR = "investigator"
    DECISION_MAKER = "decision_maker"
    APPEAL_REVIEWER = "appeal_reviewer"


class SignoffKind(enum.StrEnum):
    CLOSURE_PROPOSED = "closure_proposed"
    PURGE_PROPOSED = "purge_proposed"  # deletion before the retention term: two people


class Author(enum.StrEnum):
    REPORTER = "reporter"
    STAFF = "staff"
    SYSTEM = "system"


class HolderKind(enum.StrEnum):
    """Who a wrap of a case's data key is for."""

    RECOVERY = "recovery"
    REPORTER = "reporter"
    STAFF = "staff"


class AttachmentVariant(enum.StrEnum):
    ORIGINAL = "original"
    SANITISED = "sanitised"


class Case(Base):
    __tablename__ = "cases"
    __table_args__ = (
        # The queue: urgent first, then the nearest (or most overdue) deadline.
        Index("ix_cases_queue_order", "queue_rank", "next_due_at", "id"),
        Index("ix_cases_network_status", "network_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(String(36), unique=True)
    reference: Mapped[str] = mapped_column(String(16), unique=True)
    network_id: Mapped[int] = mapped_column(ForeignKey("networks.id"))
    channel: Mapped[Channel] = mapped_column(enum_type(Channel))
    status: Mapped[CaseStatus] = mapped_column(enum_type(CaseStatus), index=True)

    received_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    ack_due_at: Mapped[dt.datetime]
    acknowledged_at: Mapped[dt.datetime | None]
    triage_due_at: Mapped[dt.datetime | None]
    feedback_due_at: Mapped[dt.datetime | None]
    closed_at: Mapped[dt.datetime | None]
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    # Reset when the reporter adds information (retention clock).
    last_reporter_activity_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    suggested_category: Mapped[Category | None] = mapped_column(enum_type(Category))
    suggested_secondary: Mapped[Category | None] = mapped_column(enum_type(Category))
    suggested_flags: Mapped[list[str]] = mapped_column(JSON, default=list)
    category: Mapped[Category | None] = mapped_column(enum_type(Category))
    flag_minor_involved: Mapped[bool] = mapped_column(default=False)
    flag_immediate_danger: Mapped[bool] = mapped_column(default=False)
    flag_retaliation: Mapped[bool] = mapped_column(default=False)
    # Denormalised for the queue's index (cases.deadlines.refresh keeps them true):
    # rank 0 urgent and open, 1 open, 2 closed; the next deadline, or FAR_FUTURE.
    urgent: Mapped[bool] = mapped_column(default=False)
    queue_rank: Mapped[int] = mapped_column(default=1)
    next_due_at: Mapped[dt.datetime] = mapped_column(default=lambda: FAR_FUTURE)
    serious: Mapped[bool] = mapped_column(default=False)
    finding: Mapped[Finding | None] = mapped_column(enum_type(Finding))
    outcome: Mapped[Outcome | None] = mapped_column(enum_type(Outcome))
    feedback_given_at: Mapped[dt.datetime | None]
    # Reasons and decisions are case content: sealed like the report.
    decision_sealed: Mapped[bytes | None] = mapped_column(LargeBinary)
    closure_sealed: Mapped[bytes | None] = mapped_column(LargeBinary)
    # The same closure record sealed to the auditors' shared key: auditors read the reasons
    # of closed cases without ever holding a case key.
    closure_for_audit: Mapped[bytes | None] = mapped_column(LargeBinary)
    # Retention (GDPR Art. 5(1)(e); EU 2019/1937 Art. 18): when the closed case may be purged.
    retention_until: Mapped[dt.datetime | None] = mapped_column(index=True)
    legal_hold: Mapped[bool] = mapped_column(default=False)
    purged_at: Mapped[dt.datetime | None]

    # Argon2id-derived from the receipt; the receipt itself is never stored.
    receipt_lookup: Mapped[bytes | None] = mapped_column(LargeBinary(32), unique=True)

    # Ciphertexts under the case data key (see reporting.services for the Where of each).
    report_sealed: Mapped[bytes | None] = mapped_column(LargeBinary)
    identity_sealed: Mapped[bytes | None] = mapped_column(LargeBinary)
    evidence_sealed: Mapped[bytes | None] = mapped_column(LargeBinary)

    network: Mapped[Network] = relationship()
    key_wraps: Mapped[list[CaseKeyWrap]] = relationship(
        back_populates="case", cascade="all, delete-orphan", passive_deletes=True
    )
    messages: Mapped[list[CaseMessage]] = relationship(
        back_populates="case",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="CaseMessage.created_at",
    )
    attachments: Mapped[list[Attachment]] = relationship(
        back_populates="case",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="Attachment.created_at",
    )

    @property
    def flags(self) -> list[Flag]:
        pairs = [
            (self.flag_minor_involved, Flag.MINOR_INVOLVED),
            (self.flag_immediate_danger, Flag.IMMEDIATE_DANGER),
            (self.flag_retaliation, Flag.RETALIATION),
        ]
        return [flag for on, flag in pairs if on]

    def __repr__(self) -> str:
        return f"<Case {self.reference} {self.status}>"


class CaseKeyWrap(Base):
    """The case data key, sealed to one holder. Deleting every wrap crypto-shreds the case."""

    __tablename__ = "case_key_wraps"
    __table_args__ = (
        UniqueConstraint("case_id", "holder_kind", "holder_id"),
        # "Which cases may this person see": the queue joins through here.
        Index("ix_case_key_wraps_holder", "holder_kind", "holder_id", "case_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    holder_kind: Mapped[HolderKind] = mapped_column(enum_type(HolderKind))
    # A staff id, an org key id, or 0 for the reporter: never NULL, so the unique key holds.
    holder_id: Mapped[int] = mapped_column(Integer, default=0)
    wrapped_key: Mapped[bytes] = mapped_column(LargeBinary)
    # Fingerprint of the public key this wrap was sealed to: after a key reset the old
    # wraps are visibly stale until a colleague or the recovery key seals the case again.
    recipient_fpr: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    case: Mapped[Case] = relationship(back_populates="key_wraps")


class CaseMessage(Base):
    """A message between the reporter and the handlers, readable with the receipt."""

    __tablename__ = "case_messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(String(36), unique=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    author: Mapped[Author] = mapped_column(enum_type(Author))
    staff_id: Mapped[int | None]
    body_sealed: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    read_at: Mapped[dt.datetime | None]

    case: Mapped[Case] = relationship(back_populates="messages")


class Attachment(Base):
    """A file from the reporter; its name and type are sealed metadata, its bytes chunks."""

    __tablename__ = "case_attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(String(36), unique=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    message_id: Mapped[int | None] = mapped_column(
        ForeignKey("case_messages.id", ondelete="CASCADE")
    )
    author: Mapped[Author] = mapped_column(enum_type(Author))
    meta_sealed: Mapped[bytes] = mapped_column(LargeBinary)
    has_sanitised: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    case: Mapped[Case] = relationship(back_populates="attachments")


class AttachmentChunk(Base):
    """One sealed chunk of an attachment (crypto.stream); memory stays bounded both ways."""

    __tablename__ = "attachment_chunks"

    attachment_id: Mapped[int] = mapped_column(
        ForeignKey("case_attachments.id", ondelete="CASCADE"), primary_key=True
    )
    variant: Mapped[AttachmentVariant] = mapped_column(
        enum_type(AttachmentVariant), primary_key=True
    )
    seq: Mapped[int] = mapped_column(primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class CaseRole(Base):
    """Who does what in one case (plaintext: needed for routing and the separation rules)."""

    __tablename__ = "case_roles"
    __table_args__ = (UniqueConstraint("case_id", "staff_id", "role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff_users.id", ondelete="CASCADE"),
                                          index=True)
    role: Mapped[CaseRoleKind] = mapped_column(enum_type(CaseRoleKind))
    assigned_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    # Former holders keep their row (ended) so "took no other part" can be checked.
    ended_at: Mapped[dt.datetime | None]


class CaseNote(Base):
    """An internal note; edits keep history and a note is retracted, never deleted."""

    __tablename__ = "case_notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(String(36), unique=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("staff_users.id"))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    retracted_at: Mapped[dt.datetime | None]
    versions: Mapped[list[CaseNoteVersion]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="CaseNoteVersion.version")


class CaseNoteVersion(Base):
    __tablename__ = "case_note_versions"

    note_id: Mapped[int] = mapped_column(ForeignKey("case_notes.id", ondelete="CASCADE"),
                                         primary_key=True)
    version: Mapped[int] = mapped_column(primary_key=True)
    editor_id: Mapped[int] = mapped_column(ForeignKey("staff_users.id"))
    edited_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    body_sealed: Mapped[bytes] = mapped_column(LargeBinary)


class CaseSignoff(Base):
    """A pending two-person step: a closure proposed by one person, confirmed by another."""

    __tablename__ = "case_signoffs"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    kind: Mapped[SignoffKind] = mapped_column(enum_type(SignoffKind))
    requested_by_id: Mapped[int] = mapped_column(ForeignKey("staff_users.id"))
    requested_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    outcome: Mapped[Outcome | None] = mapped_column(enum_type(Outcome))
    reasons_sealed: Mapped[bytes | None] = mapped_column(LargeBinary)
    resolved_at: Mapped[dt.datetime | None]


class ReminderKind(enum.StrEnum):
    URGENT_ALERT = "urgent_alert"
    ACK_SOON = "ack_soon"
    ACK_OVERDUE = "ack_overdue"
    TRIAGE_OVERDUE = "triage_overdue"
    FEEDBACK_SOON = "feedback_soon"
    FEEDBACK_OVERDUE = "feedback_overdue"


class Reminder(Base):
    """One reminder to one person about one deadline: claimed once, sent once."""

    __tablename__ = "case_reminders"
    __table_args__ = (UniqueConstraint("case_id", "staff_id", "kind", "due_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff_users.id", ondelete="CASCADE"))
    kind: Mapped[ReminderKind] = mapped_column(enum_type(ReminderKind))
    due_at: Mapped[dt.datetime]
    claimed_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[dt.datetime | None]


class CaseConflict(Base):
    """A declared conflict of interest: the person never holds this case again."""

    __tablename__ = "case_conflicts"
    __table_args__ = (UniqueConstraint("case_id", "staff_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff_users.id", ondelete="CASCADE"))
    declared_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
