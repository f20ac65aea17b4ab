"""CPU time of one anonymous submission (GET the form, POST it), in-process, as in production.

    .venv/bin/python -m bench.cpu_intake [N] [sqlite|postgresql]

A bench instance (production settings, one focal point), the bench's urgent text and multipart
body, the Flask test client instead of gunicorn and wrk. Prints the process CPU time (every
thread: the alert sender too) per GET + POST. No mail server listens, so urgent alerts fail
fast and stay claimed for cron. CPU time, not wall time: other jobs on the machine skew it much
less (look at `uptime` anyway).
"""

from __future__ import annotations

import logging
import re
import secrets
import sys
import time

from bench.common import make_focal_point, make_instance
from bench.intake import multipart_template, report_fields
from bench.texts import reports
from config import Settings
from tests.conftest import https_client
from web import create_app

TOKEN = re.compile(rb'name="csrf_token"[^>]*value="([^"]+)"')


def main(count: int, backend: str) -> None:
    instance = make_instance("cpu", backend)
    try:
        make_focal_point(instance)
        app = create_app(Settings.from_env(instance.env))
        logging.getLogger().setLevel(logging.ERROR)
        client = https_client(app)
        boundary = "----redevablecpu" + secrets.token_hex(8)
        body = multipart_template(report_fields(reports(1)[0]), boundary)
        content_type = f"multipart/form-data; boundary={boundary}"

        def submit() -> None:
            client._cookies.clear()  # a new reporter each time
            found = TOKEN.search(client.get("/report").data)
            assert found is not None
            response = client.post("/report", data=body.replace(b"@@CSRF@@", found.group(1)),
                                   content_type=content_type)
            assert response.status_code == 200
            assert b"receipt-copy" in response.data

        for _ in range(10):  # warm-up: model, templates, statement caches
            submit()
        cpu, wall = time.process_time(), time.perf_counter()
        for _ in range(count):
            submit()
        time.sleep(0.5)  # the last alerts' batch
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        print(f"{cpu / count * 1000:.2f} ms CPU, {wall / count * 1000:.2f} ms wall per GET + POST "
              f"({count} submissions, {backend})")
    finally:
        instance.cleanup()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 300,
         sys.argv[2] if len(sys.argv) > 2 else "sqlite")
