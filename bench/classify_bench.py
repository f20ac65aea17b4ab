"""Classifier throughput: reports of about 1,000 characters per second on one core.

    .venv/bin/python bench/classify_bench.py [--n 2000]

Reports are built by concatenating training texts (seeded), so the mix of languages and
vocabulary is realistic. Prints the load time and the best of three runs.
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
    start = time.perf_counter()
    from classification import classify  # noqa: PLC0415 - the import is what is timed
    from classification.classifier import get_model  # noqa: PLC0415

    get_model()
    classify("warm up")
    load = time.perf_counter() - start
    train = ROOT / "classification" / "data" / "train.jsonl"
    texts = [json.loads(line)["text"] for line in train.read_text(encoding="utf-8").splitlines()]
    rng = random.Random(2024)
    reports = []
    for _ in range(args.n):
        body = ""
        while len(body) < args.chars:
            body += rng.choice(texts) + " "
        reports.append(body[: args.chars])
    best = 0.0
    for _ in range(3):
        begin = time.perf_counter()
        for report in reports:
            classify(report)
        best = max(best, args.n / (time.perf_counter() - begin))
    print(f"load {load:.3f} s; throughput {best:.0f} reports/s of {args.chars} chars (target 500)")


if __name__ == "__main__":
    main()
