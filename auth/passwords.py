"""Staff passwords: Argon2id hashes and a policy people can live with.

NIST SP 800-63B: length over composition rules, and refuse known-common
passwords. The list shipped here is the 11,611 entries of 8+ characters from
the zxcvbn password frequency list (MIT licence).
"""

from __future__ import annotations

import contextlib
import gzip
import re
from functools import cache
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from crypto import Argon2Params

MIN_LENGTH = 12
MAX_LENGTH = 256
COMMON_LIST = Path(__file__).with_name("common-passwords.txt.gz")


@cache
def common_passwords() -> frozenset[str]:
    return frozenset(gzip.decompress(COMMON_LIST.read_bytes()).decode().split("\n"))


def password_problem(password: str, *, email: str = "", name: str = "") -> str | None:
    """Why this password is refused, as a short key for the form to translate; None if fine."""
    if len(password) < MIN_LENGTH:
        return "too_short"
    if len(password) > MAX_LENGTH:
        return "too_long"
    lowered = password.lower()
    stripped = re.sub(r"[\d\W_]+$", "", lowered)
    common = common_passwords()
    if lowered in common or stripped in common or len(set(lowered)) < 4:
        return "common"
    personal = [part for part in re.split(r"[\W_]+", f"{email} {name}".lower()) if len(part) > 3]
    if any(part in lowered for part in personal):
        return "personal"
    return None


def hasher(params: Argon2Params) -> PasswordHasher:
    return PasswordHasher(time_cost=params.time_cost, memory_cost=params.memory_kib,
                          parallelism=params.parallelism)


def hash_password(password: str, params: Argon2Params) -> str:
    return hasher(params).hash(password)


# A valid hash of an unguessable value, so an unknown account costs the same time.
_DUMMY: dict[Argon2Params, str] = {}


def verify_password(stored: str | None, password: str, params: Argon2Params) -> bool:
    """Check a password in about the same time whether or not the account exists."""
    ph = hasher(params)
    if stored is None:
        dummy = _DUMMY.setdefault(params, ph.hash("not-a-real-password-\u2603"))
        with contextlib.suppress(VerificationError):
            ph.verify(dummy, password + "\u0000")
        return False
    try:
        return ph.verify(stored, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False
