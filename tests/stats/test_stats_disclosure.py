"""Property-based: nothing published lets a reader work out a count below the threshold."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stats.charts import Bar, bar_chart
from stats.export import records, to_csv
from stats.suppression import ALL, TOTAL, Cell, Layout, suppress
from stats.tables import (
    CATEGORIES,
    CHANNELS,
    CaseFacts,
    Geography,
    NetworkRef,
    Quarter,
    build_quarter,
)
from tests.stats.attacker import Attacker

QUARTER = Quarter(2026, 3)
AS_OF = dt.datetime(2026, 12, 1, tzinfo=dt.UTC)


@st.composite
def small_tables(draw: Any) -> tuple[Layout, dict[Cell, int], int]:
    """A random table with 1-2 row groups and 1-3 regions of 1-3 networks, built from cases."""
    group_sizes = draw(st.lists(st.integers(2, 3), min_size=1, max_size=2))
    groups = tuple((f"g{g}", tuple(f"g{g}:r{r}" for r in range(n)))
                   for g, n in enumerate(group_sizes))
    region_sizes = draw(st.lists(st.integers(1, 3), min_size=1, max_size=3))
    regions = tuple((f"region:{r}", tuple(f"network:{r}.{n}" for n in range(size)))
                    for r, size in enumerate(region_sizes))
    layout = Layout(groups=groups, regions=regions)
    leaves = [(region, leaf) for region, ls in regions for leaf in ls]
    threshold = draw(st.sampled_from([3, 5]))
    case = st.tuples(st.sampled_from(leaves),
                     *(st.sampled_from(rows) for _, rows in groups))
    cases = draw(st.lists(case, max_size=45))
    values = dict.fromkeys(((row, col) for row in layout.rows for col in layout.columns), 0)
    for (region, leaf), *rows in cases:
        for row in (*rows, TOTAL):
            for column in (leaf, region, ALL):
                values[(row, column)] += 1
    return layout, values, threshold


PROPERTY = settings(max_examples=120, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@PROPERTY
@given(small_tables())
def test_every_count_below_the_threshold_is_shown_as_below_it(
        table: tuple[Layout, dict[Cell, int], int]) -> None:
    layout, values, t = table
    published = suppress(layout, values, t)
    for cell, value in values.items():
        label = published.label(cell)
        if published.withheld:
            assert label == "x"
            assert published.shown(cell) is None
            continue
        if 0 < value < t:
            assert label == f"<{t}"
        assert label in {f"<{t}", "x"} or int(label) == 0 or int(label) >= t


@PROPERTY
@given(small_tables())
def test_no_small_count_can_be_worked_out_from_totals_or_their_differences(
        table: tuple[Layout, dict[Cell, int], int]) -> None:
    layout, values, t = table
    published = suppress(layout, values, t)
    attacker = Attacker(layout, published)
    assert attacker.small_cells_worked_out() == []
    assert attacker.small_differences(layout) == []


@PROPERTY
@given(small_tables())
def test_a_table_with_every_cell_large_enough_is_published_in_full(
        table: tuple[Layout, dict[Cell, int], int]) -> None:
    layout, values, t = table
    bigger = {cell: value * t + (t if value else 0) for cell, value in values.items()}
    published = suppress(layout, bigger, t)
    assert not published.withheld
    assert published.hidden == set()


def _facts(draw: Any, networks: list[NetworkRef]) -> list[CaseFacts]:
    start = QUARTER.start
    cases = []
    for _ in range(draw(st.integers(0, 40))):
        received = start + dt.timedelta(days=draw(st.integers(0, 90)))
        ack_after = draw(st.one_of(st.none(), st.integers(0, 12)))
        acknowledged = None if ack_after is None else received + dt.timedelta(days=ack_after)
        cases.append(CaseFacts(
            network=draw(st.sampled_from(networks)).slug,
            channel=draw(st.sampled_from(CHANNELS)),
            received_at=received, ack_due_at=received + dt.timedelta(days=7),
            acknowledged_at=acknowledged,
            feedback_due_at=None if acknowledged is None else acknowledged + dt.timedelta(90),
            category=draw(st.sampled_from((*CATEGORIES[:2], None))),
            suggested_category=CATEGORIES[0]))
    return cases


@st.composite
def quarters(draw: Any) -> tuple[Geography, list[CaseFacts]]:
    networks = [NetworkRef("sn", "Senegal", "africa", "Africa"),
                NetworkRef("ml", "Mali", "africa", "Africa"),
                NetworkRef("br", "Brasil", "americas", "Americas")]
    return Geography(tuple(networks)), _facts(draw, networks)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(quarters())
def test_csv_and_charts_carry_no_count_below_the_threshold(
        data: tuple[Geography, list[CaseFacts]]) -> None:
    geography, facts = data
    stats = build_quarter(facts, QUARTER, geography, as_of=AS_OF, threshold=5)
    for record in records([stats]):
        if record.figure.startswith(("share:", "median_days:", "p90_days:")):
            continue
        assert record.value in {"<5", "x"} or int(record.value) == 0 or int(record.value) >= 5
    csv_text = to_csv([stats])
    assert csv_text.startswith("quarter,level,area,figure,value")
    for column in stats.layout.columns:
        bars = [Bar(row, None if stats.count(row, column) is None
                    else float(stats.count(row, column) or 0), stats.label(row, column))
                for row in stats.layout.rows]
        svg = str(bar_chart("t", bars))
        for text in re.findall(r">([^<>]*)</text>", svg):
            assert not text.isdigit() or int(text) == 0 or int(text) >= 5
        # A withheld count gets no bar: bars are drawn for published, non-zero counts only.
        assert svg.count("<rect") == sum(1 for b in bars if b.value)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(quarters())
def test_shares_and_durations_are_published_only_over_published_counts(
        data: tuple[Geography, list[CaseFacts]]) -> None:
    geography, facts = data
    stats = build_quarter(facts, QUARTER, geography, as_of=AS_OF, threshold=5)
    for column in stats.layout.columns:
        if stats.rate("ack_met", column) is not None:
            parts = [stats.count(f"ack:{v}", column) for v in ("met", "late", "overdue")]
            assert None not in parts
        summary = stats.duration("ack_days", column)
        if summary is not None:
            met, late = stats.count("ack:met", column), stats.count("ack:late", column)
            assert met is not None
            assert late is not None
            assert met + late >= 5


def test_the_quarter_tables_of_the_app_protect_a_real_sized_layout() -> None:
    networks = [NetworkRef(f"n{r}{n}", f"N{r}{n}", f"r{r}", f"R{r}")
                for r in range(3) for n in range(3)]
    facts = []
    for i in range(60):
        received = QUARTER.start + dt.timedelta(days=i % 90)
        facts.append(CaseFacts(network=networks[(i * 7) % 9].slug, channel=CHANNELS[i % 2],
                               received_at=received, ack_due_at=received + dt.timedelta(7),
                               acknowledged_at=received + dt.timedelta(days=i % 11),
                               category=CATEGORIES[i % 4], suggested_category=CATEGORIES[0]))
    stats = build_quarter(facts, QUARTER, Geography(tuple(networks)), as_of=AS_OF)
    attacker = Attacker(stats.layout, stats.table)
    assert attacker.small_cells_worked_out() == []
    assert not stats.table.withheld
