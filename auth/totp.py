"""Time-based one-time passwords (RFC 6238) with replay protection, and their QR code."""

from __future__ import annotations

import datetime as dt
import hmac
import io

import pyotp
import segno

STEP_SECONDS = 30
# Accept the previous and next step too: phones drift, people type slowly.
WINDOW = 1


def new_secret() -> str:
    return pyotp.random_base32(length=32)


def provisioning_uri(secret: str, account: str, issuer: str = "Redevable") -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=account, issuer_name=issuer)


def qr_svg(uri: str) -> str:
    """An inline SVG QR code: drawn by the server, so enrolment needs no JavaScript."""
    buffer = io.BytesIO()
    segno.make(uri, error="m").save(buffer, kind="svg", scale=5, border=2, xmldecl=False,
                                    svgns=True, title="QR code")
    return buffer.getvalue().decode()


def matching_step(secret: str, code: str, at: dt.datetime, last_step: int) -> int | None:
    """The time step `code` belongs to, if valid and newer than `last_step` (no replay)."""
    digits = "".join(ch for ch in code if ch.isdigit())
    if len(digits) != 6:
        return None
    totp = pyotp.TOTP(secret)
    current = int(at.timestamp()) // STEP_SECONDS
    for step in range(current - WINDOW, current + WINDOW + 1):
        if step > last_step and hmac.compare_digest(totp.at(step * STEP_SECONDS), digits):
            return step
    return None
