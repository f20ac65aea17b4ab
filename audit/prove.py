"""The quick proof of an intact stored trail: ``prove_intact()`` for ``flask audit verify``.

audit.service.verify is the exact walk, which gives the verdict and names the first broken
event; this only ever proves a trail intact, faster, or leaves the verdict to the walk. It uses
the database driver's own connections and plain SQL, and shares the checkpoint rules of
audit.verify, so both judge a trail the same way.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import struct
import subprocess
import sys
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from typing import Any

from audit.canonical import (
    CHECKPOINT_ACTION,
    EVENT_FIELDS,
    EVENT_FORMAT,
    GENESIS_HASH,
    HASH_BYTES,
    SEPARATOR,
    format_timestamp,
)
from audit.verify import Checkpoint, CheckpointTracker, VerifyResult

# --- how ---------------------------------------------------------------
#
# audit.service.verify reads every event through the driver with all twelve columns and checks it
# in Python: reading the rows costs several times the hashing. prove_intact() makes the same checks
# in two passes over one snapshot, side by side on two CPUs when shared_snapshot() sets them up:
#
# - the chain pass reads prev_hash, body and hash (on PostgreSQL a thousand events per row,
#   concatenated by the server) and recomputes every hash here: the database never hashes;
# - the column pass has the database rebuild each body from the queryable columns and compare it
#   with the stored one, in one aggregate query that returns a single row (on PostgreSQL from a
#   second connection, the server doing the work; on SQLite from a child process).
#
# It only ever proves a trail intact. On any doubt it returns None and the caller runs the exact
# walk (audit.service.verify), which gives the verdict and names the first broken event, so the
# two cannot disagree about a broken trail. It uses the driver's own connections and plain SQL:
# this module still imports neither SQLAlchemy nor a database driver up front.
#
# What makes a per-event check a per-chunk one: the column pass proves that every body is its
# ten fields joined by nine line feeds (so at least nine, and it starts with the ASCII format
# tag). Nine line feeds per event on average then means exactly nine each, and a run of bodies
# that is valid UTF-8 as a whole is valid body by body.

DIALECTS = ("sqlite", "postgresql")
_NEWLINES = EVENT_FIELDS - 1
# Events per fetchmany on SQLite, per row of the chain pass on PostgreSQL: big enough that the
# per-batch work vanishes, small enough to keep memory flat (a batch is ~250 kB).
CHUNK = 1000
_PG_SNAPSHOT_RE = re.compile(r"[0-9A-F]+-[0-9A-F]+(-[0-9]+)?")


def _literal(text: str) -> str:
    """One of our constants as an SQL string literal (bind parameters would need a type)."""
    if "'" in text or "\\" in text:
        raise ValueError(f"not a plain SQL literal: {text!r}")
    return f"'{text}'"


_FORMAT, _NL, _CHECKPOINT = _literal(EVENT_FORMAT), _literal(SEPARATOR), _literal(CHECKPOINT_ACTION)

# SQLite. Besides the rebuilt body, the passes check the types audit.service gets from the
# driver: seq an integer (`seq IS rowid`: unique too, so count = max = head and min = 1 mean
# exactly 1..head), actor_id an integer or NULL, text where text belongs (`||` would read a blob
# as text). In the chain pass a failed check blanks the hash, which then cannot match. Which check
# runs in which pass only balances the work of the two processes.
_SQLITE_TYPED = """seq IS rowid AND actor_id IS CAST(actor_id AS INTEGER)
    AND typeof(actor_kind) = 'text' AND typeof(actor_role) IN ('text', 'null')
    AND typeof(case_ref) IN ('text', 'null') AND typeof(network) IN ('text', 'null')"""
_SQLITE_CHAIN = f"""SELECT prev_hash, body, CASE WHEN {_SQLITE_TYPED} THEN hash END
    FROM audit_events ORDER BY seq"""  # noqa: S608 - constants
# `||` rather than printf(), whose %s stops at a NUL inside a value: 'SN-1' || char(0) would pass
# for 'SN-1' while every query on the column misses it.
_SQLITE_REBUILT = " || ".join((
    _literal(EVENT_FORMAT + SEPARATOR), "seq", _NL, "replace(occurred_at, ' ', 'T')",
    _literal("Z" + SEPARATOR), "actor_kind", _NL, "coalesce(actor_id, '')", _NL,
    "coalesce(actor_role, '')", _NL, "action", _NL, "coalesce(case_ref, '')", _NL,
    "coalesce(network, '')", _NL, "details"))
_SQLITE_AGREES = f"""actor_role IS NOT '' AND case_ref IS NOT '' AND network IS NOT ''
    AND typeof(action) = 'text' AND typeof(details) = 'text'
    AND CAST({_SQLITE_REBUILT} AS BLOB) = body
    AND (action IS NOT {_CHECKPOINT} OR seq IN (SELECT value FROM json_each(:signed)))"""  # noqa: S608
_SQLITE_COLUMNS = f"""SELECT count(*), min(seq), max(seq),
    total(CASE WHEN {_SQLITE_AGREES} THEN 0 ELSE 1 END) FROM audit_events"""  # noqa: S608

# PostgreSQL: the same occurred_at text as audit.service; concat_ws skips NULLs, hence num_nulls.
_PG_REBUILT = f"""convert_to(concat_ws(E'\\n', {_FORMAT}, seq,
        to_char(timezone('UTC', occurred_at), 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), actor_kind,
        coalesce(actor_id::text, ''), coalesce(actor_role, ''), action, coalesce(case_ref, ''),
        coalesce(network, ''), details), 'UTF8')"""
_PG_AGREES = f"""octet_length(prev_hash) = {HASH_BYTES} AND octet_length(hash) = {HASH_BYTES}
    AND num_nulls(occurred_at, actor_kind, action, details) = 0
    AND coalesce(actor_role <> '' AND case_ref <> '' AND network <> '', TRUE)
    AND {_PG_REBUILT} = body
    AND (action <> {_CHECKPOINT} OR seq IN (SELECT unnest(%(signed)s::integer[])))"""
_PG_COLUMNS = f"""SELECT count(*), count(*) FILTER (WHERE ({_PG_AGREES}) IS NOT TRUE)
    FROM audit_events"""  # noqa: S608 - constants
# One row per chunk of events: (seq, length of body) pairs as big-endian int4, then the bodies,
# the prev_hashes and the hashes, each laid end to end. The server streams them while Python
# hashes; a million rows one by one through the driver would cost more than the hashing. Rows
# come in generate_series order and an ordered subquery feeds each aggregate in order: that is
# how PostgreSQL runs this plan, not what SQL promises (an ORDER BY g would sort every chunk
# before sending the first). The seqs sent along are checked, so another order would only mean
# falling back.
_PG_CHAIN = """SELECT c.meta, c.bodies, c.prevs, c.hashes
    FROM generate_series(0, %(last)s) AS g, LATERAL (
        SELECT string_agg(int4send(seq) || int4send(octet_length(body)), '') AS meta,
               string_agg(body, '') AS bodies, string_agg(prev_hash, '') AS prevs,
               string_agg(hash, '') AS hashes
        FROM (SELECT seq, prev_hash, body, hash FROM audit_events
              WHERE seq > g * %(chunk)s AND seq <= (g + 1) * %(chunk)s
              ORDER BY seq) AS chunk) AS c"""


def _fetch_one(connection: Any, sql: str, params: Any = None) -> tuple[Any, ...]:
    cursor = connection.cursor()
    try:
        cursor.execute(sql, params) if params is not None else cursor.execute(sql)
        row: tuple[Any, ...] = cursor.fetchone()
        return row
    finally:
        cursor.close()


def _fetch_all(connection: Any, sql: str) -> list[tuple[Any, ...]]:
    cursor = connection.cursor()
    try:
        cursor.execute(sql)
        rows: list[tuple[Any, ...]] = cursor.fetchall()
        return rows
    finally:
        cursor.close()


def _execute(connection: Any, sql: str) -> None:
    cursor = connection.cursor()
    try:
        cursor.execute(sql)
    finally:
        cursor.close()


def _stored_checkpoints(connection: Any) -> dict[int, Checkpoint] | None:
    """Every checkpoint, signed_at as audit.service renders it; None if one has odd types."""
    cursor = connection.cursor()
    try:
        cursor.execute("SELECT seq, event_hash, signed_at, signature, public_key "
                       "FROM audit_checkpoints")
        rows = cursor.fetchall()
    finally:
        cursor.close()
    found = {}
    for seq, event_hash, signed_at, signature, public_key in rows:
        if isinstance(signed_at, str):
            # SQLite: SQLAlchemy's "YYYY-MM-DD HH:MM:SS.ffffff" for a UTC datetime. Any other
            # form renders to text no signature covers, and the exact walk decides.
            signed_text = signed_at.replace(" ", "T") + "Z"
        elif isinstance(signed_at, dt.datetime) and signed_at.tzinfo is not None:
            signed_text = format_timestamp(signed_at)
        else:
            return None
        if not all(isinstance(v, bytes) for v in (event_hash, signature, public_key)):
            return None
        found[seq] = Checkpoint(seq, event_hash, signed_text, signature, public_key)
    return found


def _utf8(text: bytes) -> bool:
    # SQLite may hold text that is not UTF-8, which the columns would match byte for byte, while
    # audit.service only compares bodies with UTF-8 it encoded itself. PostgreSQL text is UTF-8.
    try:
        text.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _sqlite_links(rows: list[tuple[Any, ...]], prev: bytes) -> bytes | None:
    """The hot loop on SQLite: each event links to the one before and matches its hash."""
    sha256 = hashlib.sha256
    try:
        for prev_hash, body, event_hash in rows:
            if prev_hash != prev or sha256(prev + body).digest() != event_hash:
                return None
            prev = event_hash
    except TypeError:  # NULL, text or a number where bytes belong
        return None
    bodies = b"".join([row[1] for row in rows])
    if bodies.count(10) != _NEWLINES * len(rows) or not (bodies.isascii() or _utf8(bodies)):
        return None
    return prev


def _sqlite_chain(connection: Any, head: int, marks: Sequence[int], chunk: int
                  ) -> dict[int, bytes] | None:
    """The chain pass: the hashes at ``marks`` (the checkpoints' seqs), or None."""
    found: dict[int, bytes] = {}
    prev, done, next_mark = GENESIS_HASH, 0, 0
    cursor = connection.cursor()
    try:
        cursor.execute(_SQLITE_CHAIN)
        while rows := cursor.fetchmany(chunk):
            last = _sqlite_links(rows, prev)
            if last is None:
                return None
            while next_mark < len(marks) and marks[next_mark] <= done + len(rows):
                found[marks[next_mark]] = rows[marks[next_mark] - done - 1][2]
                next_mark += 1
            prev, done = last, done + len(rows)
    finally:
        cursor.close()
    return found if done == head else None


def _pg_hashes(bodies: bytes, lengths: Iterable[int], prev: bytes) -> list[bytes]:
    """The hot loop on PostgreSQL: the chain hash of each body laid end to end in ``bodies``."""
    sha256, offset = hashlib.sha256, 0
    digests: list[bytes] = []
    append = digests.append
    for length in lengths:
        end = offset + length
        prev = sha256(prev + bodies[offset:end]).digest()
        append(prev)
        offset = end
    return digests


def _pg_chain(connection: Any, head: int, marks: Sequence[int], chunk: int
              ) -> dict[int, bytes] | None:
    """The chain pass: the hashes at ``marks`` (the checkpoints' seqs), or None."""
    found: dict[int, bytes] = {}
    prev, done, next_mark = GENESIS_HASH, 0, 0
    cursor = connection.cursor(binary=True)
    try:
        params = {"last": (head - 1) // chunk, "chunk": chunk}
        for meta, bodies, prevs, hashes in cursor.stream(_PG_CHAIN, params):
            if None in (meta, bodies, prevs, hashes):  # string_agg of nothing
                return None
            pairs = struct.unpack(f">{len(meta) // 4}i", meta)
            count, lengths = len(pairs) // 2, pairs[1::2]
            if pairs[0::2] != tuple(range(done + 1, done + 1 + count)):
                return None
            digests = _pg_hashes(bodies, lengths, prev)
            stored = b"".join(digests)
            # Every stored hash is the one computed, every prev_hash the hash before it.
            if (hashes != stored or prevs != prev + stored[:-HASH_BYTES]
                    or bodies.count(10) != _NEWLINES * count):
                return None
            while next_mark < len(marks) and marks[next_mark] <= done + count:
                found[marks[next_mark]] = digests[marks[next_mark] - done - 1]
                next_mark += 1
            prev, done = digests[-1], done + count
    finally:
        cursor.close()
    return found if done == head else None


def _column_query(dialect: str, signed: list[int]) -> tuple[str, dict[str, Any]]:
    if dialect == "sqlite":
        return _SQLITE_COLUMNS, {"signed": json.dumps(signed)}
    return _PG_COLUMNS, {"signed": signed}


def _columns_agree(dialect: str, row: Sequence[Any], head: int) -> bool:
    """The column pass's verdict: every event's columns say what its body says, ``head`` events."""
    if dialect == "sqlite":
        count, low, high, disagreeing = row
        return count == head and disagreeing == 0 and (not head or (low, high) == (1, head))
    count, disagreeing = row
    return bool(count == head and disagreeing == 0)


class ColumnPass:
    """Where the column pass runs beside the chain pass; shared_snapshot() makes one."""

    def start(self, sql: str, params: dict[str, Any]) -> None:
        raise NotImplementedError

    def result(self) -> tuple[Any, ...]:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError


class _ThreadedPass(ColumnPass):
    """On a second connection, from a thread: PostgreSQL does the work in its own process."""

    def __init__(self, connection: Any) -> None:
        self.connection = connection
        self._pool = ThreadPoolExecutor(max_workers=1)
        self._row: Future[tuple[Any, ...]] | None = None

    def start(self, sql: str, params: dict[str, Any]) -> None:
        self._row = self._pool.submit(_fetch_one, self.connection, sql, params)

    def result(self) -> tuple[Any, ...]:
        assert self._row is not None  # noqa: S101 - start() comes first
        return self._row.result()

    def close(self) -> None:
        self._pool.shutdown()
        self.connection.rollback()
        self.connection.close()


# The SQLite column pass runs in a Python process of its own: two SQLite connections working in
# one process serialise on SQLite's process-wide locks (its allocator's), so in two threads the
# two passes took as long as one after the other, and in two processes as long as the longer.
_SQLITE_SIDE_PROGRAM = """
import json, sqlite3, sys
connection = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=30)
connection.execute("BEGIN")
connection.execute("SELECT count(*) FROM audit_checkpoints").fetchone()
print("ready", flush=True)
for line in sys.stdin:
    sql, params = json.loads(line)
    try:
        print(json.dumps({"row": connection.execute(sql, params).fetchone()}), flush=True)
    except sqlite3.Error as exc:
        print(json.dumps({"error": str(exc)}), flush=True)
"""


class _ProcessPass(ColumnPass):
    """On a connection in a child process, which holds its read snapshot from start to close."""

    def __init__(self, path: str) -> None:
        try:
            self._process = subprocess.Popen(  # noqa: S603 - this interpreter, our program
                [sys.executable, "-I", "-c", _SQLITE_SIDE_PROGRAM, path],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, encoding="utf-8")
        except OSError as exc:  # an embedded interpreter, a sandbox without fork...
            raise _sqlite_error(f"the column pass could not start: {exc}") from exc
        if self._read() != "ready":
            self.close()
            raise _sqlite_error("the column pass could not open the database")

    def _read(self) -> str:
        assert self._process.stdout is not None  # noqa: S101 - opened with a pipe
        return self._process.stdout.readline().strip()

    def start(self, sql: str, params: dict[str, Any]) -> None:
        assert self._process.stdin is not None  # noqa: S101 - opened with a pipe
        self._process.stdin.write(json.dumps([sql, params]) + "\n")
        self._process.stdin.flush()

    def result(self) -> tuple[Any, ...]:
        answer = json.loads(self._read() or '{"error": "the column pass stopped"}')
        if "error" in answer:
            raise _sqlite_error(answer["error"])
        return tuple(answer["row"])

    def close(self) -> None:
        if self._process.stdin is not None:
            self._process.stdin.close()
        try:
            self._process.wait(timeout=5)
        except subprocess.TimeoutExpired:  # still at work for a proof given up on
            self._process.kill()
            self._process.wait()
        if self._process.stdout is not None:
            self._process.stdout.close()


def _sqlite_error(message: str) -> Exception:
    import sqlite3  # noqa: PLC0415 - the standalone verifier never needs it

    return sqlite3.OperationalError(message)


def prove_intact(
    connection: Any,
    dialect: str,
    *,
    public_keys: Collection[bytes],
    side: ColumnPass | None = None,
    chunk: int = CHUNK,
) -> VerifyResult | None:
    """Prove the stored trail intact, or return None when it cannot (broken, or stored oddly).

    ``connection`` is a DBAPI connection: sqlite3, or psycopg 3 for PostgreSQL. Given ``side``,
    from shared_snapshot(), the column pass runs there while this thread hashes. Without it,
    both passes run on ``connection`` one after the other, inside a savepoint within the caller's
    transaction: on PostgreSQL that transaction should be REPEATABLE READ, or the two passes may
    see two moments.

    Checks what audit.service.verify checks; when this returns None, run that for the verdict.
    Tables altered beyond what its queries expect raise the driver's error: walk those too.
    """
    if dialect not in DIALECTS:
        return None
    if side is not None:
        return _prove(connection, dialect, frozenset(public_keys), side, chunk)
    _execute(connection, "SAVEPOINT audit_prove_intact")
    try:
        return _prove(connection, dialect, frozenset(public_keys), None, chunk)
    finally:
        # Only reads happened; rolling back also clears the error state PostgreSQL keeps.
        _execute(connection, "ROLLBACK TO SAVEPOINT audit_prove_intact")
        _execute(connection, "RELEASE SAVEPOINT audit_prove_intact")


def _prove(connection: Any, dialect: str, public_keys: frozenset[bytes],
           side: ColumnPass | None, chunk: int) -> VerifyResult | None:
    checkpoints = _stored_checkpoints(connection)
    (head,) = _fetch_one(connection, "SELECT max(seq) FROM audit_events")
    if checkpoints is None or not isinstance(head or 0, int):
        return None
    head = head or 0
    marks = sorted(seq for seq in checkpoints if 1 <= seq <= head)
    column_query = _column_query(dialect, sorted(checkpoints))
    if side is not None:
        side.start(*column_query)
    found = (_sqlite_chain if dialect == "sqlite" else _pg_chain)(connection, head, marks, chunk)
    if found is None:
        return None
    row = side.result() if side is not None else _fetch_one(connection, *column_query)
    if not _columns_agree(dialect, row, head):
        return None
    tracker = CheckpointTracker(checkpoints, public_keys)
    for seq in marks:
        if tracker.at_event(seq, CHECKPOINT_ACTION, found[seq]) is not None:
            return None
    if tracker.at_end(head) is not None:
        return None
    return VerifyResult(ok=True, count=head, checkpoints=tracker.verified)


@contextmanager
def shared_snapshot(connect: Callable[[], Any], dialect: str
                    ) -> Iterator[tuple[Any, ColumnPass]]:
    """A new connection and a column pass that read the same committed state, for prove_intact.

    SQLite: a connection holds the write lock while both start reading, so that nothing is
    committed in between, and lets go at once: writers wait a moment, not for the whole check.
    The column pass reads the same file from a child process (an in-memory database cannot be
    shared). PostgreSQL: a second connection imports the first one's exported snapshot.
    Everything is rolled back and closed on exit.
    """
    opened: list[Any] = []
    side: ColumnPass | None = None

    def open_connection() -> Any:
        opened.append(connect())
        return opened[-1]

    try:
        main = open_connection()
        if dialect == "sqlite":
            path = next((row[2] for row in _fetch_all(main, "PRAGMA database_list")
                         if row[1] == "main"), "")
            if not path:
                raise ValueError("an in-memory SQLite database cannot be shared")
            lock = open_connection()
            _execute(lock, "BEGIN IMMEDIATE")
            _execute(main, "BEGIN")
            _fetch_one(main, "SELECT count(*) FROM audit_checkpoints")
            side = _ProcessPass(path)
            lock.rollback()
        elif dialect == "postgresql":
            _execute(main, "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            (snapshot,) = _fetch_one(main, "SELECT pg_export_snapshot()")
            if not _PG_SNAPSHOT_RE.fullmatch(snapshot):
                raise ValueError(f"unexpected snapshot id {snapshot!r}")
            other = connect()
            side = _ThreadedPass(other)
            _execute(other, "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            _execute(other, f"SET TRANSACTION SNAPSHOT {_literal(snapshot)}")
        else:
            raise ValueError(f"no shared snapshot on {dialect}")
        yield main, side
    finally:
        if side is not None:
            side.close()
        for connection in reversed(opened):
            connection.rollback()
            connection.close()


def prove_committed(engine: Any, public_keys: Collection[bytes], *,
                    current: Callable[[], Any],
                    unavailable: Callable[[Exception], None]) -> VerifyResult | None:
    """prove_intact() over what is committed, on two connections of its own side by side.

    ``engine`` is the application's SQLAlchemy engine (typed loosely: this module imports no
    SQLAlchemy). ``current`` returns the caller's own DBAPI connection, used only for an
    in-memory SQLite database, which has no other. When the quick queries cannot run (a table
    altered beyond what they expect), ``unavailable`` is told the driver's error and this
    returns None: the exact walk decides.
    """
    dialect = engine.dialect.name
    if dialect not in DIALECTS:
        return None
    try:
        if engine.url.database in {None, "", ":memory:"}:
            return prove_intact(current(), dialect, public_keys=public_keys)
        with shared_snapshot(engine.raw_connection, dialect) as (connection, side):
            return prove_intact(connection, dialect, public_keys=public_keys, side=side)
    except engine.dialect.loaded_dbapi.Error as exc:
        unavailable(exc)
        return None
