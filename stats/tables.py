"""Statistics over cases, ready to publish: counts, shares and durations per quarter.

Pure: no Flask, no database. `stats.data` turns rows into `CaseFacts`; this module counts them
into one table per quarter (see `stats.suppression` for its shape and its protection) and
derives every other published figure from *published* cells of that table only, so a share or a
duration never says more about a small count than the table itself.

Each quarter is its own table and nothing is ever added up across quarters or across filters:
choosing another period or network only chooses which already-protected cells to show, so
comparing two views reveals nothing that either view does not.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import statistics
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from stats.suppression import ALL, TOTAL, Cell, Layout, Suppressed, suppress

DEFAULT_THRESHOLD = 5
MAX_QUARTERS = 16

# The plaintext vocabularies of cases.models (a test keeps them equal to its enums; this module
# must not import the models, which pull in Flask through db.py).
CATEGORIES = ("abusive_behaviour", "sexual_misconduct", "discrimination", "conflict_of_interest",
              "fraud_corruption", "substance_misuse", "other")
CHANNELS = ("complaint", "feedback")
OUTCOMES = ("action_taken", "no_action", "referred", "no_case", "withdrawn", "feedback_noted",
            "appeal_upheld", "appeal_revised")
FINDINGS = ("substantiated", "partly_substantiated", "unsubstantiated", "inconclusive")
APPEAL_OUTCOMES = frozenset({"appeal_upheld", "appeal_revised"})

# Row groups: each is a partition of the quarter's cases, so each adds up to the TOTAL row.
GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("category", (*CATEGORIES, "unclassified")),
    ("channel", CHANNELS),
    ("outcome", (*OUTCOMES, "none")),
    ("finding", (*FINDINGS, "none")),
    ("appeal", ("appealed", "not_appealed")),
    ("classifier", ("changed", "kept", "unconfirmed")),
    ("ack", ("met", "late", "overdue", "not_due")),
    ("feedback", ("met", "late", "overdue", "not_due", "not_applicable")),
)

# Shares: (numerator rows, denominator rows); published only when every one of them is.
RATES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "ack_met": (("ack:met",), ("ack:met", "ack:late", "ack:overdue")),
    "feedback_met": (("feedback:met",), ("feedback:met", "feedback:late", "feedback:overdue")),
    "deadlines_met": (
        ("ack:met", "feedback:met"),
        ("ack:met", "ack:late", "ack:overdue", "feedback:met", "feedback:late",
         "feedback:overdue")),
    "substantiated": (("finding:substantiated", "finding:partly_substantiated"),
                      tuple(f"finding:{f}" for f in FINDINGS)),
    "classifier_changed": (("classifier:changed",), ("classifier:changed", "classifier:kept")),
}
# Durations: the rows whose cases they are measured over.
DURATIONS: dict[str, tuple[str, ...]] = {
    "ack_days": ("ack:met", "ack:late"),
    "feedback_days": ("feedback:met", "feedback:late"),
}

_QUARTER_RE = re.compile(r"^(\d{4})[Qq]([1-4])$")


def row_key(group: str, value: str) -> str:
    return f"{group}:{value}"


@dataclass(frozen=True, order=True)
class Quarter:
    year: int
    number: int

    @classmethod
    def parse(cls, text: str) -> Quarter:
        match = _QUARTER_RE.match(text.strip())
        if match is None:
            raise ValueError(f"not a quarter: {text!r} (expected e.g. 2026Q3)")
        return cls(int(match.group(1)), int(match.group(2)))

    @classmethod
    def of(cls, moment: dt.datetime) -> Quarter:
        moment = moment.astimezone(dt.UTC)
        return cls(moment.year, (moment.month - 1) // 3 + 1)

    @property
    def start(self) -> dt.datetime:
        return dt.datetime(self.year, 3 * self.number - 2, 1, tzinfo=dt.UTC)

    @property
    def end(self) -> dt.datetime:
        return self.next().start

    def next(self) -> Quarter:
        return Quarter(self.year + 1, 1) if self.number == 4 else Quarter(self.year,
                                                                         self.number + 1)

    def previous(self) -> Quarter:
        return Quarter(self.year - 1, 4) if self.number == 1 else Quarter(self.year,
                                                                         self.number - 1)

    def __str__(self) -> str:
        return f"{self.year}Q{self.number}"


def quarters_between(first: Quarter, last: Quarter) -> list[Quarter]:
    if last < first:
        raise ValueError("the period ends before it starts")
    found = [first]
    while found[-1] < last:
        found.append(found[-1].next())
        if len(found) > MAX_QUARTERS:
            raise ValueError(f"at most {MAX_QUARTERS} quarters at a time")
    return found


def parse_period(text: str) -> list[Quarter]:
    """"2026Q3", "2026" (its four quarters) or "2026Q1:2026Q3"."""
    text = text.strip()
    if ":" in text:
        first, last = text.split(":", 1)
        return quarters_between(Quarter.parse(first), Quarter.parse(last))
    if re.fullmatch(r"\d{4}", text):
        return quarters_between(Quarter(int(text), 1), Quarter(int(text), 4))
    return [Quarter.parse(text)]


@dataclass(frozen=True)
class NetworkRef:
    """A network as statistics see it: its slug, name and region."""

    slug: str
    name: str
    region: str  # slug of the regional network it belongs to, or "" for none
    region_name: str


NO_REGION = "none"


@dataclass(frozen=True)
class Geography:
    networks: tuple[NetworkRef, ...]

    @property
    def layout(self) -> Layout:
        regions: dict[str, list[str]] = defaultdict(list)
        for network in sorted(self.networks, key=lambda n: (n.region_name, n.name, n.slug)):
            regions[region_column(network.region)].append(network_column(network.slug))
        return Layout(groups=tuple((g, tuple(row_key(g, v) for v in values))
                                   for g, values in GROUPS),
                      regions=tuple((r, tuple(leaves)) for r, leaves in regions.items()))

    def column_of(self, network_slug: str) -> str:
        return network_column(network_slug)

    def names(self) -> dict[str, str]:
        """Column key -> display name (the region's own name, or its slug)."""
        names = {ALL: ""}
        for network in self.networks:
            names[network_column(network.slug)] = network.name
            names[region_column(network.region)] = network.region_name
        return names


def network_column(slug: str) -> str:
    return f"network:{slug}"


def region_column(slug: str) -> str:
    return f"region:{slug or NO_REGION}"


@dataclass(frozen=True)
class CaseFacts:
    """The plaintext columns of one case that statistics read (never content)."""

    network: str
    channel: str
    received_at: dt.datetime
    ack_due_at: dt.datetime
    acknowledged_at: dt.datetime | None = None
    feedback_due_at: dt.datetime | None = None
    feedback_given_at: dt.datetime | None = None
    category: str | None = None
    suggested_category: str | None = None
    finding: str | None = None
    outcome: str | None = None
    appealed: bool = False  # went through the "appeal" state (audit trail) or has its outcome


def _clock(done: dt.datetime | None, due: dt.datetime | None, as_of: dt.datetime) -> str:
    """Where a case stands against one deadline: met, late, overdue or not yet due."""
    if due is None:
        return "not_applicable"
    if done is not None:
        return "met" if done <= due else "late"
    return "overdue" if as_of > due else "not_due"


def rows_of(case: CaseFacts, as_of: dt.datetime) -> tuple[str, ...]:
    """The one row of every group that this case counts in."""
    if case.category is None or case.suggested_category is None:
        reviewed = "unconfirmed"
    else:
        reviewed = "changed" if case.category != case.suggested_category else "kept"
    appealed = case.appealed or case.outcome in APPEAL_OUTCOMES
    return (
        row_key("category", case.category or "unclassified"),
        row_key("channel", case.channel),
        row_key("outcome", case.outcome or "none"),
        row_key("finding", case.finding or "none"),
        row_key("appeal", "appealed" if appealed else "not_appealed"),
        row_key("classifier", reviewed),
        row_key("ack", _clock(case.acknowledged_at, case.ack_due_at, as_of)),
        row_key("feedback", _clock(case.feedback_given_at, case.feedback_due_at, as_of)),
    )


def _days(start: dt.datetime, end: dt.datetime) -> float:
    return (end - start).total_seconds() / 86400


def durations_of(case: CaseFacts, as_of: dt.datetime) -> dict[str, float]:
    """Days to acknowledgement (from receipt) and to feedback (from acknowledgement)."""
    found = {}
    if case.acknowledged_at is not None:
        found["ack_days"] = _days(case.received_at, case.acknowledged_at)
    if (case.feedback_due_at is not None and case.feedback_given_at is not None):
        found["feedback_days"] = _days(case.acknowledged_at or case.received_at,
                                       case.feedback_given_at)
    return found


@dataclass(frozen=True)
class Summary:
    """Median and 90th percentile (nearest rank) of a duration, in days to one decimal."""

    median: float
    p90: float


def summarise(values: list[float]) -> Summary:
    ordered = sorted(values)
    rank = math.ceil(0.9 * len(ordered))
    return Summary(median=round(statistics.median(ordered), 1), p90=round(ordered[rank - 1], 1))


@dataclass
class QuarterStats:
    """One quarter, protected: the only way figures leave the system."""

    quarter: Quarter
    geography: Geography
    layout: Layout
    table: Suppressed
    _durations: dict[tuple[str, str], list[float]] = field(repr=False)

    @property
    def threshold(self) -> int:
        return self.table.threshold

    def count(self, row: str, column: str = ALL) -> int | None:
        return self.table.shown((row, column))

    def label(self, row: str, column: str = ALL) -> str:
        return self.table.label((row, column))

    def cases(self, column: str = ALL) -> int | None:
        return self.count(TOTAL, column)

    def rate(self, name: str, column: str = ALL) -> float | None:
        """A share from published cells only; None if any of them is withheld or it is 0/0."""
        numerator_rows, denominator_rows = RATES[name]
        shown = {row: self.count(row, column) for row in {*numerator_rows, *denominator_rows}}
        if any(value is None for value in shown.values()):
            return None
        denominator = sum(shown[row] or 0 for row in denominator_rows)
        if denominator == 0:
            return None
        return sum(shown[row] or 0 for row in numerator_rows) / denominator

    def duration(self, name: str, column: str = ALL) -> Summary | None:
        """Median and p90, only over at least `threshold` cases whose count is published."""
        counts = [self.count(row, column) for row in DURATIONS[name]]
        if any(count is None for count in counts) or sum(c or 0 for c in counts) < self.threshold:
            return None
        values = self._durations.get((name, column), [])
        return summarise(values) if len(values) >= self.threshold else None


def build_quarter(facts: Iterable[CaseFacts], quarter: Quarter, geography: Geography, *,
                  as_of: dt.datetime, threshold: int = DEFAULT_THRESHOLD) -> QuarterStats:
    """Count the cases received in `quarter` and protect the table."""
    layout = geography.layout
    region_of = {leaf: region for region, leaves in layout.regions for leaf in leaves}
    values: dict[Cell, int] = dict.fromkeys(
        ((row, column) for row in layout.rows for column in layout.columns), 0)
    durations: dict[tuple[str, str], list[float]] = defaultdict(list)
    for case in facts:
        if not quarter.start <= case.received_at < quarter.end:
            continue
        leaf = geography.column_of(case.network)
        if leaf not in region_of:
            continue  # a network unknown to the geography cannot be placed: never guess
        columns = (leaf, region_of[leaf], ALL)
        for row in (*rows_of(case, as_of), TOTAL):
            for column in columns:
                values[(row, column)] += 1
        for name, days in durations_of(case, as_of).items():
            for column in columns:
                durations[(name, column)].append(days)
    return QuarterStats(quarter=quarter, geography=geography, layout=layout,
                        table=suppress(layout, values, threshold), _durations=dict(durations))


def build_period(facts: Iterable[CaseFacts], quarters: Iterable[Quarter], geography: Geography,
                 *, as_of: dt.datetime,
                 threshold: int = DEFAULT_THRESHOLD) -> list[QuarterStats]:
    facts = list(facts)
    return [build_quarter(facts, q, geography, as_of=as_of, threshold=threshold)
            for q in quarters]

