"""The statistics page, board report, CSV download and `flask stats export` over the database."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from typing import Any

import pytest
from flask import Flask
from sqlalchemy.orm import Session

from audit import Action, Actor, record
from auth.models import GlobalRole
from cases.models import Case, CaseStatus, Outcome
from classification.taxonomy import Category
from networks.models import Network, NetworkKind
from stats.data import case_facts, publish
from stats.suppression import TOTAL
from stats.tables import Quarter, network_column
from tests.conftest import FIXED_NOW
from tests.factories import make_case, make_network

Q4 = Quarter(2026, 4)  # FIXED_NOW is 2 November 2026
DAY = dt.timedelta(days=1)


def _cases(session: Session) -> dict[str, Any]:
    africa = make_network(session, slug="africa", name="Africa", kind=NetworkKind.REGIONAL)
    senegal = make_network(session, slug="senegal", name="Senegal", parent=africa)
    mali = make_network(session, slug="mali", name="Mali", parent=africa)
    received = Q4.start + DAY
    made: list[Case] = []
    for i in range(12):
        case, _ = make_case(session, network=senegal, status=CaseStatus.TRIAGE,
                            category=Category.FRAUD_CORRUPTION, now=received)
        case.acknowledged_at = received + (2 if i < 8 else 9) * DAY
        made.append(case)
    purged, _ = make_case(session, network=mali, status=CaseStatus.PURGED, now=received)
    purged.outcome = Outcome.ACTION_TAKEN
    appealed, _ = make_case(session, network=mali, status=CaseStatus.CLOSED, now=received)
    record(session, Action.CASE_STATUS_CHANGED, actor=Actor.system(),
           case_ref=appealed.reference, network="mali",
           details={"from_status": "closed", "to_status": "appeal"})
    session.flush()
    session.commit()
    return {"senegal": senegal, "mali": mali, "cases": made, "purged": purged,
            "appealed": appealed}


def test_purged_cases_and_appeals_from_the_trail_are_counted(session: Session) -> None:
    world = _cases(session)
    facts = case_facts(session, [Q4])
    assert len(facts) == 14
    appealed = [f for f in facts if f.appealed]
    assert len(appealed) == 1
    assert appealed[0].network == "mali"
    (stats,) = publish(session, [Q4], as_of=FIXED_NOW)
    assert stats.cases() == 14
    # Mali's 2 cases are "<5"; Senegal's 12 may be withheld too, or 14 - 12 would give them away.
    assert stats.label(TOTAL, network_column("mali")) == "<5"
    assert stats.label(TOTAL, network_column("senegal")) in {"12", "x"}
    assert stats.label("appeal:appealed") == "<5"
    assert world["purged"].status == CaseStatus.PURGED


@pytest.mark.parametrize("role", [GlobalRole.AUDITOR, GlobalRole.ADMIN])
def test_auditors_and_admins_see_protected_statistics_without_any_case(
        session: Session, staff: Any, login: Any, role: GlobalRole) -> None:
    world = _cases(session)
    client = login(*staff(role=role, name="Stat Reader"))
    page = client.get("/staff/stats/?from=2026Q4&to=2026Q4")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "<svg" in html
    assert "&lt;5" in html
    assert "<script" not in html
    for case in [*world["cases"], world["purged"], world["appealed"]]:
        assert case.reference not in html
        assert case.public_id not in html
    assert 'href="/staff/stats/"' in html  # the menu link


def test_the_network_filter_shows_that_network_only(session: Session, staff: Any,
                                                    login: Any) -> None:
    _cases(session)
    client = login(*staff(role=GlobalRole.AUDITOR, name="Aude Auditor"))
    html = client.get("/staff/stats/?from=2026Q4&to=2026Q4&area=network:senegal").get_data(
        as_text=True)
    assert "2026Q4 · Senegal" in html
    assert ">Mali</th>" not in html


def test_the_board_report_has_one_printable_page_per_quarter(session: Session, staff: Any,
                                                            login: Any) -> None:
    _cases(session)
    client = login(*staff(role=GlobalRole.ADMIN, name="Ada Admin"))
    html = client.get("/staff/stats/report?from=2026Q2&to=2026Q4").get_data(as_text=True)
    assert html.count('class="quarter-page"') == 3
    css = client.get("/staff/stats/stats.css")
    assert css.mimetype == "text/css"
    assert "break-after: page" in css.get_data(as_text=True)


def test_the_csv_download_holds_no_count_below_the_threshold(session: Session, staff: Any,
                                                              login: Any) -> None:
    _cases(session)
    client = login(*staff(role=GlobalRole.AUDITOR, name="Aude Auditor"))
    response = client.get("/staff/stats/export.csv?from=2026Q4&to=2026Q4&by=network")
    assert response.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert rows
    for row in rows:
        if row["figure"].startswith(("share:", "median_days:", "p90_days:")):
            continue
        assert row["value"] in {"<5", "x"} or int(row["value"]) == 0 or int(row["value"]) >= 5
    totals = {(r["level"], r["area"]): r["value"] for r in rows if r["figure"] == "cases"}
    assert totals[("network", "senegal")] in {"12", "x"}
    assert totals[("network", "mali")] == "<5"


def test_focal_points_cannot_reach_statistics(session: Session, staff: Any, login: Any) -> None:
    home = make_network(session)
    client = login(*staff(name="Fanta Focal", networks=[home]))
    assert client.get("/staff/stats/").status_code == 404
    assert client.get("/staff/stats/export.csv").status_code == 404


def test_cli_exports_csv_and_json_for_a_quarter(app: Flask, session: Session) -> None:
    _cases(session)
    runner = app.test_cli_runner()
    result = runner.invoke(args=["stats", "export", "--period", "2026Q4", "--format", "json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    assert document["threshold"] == 5
    assert document["quarters"] == ["2026Q4"]
    assert document["as_of"] == "2026-11-02"
    values = {(f["level"], f["area"], f["figure"]): f["value"] for f in document["figures"]}
    assert values[("network", "senegal", "cases")] in {"12", "x"}
    assert values[("network", "mali", "cases")] == "<5"

    result = runner.invoke(args=["stats", "export", "--period", "2026Q4"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("quarter,level,area,figure,value\n")

    stricter = runner.invoke(args=["stats", "export", "--period", "2026Q4",
                                   "--threshold", "20", "--format", "json"])
    figures = json.loads(stricter.output)["figures"]
    assert {f["value"] for f in figures if f["figure"] == "cases"} <= {"<20", "x", "0"}


def test_cli_refuses_a_bad_period_or_a_lower_threshold(app: Flask, session: Session) -> None:
    runner = app.test_cli_runner()
    bad = runner.invoke(args=["stats", "export", "--period", "2026Q7"])
    assert bad.exit_code == 2
    assert "not a quarter" in bad.output
    lower = runner.invoke(args=["stats", "export", "--period", "2026Q4", "--threshold", "2"])
    assert lower.exit_code == 2


def test_networks_without_a_region_are_grouped_together(session: Session) -> None:
    session.add(Network(slug="secretariat", name="Global secretariat", kind=NetworkKind.GLOBAL))
    session.flush()
    (stats,) = publish(session, [Q4], as_of=FIXED_NOW)
    assert ("region:none", ("network:secretariat",)) in stats.layout.regions


def test_a_higher_configured_threshold_withholds_more(app: Flask, session: Session, staff: Any,
                                                     login: Any) -> None:
    from dataclasses import replace  # noqa: PLC0415

    _cases(session)
    app.config["SETTINGS"] = replace(app.config["SETTINGS"], stats_threshold=20)
    client = login(*staff(role=GlobalRole.AUDITOR, name="Aude Auditor"))
    html = client.get("/staff/stats/?from=2026Q4&to=2026Q4").get_data(as_text=True)
    assert "&lt;20" in html
    assert ">12<" not in html
    # Never below 3, whatever the configuration says.
    app.config["SETTINGS"] = replace(app.config["SETTINGS"], stats_threshold=1)
    html = client.get("/staff/stats/?from=2026Q4&to=2026Q4").get_data(as_text=True)
    assert "&lt;3" in html
