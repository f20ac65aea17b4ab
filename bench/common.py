"""Shared plumbing for the benchmarks: figures, timing, scratch databases, app servers, HTTP.

Everything the bench starts (gunicorn servers, scratch databases, instance folders under
bench/work/) it also stops or removes; load goes to loopback only.
"""

from __future__ import annotations

import contextlib
import hashlib
import http.client
import json
import os
import re
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import time
import urllib.parse
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.helpers import free_port

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "bench" / "work"
PG_BASE_URL = os.environ.get("BENCH_PG_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
BACKENDS = ("sqlite", "postgresql")
WORKERS = 2


# --- figures -------------------------------------------------------------------------------


@dataclass
class Figure:
    """One named measurement, in the shape bench/results.json promises."""

    value: float | None
    unit: str
    target: str | None = None
    met: bool | None = None
    ceiling: float | None = None
    ratio: float | None = None
    note: str | None = None

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "value": _round(self.value), "unit": self.unit, "ceiling": _round(self.ceiling),
            "ratio": _round(self.ratio, 3), "target": self.target, "met": self.met,
        }
        if self.note:
            out["note"] = self.note
        return out


def _round(value: float | None, digits: int = 2) -> float | None:
    if value is None:
        return None
    return round(value, digits) if abs(value) < 1000 else round(value)


@dataclass
class Results:
    figures: dict[str, Figure] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def add(self, name: str, figure: Figure) -> Figure:
        self.figures[name] = figure
        print(f"  {name}: {figure.value if figure.value is None else _round(figure.value)} "
              f"{figure.unit}" + (f"  (target {figure.target}: "
                                  f"{'met' if figure.met else 'MISSED'})" if figure.target else ""),
              flush=True)
        return figure


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0..100) by linear interpolation."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    pos = (len(ordered) - 1) * q / 100
    low = int(pos)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (pos - low)


def timed(fn: Callable[[], Any], runs: int) -> list[float]:
    """Wall-clock seconds of `runs` calls of fn."""
    out = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        out.append(time.perf_counter() - started)
    return out


def median(values: Iterable[float]) -> float:
    return statistics.median(list(values))


# --- machine -------------------------------------------------------------------------------


def machine() -> dict[str, Any]:
    import platform  # noqa: PLC0415
    import sqlite3  # noqa: PLC0415

    cpu = "unknown"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    mem_kib = 0
    with contextlib.suppress(OSError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem_kib = int(line.split()[1])
    return {
        "cpu_model": cpu,
        "cores": os.cpu_count(),
        "memory_gib": round(mem_kib / 1024 / 1024, 1),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "postgres": postgres_version(),
        "os": platform.platform(),
        "wrk": tool_version(["wrk", "-v"]),
        "load_average_1_5_15": [round(x, 2) for x in os.getloadavg()],
    }


def tool_version(cmd: list[str]) -> str | None:
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=10, check=False)
    except OSError:
        return None
    text = (out.stdout + out.stderr).strip().splitlines()
    return text[0] if text else None


# --- PostgreSQL scratch databases ----------------------------------------------------------


def _pg_connect(dbname: str | None = None) -> Any:
    import psycopg  # noqa: PLC0415

    url = PG_BASE_URL if dbname is None else _pg_url(dbname)
    return psycopg.connect(url, autocommit=True, connect_timeout=5)


def _pg_url(dbname: str) -> str:
    parts = urllib.parse.urlsplit(PG_BASE_URL)
    return urllib.parse.urlunsplit(parts._replace(path="/" + dbname))


def postgres_version() -> str | None:
    try:
        with _pg_connect() as conn:
            row = conn.execute("SHOW server_version").fetchone()
    except Exception:
        return None
    return str(row[0]) if row else None


def postgres_available() -> bool:
    return postgres_version() is not None


PROTECTED_DATABASES = frozenset({"test", "redevable_dev", "postgres"})
CHECKOUT_TAG = hashlib.sha256(str(ROOT).encode()).hexdigest()[:8]


def fresh_pg_database(name: str) -> str:
    """Drop and create the scratch database `name` (redevable_bench_*); return its URL."""
    if not name.startswith("redevable_bench") or name in PROTECTED_DATABASES:
        raise ValueError(f"refusing to recreate database {name!r}")
    with _pg_connect() as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return _pg_url(name)


def drop_pg_database(name: str) -> None:
    if not name.startswith("redevable_bench"):
        raise ValueError(f"refusing to drop database {name!r}")
    with contextlib.suppress(Exception), _pg_connect() as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# --- an instance of the app ----------------------------------------------------------------


