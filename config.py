"""Settings: one frozen dataclass built from the environment.

Outside tests a missing secret is a start-up error, never a silent default: a
hard-coded "dev" key would make every install share its cookies and receipt
pepper.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

INSTANCE_DIR = Path(os.environ.get("REDEVABLE_INSTANCE", Path(__file__).parent / "instance"))


class ConfigError(RuntimeError):
    """The environment does not describe a runnable instance."""


def _bool(value: str | None, default: bool) -> bool:
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _int(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ConfigError(f"{name} must be a whole number, not {raw!r}") from exc


def _secret(env: Mapping[str, str], name: str, *, testing: bool) -> bytes:
    raw = env.get(name, "")
    if not raw:
        if testing:
            # Tests get a fresh random secret each run: nothing to leak, nothing shared.
            return os.urandom(32)
        raise ConfigError(
            f"{name} is not set. Run 'make run' once (it writes instance/secrets.env) "
            "or set it in the environment: python -c 'import secrets; print(secrets.token_hex(32))'"
        )
    try:
        value = bytes.fromhex(raw)
    except ValueError as exc:
        raise ConfigError(f"{name} must be hex-encoded") from exc
    if len(value) < 32:
        raise ConfigError(f"{name} must hold at least 32 bytes (64 hex characters)")
    return value


@dataclass(frozen=True)
class Settings:
    """Everything the app reads from outside, validated once at start-up."""

    secret_key: bytes
    receipt_pepper: bytes
    # Ed25519 private key (32-byte seed) that signs audit checkpoints; kept off the database
    # so that someone who can write to the database cannot forge a checkpoint.
    audit_signing_key: bytes
    database_url: str
    testing: bool = False
    cookie_secure: bool = True
    redis_url: str | None = None
    # Attachments: per file and per submission, in bytes.
    max_attachment_bytes: int = 100 * 1024 * 1024
    max_attachments: int = 5
    # Argon2id cost names, resolved by crypto.kdf: "production" outside tests.
    password_kdf: str = "production"  # noqa: S105 - a cost profile name, not a secret
    receipt_kdf: str = "receipt"
    staff_idle_minutes: int = 30
    staff_absolute_hours: int = 12
    reporter_session_minutes: int = 20
    smtp_host: str = "127.0.0.1"
    smtp_port: int = 25
    smtp_sender: str = "redevable@localhost"
    base_url: str = "http://127.0.0.1:5000"
    log_level: str = "INFO"
    # Reverse proxies in front of the app whose X-Forwarded-For may be believed. Used only so
    # that throttling tells clients apart; the address is never stored or logged.
    trusted_proxies: int = 0
    # Statistics: counts below this are published as "<N" (disclosure control, issue 8).
    stats_threshold: int = 5
    languages: tuple[str, ...] = field(default=("en", "fr", "es", "pt"))

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **overrides: object) -> Settings:
        """Build settings from `env` (the process environment by default)."""
        env = os.environ if env is None else env
        testing = _bool(env.get("REDEVABLE_TESTING"), default=False)
        database_url = env.get("DATABASE_URL") or f"sqlite:///{INSTANCE_DIR / 'redevable.sqlite3'}"
        # psycopg 3 is the only PostgreSQL driver we ship; accept the common short form.
        if database_url.startswith("postgres://"):
            database_url = "postgresql+psycopg://" + database_url.removeprefix("postgres://")
        elif database_url.startswith("postgresql://"):
            database_url = "postgresql+psycopg://" + database_url.removeprefix("postgresql://")
        settings = cls(
            secret_key=_secret(env, "REDEVABLE_SECRET_KEY", testing=testing),
            receipt_pepper=_secret(env, "REDEVABLE_RECEIPT_PEPPER", testing=testing),
            audit_signing_key=_secret(env, "REDEVABLE_AUDIT_SIGNING_KEY", testing=testing)[:32],
            database_url=database_url,
            testing=testing,
            cookie_secure=_bool(env.get("REDEVABLE_COOKIE_SECURE"), default=True),
            redis_url=env.get("REDIS_URL") or None,
            max_attachment_bytes=_int(env, "REDEVABLE_MAX_ATTACHMENT_MB", 100) * 1024 * 1024,
            max_attachments=_int(env, "REDEVABLE_MAX_ATTACHMENTS", 5),
            password_kdf="test" if testing else "production",
            receipt_kdf="test" if testing else "receipt",
            staff_idle_minutes=_int(env, "REDEVABLE_STAFF_IDLE_MINUTES", 30),
            staff_absolute_hours=_int(env, "REDEVABLE_STAFF_ABSOLUTE_HOURS", 12),
            smtp_host=env.get("REDEVABLE_SMTP_HOST", "127.0.0.1"),
            smtp_port=_int(env, "REDEVABLE_SMTP_PORT", 25),
            smtp_sender=env.get("REDEVABLE_SMTP_SENDER", "redevable@localhost"),
            base_url=env.get("REDEVABLE_BASE_URL", "http://127.0.0.1:5000").rstrip("/"),
            log_level=env.get("REDEVABLE_LOG_LEVEL", "INFO").upper(),
            stats_threshold=_int(env, "REDEVABLE_STATS_THRESHOLD", 5),
            trusted_proxies=_int(env, "REDEVABLE_TRUSTED_PROXIES", 0),
        )
        return replace(settings, **overrides) if overrides else settings  # type: ignore[arg-type]

    @property
    def max_request_bytes(self) -> int:
        """Room for every allowed file plus the text fields and multipart framing."""
        return self.max_attachment_bytes * self.max_attachments + 4 * 1024 * 1024


def load_instance_env(path: Path | None = None) -> None:
    """Read `instance/secrets.env` (KEY=value lines) into os.environ without overriding."""
    path = path or INSTANCE_DIR / "secrets.env"
    if not path.exists():
        return
    for raw_line in path.read_text(encoding="utf-8").splitlines():
        line = raw_line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, value = line.split("=", 1)
        os.environ.setdefault(key.strip(), value.strip())


def write_secrets(path: Path | None = None) -> bool:
    """Create instance/secrets.env with fresh random secrets; never overwrite. True if made."""
    import secrets  # noqa: PLC0415 - only the installer needs it

    path = path or INSTANCE_DIR / "secrets.env"
    if path.exists():
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.touch(mode=0o600)
    path.write_text(
        "# Generated by 'make run'. Keep private; losing the pepper makes every receipt useless.\n"
        f"REDEVABLE_SECRET_KEY={secrets.token_hex(32)}\n"
        f"REDEVABLE_RECEIPT_PEPPER={secrets.token_hex(32)}\n"
        "# Signs audit checkpoints. Back it up with the database; publish its public half.\n"
        f"REDEVABLE_AUDIT_SIGNING_KEY={secrets.token_hex(32)}\n",
        encoding="utf-8",
    )
    return True


if __name__ == "__main__":
    import sys

    if sys.argv[1:] == ["init-secrets"]:
        print("instance/secrets.env written" if write_secrets() else "instance/secrets.env kept")
