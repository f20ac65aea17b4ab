"""Fixed-window rate limits for guessable secrets (receipts, staff passwords).

Client addresses are never stored as such: a bucket is named by an HMAC of the
address under a key that lives only in process memory (or, with Redis, a key
derived from the instance secret and the current day), and buckets expire
within minutes. The in-memory store is per process; set REDIS_URL to share
limits between workers and servers.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
from typing import Protocol

from redis import Redis


class ThrottleStore(Protocol):
    def incr(self, key: str, window_seconds: int) -> int: ...

    def clear(self, key: str) -> None: ...


class MemoryStore:
    def __init__(self) -> None:
        self._counts: dict[str, tuple[float, int]] = {}
        self._lock = threading.Lock()

    def incr(self, key: str, window_seconds: int) -> int:
        now = time.monotonic()
        with self._lock:
            if len(self._counts) > 100_000:
                self._counts = {k: v for k, v in self._counts.items() if v[0] > now}
            expires, count = self._counts.get(key, (0.0, 0))
            if expires <= now:
                expires, count = now + window_seconds, 0
            count += 1
            self._counts[key] = (expires, count)
            return count

    def clear(self, key: str) -> None:
        with self._lock:
            self._counts.pop(key, None)


class RedisStore:
    def __init__(self, url: str) -> None:
        self._redis = Redis.from_url(url, socket_timeout=1, socket_connect_timeout=1)

    def incr(self, key: str, window_seconds: int) -> int:
        pipe = self._redis.pipeline()
        pipe.incr(key)
        pipe.expire(key, window_seconds, nx=True)
        count, _ = pipe.execute()
        return int(count)

    def clear(self, key: str) -> None:
        self._redis.delete(key)


class Throttle:
    """Counts attempts per bucket; `allow` says whether one more is acceptable."""

    def __init__(self, store: ThrottleStore, *, shared_secret: bytes | None = None) -> None:
        self.store = store
        self._shared_secret = shared_secret
        self._key = secrets.token_bytes(32)

    def bucket(self, scope: str, subject: str) -> str:
        key = self._key
        if self._shared_secret is not None:
            # Shared between servers, so the key must be too; it changes every day.
            day = time.strftime("%Y-%m-%d", time.gmtime())
            key = hmac.new(self._shared_secret, f"throttle/{day}".encode(), "sha256").digest()
        digest = hmac.new(key, f"{scope}\x00{subject}".encode(), hashlib.sha256)
        return f"redevable:throttle:{scope}:{digest.hexdigest()[:32]}"

    def allow(self, scope: str, subject: str, *, limit: int, window_seconds: int) -> bool:
        return self.store.incr(self.bucket(scope, subject), window_seconds) <= limit

    def reset(self, scope: str, subject: str) -> None:
        self.store.clear(self.bucket(scope, subject))


def make_throttle(redis_url: str | None, secret_key: bytes) -> Throttle:
    if redis_url:
        return Throttle(RedisStore(redis_url), shared_secret=secret_key)
    return Throttle(MemoryStore())
