"""Pure cryptography for Redevable: functions over bytes and keys, no Flask, no database.

Keys are always passed in by the caller; nothing here reads configuration or app globals, so every
function can be tested (and audited) on its own. See DESIGN.md "Confidentiality and cryptography"
for how the pieces fit: per-case data keys (:mod:`crypto.aead`, :mod:`crypto.stream`), sealed to
staff and recovery keys (:mod:`crypto.sealing`), staff keys wrapped under passwords
(:mod:`crypto.kdf`), the reporter's receipt (:mod:`crypto.receipt`) and key pair
(:mod:`crypto.reporter`), audit signatures (:mod:`crypto.signing`) and custodian shares of the
recovery key (:mod:`crypto.shamir`).
"""

from crypto.aead import (
    DATA_KEY_BYTES,
    DataKey,
    Where,
    new_data_key,
    open_,
    open_text,
    seal,
    seal_text,
)
from crypto.errors import DecryptionError, InvalidShareError
from crypto.kdf import (
    OWASP_PARAMS,
    PRODUCTION_PASSWORD_PARAMS,
    TEST_PARAMS,
    Argon2Params,
    derive_key,
    hkdf,
    unwrap_private_key,
    unwrap_with_secret,
    wrap_private_key,
    wrap_with_secret,
    wrapped_key_params,
)
from crypto.receipt import (
    RECEIPT_GROUPS,
    RECEIPT_PARAMS,
    ReceiptKeys,
    derive_receipt_keys,
    new_receipt,
    normalise_receipt,
    random_code,
)
from crypto.reporter import (
    REPORTER_WRAP_KEYPAIR,
    REPORTER_WRAP_LEGACY,
    REPORTER_WRAP_LINKED,
    open_reporter_wrap,
    reporter_wrap_format,
    rewrap_reporter,
    seal_reporter_wrap,
)
from crypto.sealing import (
    KeyPair,
    generate_keypair,
    open_sealed,
    public_from_private,
    seal_to,
    unwrap_data_key,
    wrap_data_key,
)
from crypto.shamir import combine_shares, split_secret
from crypto.signing import generate_signing_key, sign, verify_signature
from crypto.stream import (
    CHUNK_SIZE,
    decrypt_chunks,
    decrypt_file,
    encrypt_chunks,
    encrypt_file,
)

__all__ = [
    "CHUNK_SIZE",
    "DATA_KEY_BYTES",
    "OWASP_PARAMS",
    "PRODUCTION_PASSWORD_PARAMS",
    "RECEIPT_GROUPS",
    "RECEIPT_PARAMS",
    "REPORTER_WRAP_KEYPAIR",
    "REPORTER_WRAP_LEGACY",
    "REPORTER_WRAP_LINKED",
    "TEST_PARAMS",
    "Argon2Params",
    "DataKey",
    "DecryptionError",
    "InvalidShareError",
    "KeyPair",
    "ReceiptKeys",
    "Where",
    "combine_shares",
    "decrypt_chunks",
    "decrypt_file",
    "derive_key",
    "derive_receipt_keys",
    "encrypt_chunks",
    "encrypt_file",
    "generate_keypair",
    "generate_signing_key",
    "hkdf",
    "new_data_key",
    "new_receipt",
    "normalise_receipt",
    "open_",
    "open_reporter_wrap",
    "open_sealed",
    "open_text",
    "public_from_private",
    "random_code",
    "reporter_wrap_format",
    "rewrap_reporter",
    "seal",
    "seal_reporter_wrap",
    "seal_text",
    "seal_to",
    "sign",
    "split_secret",
    "unwrap_data_key",
    "unwrap_private_key",
    "unwrap_with_secret",
    "verify_signature",
    "wrap_data_key",
    "wrap_private_key",
    "wrap_with_secret",
    "wrapped_key_params",
]
