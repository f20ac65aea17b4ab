"""The anonymous reporter's receipt: the only thing that lets them come back to their report.

A receipt is 20 symbols of a 32-symbol alphabet (100 bits from :mod:`secrets`), shown as five
groups of four. The server never stores it; it stores two values derived from it:

* ``lookup`` - an index to find the case when the reporter returns;
* ``wrap_key`` - a key under which the reporter's copy of the case key is sealed.

Why no slow hash: a slow KDF protects secrets that people choose, which are guessable. A receipt
is drawn by the server with 100 bits of entropy, so an attacker who holds the database *and* the
server's pepper still faces about 2**99 guesses on average; at a billion HMACs a second that is
about 2*10**13 years. An Argon2id on top would multiply that by a few thousand and cost every
submission several milliseconds of CPU (PERFORMANCE.md: the receipt KDF sets the intake
ceiling), so receipts use HMAC-SHA256 keyed by the pepper (scheme 2). Without the pepper a stolen
database gives nothing to test guesses against at all.

Cases created before scheme 2 have lookups derived with a cheap Argon2id (scheme 1,
:data:`RECEIPT_PARAMS`); :func:`derive_receipt_keys` still computes those when given the
parameters, so that such a reporter can come back and be moved to scheme 2.
"""

import hashlib
import hmac
import secrets
from dataclasses import dataclass, field

from crypto import _base32
from crypto.kdf import Argon2Params, derive_key, hkdf

RECEIPT_GROUPS = 5
RECEIPT_GROUP_SIZE = 4
RECEIPT_CHARS = RECEIPT_GROUPS * RECEIPT_GROUP_SIZE
RECEIPT_ALPHABET = _base32.ALPHABET
RECEIPT_ENTROPY_BITS = RECEIPT_CHARS * _base32.BITS_PER_CHAR  # 100
RECEIPT_KEY_BYTES = 32
MIN_PEPPER_BYTES = 16

# Scheme 1 (cases created before scheme 2): Argon2id t=1, 8 MiB, p=1, 4-5 ms per derivation.
RECEIPT_PARAMS = Argon2Params(time_cost=1, memory_kib=8 * 1024, parallelism=1)

_SALT_LABEL = b"redevable/receipt-salt/v1"
_LOOKUP_INFO = b"redevable/receipt/lookup/v1"
_WRAP_INFO = b"redevable/receipt/wrap/v1"
_SALT_BYTES = 16
_HMAC_KEY_LABEL = b"redevable/receipt-hmac-key/v2"
_LOOKUP_INFO_V2 = b"redevable/receipt/lookup/v2"
_WRAP_INFO_V2 = b"redevable/receipt/wrap/v2"


def new_receipt() -> str:
    """Draw a new receipt, formatted ``ABCD-EFGH-JKMN-PQRS-TVWX`` (100 bits of entropy).

    Groups of four are easy to copy by hand or read aloud, and the alphabet has no I, L, O or U
    so nothing is mistaken for a digit.
    """
    return _base32.group(
        "".join(secrets.choice(RECEIPT_ALPHABET) for _ in range(RECEIPT_CHARS)), RECEIPT_GROUP_SIZE
    )


def normalise_receipt(text: str) -> str | None:
    """Return the canonical dashed form of a typed receipt, or None if it cannot be one.

    Forgives what people do when copying: lower case, spaces, dots or dashes anywhere, O for 0,
    I or L for 1, U for V. Returning None (not raising) lets the form say "not a valid receipt"
    without spending a key derivation on it.
    """
    cleaned = _base32.clean(text)
    if len(cleaned) != RECEIPT_CHARS or not _base32.is_valid(cleaned):
        return None
    return _base32.group(cleaned, RECEIPT_GROUP_SIZE)


@dataclass(frozen=True)
class ReceiptKeys:
    """The two independent 32-byte values derived from a receipt; neither reveals the other."""

    lookup: bytes = field(repr=False)
    wrap_key: bytes = field(repr=False)

    def __post_init__(self) -> None:
        """Both values are fixed-size: the lookup is a database index, the wrap key an AES key."""
        if len(self.lookup) != RECEIPT_KEY_BYTES or len(self.wrap_key) != RECEIPT_KEY_BYTES:
            raise ValueError(f"receipt keys are exactly {RECEIPT_KEY_BYTES} bytes")


def _check_pepper(pepper: bytes) -> None:
    if len(pepper) < MIN_PEPPER_BYTES:
        raise ValueError(f"the pepper must be at least {MIN_PEPPER_BYTES} bytes")


def receipt_salt(pepper: bytes) -> bytes:
    """Derive the fixed 16-byte Argon2 salt from the server-side pepper.

    The salt cannot be per case: the server must find the case from the receipt alone. Deriving
    it from the secret pepper (instead of a public constant) means a database thief without the
    pepper cannot even begin to test guesses.
    """
    _check_pepper(pepper)
    return hmac.new(pepper, _SALT_LABEL, hashlib.sha256).digest()[:_SALT_BYTES]


def derive_receipt_keys(
    receipt: str, pepper: bytes, params: Argon2Params | None = None
) -> ReceiptKeys:
    """Derive the lookup index and the wrap key from a receipt.

    Without ``params``: scheme 2, HMAC-SHA256 of the receipt under a key derived from the
    server's pepper (microseconds; see the module docstring for why that is enough). With
    ``params``: scheme 1, one Argon2id call salted with the pepper, kept only to find cases
    created before scheme 2. Either way the receipt is normalised first, so every accepted
    spelling gives the same keys, and HKDF with distinct labels splits the result in two: the
    stored lookup value says nothing about the wrap key. Raises ValueError if ``receipt`` is
    not one, or if the pepper is shorter than 16 bytes.
    """
    canonical = normalise_receipt(receipt)
    if canonical is None:
        raise ValueError("not a receipt")
    if params is not None:
        master = derive_key(canonical.encode("ascii"), receipt_salt(pepper), params)
        return ReceiptKeys(lookup=hkdf(master, _LOOKUP_INFO), wrap_key=hkdf(master, _WRAP_INFO))
    _check_pepper(pepper)
    key = hmac.new(pepper, _HMAC_KEY_LABEL, hashlib.sha256).digest()
    master = hmac.new(key, canonical.encode("ascii"), hashlib.sha256).digest()
    return ReceiptKeys(lookup=hkdf(master, _LOOKUP_INFO_V2),
                       wrap_key=hkdf(master, _WRAP_INFO_V2))


def random_code(n_bytes: int, group_size: int = 4) -> str:
    """A random code in the receipt alphabet, grouped for reading aloud (references, codes).

    ``n_bytes`` of entropy from :mod:`secrets`; e.g. 5 bytes give 8 characters (40 bits).
    """
    return _base32.group(_base32.encode(secrets.token_bytes(n_bytes)), group_size)
