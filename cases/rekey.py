"""Re-keying a case: a new case key, every ciphertext re-sealed under it, every holder re-wrapped.

Why: after a suspected leak of a case key, or after removing someone who could have kept a copy
of it (a recused or departed holder had it in the clear every time they opened the case),
deleting their wrap is not enough: the old key still opens every stored ciphertext. A re-key
makes the old key worthless: new random key, everything of the case decrypted with the old key
and sealed again with the new one (same table/column/row binding), the new key wrapped for each
current holder, each recovery key and the reporter, and every old wrap gone.

One transaction (the caller commits once): either all of it or none of it. The reporter needs no
receipt for this (crypto.reporter): their key pair gets the new key. A legacy case from before
reporter key pairs gets a forward link instead, until the reporter's next login (docs/keys.md).
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from audit import Action, Actor, record
from auth.models import StaffUser
from auth.permissions import Permission, can
from auth.services import key_fingerprint
from cases.access import staff_context
from cases.models import (
    Attachment,
    AttachmentChunk,
    AttachmentVariant,
    Case,
    CaseKeyWrap,
    CaseMessage,
    CaseNote,
    CaseNoteVersion,
    CaseSignoff,
    CaseStatus,
    HolderKind,
)
from cases.services import ActionRefused, actor_of, add_note, note_where, signoff_where
from crypto import (
    REPORTER_WRAP_KEYPAIR,
    DataKey,
    DecryptionError,
    Where,
    decrypt_chunks,
    encrypt_chunks,
    new_data_key,
    open_,
    reporter_wrap_format,
    rewrap_reporter,
    seal,
    wrap_data_key,
)
from keyring.models import OrgKey
from keyring.services import RecoveryKeyMissing, recovery_keys_to_seal
from reporting.models import ReporterSession
from reporting.services import (
    CHUNK_BATCH,
    attachment_data_where,
    attachment_meta_where,
    message_where,
    recovery_context,
    reporter_wrap_where,
)

# The case columns sealed under the case key, each bound to Where("cases", <name>, public id).
# closure_for_audit is sealed to the auditors' key, not the case key: it is left as it is.
CASE_COLUMNS = ("report", "identity", "evidence", "decision", "closure")

# Every stored value the case key opens (or that wraps it): tests/cases/test_rekey.py checks that
# no binary column of the schema is missing from here or from its list of other keys' columns.
REKEYED_COLUMNS = frozenset({
    *(f"cases.{name}_sealed" for name in CASE_COLUMNS),
    "case_messages.body_sealed",
    "case_note_versions.body_sealed",
    "case_signoffs.reasons_sealed",
    "case_attachments.meta_sealed",
    "attachment_chunks.data",
    "case_key_wraps.wrapped_key",
    "reporter_sessions.sealed_key",  # not re-sealed: the sessions end (they hold the old key)
})


class RekeyReason(enum.StrEnum):
    """Why a case was re-keyed: a fixed vocabulary, so the audit trail never holds free text."""

    SUSPECTED_LEAK = "suspected_leak"
    HOLDER_REMOVED = "holder_removed"
    ROUTINE = "routine"


@dataclass(frozen=True)
class Rekeyed:
    """What a re-key did, in counts (this is what the audit event records)."""

    sealed: int  # sealed values: case columns, messages, note versions, sign-offs, file details
    chunks: int  # attachment chunks
    holders: int  # staff wraps renewed
    recovery: int  # recovery-key wraps made
    reporter: str  # "key_pair", "forward_link" (a legacy case) or "none"
    dropped: int  # staff wraps not renewed: stale after a key reset, or a disabled account
    sessions_ended: int  # reporter follow-up sessions (they held the old key)


def rekey_case(session: Session, case: Case, old_key: DataKey, *, actor: Actor,
               reason: RekeyReason, now: dt.datetime) -> tuple[DataKey, Rekeyed]:
    """Replace the case key; returns the new key and the counts. Flushes, never commits.

    ``old_key`` must be the current key: every ciphertext is opened with it on the way, so a
    wrong or stale key (another re-key came first) raises DecryptionError before anything can
    commit, and the caller's rollback leaves the case as it was. Raises ValueError for a purged
    case and RecoveryKeyMissing without a recovery key (a case must never end up sealed to
    nobody who can recover it).
    """
    if case.status == CaseStatus.PURGED:
        raise ValueError("a purged case has no key left to replace")
    recovery_keys = recovery_keys_to_seal(session)
    wraps = _lock(session, case)
    new_key = new_data_key()
    sealed = _reseal_values(session, case, old_key, new_key)
    chunks = _reseal_attachments(session, case, old_key, new_key)
    holders, dropped = _rewrap_staff(session, case, wraps, new_key, now)
    recovery = _rewrap_recovery(session, case, wraps, new_key, recovery_keys, now)
    reporter = _rewrap_reporter(case, wraps, old_key, new_key)
    ended = session.execute(delete(ReporterSession).where(ReporterSession.case_id == case.id))
    session.flush()
    session.expire(case, ["key_wraps", "messages", "attachments"])
    done = Rekeyed(sealed=sealed, chunks=chunks, holders=holders, recovery=recovery,
                   reporter=reporter, dropped=dropped,
                   sessions_ended=int(ended.rowcount or 0))  # type: ignore[attr-defined]
    record(session, Action.CASE_REKEYED, actor=actor, case_ref=case.reference,
           network=case.network.slug, details={"reason": str(reason), **asdict(done)})
    return new_key, done


def rekey_as_holder(session: Session, case: Case, user: StaffUser, data_key: DataKey, *,
                    reason: RekeyReason, details: str, now: dt.datetime) -> Rekeyed:
    """A holder of the case re-keys it from the case page (the view checked the step-up).

    Their optional explanation is kept as an internal note under the *new* key: the case team
    can read why, the audit trail records only the reason code and the counts.
    """
    if not can(user, Permission.CASE_REKEY, case):
        raise ActionRefused("not_permitted")
    try:
        new_key, done = rekey_case(session, case, data_key, actor=actor_of(user), reason=reason,
                                   now=now)
    except RecoveryKeyMissing:
        raise ActionRefused("no_recovery_key") from None
    except DecryptionError:  # a colleague's re-key came first, or stored content is damaged
        raise ActionRefused("rekey_failed") from None
    if details.strip():
        add_note(session, case, user, new_key, details, now=now)
    return done


def reporter_is_legacy(case: Case) -> bool:
    """Whether the reporter's wrap predates reporter key pairs (a re-key then leaves a link)."""
    wrap = next((w for w in case.key_wraps if w.holder_kind == HolderKind.REPORTER), None)
    return wrap is not None and reporter_wrap_format(wrap.wrapped_key) != REPORTER_WRAP_KEYPAIR


