"""Every figure against values worked out by hand, on data with known deadlines."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cases.models import Channel, Finding, Outcome
from classification.taxonomy import Category
from stats.suppression import ALL, TOTAL
from stats.tables import (
    CATEGORIES,
    CHANNELS,
    FINDINGS,
    OUTCOMES,
    CaseFacts,
    Geography,
    NetworkRef,
    Quarter,
    build_quarter,
    network_column,
    parse_period,
    region_column,
)

Q3 = Quarter(2026, 3)
SENEGAL = NetworkRef("senegal", "Senegal", "africa", "Africa")
GEOGRAPHY = Geography((SENEGAL,))
DAY = dt.timedelta(days=1)


def test_the_vocabularies_match_the_case_model() -> None:
    assert tuple(c.value for c in Category) == CATEGORIES
    assert tuple(c.value for c in Channel) == CHANNELS
    assert tuple(o.value for o in Outcome) == OUTCOMES
    assert tuple(f.value for f in Finding) == FINDINGS


def test_periods_parse_as_quarters_years_and_ranges() -> None:
    assert [str(q) for q in parse_period("2026Q3")] == ["2026Q3"]
    assert [str(q) for q in parse_period("2026")] == ["2026Q1", "2026Q2", "2026Q3", "2026Q4"]
    assert [str(q) for q in parse_period("2025Q4:2026Q1")] == ["2025Q4", "2026Q1"]
    assert Q3.start == dt.datetime(2026, 7, 1, tzinfo=dt.UTC)
    assert Q3.end == dt.datetime(2026, 10, 1, tzinfo=dt.UTC)
    with pytest.raises(ValueError, match="not a quarter"):
        parse_period("2026Q5")
    with pytest.raises(ValueError, match="at most"):
        parse_period("2020Q1:2026Q1")


def _hand_made_quarter() -> list[CaseFacts]:
    """Ten complaints received on 1 July 2026, every detail chosen so the figures are known."""
    start = Q3.start
    cases = []
    for i, ack_after in enumerate([1, 2, 3, 4, 5, 8, 9, 10, 11, 12]):
        acknowledged = start + ack_after * DAY
        feedback_given = acknowledged + 30 * DAY if i % 2 == 0 else None
        cases.append(CaseFacts(
            network="senegal", channel="complaint", received_at=start,
            ack_due_at=start + 7 * DAY, acknowledged_at=acknowledged,
            feedback_due_at=acknowledged + 90 * DAY, feedback_given_at=feedback_given,
            category="fraud_corruption" if i < 5 else "discrimination",
            suggested_category="fraud_corruption",
            finding="substantiated" if i % 2 == 0 else "unsubstantiated",
            outcome="action_taken" if i < 5 else None,
            appealed=i >= 5))
    # Received the quarter before: counted there, never here.
    cases.append(CaseFacts(network="senegal", channel="feedback", received_at=start - DAY,
                           ack_due_at=start + 6 * DAY))
    return cases


def test_hand_made_quarter_gives_the_figures_worked_out_by_hand() -> None:
    as_of = dt.datetime(2026, 9, 15, tzinfo=dt.UTC)  # the 5 open feedback clocks still run
    stats = build_quarter(_hand_made_quarter(), Q3, GEOGRAPHY, as_of=as_of)
    for column in (ALL, region_column("africa"), network_column("senegal")):
        assert stats.cases(column) == 10
        assert stats.count("channel:complaint", column) == 10
        assert stats.count("channel:feedback", column) == 0
        assert stats.count("category:fraud_corruption", column) == 5
        assert stats.count("category:discrimination", column) == 5
        assert stats.count("outcome:action_taken", column) == 5
        assert stats.count("outcome:none", column) == 5
        assert stats.count("appeal:appealed", column) == 5
        assert stats.count("ack:met", column) == 5  # 1-5 days against 7
        assert stats.count("ack:late", column) == 5  # 8-12 days
        assert stats.count("feedback:met", column) == 5
        assert stats.count("feedback:not_due", column) == 5
        # Shares: 5/10 acknowledged in time; feedback 5 of 5 due; deadlines 10 of 15.
        assert stats.rate("ack_met", column) == pytest.approx(0.5)
        assert stats.rate("feedback_met", column) == pytest.approx(1.0)
        assert stats.rate("deadlines_met", column) == pytest.approx(10 / 15)
        assert stats.rate("substantiated", column) == pytest.approx(0.5)
        assert stats.rate("classifier_changed", column) == pytest.approx(0.5)
        # Days to acknowledgement 1,2,3,4,5,8,9,10,11,12: median (5+8)/2, p90 the 9th = 11.
        ack = stats.duration("ack_days", column)
        assert ack is not None
        assert (ack.median, ack.p90) == (6.5, 11.0)
        feedback = stats.duration("feedback_days", column)
        assert feedback is not None
        assert (feedback.median, feedback.p90) == (30.0, 30.0)
    assert stats.table.hidden == set()


def test_small_counts_hide_the_shares_and_durations_built_on_them() -> None:
    as_of = dt.datetime(2026, 12, 1, tzinfo=dt.UTC)
    facts = _hand_made_quarter()[:7]  # ack: 5 met, 2 late; feedback: 4 met, 3 overdue
    stats = build_quarter(facts, Q3, GEOGRAPHY, as_of=as_of)
    assert stats.label("ack:late") == "<5"
    assert stats.rate("ack_met") is None
    assert stats.duration("ack_days") is None
    assert stats.label(TOTAL) == "7"


def test_a_purged_or_unacknowledged_case_still_counts_against_its_deadline() -> None:
    start = Q3.start
    overdue = CaseFacts(network="senegal", channel="complaint", received_at=start,
                        ack_due_at=start + 7 * DAY)
    cases = [overdue] * 5
    stats = build_quarter(cases, Q3, GEOGRAPHY, as_of=start + 8 * DAY)
    assert stats.count("ack:overdue") == 5
    assert stats.rate("ack_met") == 0.0
    early = build_quarter(cases, Q3, GEOGRAPHY, as_of=start + 7 * DAY)
    assert early.count("ack:not_due") == 5  # due at the end of day 7: not late yet
    assert early.rate("ack_met") is None  # 0 of 0


@st.composite
def quarters_of_known_cases(draw: Any) -> tuple[list[CaseFacts], list[dict[str, Any]]]:
    """Kinds of case, each repeated 5 times so no count falls below the threshold."""
    kinds = draw(st.lists(st.fixed_dictionaries({
        "received": st.integers(0, 89),
        "ack_after": st.one_of(st.none(), st.integers(0, 14)),
        "feedback_after": st.one_of(st.none(), st.integers(0, 120)),
        "category": st.sampled_from((*CATEGORIES, None)),
        "suggested": st.sampled_from(CATEGORIES),
        "finding": st.sampled_from((*FINDINGS, None)),
        "outcome": st.sampled_from((*OUTCOMES, None)),
        "channel": st.sampled_from(CHANNELS),
        "appealed": st.booleans(),
    }), min_size=1, max_size=6))
    facts = []
    for kind in kinds:
        received = Q3.start + kind["received"] * DAY
        acknowledged = (None if kind["ack_after"] is None
                        else received + kind["ack_after"] * DAY)
        feedback = (None if acknowledged is None or kind["feedback_after"] is None
                    else acknowledged + kind["feedback_after"] * DAY)
        fact = CaseFacts(
            network="senegal", channel=kind["channel"], received_at=received,
            ack_due_at=received + 7 * DAY, acknowledged_at=acknowledged,
            feedback_due_at=None if acknowledged is None else acknowledged + 90 * DAY,
            feedback_given_at=feedback, category=kind["category"],
            suggested_category=kind["suggested"], finding=kind["finding"],
            outcome=kind["outcome"], appealed=kind["appealed"])
        facts.extend([fact] * 5)
    return facts, [k for k in kinds for _ in range(5)]


def _nearest_rank(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[math.ceil(share * len(ordered)) - 1]


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(quarters_of_known_cases())
def test_generated_quarters_match_figures_computed_from_the_known_deadlines(
        data: tuple[list[CaseFacts], list[dict[str, Any]]]) -> None:
    facts, kinds = data
    as_of = Q3.start + 150 * DAY
    stats = build_quarter(facts, Q3, GEOGRAPHY, as_of=as_of)
    assert stats.table.hidden == set()
    assert stats.cases() == len(kinds)

    ack_met = sum(1 for k in kinds if k["ack_after"] is not None and k["ack_after"] <= 7)
    ack_late = sum(1 for k in kinds if k["ack_after"] is not None and k["ack_after"] > 7)
    ack_overdue = sum(1 for k in kinds if k["ack_after"] is None)  # as_of is past every due
    assert (stats.count("ack:met"), stats.count("ack:late"), stats.count("ack:overdue")) == (
        ack_met, ack_late, ack_overdue)
    expected_ack = ack_met / len(kinds)
    assert stats.rate("ack_met") == pytest.approx(expected_ack)

    clocked = [k for k in kinds if k["ack_after"] is not None]
    fb_met = sum(1 for k in clocked
                 if k["feedback_after"] is not None and k["feedback_after"] <= 90)
    fb_late = sum(1 for k in clocked
                  if k["feedback_after"] is not None and k["feedback_after"] > 90)
    # Feedback is due 90 days after acknowledgement; "now" is day 150 of the quarter.
    fb_overdue = sum(1 for k in clocked
                     if k["feedback_after"] is None
                     and k["received"] + k["ack_after"] + 90 < 150)
    assert stats.count("feedback:met") == fb_met
    assert stats.count("feedback:late") == fb_late
    assert stats.count("feedback:overdue") == fb_overdue
    decided = ack_met + ack_late + ack_overdue + fb_met + fb_late + fb_overdue
    assert stats.rate("deadlines_met") == pytest.approx((ack_met + fb_met) / decided)

    with_finding = [k for k in kinds if k["finding"] is not None]
    if with_finding:
        upheld = sum(1 for k in with_finding
                     if k["finding"] in {"substantiated", "partly_substantiated"})
        assert stats.rate("substantiated") == pytest.approx(upheld / len(with_finding))
    else:
        assert stats.rate("substantiated") is None

    confirmed = [k for k in kinds if k["category"] is not None]
    if confirmed:
        changed = sum(1 for k in confirmed if k["category"] != k["suggested"])
        assert stats.rate("classifier_changed") == pytest.approx(changed / len(confirmed))

    appealed = sum(1 for k in kinds
                   if k["appealed"] or k["outcome"] in {"appeal_upheld", "appeal_revised"})
    assert stats.count("appeal:appealed") == appealed
    for channel in CHANNELS:
        assert stats.count(f"channel:{channel}") == sum(1 for k in kinds
                                                        if k["channel"] == channel)

    ack_days = [float(k["ack_after"]) for k in clocked]
    summary = stats.duration("ack_days")
    if ack_days:
        assert summary is not None
        assert summary.median == round(_median(ack_days), 1)
        assert summary.p90 == round(_nearest_rank(ack_days, 0.9), 1)
    else:
        assert summary is None
    feedback_days = [float(k["feedback_after"]) for k in clocked
                     if k["feedback_after"] is not None]
    summary = stats.duration("feedback_days")
    if feedback_days:
        assert summary is not None
        assert summary.median == round(_median(feedback_days), 1)
        assert summary.p90 == round(_nearest_rank(feedback_days, 0.9), 1)
