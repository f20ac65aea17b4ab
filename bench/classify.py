"""5. Classification: 1,000-character reports per second on one core (classification.classify)."""

from __future__ import annotations

import time

from bench.common import Figure, Results
from bench.texts import reports

TARGET = 500


def run(results: Results, backends: list[str], *, quick: bool) -> None:
    del backends  # pure Python: no database
    from classification import classify  # noqa: PLC0415
    from classification.classifier import get_model  # noqa: PLC0415

    started = time.perf_counter()
    get_model()
    load = time.perf_counter() - started
    texts = reports(400)
    for text in texts[:20]:
        classify(text)
    seconds = 2.0 if quick else 6.0
    done = 0
    started = time.perf_counter()
    cpu_started = time.process_time()
    while time.perf_counter() - started < seconds:
        for text in texts:
            classify(text)
        done += len(texts)
    speed = done / (time.perf_counter() - started)
    # CPU time of this process: what one core does, whatever else shares the machine.
    cpu_speed = done / max(time.process_time() - cpu_started, 1e-9)
    results.add("classification.reports_per_s", Figure(
        speed, "reports/s (one core)", target=f">= {TARGET}", met=speed >= TARGET,
        note=f"{len(texts)} distinct 1,000-character reports in en/fr/es/pt; "
             f"{cpu_speed:.0f} reports per CPU-second; model load {load * 1000:.0f} ms"))
