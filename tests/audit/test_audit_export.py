"""The export verifies anywhere with `python -m audit.verify`, and a tampered export does not."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

import migrations
from audit.canonical import checkpoint_message
from audit.service import export, make_checkpoint
from audit.verify import verify_export
from crypto.signing import generate_signing_key, sign
from tests.audit.audit_helpers import add_events

ROOT = migrations.ROOT


@pytest.fixture
def poisoned(tmp_path: Path) -> Path:
    """A working directory whose Flask, SQLAlchemy, db and config all fail to import.

    It comes first on sys.path, so the verifier passes only if it needs none of them.
    """
    folder = tmp_path / "auditor"
    for package in ("flask", "sqlalchemy", "psycopg"):
        (folder / package).mkdir(parents=True)
        (folder / package / "__init__.py").write_text(
            f"raise ImportError('the standalone verifier imported {package}')\n")
    for module in ("db", "config"):
        (folder / f"{module}.py").write_text(
            f"raise ImportError('the standalone verifier imported {module}')\n")
    return folder


def run_verifier(export_file: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(  # noqa: S603 - our own interpreter on our own module
        [sys.executable, "-m", "audit.verify", str(export_file), *args],
        cwd=cwd, env=env, capture_output=True, text=True, timeout=60, check=False)


@pytest.fixture
def exported(session: Session, keys: tuple[bytes, bytes], tmp_path: Path) -> Path:
    add_events(session, 4)
    make_checkpoint(session, keys[0])  # seq 5
    add_events(session, 4, start=4)
    make_checkpoint(session, keys[0])  # seq 10
    path = tmp_path / "trail.jsonl"
    assert export(session, path, public_keys=[keys[1]]) == 10
    return path


def _rewrite(path: Path, seq: int, changes: dict[str, object]) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    out = []
    for line in lines:
        item = json.loads(line)
        if item.get("type") == "event" and item["seq"] == seq:
            item.update(changes)
        out.append(json.dumps(item))
    path.write_text("\n".join(out) + "\n", encoding="utf-8")


def test_export_is_a_header_then_events_then_checkpoints(
    exported: Path, keys: tuple[bytes, bytes]
) -> None:
    items = [json.loads(line) for line in exported.read_text(encoding="utf-8").splitlines()]

    assert items[0]["type"] == "header"
    assert items[0]["public_keys"] == [keys[1].hex()]
    assert [i["seq"] for i in items[1:11]] == list(range(1, 11))
    assert {i["type"] for i in items[1:11]} == {"event"}
    assert [(i["type"], i["seq"]) for i in items[11:]] == [("checkpoint", 5), ("checkpoint", 10)]
    assert items[1]["details"] == {"from": "received", "n": 0, "to": "triage"}


def test_export_verifies_standalone(exported: Path, poisoned: Path,
                                    keys: tuple[bytes, bytes]) -> None:
    result = run_verifier(exported, poisoned, "--public-key", keys[1].hex())

    assert result.returncode == 0, result.stdout + result.stderr
    assert "intact: 10 events, 2 signed checkpoints" in result.stdout


def test_without_a_pinned_key_the_verifier_names_the_key_it_trusted(
    exported: Path, poisoned: Path, keys: tuple[bytes, bytes]
) -> None:
    result = run_verifier(exported, poisoned)

    assert result.returncode == 0, result.stderr
    assert keys[1].hex() in result.stdout


def test_a_tampered_export_fails_standalone_naming_the_event(
    exported: Path, poisoned: Path, keys: tuple[bytes, bytes]
) -> None:
    _rewrite(exported, 3, {"case_ref": "SN-OTHER"})

    result = run_verifier(exported, poisoned, "--public-key", keys[1].hex())

    assert result.returncode == 1
    assert "BROKEN at event 3" in result.stdout


@pytest.mark.parametrize(
    ("seq", "changes", "first"),
    [
        (6, {"body": "redevable-audit-event/1\n6\n..."}, 6),
        (2, {"details": {"from": "received", "n": 1, "to": "triage", "extra": 1}}, 2),
        (1, {"details": {"from": "received", "n": False, "to": "triage"}}, 1),  # false is not 0
        (4, {"seq": 40}, 4),
        (8, {"prev_hash": "00" * 32}, 8),
    ],
)
def test_export_tampering_is_located(exported: Path, keys: tuple[bytes, bytes], seq: int,
                                     changes: dict[str, object], first: int) -> None:
    _rewrite(exported, seq, changes)

    result = verify_export(exported, public_keys={keys[1]})

    assert (result.ok, result.first_broken_seq) == (False, first)


def test_a_truncated_export_fails_on_the_checkpoint(exported: Path,
                                                    keys: tuple[bytes, bytes]) -> None:
    lines = exported.read_text(encoding="utf-8").splitlines()
    kept = [line for line in lines if json.loads(line).get("seq", 0) <= 7
            or json.loads(line)["type"] != "event"]
    exported.write_text("\n".join(kept) + "\n", encoding="utf-8")

    result = verify_export(exported, public_keys={keys[1]})

    assert (result.ok, result.first_broken_seq) == (False, 8)
    assert "8..10 are missing" in (result.reason or "")


def test_an_export_re_signed_with_another_key_fails_against_the_published_key(
    exported: Path, poisoned: Path, keys: tuple[bytes, bytes]
) -> None:
    mallory_private, mallory_public = generate_signing_key()
    items = [json.loads(line) for line in exported.read_text(encoding="utf-8").splitlines()]
    items[0]["public_keys"] = [mallory_public.hex()]
    for item in items:
        if item["type"] == "checkpoint":
            message = checkpoint_message(item["seq"], bytes.fromhex(item["event_hash"]),
                                         item["signed_at"])
            item["signature"] = sign(mallory_private, message).hex()
            item["public_key"] = mallory_public.hex()
    exported.write_text("\n".join(json.dumps(i) for i in items) + "\n", encoding="utf-8")

    pinned = run_verifier(exported, poisoned, "--public-key", keys[1].hex())
    unpinned = run_verifier(exported, poisoned)

    assert pinned.returncode == 1
    assert "BROKEN at event 5" in pinned.stdout
    # Self-consistent without a pin: the auditor must compare the key that is printed.
    assert unpinned.returncode == 0
    assert mallory_public.hex() in unpinned.stdout


def test_a_file_that_is_not_an_export_exits_2(tmp_path: Path, poisoned: Path) -> None:
    junk = tmp_path / "junk.jsonl"
    junk.write_text("hello\n", encoding="utf-8")

    assert run_verifier(junk, poisoned).returncode == 2
    assert run_verifier(tmp_path / "missing.jsonl", poisoned).returncode == 2


def test_an_empty_trail_exports_and_verifies(session: Session, tmp_path: Path,
                                             keys: tuple[bytes, bytes]) -> None:
    path = tmp_path / "empty.jsonl"
    assert export(session, path) == 0
    assert verify_export(path, public_keys={keys[1]}).ok
