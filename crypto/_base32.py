"""Crockford-style base32 used for text a person reads aloud, copies or types.

The alphabet drops I, L, O and U: the first three look like digits and U avoids accidental words.
Normalisation forgives what people actually type (lower case, O for 0, spaces, dashes).
"""

import unicodedata

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
BITS_PER_CHAR = 5

_VALUE = {char: value for value, char in enumerate(ALPHABET)}
# Letters a person may type for a symbol that is not in the alphabet.
_LOOKALIKES = str.maketrans({"O": "0", "I": "1", "L": "1", "U": "V"})
# Separators people (and word processors) put between groups; all are dropped.
_SEPARATORS = frozenset(" -.\u00a0\u2010\u2011\u2012\u2013\u2014\u2212_")


def clean(text: str) -> str:
    """Return ``text`` reduced to alphabet candidates: NFKC, upper case, lookalikes, no separators.

    NFKC folds full-width characters that some keyboards (CJK input methods) produce into ASCII.
    The result may still hold characters outside the alphabet; callers validate it.
    """
    folded = unicodedata.normalize("NFKC", text).upper().translate(_LOOKALIKES)
    return "".join(char for char in folded if char not in _SEPARATORS and not char.isspace())


def is_valid(text: str) -> bool:
    """Tell whether every character of ``text`` is in the alphabet (after :func:`clean`)."""
    return all(char in _VALUE for char in text)


def group(text: str, size: int = 4) -> str:
    """Split ``text`` into dash-separated groups of ``size`` characters, easier to copy by eye."""
    return "-".join(text[start : start + size] for start in range(0, len(text), size))


def encode(data: bytes) -> str:
    """Encode bytes as base32 text, most significant bits first, zero-padding the last symbol."""
    n_chars = -(-len(data) * 8 // BITS_PER_CHAR)
    number = int.from_bytes(data, "big") << (n_chars * BITS_PER_CHAR - len(data) * 8)
    return "".join(
        ALPHABET[(number >> (BITS_PER_CHAR * (n_chars - 1 - i))) & 0x1F] for i in range(n_chars)
    )


def decode(text: str, n_bytes: int) -> bytes:
    """Decode ``text`` (already cleaned) back to exactly ``n_bytes`` bytes.

    Raises ValueError for a wrong length, a character outside the alphabet or non-zero padding
    bits, so that a text has exactly one valid spelling.
    """
    n_chars = -(-n_bytes * 8 // BITS_PER_CHAR)
    if len(text) != n_chars or not is_valid(text):
        raise ValueError("not a base32 text of the expected length")
    number = 0
    for char in text:
        number = (number << BITS_PER_CHAR) | _VALUE[char]
    padding = n_chars * BITS_PER_CHAR - n_bytes * 8
    if number & ((1 << padding) - 1):
        raise ValueError("non-zero padding bits")
    return (number >> padding).to_bytes(n_bytes, "big")
