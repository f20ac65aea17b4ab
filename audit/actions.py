"""What can happen, and who did it: the vocabulary of the audit trail.

Actions are named ``scope:resource:verb`` like permissions. New members need no migration (the
column has no CHECK constraint, see audit.models) but a value, once written, must never be
renamed: it is inside hashed bytes.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from audit.canonical import CHECKPOINT_ACTION


class Action(enum.StrEnum):
    # Cases and their workflow.
    CASE_CREATED = "case:case:create"
    CASE_STATUS_CHANGED = "case:status:change"  # every state change; details carry from/to
    CASE_ROLE_CHANGED = "case:role:change"  # assignment, lead, reviewer ...
    CASE_OPENED = "case:content:open"  # the case access log: content decrypted for someone
    ATTACHMENT_OPENED = "case:attachment:open"
    KEY_GRANTED = "case:key:grant"
    KEY_REVOKED = "case:key:revoke"
    CASE_REKEYED = "case:key:rekey"  # a new case key, all content re-sealed; counts only
    RECUSAL_DECLARED = "case:recusal:declare"  # a conflict of interest declared
    IDENTITY_REVEALED = "case:identity:reveal"
    CASE_EXPORTED = "case:case:export"
    MESSAGE_SENT = "case:message:send"
    MESSAGE_READ = "case:message:read"
    NOTE_ADDED = "case:note:add"
    NOTE_EDITED = "case:note:edit"
    NOTE_RETRACTED = "case:note:retract"
    CLASSIFICATION_CONFIRMED = "case:classification:confirm"
    CLASSIFICATION_OVERRIDDEN = "case:classification:override"
    REMINDER_SENT = "case:reminder:send"
    RETENTION_PURGED = "case:retention:purge"
    RETENTION_PURGE_PROPOSED = "case:retention:propose_purge"  # first of two people
    KEY_ROTATED = "keys:key:rotate"  # a staff key pair or the recovery key replaced
    BACKUP_CREATED = "system:backup:create"
    LEGAL_HOLD_SET = "case:legal_hold:set"
    LEGAL_HOLD_REMOVED = "case:legal_hold:remove"
    CASE_REVIEWED = "case:quality_review:sign"  # an auditor's quality review of a closed case

    # Sessions and access.
    LOGIN = "auth:session:login"
    LOGIN_FAILED = "auth:session:login_failed"
    LOGOUT = "auth:session:logout"
    SESSION_EXPIRED = "auth:session:expire"
    PERMISSION_DENIED = "auth:permission:deny"

    # Staff accounts.
    USER_CREATED = "auth:user:create"
    USER_DISABLED = "auth:user:disable"
    USER_ROLE_CHANGED = "auth:user:role_change"
    USER_NETWORK_CHANGED = "auth:user:network_change"
    PASSWORD_CHANGED = "auth:password:change"  # noqa: S105 - an action name, not a secret
    PASSWORD_RESET = "auth:password:reset"  # noqa: S105 - an action name, not a secret
    TOTP_ENROLLED = "auth:totp:enrol"
    RECOVERY_CODE_USED = "auth:recovery_code:use"
    STEP_UP = "auth:session:step_up"  # password + TOTP again before a sensitive step
    USER_ACTIVATED = "auth:user:activate"  # an invitation accepted: first password and key
    USER_ENABLED = "auth:user:enable"

    # The system itself.
    CONFIGURATION_CHANGED = "system:configuration:change"
    CHECKPOINT_MADE = CHECKPOINT_ACTION


class ActorKind(enum.StrEnum):
    STAFF = "staff"
    REPORTER = "reporter"
    SYSTEM = "system"


@dataclass(frozen=True)
class Actor:
    """Who did it. A reporter is never identified here: the trail must not de-anonymise them."""

    kind: ActorKind
    id: int | None = None
    role: str | None = None

    @classmethod
    def staff(cls, staff_id: int, role: str) -> Actor:
        return cls(ActorKind.STAFF, staff_id, str(role))

    @classmethod
    def reporter(cls) -> Actor:
        return cls(ActorKind.REPORTER)

    @classmethod
    def system(cls) -> Actor:
        return cls(ActorKind.SYSTEM)