def _lock(session: Session, case: Case) -> list[CaseKeyWrap]:
    """Take the case's wraps, then the case, then its reporter sessions; read them fresh.

    On PostgreSQL everyone who opened this case's key in a transaction still running holds a
    share lock on their wrap (services.open_case) or on their follow-up session
    (reporting.services.resume_reporter_session): this waits until each has committed what
    they sealed with the old key, so it is re-sealed below, and anyone who opens the key from
    now on waits for the new one. Wraps first: a writer holding its wrap then needs the case
    row for its foreign keys, so taking the case first could deadlock. Another re-key and a
    receipt login wait here too. SQLite takes the write lock at BEGIN (db.py), which
    serialises all of this anyway.
    """
    session.flush()
    wraps = list(session.scalars(
        select(CaseKeyWrap).where(CaseKeyWrap.case_id == case.id).order_by(CaseKeyWrap.id)
        .with_for_update().execution_options(populate_existing=True)))
    session.execute(select(Case.id).where(Case.id == case.id).with_for_update())
    session.execute(select(ReporterSession.token_hash).where(ReporterSession.case_id == case.id)
                    .with_for_update())
    session.refresh(case)
    return wraps


def _reseal_values(session: Session, case: Case, old: DataKey, new: DataKey) -> int:
    """Every sealed value stored in a column, under the new key, at the same place."""
    count = 0

    def again(sealed: bytes, where: Where) -> bytes:
        nonlocal count
        count += 1
        return seal(new, open_(old, sealed, where), where)

    for name in CASE_COLUMNS:
        value = getattr(case, f"{name}_sealed")
        if value is not None:
            setattr(case, f"{name}_sealed", again(value, Where("cases", name, case.public_id)))
    fresh = {"populate_existing": True}
    for message in session.scalars(select(CaseMessage).where(CaseMessage.case_id == case.id)
                                   .execution_options(**fresh)):
        message.body_sealed = again(message.body_sealed, message_where(case, message))
    for version, note in session.execute(
            select(CaseNoteVersion, CaseNote).join(CaseNote, CaseNoteVersion.note_id == CaseNote.id)
            .where(CaseNote.case_id == case.id).execution_options(**fresh)):
        version.body_sealed = again(version.body_sealed, note_where(case, note, version.version))
    for signoff in session.scalars(select(CaseSignoff).where(
            CaseSignoff.case_id == case.id, CaseSignoff.reasons_sealed.is_not(None))
            .execution_options(**fresh)):
        signoff.reasons_sealed = again(signoff.reasons_sealed or b"",
                                       signoff_where(case, signoff))
    for attachment in _attachments(session, case):
        attachment.meta_sealed = again(attachment.meta_sealed,
                                       attachment_meta_where(case, attachment))
    session.flush()
    return count


def _attachments(session: Session, case: Case) -> list[Attachment]:
    return list(session.scalars(select(Attachment).where(Attachment.case_id == case.id)
                                .order_by(Attachment.id)
                                .execution_options(populate_existing=True)))


