"""Staff accounts: invitations, passwords and keys, two factors, server-side sessions.

Services take the session, flush and never commit; the caller commits once.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from auth.models import (
    GlobalRole,
    OneTimeToken,
    RecoveryCode,
    StaffSession,
    StaffUser,
    TokenPurpose,
)
from auth.passwords import hash_password, verify_password
from auth.totp import matching_step, new_secret
from crypto import (
    Argon2Params,
    DataKey,
    DecryptionError,
    Where,
    generate_keypair,
    hkdf,
    open_text,
    random_code,
    seal_text,
    unwrap_private_key,
    unwrap_with_secret,
    wrap_private_key,
    wrap_with_secret,
)
from networks.models import Network

RECOVERY_CODES = 10
INVITE_TTL = dt.timedelta(days=7)
RESET_TTL = dt.timedelta(days=2)
SETUP_TTL = dt.timedelta(hours=24)
# A half-logged-in session (password done, second factor not yet) lives five minutes.
PENDING_TTL = dt.timedelta(minutes=5)
SEEN_GRANULARITY = dt.timedelta(minutes=1)


@dataclass(frozen=True)
class SessionPolicy:
    idle: dt.timedelta
    absolute: dt.timedelta


def _hash(token: bytes) -> bytes:
    return hashlib.sha256(token).digest()


def key_fingerprint(public_key: bytes) -> str:
    return hashlib.sha256(b"redevable/staff-key/" + public_key).hexdigest()


# --- accounts ---------------------------------------------------------------------------

def create_user(
    session: Session,
    *,
    email: str,
    display_name: str,
    role: GlobalRole,
    networks: Iterable[Network] = (),
    safeguarding: bool = False,
    leadership: bool = False,
) -> StaffUser:
    """An invited account: no password and no key until the invitation is accepted."""
    user = StaffUser(
        public_id=str(uuid.uuid4()),
        email=email.strip().lower(),
        display_name=display_name.strip(),
        role=role,
        safeguarding=safeguarding and role == GlobalRole.FOCAL_POINT,
        leadership=leadership,
        networks=list(networks),
    )
    session.add(user)
    session.flush()
    return user


def staff_names(session: Session) -> dict[int, str]:
    """Display names by id, for lists that show who did what."""
    return {row.id: row.display_name
            for row in session.execute(select(StaffUser.id, StaffUser.display_name))}


def email_taken(session: Session, email: str) -> bool:
    found = session.scalar(select(func.count()).select_from(StaffUser)
                           .where(StaffUser.email == email.strip().lower()))
    return bool(found)


def set_password_with_new_keys(
    session: Session, user: StaffUser, password: str, params: Argon2Params, now: dt.datetime
) -> None:
    """First password, or a reset: a fresh key pair, so no old wrap opens with it.

    After a reset the person's existing case wraps are stale (sealed to the old
    key); a colleague holding the case key or the recovery key restores them.
    """
    pair = generate_keypair()
    user.password_hash = hash_password(password, params)
    user.public_key = pair.public
    user.private_key_wrapped = wrap_private_key(pair.private, password, params)
    user.key_created_at = now
    user.password_changed_at = now
    session.flush()


def change_password(
    session: Session, user: StaffUser, *, old: str, new: str, params: Argon2Params,
    now: dt.datetime,
) -> bool:
    """Re-wrap the same private key under the new password: access to cases is kept."""
    if user.private_key_wrapped is None or not verify_password(user.password_hash, old, params):
        return False
    try:
        private = unwrap_private_key(user.private_key_wrapped, old)
    except DecryptionError:
        return False
    user.password_hash = hash_password(new, params)
    user.private_key_wrapped = wrap_private_key(private, new, params)
    user.password_changed_at = now
    end_all_sessions(session, user)
    session.flush()
    return True


def disable_user(session: Session, user: StaffUser) -> None:
    """Disabling ends every session of the person at once."""
    user.active = False
    end_all_sessions(session, user)


# --- one-time links ---------------------------------------------------------------------

def issue_token(
    session: Session,
    purpose: TokenPurpose,
    *,
    now: dt.datetime,
    user: StaffUser | None = None,
    created_by: StaffUser | None = None,
) -> str:
    """A single-use link token; only its hash is stored. Earlier ones of the same kind lapse."""
    ttl = {TokenPurpose.SETUP: SETUP_TTL, TokenPurpose.INVITE: INVITE_TTL,
           TokenPurpose.RESET: RESET_TTL}[purpose]
    session.execute(
        update(OneTimeToken)
        .where(OneTimeToken.purpose == purpose, OneTimeToken.used_at.is_(None),
               OneTimeToken.staff_id == (user.id if user else None))
        .values(used_at=now)
    )
    token = secrets.token_bytes(32)
    session.add(OneTimeToken(
        token_hash=_hash(token), purpose=purpose, staff_id=user.id if user else None,
        created_by_id=created_by.id if created_by else None, created_at=now,
        expires_at=now + ttl,
    ))
    session.flush()
    return token.hex()


def find_token(session: Session, token_hex: str, purpose: TokenPurpose,
               now: dt.datetime) -> OneTimeToken | None:
    try:
        token = bytes.fromhex(token_hex)
    except ValueError:
        return None
    row = session.scalars(select(OneTimeToken).where(OneTimeToken.token_hash == _hash(token)))\
        .first()
    if row is None or row.purpose != purpose or row.used_at is not None or row.expires_at <= now:
        return None
    return row


def setup_needed(session: Session) -> bool:
    """True until the first admin exists."""
    admins = session.scalar(select(func.count()).select_from(StaffUser)
                            .where(StaffUser.role == GlobalRole.ADMIN))
    return not admins


# --- login ------------------------------------------------------------------------------

def authenticate(
    session: Session, email: str, password: str, params: Argon2Params
) -> tuple[StaffUser, bytes] | None:
    """Password step: the account and its unlocked private key, or None."""
    user = session.scalars(select(StaffUser).where(StaffUser.email == email.strip().lower()))\
        .first()
    stored = user.password_hash if user is not None else None
    if not verify_password(stored, password, params) or user is None or not user.active:
        return None
    if user.private_key_wrapped is None:
        return None
    try:
        private = unwrap_private_key(user.private_key_wrapped, password)
    except DecryptionError:
        return None
    return user, private


def start_session(
    session: Session, user: StaffUser, private_key: bytes, *, now: dt.datetime,
    policy: SessionPolicy, second_factor_done: bool = False,
) -> str:
    """A new server-side session; returns the cookie token (a fresh id at every login step)."""
    token = secrets.token_bytes(32)
    expires = now + (policy.absolute if second_factor_done else PENDING_TTL)
    session.add(StaffSession(
        token_hash=_hash(token), staff_id=user.id,
        sealed_private_key=wrap_with_secret(token, private_key, _session_context(user)),
        second_factor_done=second_factor_done, created_at=now, last_seen_at=now,
        expires_at=expires,
    ))
    session.flush()
    return token.hex()


def _session_context(user: StaffUser) -> bytes:
    return f"redevable/staff-session/{user.public_id}".encode()


def load_session(
    session: Session, token_hex: str, *, now: dt.datetime, policy: SessionPolicy,
) -> StaffSession | None:
    """The live session for this cookie token, or None (expired rows are deleted)."""
    try:
        token = bytes.fromhex(token_hex)
    except ValueError:
        return None
    row = session.get(StaffSession, _hash(token))
    if row is None:
        return None
    idle_over = row.second_factor_done and row.last_seen_at + policy.idle <= now
    if row.expires_at <= now or idle_over or not row.user.active:
        session.delete(row)
        session.flush()
        return None
    # The inactivity clock needs minute precision; writing on every page would not.
    if now - row.last_seen_at >= SEEN_GRANULARITY:
        row.last_seen_at = now
    return row


def unlock_private_key(row: StaffSession, token_hex: str) -> bytes:
    return unwrap_with_secret(bytes.fromhex(token_hex), row.sealed_private_key,
                              _session_context(row.user))


def complete_login(
    session: Session, row: StaffSession, token_hex: str, *, now: dt.datetime,
    policy: SessionPolicy,
) -> str:
    """Second factor done: replace the pending session with a full one under a new id."""
    private = unlock_private_key(row, token_hex)
    user = row.user
    session.delete(row)
    user.last_login_at = now
    return start_session(session, user, private, now=now, policy=policy,
                         second_factor_done=True)


def end_session(session: Session, token_hex: str) -> None:
    try:
        token = bytes.fromhex(token_hex)
    except ValueError:
        return
    session.execute(delete(StaffSession).where(StaffSession.token_hash == _hash(token)))


def end_all_sessions(session: Session, user: StaffUser) -> int:
    result = session.execute(delete(StaffSession).where(StaffSession.staff_id == user.id))
    session.flush()
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


def purge_expired_sessions(session: Session, now: dt.datetime) -> int:
    result = session.execute(delete(StaffSession).where(StaffSession.expires_at <= now))
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


# --- second factor ----------------------------------------------------------------------

def _totp_key(secret_key: bytes) -> DataKey:
    return DataKey(hkdf(secret_key, b"redevable/totp-secret/v1"))


def _totp_where(user: StaffUser) -> Where:
    return Where("staff_users", "totp", user.public_id)


def totp_secret(user: StaffUser, secret_key: bytes) -> str | None:
    if user.totp_secret_sealed is None:
        return None
    return open_text(_totp_key(secret_key), user.totp_secret_sealed, _totp_where(user))


def begin_totp_enrolment(session: Session, user: StaffUser, secret_key: bytes) -> str:
    """A provisional secret, kept until a first code proves the phone has it."""
    existing = totp_secret(user, secret_key)
    if existing is not None and user.totp_enabled_at is None:
        return existing
    secret = new_secret()
    user.totp_secret_sealed = seal_text(_totp_key(secret_key), secret, _totp_where(user))
    user.totp_enabled_at = None
    session.flush()
    return secret


def confirm_totp_enrolment(
    session: Session, user: StaffUser, code: str, *, now: dt.datetime, secret_key: bytes,
) -> list[str] | None:
    """Enable TOTP if `code` is right; returns fresh recovery codes (shown once)."""
    secret = totp_secret(user, secret_key)
    if secret is None:
        return None
    step = matching_step(secret, code, now, user.totp_last_step)
    if step is None:
        return None
    user.totp_last_step = step
    user.totp_enabled_at = now
    return new_recovery_codes(session, user)


def new_recovery_codes(session: Session, user: StaffUser) -> list[str]:
    session.execute(delete(RecoveryCode).where(RecoveryCode.staff_id == user.id))
    codes = [random_code(10) for _ in range(RECOVERY_CODES)]
    for code in codes:
        session.add(RecoveryCode(staff_id=user.id, code_hash=_recovery_hash(code)))
    session.flush()
    return codes


def _recovery_hash(code: str) -> bytes:
    canonical = "".join(ch for ch in code.upper() if ch.isalnum())
    return hashlib.sha256(b"redevable/recovery-code/" + canonical.encode()).digest()


def check_second_factor(
    session: Session, user: StaffUser, code: str, *, now: dt.datetime, secret_key: bytes,
) -> str | None:
    """'totp' or 'recovery' when the code is accepted (and consumed); None otherwise.

    A TOTP code is accepted once: the step is remembered, so a code seen over a
    shoulder or replayed from a log is refused.
    """
    secret = totp_secret(user, secret_key)
    if secret is not None and user.totp_enabled_at is not None:
        step = matching_step(secret, code, now, user.totp_last_step)
        if step is not None:
            user.totp_last_step = step
            return "totp"
    row = session.scalars(select(RecoveryCode).where(
        RecoveryCode.staff_id == user.id, RecoveryCode.code_hash == _recovery_hash(code),
        RecoveryCode.used_at.is_(None))).first()
    if row is not None:
        row.used_at = now
        return "recovery"
    return None


def step_up(row: StaffSession, now: dt.datetime) -> None:
    row.stepped_up_at = now


def stepped_up_recently(row: StaffSession, now: dt.datetime,
                        within: dt.timedelta = dt.timedelta(minutes=5)) -> bool:
    return row.stepped_up_at is not None and now - row.stepped_up_at <= within
