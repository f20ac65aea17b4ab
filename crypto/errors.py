"""Exceptions raised by the crypto package.

They are deliberately coarse: a caller learns that something could not be opened, never which
check failed, so error handling cannot turn into a decryption oracle.
"""


class DecryptionError(Exception):
    """Ciphertext could not be authenticated and opened.

    Raised for a wrong key, any tampering, ciphertext moved to another place (other associated
    data or context), an unknown envelope version or truncated input. Callers should treat all of
    these the same way: the content is unavailable, and any partial output must be discarded.
    """


class InvalidShareError(ValueError):
    """A recovery-key share is malformed, mistyped, or shares do not belong together."""
