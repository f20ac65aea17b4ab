"""One vocabulary, one policy, deny by default (STYLE.md "Permissions").

`ROLE_PERMISSIONS` says what each global role may do anywhere; `can()` adds the
case-level rule: holding the case key. A focal point who was not routed the
case, who was excluded by the reporter, or who declared a conflict holds no
key for it, so for them the case does not exist.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from auth.models import GlobalRole, StaffUser


class Permission(enum.StrEnum):
    ACCOUNT_SELF = "account:self:manage"
    CASE_LIST = "cases:queue:read"
    CASE_READ = "cases:report:read"
    CASE_ACT = "cases:workflow:act"
    CASE_MESSAGE = "cases:message:write"
    CASE_NOTE = "cases:note:write"
    CASE_ASSIGN = "cases:case:assign"
    CASE_RECUSE = "cases:case:recuse"
    CASE_IDENTITY_REVEAL = "cases:identity:reveal"
    # A new case key, everything re-sealed (after a suspected leak); step-up required.
    CASE_REKEY = "cases:key:rekey"
    CASE_SAFEGUARDING_SIGNOFF = "cases:safeguarding:signoff"
    AUDIT_TRAIL_READ = "audit:trail:read"
    AUDIT_TRAIL_EXPORT = "audit:trail:export"
    AUDIT_CLOSED_CASES = "audit:closed_cases:read"
    AUDIT_REVIEW = "audit:review:write"
    STATS_READ = "stats:aggregate:read"
    USERS_MANAGE = "admin:users:manage"
    NETWORKS_MANAGE = "admin:networks:manage"
    SETTINGS_MANAGE = "admin:settings:manage"


_FOCAL_POINT = frozenset({
    Permission.ACCOUNT_SELF, Permission.CASE_LIST, Permission.CASE_READ, Permission.CASE_ACT,
    Permission.CASE_MESSAGE, Permission.CASE_NOTE, Permission.CASE_ASSIGN,
    Permission.CASE_RECUSE, Permission.CASE_IDENTITY_REVEAL, Permission.CASE_REKEY,
})

ROLE_PERMISSIONS: dict[GlobalRole, frozenset[Permission]] = {
    # Admins run the system and never see a case: not one case permission here.
    GlobalRole.ADMIN: frozenset({
        Permission.ACCOUNT_SELF, Permission.USERS_MANAGE, Permission.NETWORKS_MANAGE,
        Permission.SETTINGS_MANAGE, Permission.STATS_READ,
    }),
    GlobalRole.FOCAL_POINT: _FOCAL_POINT,
    GlobalRole.AUDITOR: frozenset({
        Permission.ACCOUNT_SELF, Permission.AUDIT_TRAIL_READ, Permission.AUDIT_TRAIL_EXPORT,
        Permission.AUDIT_CLOSED_CASES, Permission.AUDIT_REVIEW, Permission.STATS_READ,
    }),
}
SAFEGUARDING_EXTRA = frozenset({Permission.CASE_SAFEGUARDING_SIGNOFF})

# Permissions that, given a case, also need the person to hold that case's key.
CASE_SCOPED = frozenset({
    Permission.CASE_READ, Permission.CASE_ACT, Permission.CASE_MESSAGE, Permission.CASE_NOTE,
    Permission.CASE_ASSIGN, Permission.CASE_RECUSE, Permission.CASE_IDENTITY_REVEAL,
    Permission.CASE_REKEY, Permission.CASE_SAFEGUARDING_SIGNOFF,
})


def permissions_of(user: StaffUser) -> frozenset[Permission]:
    granted = ROLE_PERMISSIONS.get(user.role, frozenset())
    if user.is_safeguarding_lead:
        granted = granted | SAFEGUARDING_EXTRA
    return granted


def can(user: StaffUser | None, permission: Permission, case: Any = None) -> bool:
    """May `user` do `permission` (on `case`, when given)? The only policy function."""
    if user is None or not user.active:
        return False
    if permission not in permissions_of(user):
        return False
    if case is None or permission not in CASE_SCOPED:
        return True
    from cases.access import holds_case_key  # noqa: PLC0415 - cases builds on auth

    return holds_case_key(user, case)


F = TypeVar("F", bound=Callable[..., Any])


def require(permission: Permission) -> Callable[[F], F]:
    """Tag a view with the permission it needs and enforce it (404 when missing).

    Not logged in: to the login page. Logged in without the permission: 404, the
    same answer as for a page that does not exist, and an audit event.
    """

    def decorator(view: F) -> F:
        @wraps(view)
        def guarded(*args: Any, **kwargs: Any) -> Any:
            from auth.web import deny, require_login  # noqa: PLC0415 - avoids an import cycle

            user = require_login()
            if not can(user, permission):
                deny(user, permission)
            return view(*args, **kwargs)

        guarded._redevable_permission = permission  # type: ignore[attr-defined]
        return guarded  # type: ignore[return-value]

    return decorator
