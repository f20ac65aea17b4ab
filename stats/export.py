"""Published figures as flat records, for CSV and JSON (the CLI and the page's download).

Every value comes from `QuarterStats`, so it is already protected: a count is a number, "<5"
(below the threshold) or "x" (withheld so that a small count cannot be worked out); a share or
a duration is a number or "x" (not published).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from stats.suppression import ALL, TOTAL
from stats.tables import DURATIONS, RATES, QuarterStats

WITHHELD = "x"
FIELDS = ("quarter", "level", "area", "figure", "value")


@dataclass(frozen=True)
class Record:
    quarter: str
    level: str  # all | region | network
    area: str  # "all", or the region's or network's slug
    figure: str  # cases | <group>:<value> | share:<name> | median_days:<name> | p90_days:<name>
    value: str


def level_and_area(column: str) -> tuple[str, str]:
    if column == ALL:
        return "all", "all"
    level, _, slug = column.partition(":")
    return level, slug


def records(published: Iterable[QuarterStats],
            columns: list[str] | None = None) -> Iterator[Record]:
    """Every figure of every quarter for `columns` (default: all, regions, then networks)."""
    for stats in published:
        wanted = columns or [ALL, *(r for r, _ in stats.layout.regions),
                             *(leaf for _, leaves in stats.layout.regions for leaf in leaves)]
        quarter = str(stats.quarter)
        for column in wanted:
            level, area = level_and_area(column)

            def record(figure: str, value: str, quarter: str = quarter, level: str = level,
                       area: str = area) -> Record:
                return Record(quarter, level, area, figure, value)

            yield record("cases", stats.label(TOTAL, column))
            for row in stats.layout.rows:
                if row != TOTAL:
                    yield record(row, stats.label(row, column))
            for name in RATES:
                share = stats.rate(name, column)
                yield record(f"share:{name}", WITHHELD if share is None else f"{share:.3f}")
            for name in DURATIONS:
                summary = stats.duration(name, column)
                yield record(f"median_days:{name}",
                             WITHHELD if summary is None else f"{summary.median:.1f}")
                yield record(f"p90_days:{name}",
                             WITHHELD if summary is None else f"{summary.p90:.1f}")


def to_csv(published: Iterable[QuarterStats], columns: list[str] | None = None) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(FIELDS)
    for r in records(published, columns):
        writer.writerow((r.quarter, r.level, r.area, r.figure, r.value))
    return out.getvalue()


def to_json(published: list[QuarterStats], as_of: dt.datetime,
            columns: list[str] | None = None) -> str:
    threshold = published[0].threshold if published else None
    document = {
        # The day only: statistics never carry a finer date.
        "as_of": as_of.date().isoformat(),
        "threshold": threshold,
        "quarters": [str(s.quarter) for s in published],
        "figures": [r.__dict__ for r in records(published, columns)],
    }
    return json.dumps(document, indent=1, ensure_ascii=False)
