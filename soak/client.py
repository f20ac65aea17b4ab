"""A small browser stand-in: one loopback source address, cookies, CSRF, multipart.

Each simulated person gets their own source address in 127.0.0.0/8 (all loopback on
Linux), so per-client throttles see 200 different people rather than one.
"""

from __future__ import annotations

import http.client
import re
import secrets
import urllib.parse
from dataclasses import dataclass
from typing import Any

CSRF_RE = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*name="csrf_token"')
RECEIPT_RE = re.compile(r'id="receipt-copy"[^>]*value="([0-9A-Z-]{24})"')
CASE_LINK_RE = re.compile(r'href="/staff/cases/([0-9a-f-]{36})"')
ACK_RE = re.compile(r'action="(/staff/cases/[0-9a-f-]{36}/action/acknowledge)"')

# Failures of the connection itself, as opposed to an HTTP answer.
CONNECTION_ERRORS = (OSError, http.client.HTTPException)


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: str

    def csrf(self) -> str | None:
        found = CSRF_RE.search(self.body)
        return (found.group(1) or found.group(2)) if found else None


def multipart(fields: list[tuple[str, str]],
              files: list[tuple[str, str, str, bytes]]) -> tuple[bytes, str]:
    """(body, content type) for fields and (field, filename, type, bytes) files."""
    boundary = "soak" + secrets.token_hex(12)
    parts: list[bytes] = []
    for name, value in fields:
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                     .encode() + value.encode() + b"\r\n")
    for name, filename, ctype, data in files:
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                     f'filename="{filename}"\r\nContent-Type: {ctype}\r\n\r\n'.encode()
                     + data + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


class Browser:
    def __init__(self, source: str, language: str = "en", timeout: float = 120) -> None:
        self.source = source
        self.language = language
        self.timeout = timeout
        self.cookies: dict[str, str] = {}

    def request(self, port: int, method: str, path: str, body: bytes | None = None,
                content_type: str | None = None) -> Answer:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=self.timeout,
                                          source_address=(self.source, 0))
        headers = {"Accept-Language": self.language, "User-Agent": "redevable-soak"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if content_type:
            headers["Content-Type"] = content_type
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            data = response.read()
            for header in response.headers.get_all("Set-Cookie") or []:
                name, _, value = header.split(";", 1)[0].partition("=")
                low = header.lower()
                if "max-age=0" in low or "expires=thu, 01 jan 1970" in low:
                    self.cookies.pop(name.strip(), None)
                else:
                    self.cookies[name.strip()] = value.strip()
            return Answer(response.status, dict(response.headers.items()),
                          data.decode("utf-8", "replace"))
        finally:
            conn.close()

    def get(self, port: int, path: str) -> Answer:
        return self.request(port, "GET", path)

    def post(self, port: int, path: str, fields: dict[str, str] | list[tuple[str, str]],
             files: list[tuple[str, str, str, bytes]] | None = None) -> Answer:
        items = list(fields.items()) if isinstance(fields, dict) else fields
        if files is not None:
            body, ctype = multipart(items, files)
            return self.request(port, "POST", path, body, ctype)
        return self.request(port, "POST", path, urllib.parse.urlencode(items).encode(),
                            "application/x-www-form-urlencoded")


def source_address(index: int) -> str:
    """A distinct loopback address per simulated person (127.0.1.1, 127.0.1.2, ...)."""
    return f"127.0.{1 + index // 250}.{1 + index % 250}"


def describe(exc: Any) -> str:
    return type(exc).__name__
