"""Profile one anonymous submission (GET the form, POST it) in-process with cProfile.

    .venv/bin/python -m bench.profile_intake [N]

Uses a throw-away SQLite file and cheap test Argon2 parameters, so what it shows is the rest
of the cost: rendering, forms, classification, sealing, audit appends.
"""

from __future__ import annotations

import cProfile
import io
import pstats
import sys
import tempfile
import time
from pathlib import Path

import migrations
from config import Settings
from db import db_session
from tests.conftest import https_client
from tests.factories import ensure_recovery_key, make_network, make_staff
from tests.helpers import submit_report
from web import create_app

TEXT = ("Le trésorier garde l'argent des cotisations chez lui et les reçus ne correspondent "
        "pas aux dépenses. " * 12)[:1000]


def main(count: int) -> None:
    folder = Path(tempfile.mkdtemp(prefix="redevable-profile-"))
    settings = Settings.from_env({"REDEVABLE_TESTING": "1",
                                  "DATABASE_URL": f"sqlite:///{folder / 'p.sqlite3'}"})
    app = create_app(settings)
    with app.extensions["redevable.engine"].connect() as connection:
        migrations.upgrade(connection)
        connection.commit()
    with app.app_context():
        session = db_session()
        network = make_network(session)
        ensure_recovery_key(session)
        for n in range(4):
            make_staff(session, name=f"Focal Person{n}", networks=[network],
                       secret_key=settings.secret_key)
        session.commit()
    client = https_client(app)
    for _ in range(3):  # warm-up: model load, template compilation
        submit_report(client, what_happened=TEXT)
    profile = cProfile.Profile()
    start = time.perf_counter()
    profile.enable()
    for _ in range(count):
        assert submit_report(client, what_happened=TEXT).status_code == 200
    profile.disable()
    print(f"{(time.perf_counter() - start) / count * 1000:.1f} ms per GET + POST (wall)")
    out = io.StringIO()
    pstats.Stats(profile, stream=out).sort_stats("cumulative").print_stats(40)
    print(out.getvalue())


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 40)
