"""The results: bench/results.json and the table printed at the end."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from bench.common import Figure, Results, write_json


def write(path: Path, results: Results, machine: dict[str, Any], *, elapsed: float,
          quick: bool, suites: list[str], backends: list[str]) -> None:
    data = {
        "machine": machine,
        "run": {
            "finished_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "seconds": round(elapsed),
            "quick": quick,
            "suites": suites,
            "backends": backends,
            "notes": results.notes,
        },
        "figures": {name: figure.as_json() for name, figure in results.figures.items()},
    }
    write_json(path, data)


def _fmt(value: float | None, digits: int = 2) -> str:
    if value is None:
        return "-"
    if value != value:  # NaN  # noqa: PLR0124
        return "nan"
    if abs(value) >= 100:
        return f"{value:,.0f}"
    return f"{value:.{digits}f}"


def _verdict(figure: Figure) -> str:
    if figure.target is None:
        return ""
    return "met" if figure.met else "MISSED"


def print_table(results: Results) -> None:
    rows = [("figure", "value", "unit", "ceiling", "ratio", "target", "")]
    for name, f in results.figures.items():
        rows.append((name, _fmt(f.value), f.unit, _fmt(f.ceiling), _fmt(f.ratio, 3),
                     f.target or "", _verdict(f)))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    print()
    for n, row in enumerate(rows):
        print("  ".join(cell.ljust(w) if i in {0, 2, 5} else cell.rjust(w)
                        for i, (cell, w) in enumerate(zip(row, widths, strict=True))).rstrip())
        if n == 0:
            print("  ".join("-" * w for w in widths))
    missed = [name for name, f in results.figures.items() if f.target and not f.met]
    for note in results.notes:
        print(f"note: {note}")
    if missed:
        print(f"\ntargets missed: {', '.join(missed)}")
