"""gunicorn app servers on spare loopback ports, and a finger on their workers."""

from __future__ import annotations

import contextlib
import http.client
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from tests.helpers import free_port

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Server:
    name: str
    process: subprocess.Popen[bytes]
    port: int
    workers: int
    log: Path

    def worker_pids(self) -> list[int]:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        try:
            return [int(p) for p in children.read_text().split()]
        except OSError:
            return []

    def healthy(self) -> bool:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
        try:
            conn.request("GET", "/healthz")
            return conn.getresponse().status == 200
        except OSError:
            return False
        finally:
            conn.close()

    def wait_ready(self, timeout: float = 90) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn {self.name} exited; see {self.log}")
            if self.healthy() and len(self.worker_pids()) >= self.workers:
                return
            time.sleep(0.2)
        raise RuntimeError(f"gunicorn {self.name} did not become ready; see {self.log}")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def start_server(name: str, env: dict[str, str], log: Path, *, workers: int) -> Server:
    """gunicorn as the README runs it in production: no access log, no forwarded headers."""
    port = free_port()
    cmd = [sys.executable, "-m", "gunicorn", "--workers", str(workers), "--bind",
           f"127.0.0.1:{port}", "--forwarded-allow-ips=", "--timeout", "60",
           "--backlog", "2048", "wsgi:app"]
    with log.open("ab") as sink:
        process = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=sink, stderr=sink)  # noqa: S603
    server = Server(name, process, port, workers, log)
    try:
        server.wait_ready()
    except BaseException:
        server.stop()
        raise
    return server


@contextlib.contextmanager
def running(servers: list[Server]):  # type: ignore[no-untyped-def]
    try:
        yield servers
    finally:
        for server in servers:
            server.stop()


def pid_of_local_port(port: int, candidates: list[int]) -> int | None:
    """Which of `candidates` owns the TCP socket bound locally to 127.0.0.1:`port`."""
    inode = None
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with contextlib.suppress(OSError):
            for line in Path(table).read_text().splitlines()[1:]:
                fields = line.split()
                local = fields[1]
                if int(local.rsplit(":", 1)[1], 16) == port:
                    inode = fields[9]
                    break
        if inode:
            break
    if not inode:
        return None
    target = f"socket:[{inode}]"
    for pid in candidates:
        with contextlib.suppress(OSError):
            for fd in Path(f"/proc/{pid}/fd").iterdir():
                with contextlib.suppress(OSError):
                    if fd.readlink().as_posix() == target:
                        return pid
    return None
