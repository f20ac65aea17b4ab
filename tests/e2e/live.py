"""The live instance under test: gunicorn on a loopback port, its database and its mail."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from tests.helpers import Inbox as Inbox  # noqa: PLC0414 - re-exported for the journeys

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]
ARTIFACTS = REPO / "artifacts" / "e2e"
AXE_JS = Path(__file__).parent / "node_modules" / "axe-core" / "axe.min.js"
STAFF_PASSWORD = "a long staff passphrase for the journeys 7"


def why_no_browser() -> str | None:
    """Why the browser journeys cannot run here, or None when they can."""
    if not CHROMIUM.exists():
        return (f"browser journeys need Chromium at {CHROMIUM}: "
                "apt-get install chromium (never 'playwright install')")
    try:
        import playwright.sync_api  # noqa: F401, PLC0415
    except ImportError:
        return "browser journeys need the 'playwright' Python package (pip install -e '.[dev]')"
    return None






@dataclass
class StaffLogin:
    email: str
    name: str
    totp_secret: str
    public_id: str
    password: str = STAFF_PASSWORD


@dataclass
class LiveApp:
    """One running instance: its address, its environment and a way into its database."""

    base_url: str
    env: dict[str, str]
    database_url: str
    secret_key: bytes
    inbox: Inbox
    process: subprocess.Popen[bytes] | None = None
    _made: int = field(default=0)

    def url(self, path: str) -> str:
        return self.base_url + path

    def flask(self, *args: str) -> subprocess.CompletedProcess[str]:
        """Run `flask --app wsgi ARGS` for this instance, as an operator (or cron) would."""
        done = subprocess.run(  # noqa: S603 - our own interpreter and arguments
            [sys.executable, "-m", "flask", "--app", "wsgi", *args], cwd=REPO, env=self.env,
            capture_output=True, text=True, timeout=120, check=False,
        )
        assert done.returncode == 0, f"flask {' '.join(args)} failed:\n{done.stderr[-3000:]}"
        return done

    def session(self) -> Session:
        import db  # noqa: PLC0415

        engine = db.make_engine(self.database_url)
        return sessionmaker(bind=engine, expire_on_commit=False)()

    def make_staff(self, name: str, *, role: str = "focal_point", networks: tuple[str, ...] = (),
                   safeguarding: bool = False) -> StaffLogin:
        """An active account with a password, a key pair and TOTP enrolled (phone's secret back).

        Each journey makes its own people: a case is sealed only to those who exist when it
        is filed, so journeys never see each other's cases.
        """
        from auth import services  # noqa: PLC0415
        from auth.models import GlobalRole  # noqa: PLC0415
        from crypto import PRODUCTION_PASSWORD_PARAMS  # noqa: PLC0415
        from networks.models import Network  # noqa: PLC0415

        self._made += 1
        email = f"{name.lower().replace(' ', '.')}.{self._made}@example.org"
        now = dt.datetime.now(dt.UTC)
        with self.session() as dbs:
            found = list(dbs.scalars(select(Network).where(Network.slug.in_(networks))))
            user = services.create_user(dbs, email=email, display_name=name,
                                        role=GlobalRole(role), networks=found,
                                        safeguarding=safeguarding)
            services.set_password_with_new_keys(dbs, user, STAFF_PASSWORD,
                                                PRODUCTION_PASSWORD_PARAMS, now)
            secret = services.begin_totp_enrolment(dbs, user, self.secret_key)
            user.totp_enabled_at = now
            dbs.commit()
            return StaffLogin(email=email, name=name, totp_secret=secret,
                              public_id=user.public_id)


def wait_until_up(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited:\n{log.read_text(errors='replace')[-3000:]}")
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=2) as response:  # noqa: S310
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer:\n{log.read_text(errors='replace')[-3000:]}")
