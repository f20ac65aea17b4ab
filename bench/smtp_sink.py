"""A mail server for the intake bench: takes every message, keeps a count, nothing else.

    python -m bench.smtp_sink PORT

Prints "SINK_READY" once listening and, on SIGTERM, "SINK_COUNT <n> <cpu seconds>".
Urgent submissions send their alerts here, so the bench measures delivering them (as in
production) rather than a refused connection, and can check that each one arrived.
"""

from __future__ import annotations

import signal
import sys
import threading
import time
from typing import Any

from aiosmtpd.controller import Controller


class Counter:
    def __init__(self) -> None:
        self.count = 0

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.count += 1
        return "250 OK"


def main(port: int) -> None:
    handler = Counter()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    print("SINK_READY", flush=True)
    stop.wait()
    controller.stop()
    print(f"SINK_COUNT {handler.count} {time.process_time():.3f}", flush=True)


if __name__ == "__main__":
    main(int(sys.argv[1]))
