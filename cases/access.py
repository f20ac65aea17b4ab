"""Who holds a case: access is the possession of a wrap of the case key.

Granting access seals the case key to one more public key; recusal deletes
that wrap. A person without a current wrap cannot decrypt the case, and the
queries below never list it for them: for them it does not exist.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from sqlalchemy import ColumnElement, Select, delete, select
from sqlalchemy.orm import Session

from auth.models import StaffUser
from auth.services import key_fingerprint
from cases.models import Case, CaseKeyWrap, HolderKind
from crypto import (
    Argon2Params,
    DataKey,
    generate_keypair,
    unwrap_data_key,
    wrap_data_key,
    wrap_private_key,
)


def staff_context(case: Case, user: StaffUser) -> bytes:
    return f"redevable/case-key/{case.public_id}/staff/{user.public_id}".encode()


def current_wrap_filter(user: StaffUser) -> list[ColumnElement[bool]]:
    fpr = key_fingerprint(user.public_key) if user.public_key else ""
    return [CaseKeyWrap.holder_kind == HolderKind.STAFF, CaseKeyWrap.holder_id == user.id,
            CaseKeyWrap.recipient_fpr == fpr]


def holds_case_key(user: StaffUser, case: Case) -> bool:
    return any(
        wrap.holder_kind == HolderKind.STAFF and wrap.holder_id == user.id
        and user.public_key is not None and wrap.recipient_fpr == key_fingerprint(user.public_key)
        for wrap in case.key_wraps
    )


def visible_case_ids(user: StaffUser) -> Select[int]:
    """The ids of the cases this person holds a current key for (a subquery for listings)."""
    return select(CaseKeyWrap.case_id).where(*current_wrap_filter(user))


def open_case_key(user: StaffUser, private_key: bytes, case: Case) -> DataKey | None:
    for wrap in case.key_wraps:
        if (wrap.holder_kind == HolderKind.STAFF and wrap.holder_id == user.id
                and user.public_key is not None
                and wrap.recipient_fpr == key_fingerprint(user.public_key)):
            return unwrap_data_key(private_key, wrap.wrapped_key, staff_context(case, user))
    return None


def new_case_wraps(case: Case, data_key: DataKey, users: Iterable[StaffUser]) -> tuple[
        list[dict[str, object]], list[StaffUser]]:
    """The staff wraps of a case being created, as rows for one INSERT, and whom they seal to.

    The same people :func:`grant` would seal to; the caller inserts the rows with the case id.
    """
    rows: list[dict[str, object]] = []
    granted = []
    for user in users:
        if user.public_key is None or not user.active:
            continue
        rows.append({"holder_kind": HolderKind.STAFF, "holder_id": user.id,
                     "wrapped_key": wrap_data_key(user.public_key, data_key,
                                                  staff_context(case, user)),
                     "recipient_fpr": key_fingerprint(user.public_key)})
        granted.append(user)
    return rows, granted


def grant(session: Session, case: Case, data_key: DataKey, users: Iterable[StaffUser]) -> list[
        StaffUser]:
    """Seal the case key to each person (replacing a stale wrap); returns those newly granted."""
    granted = []
    for user in users:
        if user.public_key is None or not user.active:
            continue
        fpr = key_fingerprint(user.public_key)
        existing = next((w for w in case.key_wraps if w.holder_kind == HolderKind.STAFF
                         and w.holder_id == user.id), None)
        wrapped = wrap_data_key(user.public_key, data_key, staff_context(case, user))
        if existing is not None:
            if existing.recipient_fpr == fpr:
                continue
            existing.wrapped_key = wrapped
            existing.recipient_fpr = fpr
        else:
            case.key_wraps.append(CaseKeyWrap(holder_kind=HolderKind.STAFF, holder_id=user.id,
                                              wrapped_key=wrapped, recipient_fpr=fpr))
        granted.append(user)
    session.flush()
    return granted


def revoke(session: Session, case: Case, user: StaffUser) -> bool:
    """Delete the person's wrap: their access ends at once."""
    result = session.execute(delete(CaseKeyWrap).where(
        CaseKeyWrap.case_id == case.id, CaseKeyWrap.holder_kind == HolderKind.STAFF,
        CaseKeyWrap.holder_id == user.id))
    session.expire(case, ["key_wraps"])
    return bool(result.rowcount)  # type: ignore[attr-defined]


def holders(session: Session, case: Case) -> list[StaffUser]:
    """Everyone with a current wrap of the case key."""
    users = session.scalars(select(StaffUser).join(
        CaseKeyWrap, (CaseKeyWrap.holder_id == StaffUser.id)
        & (CaseKeyWrap.holder_kind == HolderKind.STAFF)).where(CaseKeyWrap.case_id == case.id))
    return [u for u in users if u.public_key is not None and holds_case_key(u, case)]


def rotate_staff_key(session: Session, user: StaffUser, old_private: bytes, *, password: str,
                     params: Argon2Params, now: dt.datetime) -> int:
    """Give the person a new key pair and re-seal every case they hold to it.

    Returns how many case keys were re-sealed. Stale wraps (from before a reset)
    cannot be opened with the old key either and are left for a re-grant.
    """
    if user.public_key is None:
        raise ValueError("the account has no key yet")
    current = key_fingerprint(user.public_key)
    pair = generate_keypair()
    fpr = key_fingerprint(pair.public)
    resealed = 0
    wraps = session.scalars(select(CaseKeyWrap).where(
        CaseKeyWrap.holder_kind == HolderKind.STAFF, CaseKeyWrap.holder_id == user.id,
        CaseKeyWrap.recipient_fpr == current)).all()
    for wrap in wraps:
        context = staff_context(wrap.case, user)
        key = unwrap_data_key(old_private, wrap.wrapped_key, context)
        wrap.wrapped_key = wrap_data_key(pair.public, key, context)
        wrap.recipient_fpr = fpr
        resealed += 1
    user.public_key = pair.public
    user.private_key_wrapped = wrap_private_key(pair.private, password, params)
    user.key_created_at = now
    session.flush()
    return resealed
