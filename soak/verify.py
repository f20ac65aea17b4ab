"""After the load: did every receipt open its case, whole, and is every case whole?

Two independent checks. With each receipt handed out, the reporter's own path
(`open_with_receipt`) must find the case and everything they sent must read back the
same. With the recovery key the soak created (its private half stays in the soak's
temporary folder), every case in the database must open completely: report, identity,
attachments chunk by chunk, messages, and its creation event in the audit trail. A case
nobody was given a receipt for (the answer was lost when a worker died after the commit)
is counted, and must be whole too.
"""

from __future__ import annotations

import collections
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from audit import Action
from audit.models import AuditEvent
from cases.models import (
    Attachment,
    AttachmentVariant,
    Author,
    Case,
    CaseKeyWrap,
    HolderKind,
)
from config import Settings
from crypto import DataKey, decrypt_chunks, open_, open_text, unwrap_data_key
from keyring.models import OrgKey
from keyring.services import KDF_PARAMS, read_private_key
from reporting.services import (
    attachment_chunks,
    attachment_data_where,
    attachment_meta_where,
    identity_where,
    message_where,
    open_with_receipt,
    read_report,
    recovery_context,
)
from soak.load import Sent

COMPARED = ("danger_now", "channel", "what_happened", "when", "location", "concerned_role",
            "concerned_names", "child_involved", "outcome", "on_behalf", "excluded")


@dataclass
class Verdict:
    receipts_checked: int = 0
    receipts_ok: int = 0
    cases_in_database: int = 0
    cases_whole: int = 0
    cases_without_receipt: int = 0
    attachments_checked: int = 0
    replies_checked: int = 0
    problems: list[str] = field(default_factory=list)


def _attachment_bytes(session: Session, case: Case, key: DataKey, attachment: Attachment,
                      variant: AttachmentVariant = AttachmentVariant.ORIGINAL) -> bytes:
    where = attachment_data_where(case, attachment, variant)
    return b"".join(decrypt_chunks(key, where, attachment_chunks(session, attachment, variant)))


def _meta(case: Case, key: DataKey, attachment: Attachment) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(open_(key, attachment.meta_sealed,
                                              attachment_meta_where(case, attachment)))
    return loaded


def check_receipts(engine: Engine, settings: Settings, sent: list[Sent],  # noqa: PLR0912
                   verdict: Verdict) -> set[str]:
    """Open each case with its receipt, as the reporter does; compare with what was sent."""
    references: set[str] = set()
    params = KDF_PARAMS[settings.receipt_kdf]
    with Session(engine) as session:
        for item in sent:
            verdict.receipts_checked += 1
            found = open_with_receipt(session, item.receipt, pepper=settings.receipt_pepper,
                                      legacy_params=params)
            if found is None:
                verdict.problems.append(f"receipt from {item.phase} opens nothing")
                continue
            case, key = found
            references.add(case.reference)
            report = read_report(case, key)
            wrong = [name for name in COMPARED if report.get(name) != item.answers.get(name)]
            if report.get("network") is not None:
                wrong += ["network"] if report.get("network") != item.answers["network"] else []
            if case.network.slug != item.answers["network"]:
                wrong.append("case.network")
            if item.identity is not None:
                stored = json.loads(open_(key, case.identity_sealed or b"",
                                          identity_where(case)))
                if stored != item.identity:
                    wrong.append("identity")
            elif case.identity_sealed is not None:
                wrong.append("identity stored for an anonymous report")
            originals = collections.Counter()
            for attachment in case.attachments:
                if attachment.message_id is None and attachment.author == Author.REPORTER:
                    meta = _meta(case, key, attachment)
                    data = _attachment_bytes(session, case, key, attachment)
                    if len(data) != meta["size"]:
                        wrong.append("attachment size")
                    originals[(meta["filename"], hashlib.sha256(data).hexdigest())] += 1
                    verdict.attachments_checked += 1
            if originals != collections.Counter(item.files):
                wrong.append("attachments")
            bodies = {open_text(key, m.body_sealed, message_where(case, m))
                      for m in case.messages if m.author == Author.REPORTER}
            missing = [r for r in item.replies if r not in bodies]
            verdict.replies_checked += len(item.replies)
            if missing:
                wrong.append(f"{len(missing)} replies")
            if wrong:
                verdict.problems.append(f"case {case.reference} ({item.phase}) differs: "
                                        + ", ".join(wrong))
            else:
                verdict.receipts_ok += 1
        session.rollback()
    return references


def check_every_case(engine: Engine, recovery_file: Path, handed_out: set[str],
                     verdict: Verdict) -> None:
    """Every case opens with the recovery key and is complete; none is half-written."""
    private = read_private_key(recovery_file)
    with Session(engine) as session:
        created = set(session.scalars(select(AuditEvent.case_ref).where(
            AuditEvent.action == Action.CASE_CREATED)))
        for case in session.scalars(select(Case).order_by(Case.id)):
            verdict.cases_in_database += 1
            missing: list[str] = []
            wraps = {w.holder_kind: w for w in case.key_wraps}
            if HolderKind.REPORTER not in wraps:
                missing.append("reporter key wrap")
            recovery = session.scalars(select(CaseKeyWrap).where(
                CaseKeyWrap.case_id == case.id,
                CaseKeyWrap.holder_kind == HolderKind.RECOVERY)).first()
            if recovery is None or case.report_sealed is None:
                verdict.problems.append(f"case {case.reference}: no recovery wrap or no report")
                continue
            org_key = session.get(OrgKey, recovery.holder_id)
            try:
                key = unwrap_data_key(private, recovery.wrapped_key,
                                      recovery_context(case, org_key))  # type: ignore[arg-type]
                report = read_report(case, key)
                if not str(report.get("what_happened", "")).strip():
                    missing.append("report text")
                for attachment in case.attachments:
                    meta = _meta(case, key, attachment)
                    if len(_attachment_bytes(session, case, key, attachment)) != meta["size"]:
                        missing.append("attachment chunks")
                for message in case.messages:
                    open_text(key, message.body_sealed, message_where(case, message))
            except Exception as exc:
                missing.append(f"does not decrypt ({type(exc).__name__})")
            if case.reference not in created:
                missing.append("creation event in the audit trail")
            if missing:
                verdict.problems.append(f"case {case.reference} is incomplete: "
                                        + ", ".join(missing))
            else:
                verdict.cases_whole += 1
            if case.reference not in handed_out:
                verdict.cases_without_receipt += 1
        session.rollback()
