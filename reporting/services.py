"""The reporter side's rules: accept a report, find it again by receipt, talk about it.

Services take the session and keys as arguments, flush but never commit: the
view commits once, so a failure anywhere leaves nothing half-written.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import secrets
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO, Any, cast

from sqlalchemy import Table, bindparam, delete, insert, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session, joinedload
from sqlalchemy.sql.dml import ReturningInsert

from audit import Action, Actor, Entry, record, record_many
from auth.models import StaffUser
from cases import access, deadlines
from cases.models import (
    Attachment,
    AttachmentChunk,
    AttachmentVariant,
    Author,
    Case,
    CaseKeyWrap,
    CaseMessage,
    CaseStatus,
    Category,
    Channel,
    HolderKind,
)
from cases.reminders import claim_due
from cases.routing import route
from classification import Classification, FormAnswers, classify
from crypto import (
    REPORTER_WRAP_KEYPAIR,
    Argon2Params,
    DataKey,
    DecryptionError,
    Where,
    derive_receipt_keys,
    encrypt_chunks,
    new_data_key,
    new_receipt,
    normalise_receipt,
    open_,
    open_reporter_wrap,
    open_text,
    random_code,
    reporter_wrap_format,
    seal,
    seal_reporter_wrap,
    seal_text,
    unwrap_with_secret,
    wrap_data_key,
    wrap_with_secret,
)
from db import attach_inserted, new_row_values
from keyring.models import OrgKey
from networks.models import Network
from reporting.images import UnreadableImage, looks_like_image, sanitise_image
from reporting.models import ReporterSession

READ_BLOCK = 64 * 1024
_CASES = cast(Table, Case.__table__)
_KEY_WRAPS = cast(Table, CaseKeyWrap.__table__)
CHUNK_BATCH = 16


@dataclass(frozen=True)
class Upload:
    """A file as the form handed it over: a name, a declared type and a readable stream."""

    filename: str
    content_type: str
    stream: IO[bytes]


@dataclass(frozen=True)
class IntakeKeys:
    recovery: list[OrgKey]  # the active recovery key, and a new one during a rotation
    pepper: bytes


@dataclass(frozen=True)
class Submission:
    case: Case
    receipt: str
    classification: Classification
    rejected_images: list[str] = field(default_factory=list)


# --- where each ciphertext belongs (associated data) ---------------------------------

def report_where(case: Case) -> Where:
    return Where("cases", "report", case.public_id)


def identity_where(case: Case) -> Where:
    return Where("cases", "identity", case.public_id)


def evidence_where(case: Case) -> Where:
    return Where("cases", "evidence", case.public_id)


def message_where(case: Case, message: CaseMessage) -> Where:
    return Where("case_messages", "body", f"{case.public_id}/{message.public_id}")


def attachment_meta_where(case: Case, attachment: Attachment) -> Where:
    return Where("case_attachments", "meta", f"{case.public_id}/{attachment.public_id}")


def attachment_data_where(
    case: Case, attachment: Attachment, variant: AttachmentVariant
) -> Where:
    return Where("attachment_chunks", variant.value, f"{case.public_id}/{attachment.public_id}")


def reporter_wrap_where(case: Case) -> Where:
    return Where("case_key_wraps", "reporter", case.public_id)


def recovery_context(case: Case, key: OrgKey) -> bytes:
    return f"redevable/case-key/{case.public_id}/recovery/{key.fingerprint}".encode()


# --- intake ---------------------------------------------------------------------------

# Built once: a statement with loader options costs more to build than to run.
_INTAKE_NETWORK = (
    select(Network).where(Network.slug == bindparam("slug"))
    .options(joinedload(Network.parent).joinedload(Network.parent))
)


def intake_network(session: Session, slug: str) -> Network:
    """The chosen network with the two levels above it, which routing walks, in one query."""
    return session.scalars(_INTAKE_NETWORK, {"slug": slug}).unique().one()


def new_reference(prefix: str = "RDV") -> str:
    """A short random case reference: 40 bits, so no counter to race on."""
    return f"{prefix}-{random_code(5)}"


def submit_report(
    session: Session,
    *,
    network: Network,
    channel: Channel,
    answers: dict[str, Any],
    identity: dict[str, str] | None,
    uploads: list[Upload],
    keys: IntakeKeys,
    now: dt.datetime,
    reference_prefix: str = "RDV",
    claim_alerts: bool = False,
) -> Submission:
    """Accept a report: classify it in memory, encrypt everything, store it in one flush.

    With ``claim_alerts``, an urgent case's alerts are claimed in this same transaction, for
    the caller to send right after the commit (cases.reminders.alert_in_background).
    """
    text = str(answers.get("what_happened", ""))
    result = classify(
        text,
        FormAnswers(
            child_involved=_tristate(answers.get("child_involved")),
            danger_now=_tristate(answers.get("danger_now")),
            retaliation_feared=None,
        ),
    )
    data_key = new_data_key()
    receipt = new_receipt()
    receipt_keys = derive_receipt_keys(receipt, keys.pepper)

    flags = set(result.flags)
    case = Case(
        public_id=str(uuid.uuid4()),
        reference=new_reference(reference_prefix),
        network=network,
        network_id=network.id,
        channel=channel,
        status=CaseStatus.RECEIVED,
        received_at=now,
        updated_at=now,
        last_reporter_activity_at=now,
        ack_due_at=now + dt.timedelta(days=network.ack_days),
        suggested_category=Category(result.labels[0]),
        suggested_secondary=_secondary(result),
        suggested_flags=list(result.flags),
        flag_minor_involved="minor_involved" in flags,
        flag_immediate_danger="immediate_danger" in flags,
        flag_retaliation="retaliation" in flags,
        receipt_lookup=receipt_keys.lookup,
    )
    if case.flag_minor_involved or case.flag_immediate_danger or case.flag_retaliation:
        # Accountability Standards: an urgent case is triaged within 24 hours.
        case.triage_due_at = now + dt.timedelta(hours=network.urgent_triage_hours)
    deadlines.refresh(case)
    case.report_sealed = seal(data_key, _json(answers), report_where(case))
    if identity:
        case.identity_sealed = seal(data_key, _json(identity), identity_where(case))
    case.evidence_sealed = seal(data_key, _json(result.to_dict()), evidence_where(case))
    wraps: list[dict[str, object]] = [
        {"holder_kind": HolderKind.RECOVERY, "holder_id": recovery.id,
         "wrapped_key": wrap_data_key(recovery.public_key, data_key,
                                      recovery_context(case, recovery)),
         "recipient_fpr": None}
        for recovery in keys.recovery
    ]
    # A reporter key pair under the receipt: a re-key then needs no receipt.
    wraps.append({"holder_kind": HolderKind.REPORTER, "holder_id": 0,
                  "wrapped_key": seal_reporter_wrap(DataKey(receipt_keys.wrap_key), data_key,
                                                    reporter_wrap_where(case)),
                  "recipient_fpr": None})
    excluded_public_ids = list(answers.get("excluded_staff") or [])
    excluded = set(session.scalars(select(StaffUser.id).where(
        StaffUser.public_id.in_(excluded_public_ids)))) if excluded_public_ids else set()
    routing = route(session, network, excluded_ids=excluded,
                    concerned_names=str(answers.get("concerned_names") or ""),
                    concerned_role=str(answers.get("concerned_role") or ""), urgent=case.urgent)
    staff_wraps, granted = access.new_case_wraps(case, data_key, routing.everyone)
    # The writes: plain INSERTs, not the unit of work (intake is the hot path). Every row of
    # one executemany carries the same keys: the first row's keys decide the statement.
    _insert_with_fresh_reference(session, case)
    session.execute(insert(_KEY_WRAPS),
                    [{**row, "case_id": case.id} for row in [*wraps, *staff_wraps]])
    rejected = store_attachments(session, case, data_key, uploads, author=Author.REPORTER)
    if claim_alerts and case.urgent:
        claim_due(session, case, now, holders=granted)
    # Last, after the slow work: the audit append holds the chain's lock until commit.
    record_many(session, [
        Entry(Action.CASE_CREATED, Actor.reporter(), case.reference, network.slug, {
            "channel": str(channel), "urgent": case.urgent, "holders": len(routing.everyone),
            "escalated_to": routing.network.slug if routing.escalated and routing.network
            else None, "attachments": len(uploads)}),
        *(Entry(Action.KEY_GRANTED, Actor.system(), case.reference, network.slug,
                {"to": person.public_id, "reason": "routing"}) for person in granted),
    ])
    return Submission(case=case, receipt=receipt, classification=result, rejected_images=rejected)


def _insert_with_fresh_reference(session: Session, case: Case) -> None:
    """One INSERT of the new case; a reference already taken is drawn again.

    ON CONFLICT DO NOTHING instead of a savepoint: a collision (40 random bits) returns no
    row and leaves the transaction usable on PostgreSQL and SQLite alike.
    """
    values = new_row_values(case)
    insert_case = _insert_case_statement(session.get_bind().dialect.name)
    for _ in range(5):
        new_id = session.execute(insert_case, values).scalar()
        if new_id is not None:
            case.id = new_id
            attach_inserted(session, case)
            return
        case.reference = values["reference"] = new_reference(case.reference.split("-", 1)[0])
    raise RuntimeError("could not allocate a unique case reference")


@functools.cache
def _insert_case_statement(dialect: str) -> ReturningInsert[int]:
    make = postgresql.insert if dialect == "postgresql" else sqlite.insert
    table = _CASES
    return make(table).on_conflict_do_nothing(index_elements=[table.c.reference]).returning(
        table.c.id)


def _tristate(value: object) -> bool | None:
    return {"yes": True, "no": False}.get(str(value)) if value else None


def _secondary(result: Classification) -> Category | None:
    if len(result.labels) < 2 or result.labels[0] == Category.OTHER:
        return None
    second = result.labels[1]
    return Category(second) if result.scores.get(second, 0.0) >= 0.5 else None


def _json(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False, sort_keys=True).encode()


# --- attachments ----------------------------------------------------------------------

def _read_blocks(stream: IO[bytes]) -> Iterator[bytes]:
    while block := stream.read(READ_BLOCK):
        yield block


def store_attachments(
    session: Session,
    case: Case,
    data_key: DataKey,
    uploads: list[Upload],
    *,
    author: Author,
    message: CaseMessage | None = None,
) -> list[str]:
    """Seal each upload in chunks; add a metadata-free copy of pictures.

    Returns the names of pictures that could not be cleaned (kept as originals only).
    """
    rejected: list[str] = []
    for upload in uploads:
        attachment = Attachment(
            public_id=str(uuid.uuid4()), case=case, author=author,
            message_id=message.id if message is not None else None,
            meta_sealed=b"",  # sealed below, once the size is known
        )
        session.add(attachment)
        session.flush()
        upload.stream.seek(0)
        size = _store_variant(session, case, attachment, data_key=data_key,
                              variant=AttachmentVariant.ORIGINAL,
                              blocks=_read_blocks(upload.stream))
        meta: dict[str, Any] = {
            "filename": upload.filename,
            "content_type": upload.content_type or "application/octet-stream",
            "size": size,
        }
        upload.stream.seek(0)
        if looks_like_image(upload.stream.read(16)):
            upload.stream.seek(0)
            try:
                clean, clean_type = sanitise_image(upload.stream)
            except UnreadableImage:
                rejected.append(upload.filename)
            else:
                _store_variant(session, case, attachment, data_key=data_key,
                               variant=AttachmentVariant.SANITISED, blocks=iter([clean]))
                attachment.has_sanitised = True
                meta["sanitised_type"] = clean_type
                meta["sanitised_size"] = len(clean)
        where = attachment_meta_where(case, attachment)
        attachment.meta_sealed = seal(data_key, _json(meta), where)
    session.flush()
    return rejected


def _store_variant(
    session: Session,
    case: Case,
    attachment: Attachment,
    *,
    data_key: DataKey,
    variant: AttachmentVariant,
    blocks: Iterator[bytes],
) -> int:
    size = 0

    def counted() -> Iterator[bytes]:
        nonlocal size
        for block in blocks:
            size += len(block)
            yield block

    where = attachment_data_where(case, attachment, variant)
    batch: list[dict[str, Any]] = []
    for seq, sealed in enumerate(encrypt_chunks(data_key, where, counted())):
        batch.append({"attachment_id": attachment.id, "variant": variant, "seq": seq,
                      "data": sealed})
        if len(batch) == CHUNK_BATCH:
            # Hand chunks to the database as we go, so a big file never sits in memory.
            session.execute(insert(AttachmentChunk), batch)
            batch = []
    if batch:
        session.execute(insert(AttachmentChunk), batch)
    return size


# --- coming back with the receipt -----------------------------------------------------

_DUMMY_RECEIPT = "0000-0000-0000-0000-0000"


def open_with_receipt(
    session: Session, typed: str, *, pepper: bytes, legacy_params: Argon2Params | None
) -> tuple[Case, DataKey] | None:
    """Find the case a receipt belongs to and unwrap its key; None for any wrong receipt.

    Receipts of cases from before receipt scheme 2 are looked up with ``legacy_params``
    (Argon2id, scheme 1) when the scheme 2 lookup finds nothing; such a case is moved to
    scheme 2 on the spot. Every receipt that finds nothing, malformed or not, costs that
    same Argon2id, so the answer's timing does not tell a typo from an unknown receipt.
    """
    receipt = normalise_receipt(typed)
    keys = derive_receipt_keys(receipt or _DUMMY_RECEIPT, pepper)
    case = None if receipt is None else _case_by_lookup(session, keys.lookup)
    opening_key = keys.wrap_key
    if case is None and legacy_params is not None:
        legacy = derive_receipt_keys(receipt or _DUMMY_RECEIPT, pepper, legacy_params)
        case = None if receipt is None else _case_by_lookup(session, legacy.lookup)
        opening_key = legacy.wrap_key
    if case is None or case.status == CaseStatus.PURGED:
        return None
    # Locked: a re-key of this case rewrites the wrap; this login then waits and reads its result.
    wrap = session.scalars(
        select(CaseKeyWrap).where(
            CaseKeyWrap.case_id == case.id, CaseKeyWrap.holder_kind == HolderKind.REPORTER
        ).with_for_update()
    ).first()
    if wrap is None:
        return None
    try:
        data_key = open_reporter_wrap(DataKey(opening_key), wrap.wrapped_key,
                                      reporter_wrap_where(case))
    except DecryptionError:
        return None
    legacy_receipt = opening_key != keys.wrap_key
    if legacy_receipt or reporter_wrap_format(wrap.wrapped_key) != REPORTER_WRAP_KEYPAIR:
        # A case from before receipt scheme 2 or before reporter key pairs (perhaps re-keyed
        # since, with forward links): the receipt is here now, so move the case to both,
        # which drops the links. The key must open the report first: a link cut from the
        # stored blob gives an older key, and sealing that one for good would lock the
        # reporter out.
        session.refresh(case, ["report_sealed"])  # as of the lock, not of the first read
        try:
            open_(data_key, case.report_sealed or b"", report_where(case))
        except DecryptionError:
            return None
        wrap.wrapped_key = seal_reporter_wrap(DataKey(keys.wrap_key), data_key,
                                              reporter_wrap_where(case))
        case.receipt_lookup = keys.lookup
    return case, data_key


def _case_by_lookup(session: Session, lookup: bytes) -> Case | None:
    return session.scalars(select(Case).where(Case.receipt_lookup == lookup)).first()


def start_reporter_session(
    session: Session, case: Case, data_key: DataKey, *, now: dt.datetime, minutes: int
) -> str:
    """Create a short follow-up session; returns the token for the reporter's cookie."""
    token = secrets.token_bytes(32)
    session.add(
        ReporterSession(
            token_hash=hashlib.sha256(token).digest(),
            case_id=case.id,
            sealed_key=wrap_with_secret(token, data_key.raw, _session_context(case)),
            created_at=now,
            expires_at=now + dt.timedelta(minutes=minutes),
        )
    )
    session.flush()
    return token.hex()


