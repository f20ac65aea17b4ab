"""Classifier throughput: reports of about 1,000 characters per second on one core.

    .venv/bin/python bench/classify_bench.py [--n 2000] [--chars 1000]

Reports are built by concatenating training texts (seeded), so the mix of languages and
vocabulary is realistic. Prints the load time, one pass over reports never seen before
(cold: per-word caches still filling) and the best of three passes (warm), each as wall-clock
and as CPU time of this process (`time.process_time`), which other load on the machine does
not inflate.
"""

import argparse
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # `python bench/classify_bench.py` from anywhere
    sys.path.insert(0, str(ROOT))


def main() -> None:
    """Measure load time and throughput."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--chars", type=int, default=1000)
    args = parser.parse_args()
    start, cpu_start = time.perf_counter(), time.process_time()
    from classification import classify  # noqa: PLC0415 - the import is what is timed
    from classification.classifier import get_model  # noqa: PLC0415

    get_model()
    classify("warm up")
    load, load_cpu = time.perf_counter() - start, time.process_time() - cpu_start
    train = ROOT / "classification" / "data" / "train.jsonl"
    texts = [json.loads(line)["text"] for line in train.read_text(encoding="utf-8").splitlines()]
    rng = random.Random(2024)
    reports = []
    for _ in range(args.n):
        body = ""
        while len(body) < args.chars:
            body += rng.choice(texts) + " "
        reports.append(body[: args.chars])
    runs = []
    for _ in range(4):
        begin, cpu_begin = time.perf_counter(), time.process_time()
        for report in reports:
            classify(report)
        runs.append(
            (args.n / (time.perf_counter() - begin), args.n / (time.process_time() - cpu_begin))
        )
    cold, warm = runs[0], max(runs[1:])
    print(
        f"load {load:.3f} s ({load_cpu:.3f} s CPU); {args.chars}-char reports/s "
        f"(target 500): cold {cold[0]:.0f} ({cold[1]:.0f} per CPU-s), "
        f"warm {warm[0]:.0f} ({warm[1]:.0f} per CPU-s)"
    )


if __name__ == "__main__":
    main()