@dataclass
class Instance:
    """A fresh instance folder with its own secrets and database, set up like `make run`."""

    name: str
    backend: str
    folder: Path
    database_url: str
    env: dict[str, str]

    def flask(self, *args: str, timeout: float = 300) -> str:
        out = subprocess.run(
            [sys.executable, "-m", "flask", "--app", "wsgi", *args], cwd=ROOT, env=self.env,
            capture_output=True, text=True, timeout=timeout, check=False)
        if out.returncode != 0:
            raise RuntimeError(f"flask {' '.join(args)} failed:\n{out.stdout}\n{out.stderr}")
        return out.stdout + out.stderr

    def settings(self) -> Any:
        from config import Settings  # noqa: PLC0415

        return Settings.from_env(self.env)

    def engine(self) -> Any:
        import db  # noqa: PLC0415

        return db.make_engine(self.settings().database_url)

    def cleanup(self) -> None:
        if self.backend == "postgresql":
            drop_pg_database(self.database_url.rsplit("/", 1)[-1])
        shutil.rmtree(self.folder, ignore_errors=True)


def production_env(**extra: str) -> dict[str, str]:
    """The process environment with fresh hex secrets and without REDEVABLE_TESTING."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("REDEVABLE_")}
    env.pop("DATABASE_URL", None)
    env.update(
        REDEVABLE_SECRET_KEY=secrets.token_hex(32),
        REDEVABLE_RECEIPT_PEPPER=secrets.token_hex(32),
        REDEVABLE_AUDIT_SIGNING_KEY=secrets.token_hex(32),
        PYTHONPATH=str(ROOT),
    )
    env.update(extra)
    return env


def make_instance(name: str, backend: str, *, setup: bool = True) -> Instance:
    """Instance folder bench/work/<name>-<backend>: db upgrade, recovery key, networks."""
    folder = WORK / f"{name}-{backend}"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    if backend == "sqlite":
        url = f"sqlite:///{folder / 'redevable.sqlite3'}"
    else:
        # Named after this checkout too: two worktrees benching at once must not drop each
        # other's database.
        url = fresh_pg_database(f"redevable_bench_{name}_{CHECKOUT_TAG}")
    env = production_env(REDEVABLE_INSTANCE=str(folder), DATABASE_URL=url)
    instance = Instance(name, backend, folder, url, env)
    if setup:
        instance.flask("db", "upgrade")
        instance.flask("keys", "init-recovery", "--out", str(folder / "RECOVERY-KEY.txt"))
        instance.flask("networks", "import", str(ROOT / "networks.example.json"))
    return instance


# --- gunicorn ------------------------------------------------------------------------------


@dataclass
class Server:
    process: subprocess.Popen[bytes]
    port: int
    log: Path

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def worker_pids(self) -> list[int]:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        try:
            return [int(p) for p in children.read_text().split()]
        except OSError:
            return []


@contextlib.contextmanager
def gunicorn(env: dict[str, str], app: str, log: Path, *, health: str = "/healthz",
             timeout: int = 120) -> Iterator[Server]:
    """Start `gunicorn --workers 2` on a free loopback port; stop it on exit."""
    port = free_port()
    cmd = [sys.executable, "-m", "gunicorn", "--workers", str(WORKERS),
           "--bind", f"127.0.0.1:{port}", "--forwarded-allow-ips=", "--timeout", str(timeout),
           app]
    with log.open("ab") as sink:
        process = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=sink, stderr=sink)
    server = Server(process, port, log)
    try:
        _wait_ready(server, health)
        yield server
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_ready(server: Server, path: str) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"gunicorn exited; see {server.log}")
        try:
            status, _, _ = Http(server.port).get(path)
        except OSError:
            time.sleep(0.2)
            continue
        if status == 200 and len(server.worker_pids()) >= WORKERS:
            return
        time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not become ready; see {server.log}")


# --- a tiny cookie-keeping HTTP client -----------------------------------------------------

CSRF_RE = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*name="csrf_token"')


class Http:
    """Keep-alive HTTP/1.1 to one loopback port, remembering cookies like a browser would."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=300)

    def _headers(self, extra: dict[str, str] | None = None) -> dict[str, str]:
        headers = dict(extra or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        return headers

    def _remember(self, response: http.client.HTTPResponse) -> None:
        for header in response.headers.get_all("Set-Cookie") or []:
            pair = header.split(";", 1)[0]
            name, _, value = pair.partition("=")
            if "max-age=0" in header.lower() or "expires=thu, 01 jan 1970" in header.lower():
                self.cookies.pop(name.strip(), None)
            else:
                self.cookies[name.strip()] = value.strip()

    def request(self, method: str, path: str, body: Any = None,
                headers: dict[str, str] | None = None,
                sink: Callable[[bytes], None] | None = None) -> tuple[int, dict[str, str], bytes]:
        self.conn.request(method, path, body=body, headers=self._headers(headers))
        response = self.conn.getresponse()
        self._remember(response)
        if sink is None:
            data = response.read()
        else:
            while block := response.read(256 * 1024):
                sink(block)
            data = b""
        return response.status, dict(response.headers.items()), data

    def get(self, path: str, **kwargs: Any) -> tuple[int, dict[str, str], bytes]:
        return self.request("GET", path, **kwargs)

    def post_form(self, path: str, fields: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        body = urllib.parse.urlencode(fields)
        return self.request("POST", path, body=body, headers={
            "Content-Type": "application/x-www-form-urlencoded"})

    def csrf(self, path: str) -> str:
        status, _, page = self.get(path)
        found = CSRF_RE.search(page.decode())
        if status != 200 or not found:
            raise RuntimeError(f"no CSRF token on {path} (HTTP {status})")
        return found.group(1) or found.group(2)

    def close(self) -> None:
        self.conn.close()


def staff_login(port: int, email: str, password: str, totp_secret: str) -> Http:
    """Log a staff member in through the real pages (password, then TOTP); returns the client."""
    import pyotp  # noqa: PLC0415

    client = Http(port)
    token = client.csrf("/staff/login")
    status, _, _ = client.post_form("/staff/login", {"email": email, "password": password,
                                                     "csrf_token": token})
    if status != 303:
        raise RuntimeError(f"password step refused (HTTP {status})")
    token = client.csrf("/staff/login/code")
    status, _, _ = client.post_form("/staff/login/code", {
        "code": pyotp.TOTP(totp_secret).now(), "csrf_token": token})
    if status != 303:
        raise RuntimeError(f"second factor refused (HTTP {status})")
    return client


def make_focal_point(instance: Instance, *, network: str = "senegal",
                     email: str = "focal.point@example.org") -> tuple[str, str, str]:
    """An active focal point with a production-cost password and TOTP; (email, password, totp)."""
    import pyotp  # noqa: PLC0415
    from sqlalchemy import select  # noqa: PLC0415
    from sqlalchemy.orm import Session  # noqa: PLC0415

    from auth import services  # noqa: PLC0415
    from auth.models import GlobalRole  # noqa: PLC0415
    from db import utcnow  # noqa: PLC0415
    from keyring.services import KDF_PARAMS  # noqa: PLC0415
    from networks.models import Network  # noqa: PLC0415

    settings = instance.settings()
    password = "bench " + secrets.token_hex(12)
    engine = instance.engine()
    with Session(engine) as session:
        net = session.scalars(select(Network).where(Network.slug == network)).one()
        user = services.create_user(session, email=email, display_name="Bench Focal Point",
                                    role=GlobalRole.FOCAL_POINT, networks=[net])
        services.set_password_with_new_keys(session, user, password,
                                            KDF_PARAMS[settings.password_kdf], utcnow())
        secret = services.begin_totp_enrolment(session, user, settings.secret_key)
        user.totp_enabled_at = utcnow()
        session.commit()
    engine.dispose()
    pyotp.TOTP(secret)  # fails early on a malformed secret
    return email, password, secret


def write_json(path: Path, data: Any) -> None:
    path.write_text(json.dumps(data, indent=2, sort_keys=False) + "\n", encoding="utf-8")


def ensure_wrk() -> str:
    """The wrk binary, installed from Debian when missing."""
    found = shutil.which("wrk")
    if found:
        return found
    print("wrk not found: installing it with apt-get", flush=True)
    sudo = [] if os.geteuid() == 0 else ["sudo", "-n"]
    subprocess.run([*sudo, "apt-get", "update", "-qq"], check=False, timeout=300,
                   stdout=subprocess.DEVNULL)
    subprocess.run([*sudo, "apt-get", "install", "-y", "-qq", "wrk"], check=True, timeout=300,
                   stdout=subprocess.DEVNULL)
    found = shutil.which("wrk")
    if not found:
        raise RuntimeError("wrk could not be installed")
    return found
