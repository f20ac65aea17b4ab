"""Shamir secret sharing over GF(256), to split the organisation recovery key among custodians.

The recovery private key is never on the server. Splitting it m-of-n means no single custodian
can open cases alone, and losing a few shares does not lose the key. Any ``threshold`` shares
rebuild the secret; fewer reveal nothing about it (every value stays equally likely).

Each byte of the secret is the constant term of its own random polynomial of degree
``threshold - 1``; share ``x`` holds the polynomial values at ``x`` (1..255). Arithmetic is in
GF(2**8) modulo the AES polynomial x^8 + x^4 + x^3 + x + 1.

A share is text a custodian can print and type back::

    RDV1-<threshold>-<index>-<base32 groups of: set id (4) | share bytes | checksum (4)>

The checksum (truncated SHA-256 over everything else) catches a mistyped share before it would
silently produce a wrong key; the random set id catches shares of two different splits mixed
together. This code runs once, offline, at the custodians' ceremony, so its table lookups are not
hardened against cache-timing side channels.
"""

import hashlib
import secrets

from crypto import _base32
from crypto.errors import InvalidShareError

SHARE_PREFIX = "RDV1"
MAX_SHARES = 255
SET_ID_BYTES = 4
CHECKSUM_BYTES = 4

_CHECKSUM_LABEL = b"redevable/shamir/v1\x00"


def _build_tables() -> tuple[list[int], list[int]]:
    exp = [0] * 510
    log = [0] * 256
    value = 1
    for power in range(255):
        exp[power] = value
        log[value] = power
        # Multiply by the generator 3 (x + 1): value * 2 reduced by the AES polynomial, xor value.
        doubled = value << 1
        if doubled & 0x100:
            doubled ^= 0x11B
        value = doubled ^ value
    exp[255:510] = exp[0:255]  # so exp[log a + log b] needs no modulo
    return exp, log


_EXP, _LOG = _build_tables()


def _mul(a: int, b: int) -> int:
    if a == 0 or b == 0:
        return 0
    return _EXP[_LOG[a] + _LOG[b]]


def _div(a: int, b: int) -> int:
    if b == 0:
        raise ZeroDivisionError("division by zero in GF(256)")
    if a == 0:
        return 0
    return _EXP[_LOG[a] + 255 - _LOG[b]]


def _evaluate(coefficients: bytes, x: int) -> int:
    """Horner's rule; coefficients[0] is the constant term (the secret byte)."""
    result = 0
    for coefficient in reversed(coefficients):
        result = _mul(result, x) ^ coefficient
    return result


def _interpolate_at_zero(points: list[tuple[int, int]]) -> int:
    """Lagrange interpolation of the polynomial through ``points``, evaluated at x = 0."""
    result = 0
    for i, (x_i, y_i) in enumerate(points):
        numerator, denominator = 1, 1
        for j, (x_j, _) in enumerate(points):
            if i != j:
                numerator = _mul(numerator, x_j)  # (0 - x_j) is x_j in characteristic 2
                denominator = _mul(denominator, x_i ^ x_j)
        result ^= _mul(y_i, _div(numerator, denominator))
    return result


def _checksum(threshold: int, index: int, body: bytes) -> bytes:
    material = _CHECKSUM_LABEL + bytes([threshold, index]) + body
    return hashlib.sha256(material).digest()[:CHECKSUM_BYTES]


def _encode_share(threshold: int, index: int, set_id: bytes, values: bytes) -> str:
    body = set_id + values
    payload = _base32.encode(body + _checksum(threshold, index, body))
    return f"{SHARE_PREFIX}-{threshold}-{index}-{_base32.group(payload)}"


def split_secret(secret: bytes, threshold: int, shares: int) -> list[str]:
    """Split ``secret`` into ``shares`` text shares, any ``threshold`` of which rebuild it.

    A threshold of 1 is refused: every share would then be the secret in clear.
    """
    if not secret:
        raise ValueError("nothing to split")
    if not 2 <= threshold <= shares <= MAX_SHARES:
        raise ValueError(f"need 2 <= threshold <= shares <= {MAX_SHARES}")
    set_id = secrets.token_bytes(SET_ID_BYTES)
    polynomials = [bytes([byte]) + secrets.token_bytes(threshold - 1) for byte in secret]
    return [
        _encode_share(
            threshold, x, set_id, bytes(_evaluate(polynomial, x) for polynomial in polynomials)
        )
        for x in range(1, shares + 1)
    ]


def _decode_share(text: str) -> tuple[int, int, bytes, bytes]:
    """Parse one share into (threshold, index, set id, values), checking its checksum."""
    parts = text.strip().split("-", 3)
    if len(parts) != 4 or parts[0].strip().upper() != SHARE_PREFIX:
        raise InvalidShareError("not a recovery share")
    try:
        threshold, index = int(parts[1]), int(parts[2])
    except ValueError:
        raise InvalidShareError("share threshold or index is not a number") from None
    if not (2 <= threshold <= MAX_SHARES and 1 <= index <= MAX_SHARES):
        raise InvalidShareError("share threshold or index out of range")
    payload = _base32.clean(parts[3])
    # Each symbol carries 5 bits; the byte count is what those symbols can hold.
    n_bytes = len(payload) * _base32.BITS_PER_CHAR // 8
    if n_bytes <= SET_ID_BYTES + CHECKSUM_BYTES:
        raise InvalidShareError("share is too short")
    try:
        raw = _base32.decode(payload, n_bytes)
    except ValueError:
        raise InvalidShareError("share has a character or length that cannot be right") from None
    body, checksum = raw[:-CHECKSUM_BYTES], raw[-CHECKSUM_BYTES:]
    if not secrets.compare_digest(checksum, _checksum(threshold, index, body)):
        raise InvalidShareError("share checksum does not match: it was probably mistyped")
    return threshold, index, body[:SET_ID_BYTES], body[SET_ID_BYTES:]


def combine_shares(shares: list[str]) -> bytes:
    """Rebuild the secret from at least ``threshold`` shares of one split.

    Raises InvalidShareError naming the first bad share (mistyped, from another split, or a
    different share with a repeated index) or saying how many more are needed. Typing the same
    share twice is harmless. The result cannot be checked here; for the recovery key, compare
    :func:`crypto.sealing.public_from_private` of it with the known recovery public key.
    """
    by_index: dict[int, bytes] = {}
    expected: tuple[int, bytes, int] | None = None
    for position, text in enumerate(shares, start=1):
        try:
            threshold, index, set_id, values = _decode_share(text)
        except InvalidShareError as error:
            raise InvalidShareError(f"share {position}: {error}") from None
        if expected is None:
            expected = (threshold, set_id, len(values))
        elif expected != (threshold, set_id, len(values)):
            raise InvalidShareError(f"share {position} belongs to another split")
        if by_index.setdefault(index, values) != values:
            raise InvalidShareError(f"share {position} repeats index {index} with other content")
    if expected is None:
        raise InvalidShareError("no shares given")
    threshold, _, length = expected
    if len(by_index) < threshold:
        raise InvalidShareError(f"{threshold} different shares are needed, got {len(by_index)}")
    chosen = sorted(by_index.items())[:threshold]
    return bytes(
        _interpolate_at_zero([(x, values[k]) for x, values in chosen]) for k in range(length)
    )