def resume_reporter_session(
    session: Session, token_hex: str, *, now: dt.datetime, minutes: int
) -> tuple[Case, DataKey] | None:
    try:
        token = bytes.fromhex(token_hex)
    except ValueError:
        return None
    # Locked (PostgreSQL) until this request ends: a re-key of the case waits for what
    # the reporter seals with the key this session holds (cases.rekey).
    row = session.get(ReporterSession, hashlib.sha256(token).digest(),
                      with_for_update=True)
    if row is None or row.expires_at <= now:
        return None
    case = session.get(Case, row.case_id)
    if case is None or case.status == CaseStatus.PURGED:
        return None
    try:
        raw = unwrap_with_secret(token, row.sealed_key, _session_context(case))
    except DecryptionError:
        return None
    # Sliding expiry: a reporter who keeps reading is not thrown out mid-sentence.
    row.expires_at = now + dt.timedelta(minutes=minutes)
    return case, DataKey(raw)


def end_reporter_session(session: Session, token_hex: str) -> None:
    try:
        token = bytes.fromhex(token_hex)
    except ValueError:
        return
    session.execute(
        delete(ReporterSession).where(ReporterSession.token_hash == hashlib.sha256(token).digest())
    )


def purge_expired_reporter_sessions(session: Session, now: dt.datetime) -> int:
    result = session.execute(delete(ReporterSession).where(ReporterSession.expires_at <= now))
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


