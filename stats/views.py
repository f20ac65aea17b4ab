"""The statistics page, the printable board report and the CSV download.

For auditors and admins (Permission.STATS_READ). They show protected aggregates only (see
stats.suppression): never a case, a reference or a date finer than a quarter.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import Blueprint, Response, current_app, render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import lazy_gettext as _l
from markupsafe import Markup

from auth.permissions import Permission, require
from config import Settings
from db import db_session
from stats.charts import Bar, bar_chart
from stats.data import publish
from stats.export import to_csv
from stats.suppression import ALL, TOTAL
from stats.tables import (
    GROUPS,
    MAX_QUARTERS,
    Geography,
    Quarter,
    QuarterStats,
    network_column,
    quarters_between,
    region_column,
    row_key,
)
from web.clock import now

bp = Blueprint("stats", __name__, url_prefix="/staff/stats")

MIN_THRESHOLD = 3

GROUP_NAMES = {
    "category": _l("Category"),
    "channel": _l("Channel"),
    "outcome": _l("Outcome"),
    "finding": _l("Finding"),
    "appeal": _l("Appeals"),
    "classifier": _l("Classifier suggestion"),
    "ack": _l("Acknowledgement deadline"),
    "feedback": _l("Feedback deadline"),
}
ROW_NAMES = {
    "category:abusive_behaviour": _l("Abusive behaviour"),
    "category:sexual_misconduct": _l("Sexual misconduct"),
    "category:discrimination": _l("Discrimination"),
    "category:conflict_of_interest": _l("Conflict of interest"),
    "category:fraud_corruption": _l("Fraud or corruption"),
    "category:substance_misuse": _l("Substance misuse"),
    "category:other": _l("Other"),
    "category:unclassified": _l("Not yet classified"),
    "channel:complaint": _l("Complaint"),
    "channel:feedback": _l("Feedback"),
    "outcome:action_taken": _l("Action taken"),
    "outcome:no_action": _l("No action"),
    "outcome:referred": _l("Referred"),
    "outcome:no_case": _l("No case"),
    "outcome:withdrawn": _l("Withdrawn"),
    "outcome:feedback_noted": _l("Feedback noted"),
    "outcome:appeal_upheld": _l("Appeal upheld"),
    "outcome:appeal_revised": _l("Appeal: decision revised"),
    "outcome:none": _l("No outcome yet"),
    "finding:substantiated": _l("Substantiated"),
    "finding:partly_substantiated": _l("Partly substantiated"),
    "finding:unsubstantiated": _l("Unsubstantiated"),
    "finding:inconclusive": _l("Inconclusive"),
    "finding:none": _l("No finding"),
    "appeal:appealed": _l("Went to appeal"),
    "appeal:not_appealed": _l("No appeal"),
    "classifier:changed": _l("Changed by a person"),
    "classifier:kept": _l("Confirmed as suggested"),
    "classifier:unconfirmed": _l("Not yet confirmed"),
    "ack:met": _l("Met"),
    "ack:late": _l("Late"),
    "ack:overdue": _l("Overdue, not yet done"),
    "ack:not_due": _l("Not yet due"),
    "feedback:met": _l("Met"),
    "feedback:late": _l("Late"),
    "feedback:overdue": _l("Overdue, not yet done"),
    "feedback:not_due": _l("Not yet due"),
    "feedback:not_applicable": _l("No feedback deadline"),
    TOTAL: _l("All cases"),
}
RATE_NAMES = {
    "deadlines_met": _l("Deadlines met"),
    "ack_met": _l("Acknowledged in time"),
    "feedback_met": _l("Feedback in time"),
    "substantiated": _l("Substantiated or partly (of cases with a finding)"),
    "classifier_changed": _l("Classifier suggestions changed by people"),
}
DURATION_NAMES = {
    "ack_days": _l("Days to acknowledgement"),
    "feedback_days": _l("Days from acknowledgement to feedback"),
}


def threshold() -> int:
    """The smallest count published as a number (REDEVABLE_STATS_THRESHOLD; never below 3)."""
    settings: Settings = current_app.config["SETTINGS"]
    return max(settings.stats_threshold, MIN_THRESHOLD)


@dataclass(frozen=True)
class Filters:
    first: Quarter
    last: Quarter
    area: str  # a column key: "all", "region:<slug>" or "network:<slug>"
    by: str  # "region" or "network"

    @property
    def quarters(self) -> list[Quarter]:
        return quarters_between(self.first, self.last)


def _quarter(raw: str | None, default: Quarter) -> Quarter:
    try:
        return Quarter.parse(raw or "")
    except ValueError:
        return default


def filters_from_request() -> Filters:
    current = Quarter.of(now())
    start = current
    for _ in range(3):
        start = start.previous()
    first = _quarter(request.args.get("from"), start)
    last = _quarter(request.args.get("to"), current)
    if last < first:
        first, last = last, first
    span = [first]
    while span[-1] < last and len(span) < MAX_QUARTERS:
        span.append(span[-1].next())
    by = "network" if request.args.get("by") == "network" else "region"
    return Filters(first=first, last=span[-1], area=request.args.get("area") or ALL, by=by)


def _columns(stats: QuarterStats, filters: Filters) -> list[str]:
    """The columns to show: the chosen area alone, or every region/network and ALL."""
    known = set(stats.layout.columns)
    if filters.area != ALL and filters.area in known:
        return [filters.area]
    if filters.by == "network":
        leaves = [leaf for _, leaves in stats.layout.regions for leaf in leaves]
        return [*leaves, ALL]
    return [*(region for region, _ in stats.layout.regions), ALL]


def _area(stats: QuarterStats, filters: Filters) -> str:
    return filters.area if filters.area in set(stats.layout.columns) else ALL


def _percent(share: float | None) -> str:
    return "x" if share is None else f"{round(share * 100)}%"


def charts_for(stats: QuarterStats, column: str) -> list[Markup]:
    """The charts of one quarter for one area, from its published figures only."""
    charts = []
    for group in ("category", "outcome"):
        rows = dict(GROUPS)[group]
        charts.append(bar_chart(
            f"{GROUP_NAMES[group]} · {stats.quarter}",
            [Bar(str(ROW_NAMES[row_key(group, v)]), _float(stats.count(row_key(group, v), column)),
                 stats.label(row_key(group, v), column)) for v in rows]))
    charts.append(bar_chart(
        f"{_l('Shares')} · {stats.quarter}",
        [Bar(str(RATE_NAMES[name]), stats.rate(name, column),
             _percent(stats.rate(name, column))) for name in RATE_NAMES],
        scale_max=1.0))
    return charts


def _float(value: int | None) -> float | None:
    return None if value is None else float(value)


def _page_context(filters: Filters) -> dict[str, object]:
    published = publish(db_session(), filters.quarters, as_of=now(), threshold=threshold())
    geography = published[0].geography if published else None
    names = geography.names() if geography else {ALL: ""}
    names[ALL] = str(_l("All networks"))
    return {
        "filters": filters, "published": published, "area_names": names,
        "columns": {str(s.quarter): _columns(s, filters) for s in published},
        "area": {str(s.quarter): _area(s, filters) for s in published},
        "charts": {str(s.quarter): charts_for(s, _area(s, filters)) for s in published},
        "groups": GROUPS, "group_names": GROUP_NAMES, "row_names": ROW_NAMES,
        "rate_names": RATE_NAMES, "duration_names": DURATION_NAMES, "percent": _percent,
        "row_key": row_key, "TOTAL": TOTAL, "ALL": ALL,
        "threshold": threshold(), "as_of": now(),
        "areas": _area_choices(geography),
    }


def _area_choices(geography: Geography | None) -> list[tuple[str, str]]:
    if geography is None:
        return []
    choices: list[tuple[str, str]] = []
    regions = sorted({(n.region_name, n.region) for n in geography.networks})
    for region_name, region in regions:
        choices.append((region_column(region), region_name or str(_l("No region"))))
        for network in sorted(geography.networks, key=lambda n: n.name):
            if network.region == region:
                choices.append((network_column(network.slug), f"— {network.name}"))
    return choices


@bp.get("/")
@require(Permission.STATS_READ)
def overview() -> ResponseReturnValue:
    return render_template("stats/overview.html", **_page_context(filters_from_request()))


@bp.get("/report")
@require(Permission.STATS_READ)
def report() -> ResponseReturnValue:
    return render_template("stats/report.html", **_page_context(filters_from_request()))


@bp.get("/export.csv")
@require(Permission.STATS_READ)
def export_csv() -> ResponseReturnValue:
    filters = filters_from_request()
    published = publish(db_session(), filters.quarters, as_of=now(), threshold=threshold())
    columns = sorted({c for s in published for c in _columns(s, filters)},
                     key=lambda c: (c == ALL, c))
    body = to_csv(published, columns or None)
    name = f"redevable-stats-{filters.first}-{filters.last}.csv"
    return Response(body, mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


@bp.get("/stats.css")
@require(Permission.STATS_READ)
def stylesheet() -> ResponseReturnValue:
    # Served here because the pages' print rules belong with them (CSP: style-src 'self').
    return Response(render_template("stats/stats.css"), mimetype="text/css")
