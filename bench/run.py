"""`make bench`: measure Redevable against its ceilings and targets (project issue 10).

    python -m bench.run                     # everything, SQLite and PostgreSQL
    python -m bench.run --only intake,audit # a subset
    python -m bench.run --backends sqlite   # skip PostgreSQL
    python -m bench.run --quick             # smaller sizes and shorter runs (a smoke test)

Prints a table and writes bench/results.json: {"machine": {...}, "figures": {name: {"value",
"unit", "ceiling", "ratio", "target", "met"}}}. Figures without a target (context such as p50
latencies or the ceilings themselves) carry "target": null and "met": null.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import time
import traceback
from pathlib import Path

if not __package__:  # `python bench/run.py`: make the project importable as from its root
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

SUITES = {
    "intake": "bench.intake",
    "queue": "bench.caseload",
    "audit": "bench.audit_chain",
    "attachments": "bench.attachments",
    "classification": "bench.classify",
    "login": "bench.login",
}


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n")[0])
    parser.add_argument("--only", default=",".join(SUITES),
                        help=f"comma-separated subset of: {', '.join(SUITES)}")
    parser.add_argument("--backends", default="sqlite,postgresql",
                        help="comma-separated: sqlite, postgresql")
    parser.add_argument("--quick", action="store_true",
                        help="small sizes and short runs, to check the bench itself")
    parser.add_argument("--out", type=Path, default=None, help="results file "
                        "(default bench/results.json)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    common = importlib.import_module("bench.common")
    report = importlib.import_module("bench.report")
    chosen = [s.strip() for s in args.only.split(",") if s.strip()]
    unknown = [s for s in chosen if s not in SUITES]
    if unknown:
        print(f"unknown suite(s): {', '.join(unknown)}", file=sys.stderr)
        return 2
    backends = [b.strip() for b in args.backends.split(",") if b.strip()]
    results = common.Results()
    if "postgresql" in backends and not common.postgres_available():
        results.notes.append(f"PostgreSQL not reachable at {common.PG_BASE_URL}: skipped")
        backends.remove("postgresql")
    common.WORK.mkdir(parents=True, exist_ok=True)
    load_before = [round(x, 2) for x in os.getloadavg()]
    started = time.monotonic()
    failed = []
    for name in chosen:
        print(f"== {name} ({', '.join(backends)})", flush=True)
        suite_started = time.monotonic()
        try:
            importlib.import_module(SUITES[name]).run(results, backends, quick=args.quick)
        except Exception:
            traceback.print_exc()
            failed.append(name)
            results.notes.append(f"suite {name} failed: see the output above")
        print(f"   {name} took {time.monotonic() - suite_started:.0f} s", flush=True)
    elapsed = time.monotonic() - started
    out = args.out or common.ROOT / "bench" / "results.json"
    results.notes.append(f"load average (1, 5, 15 min) before the run: {load_before}; other "
                         "processes on this machine share its cores and skew absolute figures")
    report.write(out, results, common.machine(), elapsed=elapsed, quick=args.quick,
                 suites=chosen, backends=backends)
    report.print_table(results)
    print(f"\n{len(results.figures)} figures in {elapsed:.0f} s; written to {out}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
