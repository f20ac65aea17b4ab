"""Standalone verifier for an exported audit trail: ``python -m audit.verify FILE``.

An auditor runs it on their own machine with only the export file, this module,
``audit/canonical.py`` and the ``cryptography`` package: it imports neither Flask nor SQLAlchemy
nor the application's settings. Exit status 0 when the trail is intact, 1 naming the first broken
event, 2 when the file cannot be read as an export at all.

Pass ``--public-key HEX`` (the key the organisation published, see ``flask audit public-key``) to
trust only that key: the keys listed in the file's header are only as trustworthy as the file.

The checkpoint rules here are shared with the database verifier (audit.service.verify) and its
quick path (audit.prove), so all of them judge a trail the same way.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from audit.canonical import (
    CHECKPOINT_ACTION,
    EXPORT_FORMAT,
    GENESIS_HASH,
    chain_hash,
    checkpoint_message,
    decode_event,
)

EXIT_INTACT = 0
EXIT_BROKEN = 1
EXIT_UNREADABLE = 2


@dataclass(frozen=True)
class VerifyResult:
    """The verdict on a trail. ``count`` is the number of events in the intact prefix."""

    ok: bool
    count: int
    first_broken_seq: int | None = None
    reason: str | None = None
    checkpoints: int = 0


@dataclass(frozen=True)
class Checkpoint:
    seq: int
    event_hash: bytes
    signed_at: str
    signature: bytes
    public_key: bytes


def checkpoint_problem(checkpoint: Checkpoint, trusted_keys: Collection[bytes]) -> str | None:
    """Why a checkpoint cannot be trusted on its own, or None when its signature is good."""
    where = f"checkpoint at seq {checkpoint.seq}"
    if checkpoint.public_key not in trusted_keys:
        return f"{where} is signed by an untrusted key {checkpoint.public_key.hex()[:16]}…"
    message = checkpoint_message(checkpoint.seq, checkpoint.event_hash, checkpoint.signed_at)
    try:
        Ed25519PublicKey.from_public_bytes(checkpoint.public_key).verify(
            checkpoint.signature, message
        )
    except (InvalidSignature, ValueError):
        return f"{where} has an invalid signature"
    return None


@dataclass
class CheckpointTracker:
    """Matches signed checkpoints against the chain as it is walked in seq order.

    A checkpoint signs the hash of the event at its seq, which is always a checkpoint event
    (audit.service.make_checkpoint), so three kinds of damage show up here: a chain rebuilt after
    tampering (its hash no longer matches the signature), removed tail events (a checkpoint beyond
    the last event), and a removed checkpoint (a checkpoint event without its signature).
    """

    checkpoints: dict[int, Checkpoint]
    trusted_keys: Collection[bytes]
    # The database verifier may see a checkpoint event committed after it loaded the checkpoints;
    # it looks those up again at the end instead of calling them missing.
    defer_missing: bool = False
    pending: list[tuple[int, bytes]] = field(default_factory=list)
    last_good: int = 0
    verified: int = 0

    def at_event(self, seq: int, action: str, event_hash: bytes) -> tuple[int, str] | None:
        """Call for every event whose seq has a checkpoint or whose action is a checkpoint."""
        checkpoint = self.checkpoints.get(seq)
        if checkpoint is None:
            if action == CHECKPOINT_ACTION:
                if self.defer_missing:
                    self.pending.append((seq, event_hash))
                    return None
                return seq, f"event {seq} records a checkpoint whose signature is missing"
            return None
        problem = checkpoint_problem(checkpoint, self.trusted_keys)
        if problem is not None:
            return seq, problem
        if checkpoint.event_hash != event_hash:
            first = self.last_good + 1
            return first, (
                f"events {first}..{seq} differ from the signed checkpoint at seq {seq} "
                "(altered, inserted or removed, then re-hashed)"
            )
        self.last_good = seq
        self.verified += 1
        return None

    def resolve_pending(self, found: dict[int, Checkpoint]) -> tuple[int, str] | None:
        """Judge the deferred checkpoint events against checkpoints looked up again."""
        for seq, event_hash in self.pending:
            checkpoint = found.get(seq)
            if checkpoint is None:
                return seq, f"event {seq} records a checkpoint whose signature is missing"
            problem = checkpoint_problem(checkpoint, self.trusted_keys)
            if problem is not None:
                return seq, problem
            if checkpoint.event_hash != event_hash:
                return seq, f"checkpoint at seq {seq} does not match event {seq}"
            self.verified += 1
        return None

    def at_end(self, count: int) -> tuple[int, str] | None:
        """After the last event: a checkpoint beyond it means events were removed."""
        beyond = [seq for seq in self.checkpoints if seq > count or seq < 1]
        if not beyond:
            return None
        if min(beyond) < 1:
            return 1, f"a checkpoint claims seq {min(beyond)}, which cannot exist"
        last = max(beyond)
        problem = checkpoint_problem(self.checkpoints[last], self.trusted_keys)
        if problem is not None:
            return last, problem
        return count + 1, (
            f"events {count + 1}..{last} are missing: a signed checkpoint covers seq {last}"
        )


def first_failure(*failures: tuple[int, str] | None) -> tuple[int, str] | None:
    found = [f for f in failures if f is not None]
    return min(found, key=lambda f: f[0]) if found else None


def result_from(count: int, checkpoints: int, failure: tuple[int, str] | None) -> VerifyResult:
    if failure is None:
        return VerifyResult(ok=True, count=count, checkpoints=checkpoints)
    seq, reason = failure
    return VerifyResult(ok=False, count=min(count, seq - 1), first_broken_seq=seq,
                        reason=reason, checkpoints=checkpoints)


# --- the export file ---------------------------------------------------------------------------


class ExportError(ValueError):
    """The file is not an audit export."""


def _checkpoint_from_line(item: dict[str, Any]) -> Checkpoint:
    return Checkpoint(
        seq=int(item["seq"]),
        event_hash=bytes.fromhex(item["event_hash"]),
        signed_at=str(item["signed_at"]),
        signature=bytes.fromhex(item["signature"]),
        public_key=bytes.fromhex(item["public_key"]),
    )


def _lines(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ExportError(f"line {number} is not JSON") from exc
            if not isinstance(item, dict):
                raise ExportError(f"line {number} is not a JSON object")
            yield item


def _read_header(path: Path) -> dict[str, Any]:
    header = next(_lines(path), None)
    if header is None or header.get("type") != "header" or header.get("format") != EXPORT_FORMAT:
        raise ExportError(f"not a {EXPORT_FORMAT} file (missing header)")
    return header


_SHOWN_FIELDS = ("seq", "occurred_at", "actor_kind", "actor_id", "actor_role", "action",
                 "case_ref", "network", "details")


def _event_problem(item: dict[str, Any], expected_seq: int, prev: bytes) -> str | None:
    """Why one exported event breaks the chain, or None; checks the fields against the body."""
    seq = item.get("seq")
    if type(seq) is not int or seq != expected_seq:
        return f"expected event {expected_seq}, found {seq!r} (gap, duplicate or reordering)"
    body = str(item.get("body", "")).encode("utf-8", errors="surrogatepass")
    if item.get("prev_hash") != prev.hex():
        return f"event {seq} does not link to event {expected_seq - 1}"
    if chain_hash(prev, body).hex() != item.get("hash"):
        return f"event {seq} does not match its hash"
    try:
        fields = decode_event(body)
    except (ValueError, UnicodeDecodeError):
        return f"event {seq} has a malformed body"
    # Compared as JSON text, so that true and 1, or 1 and 1.0, are not taken for each other.
    shown = json.dumps([item.get(name) for name in _SHOWN_FIELDS], sort_keys=True)
    if shown != json.dumps(list(fields[:9]), sort_keys=True):
        return f"event {seq}: the listed fields differ from the hashed body"
    return None


def verify_export(path: Path, *, public_keys: Collection[bytes] = ()) -> VerifyResult:
    """Verify an export file with bounded memory (two passes: checkpoints, then events).

    Raises ExportError when the file is not an export at all.
    """
    header = _read_header(path)
    try:
        listed = {bytes.fromhex(key) for key in header.get("public_keys", [])}
        checkpoints = [_checkpoint_from_line(item) for item in _lines(path)
                       if item.get("type") == "checkpoint"]
    except (KeyError, TypeError, ValueError) as exc:
        raise ExportError(f"unreadable header or checkpoint: {exc}") from exc
    tracker = CheckpointTracker({c.seq: c for c in checkpoints},
                                trusted_keys=set(public_keys) or listed)
    expected, prev, failure = 1, GENESIS_HASH, None
    for item in _lines(path):
        if item.get("type") != "event":
            continue
        problem = _event_problem(item, expected, prev)
        if problem is not None:
            failure = (expected, problem)
            break
        prev = bytes.fromhex(item["hash"])
        if item["seq"] in tracker.checkpoints or item["action"] == CHECKPOINT_ACTION:
            failure = tracker.at_event(item["seq"], item["action"], prev)
            if failure is not None:
                break
        expected += 1
    count = expected - 1
    if failure is None:
        failure = tracker.at_end(count)
    return result_from(count, tracker.verified, failure)


def _iter_hex_keys(values: Iterable[str]) -> set[bytes]:
    keys = set()
    for value in values:
        key = bytes.fromhex(value)
        if len(key) != 32:
            raise ValueError("an Ed25519 public key is 32 bytes (64 hex characters)")
        keys.add(key)
    return keys


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m audit.verify",
                                     description="Verify an exported Redevable audit trail.")
    parser.add_argument("file", type=Path)
    parser.add_argument("--public-key", action="append", default=[], metavar="HEX",
                        help="trust only this Ed25519 public key (repeat for rotated keys)")
    args = parser.parse_args(argv)
    try:
        pinned = _iter_hex_keys(args.public_key)
        result = verify_export(args.file, public_keys=pinned)
    except (OSError, ValueError) as exc:
        print(f"cannot verify {args.file}: {exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    if not pinned:
        header = _read_header(args.file)
        keys = ", ".join(header.get("public_keys", [])) or "none"
        print(f"trusting the key(s) listed in the file: {keys} (compare with the published key, "
              "or pass --public-key)")
    if result.ok:
        print(f"audit trail intact: {result.count} events, {result.checkpoints} signed checkpoints")
        return EXIT_INTACT
    print(f"audit trail BROKEN at event {result.first_broken_seq}: {result.reason}")
    return EXIT_BROKEN


if __name__ == "__main__":
    sys.exit(main())