def _reseal_attachments(session: Session, case: Case, old: DataKey, new: DataKey) -> int:
    count = 0
    for attachment in _attachments(session, case):
        variants = session.scalars(select(AttachmentChunk.variant).distinct().where(
            AttachmentChunk.attachment_id == attachment.id)).all()
        for variant in variants:
            count += _reseal_file(session, case, attachment, AttachmentVariant(variant), old, new)
    return count


def _reseal_file(session: Session, case: Case, attachment: Attachment,  # noqa: PLR0917 - one file, both keys
                 variant: AttachmentVariant, old: DataKey, new: DataKey) -> int:
    """Stream one file from the old key to the new one, a few chunks in memory at a time.

    The new chunks go in at negative positions (-1, -2, ...) while the old ones (0, 1, ...) are
    still being read, then the old ones are deleted and the new ones renumbered: the reads never
    see a half-rewritten file, whatever the chunk sizes.
    """
    mine = (AttachmentChunk.attachment_id == attachment.id, AttachmentChunk.variant == variant)
    where = attachment_data_where(case, attachment, variant)

    def old_chunks() -> Iterator[bytes]:
        after = -1
        while True:
            rows = session.execute(select(AttachmentChunk.seq, AttachmentChunk.data)
                                   .where(*mine, AttachmentChunk.seq > after)
                                   .order_by(AttachmentChunk.seq).limit(CHUNK_BATCH)).all()
            if not rows:
                return
            after = rows[-1].seq
            for row in rows:
                yield row.data

    batch: list[dict[str, Any]] = []
    count = 0
    for seq, sealed in enumerate(encrypt_chunks(new, where, decrypt_chunks(old, where,
                                                                           old_chunks()))):
        batch.append({"attachment_id": attachment.id, "variant": variant, "seq": -1 - seq,
                      "data": sealed})
        count += 1
        if len(batch) == CHUNK_BATCH:
            session.execute(insert(AttachmentChunk), batch)
            batch = []
    if batch:
        session.execute(insert(AttachmentChunk), batch)
    quiet = {"synchronize_session": False}
    session.execute(delete(AttachmentChunk).where(*mine, AttachmentChunk.seq >= 0)
                    .execution_options(**quiet))
    session.execute(update(AttachmentChunk).where(*mine, AttachmentChunk.seq < 0)
                    .values(seq=-AttachmentChunk.seq - 1).execution_options(**quiet))
    return count


def _rewrap_staff(session: Session, case: Case, wraps: list[CaseKeyWrap], new: DataKey,
                  now: dt.datetime) -> tuple[int, int]:
    """Renew each current holder's wrap in place; drop stale wraps and disabled accounts.

    A stale wrap (sealed to a key the person lost in a password reset) and a disabled account
    would not be granted the case today (cases.access.grant): they do not get the new key
    either. A colleague can grant it again later, as after any reset.
    """
    renewed = dropped = 0
    for wrap in (w for w in wraps if w.holder_kind == HolderKind.STAFF):
        user = session.get(StaffUser, wrap.holder_id)
        if (user is None or not user.active or user.public_key is None
                or wrap.recipient_fpr != key_fingerprint(user.public_key)):
            session.delete(wrap)
            dropped += 1
            continue
        wrap.wrapped_key = wrap_data_key(user.public_key, new, staff_context(case, user))
        wrap.created_at = now
        renewed += 1
    return renewed, dropped


def _rewrap_recovery(session: Session, case: Case, wraps: list[CaseKeyWrap],  # noqa: PLR0917
                     new: DataKey, keys: list[OrgKey], now: dt.datetime) -> int:
    """Seal the new key to each recovery key in use (two during a rotation); drop the rest."""
    current = {w.holder_id: w for w in wraps if w.holder_kind == HolderKind.RECOVERY}
    for key in keys:
        wrapped = wrap_data_key(key.public_key, new, recovery_context(case, key))
        wrap = current.pop(key.id, None)
        if wrap is None:
            session.add(CaseKeyWrap(case_id=case.id, holder_kind=HolderKind.RECOVERY,
                                    holder_id=key.id, wrapped_key=wrapped, created_at=now))
        else:
            wrap.wrapped_key = wrapped
            wrap.created_at = now
    for retired in current.values():
        session.delete(retired)
    return len(keys)


def _rewrap_reporter(case: Case, wraps: list[CaseKeyWrap], old: DataKey, new: DataKey) -> str:
    wrap = next((w for w in wraps if w.holder_kind == HolderKind.REPORTER), None)
    if wrap is None:
        return "none"
    wrap.wrapped_key = rewrap_reporter(wrap.wrapped_key, old, new, reporter_wrap_where(case))
    return ("key_pair" if reporter_wrap_format(wrap.wrapped_key) == REPORTER_WRAP_KEYPAIR
            else "forward_link")