def _session_context(case: Case) -> bytes:
    return f"redevable/reporter-session/{case.public_id}".encode()


# --- what the reporter sees -----------------------------------------------------------

@dataclass(frozen=True)
class ShownMessage:
    author: Author
    body: str
    created_at: dt.datetime


def read_report(case: Case, data_key: DataKey) -> dict[str, Any]:
    if case.report_sealed is None:
        return {}
    loaded: dict[str, Any] = json.loads(open_(data_key, case.report_sealed, report_where(case)))
    return loaded


def read_messages(
    session: Session, case: Case, data_key: DataKey, *, reader: Author, actor: Actor,
    now: dt.datetime,
) -> list[ShownMessage]:
    """Decrypt the conversation; messages from the other side are marked read (audited)."""
    shown = []
    newly_read = 0
    for message in case.messages:
        body = open_text(data_key, message.body_sealed, message_where(case, message))
        if message.author != reader and message.read_at is None:
            message.read_at = now
            newly_read += 1
        shown.append(ShownMessage(message.author, body, message.created_at))
    if newly_read:
        record(session, Action.MESSAGE_READ, actor=actor, case_ref=case.reference,
               network=case.network.slug, details={"count": newly_read})
    return shown


def add_reporter_message(
    session: Session,
    case: Case,
    data_key: DataKey,
    body: str,
    uploads: list[Upload],
    *,
    now: dt.datetime,
) -> CaseMessage:
    """The reporter adds information; it restarts the retention clock."""
    message = CaseMessage(public_id=str(uuid.uuid4()), case=case, author=Author.REPORTER,
                          created_at=now, body_sealed=b"")
    message.body_sealed = seal_text(data_key, body, message_where(case, message))
    session.add(message)
    session.flush()
    store_attachments(session, case, data_key, uploads, author=Author.REPORTER, message=message)
    case.last_reporter_activity_at = now
    if case.closed_at is not None:
        # New information from the reporter restarts the retention clock.
        from cases.retention import set_retention  # noqa: PLC0415

        set_retention(case)
    record(session, Action.MESSAGE_SENT, actor=Actor.reporter(), case_ref=case.reference,
           network=case.network.slug, details={"attachments": len(uploads)})
    return message


def attachment_chunks(
    session: Session, attachment: Attachment, variant: AttachmentVariant
) -> Iterator[bytes]:
    """The sealed chunks of one variant, in order, fetched a few at a time."""
    rows = session.scalars(
        select(AttachmentChunk.data)
        .where(AttachmentChunk.attachment_id == attachment.id, AttachmentChunk.variant == variant)
        .order_by(AttachmentChunk.seq)
        .execution_options(yield_per=16)
    )
    yield from rows
