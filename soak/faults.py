"""Faults injected while the load runs: the database dies, a worker dies, the disk says no."""

from __future__ import annotations

import contextlib
import os
import secrets
import signal
import threading
import time
from dataclasses import dataclass, field

from soak.client import Answer, Browser
from soak.cluster import Cluster
from soak.servers import Server, pid_of_local_port


@dataclass
class Outage:
    """Stop PostgreSQL (as a crash: immediate mode) `after` seconds in, restart it later."""

    cluster: Cluster
    server: Server
    after: float
    down_for: float
    network: str = "senegal"
    notes: dict[str, float] = field(default_factory=dict)
    health_while_down: list[int] = field(default_factory=list)
    kept: bool | None = None

    def run(self, stop: threading.Event) -> None:
        if stop.wait(self.after):
            return
        # A reporter in French opened the form just before the crash, and sends it during it.
        reporter = Browser("127.0.8.1", "fr")
        form = reporter.get(self.server.port, "/report")
        self.cluster.stop("immediate")
        stopped = time.monotonic()
        self._send_during_outage(reporter, form)
        probe = Browser("127.0.0.1")
        while time.monotonic() - stopped < self.down_for:
            with contextlib.suppress(OSError):
                self.health_while_down.append(probe.get(self.server.port, "/healthz").status)
            time.sleep(0.5)
        self.cluster.start()
        started = time.monotonic()
        self.notes["database down (s)"] = started - stopped
        # Nothing restarts the app servers: the pool must find the database again by itself.
        while time.monotonic() - started < 60:
            with contextlib.suppress(OSError):
                if probe.get(self.server.port, "/healthz").status == 200:
                    self.notes["app answering again after restart (s)"] = (
                        time.monotonic() - started)
                    return
            time.sleep(0.1)


    def _send_during_outage(self, reporter: Browser, form: Answer) -> None:
        marker = "gardez-ce-texte-" + secrets.token_hex(4)
        fields = {"danger_now": "no", "channel": "complaint", "what_happened": marker,
                  "network": self.network, "child_involved": "no", "on_behalf": "self",
                  "identity_choice": "anonymous", "excluded_staff": "someone-excluded",
                  "csrf_token": form.csrf() or ""}
        answer = reporter.post(self.server.port, "/report", fields, files=[])
        body = answer.body
        self.kept = (answer.status == 503 and marker in body and 'lang="fr"' in body
                     and "Votre signalement n’a pas pu être enregistré" in body
                     and 'value="someone-excluded"' in body and "Traceback" not in body)


@dataclass
class WorkerKiller:
    """SIGKILL the gunicorn worker that holds an open write transaction, `kills` times."""

    cluster: Cluster
    database: str
    server: Server
    kills: int = 3
    spacing: float = 6.0
    done: list[str] = field(default_factory=list)

    def run(self, stop: threading.Event) -> None:
        if stop.wait(4):
            return
        with self.cluster.connect() as conn:
            while len(self.done) < self.kills and not stop.is_set():
                rows = conn.execute(
                    "SELECT a.client_port, a.query, EXISTS (SELECT 1 FROM pg_locks l "
                    "WHERE l.pid = a.pid AND l.locktype = 'advisory' AND l.granted) "
                    "FROM pg_stat_activity a WHERE a.datname = %s AND a.backend_xid "
                    "IS NOT NULL AND a.pid <> pg_backend_pid()", (self.database,)).fetchall()
                # Prefer the worker that holds the audit chain's lock, then one writing files.
                rows.sort(key=lambda r: (not r[2], "attachment_chunks" not in (r[1] or "")))
                for port, query, audit_lock in rows:
                    pid = pid_of_local_port(int(port), self.server.worker_pids())
                    if pid is None:
                        continue
                    with contextlib.suppress(ProcessLookupError):
                        os.kill(pid, signal.SIGKILL)
                        where = ("holding the audit chain lock" if audit_lock else
                                 "writing attachment chunks" if "attachment_chunks" in
                                 (query or "") else "inside a write transaction")
                        self.done.append(where)
                        stop.wait(self.spacing)
                    break
                else:
                    time.sleep(0.005)


def set_read_only(cluster: Cluster, database: str, read_only: bool) -> None:
    """Make the database refuse writes (or accept them again) for every new session,
    then end the existing sessions so that the app's pool has to reconnect."""
    with cluster.connect("postgres") as conn:
        if read_only:
            conn.execute(f'ALTER DATABASE "{database}" SET default_transaction_read_only = on')
        else:
            conn.execute(f'ALTER DATABASE "{database}" RESET default_transaction_read_only')
        conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                     "WHERE datname = %s AND pid <> pg_backend_pid()", (database,))
