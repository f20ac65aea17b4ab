"""The queue: the cases a person may see, urgent and overdue first, in keyset pages.

One query per page whatever the number of cases: visibility is a semi-join on
the key wraps, the order follows an index (queue_rank, next_due_at, id), and
the next page starts after the last row seen instead of counting an OFFSET.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from sqlalchemy import and_, exists, or_, select, tuple_
from sqlalchemy.orm import Session, defer, joinedload

from auth.models import StaffUser
from cases.access import current_wrap_filter
from cases.models import Case, CaseKeyWrap, CaseRole, CaseStatus, Category
from networks.models import Network

PAGE_SIZE = 50


@dataclass(frozen=True)
class QueueFilters:
    status: CaseStatus | None = None
    category: Category | None = None
    urgent: bool = False
    network: str | None = None
    mine: bool = False
    overdue: bool = False
    include_closed: bool = False
    after: tuple[int, dt.datetime, int] | None = None

    @classmethod
    def from_args(cls, args: Mapping[str, str]) -> QueueFilters:
        def enum_or_none(enum_cls: type, value: str | None) -> object:
            try:
                return enum_cls(value) if value else None
            except ValueError:
                return None

        return cls(
            status=enum_or_none(CaseStatus, args.get("status")),  # type: ignore[arg-type]
            category=enum_or_none(Category, args.get("category")),  # type: ignore[arg-type]
            urgent=args.get("urgent") == "1",
            network=args.get("network") or None,
            mine=args.get("mine") == "1",
            overdue=args.get("overdue") == "1",
            include_closed=args.get("closed") == "1",
            after=_parse_cursor(args.get("after", "")),
        )

    def args(self, **changes: object) -> dict[str, str]:
        """The query string for these filters (used by the filter links and the next page)."""
        values = {
            "status": str(self.status) if self.status else "",
            "category": str(self.category) if self.category else "",
            "urgent": "1" if self.urgent else "", "network": self.network or "",
            "mine": "1" if self.mine else "", "overdue": "1" if self.overdue else "",
            "closed": "1" if self.include_closed else "",
        }
        values.update({k: str(v) for k, v in changes.items()})
        return {k: v for k, v in values.items() if v}


def _parse_cursor(raw: str) -> tuple[int, dt.datetime, int] | None:
    try:
        rank, due, ident = raw.split("_")
        when = dt.datetime.fromisoformat(due)
        if when.tzinfo is None:
            return None
        return int(rank), when.astimezone(dt.UTC), int(ident)
    except ValueError:
        return None


def cursor_of(case: Case) -> str:
    return f"{case.queue_rank}_{case.next_due_at.isoformat()}_{case.id}"


@dataclass
class QueuePage:
    cases: list[Case] = field(default_factory=list)
    next_cursor: str | None = None


def queue_page(session: Session, user: StaffUser, filters: QueueFilters, *,
               now: dt.datetime, size: int = PAGE_SIZE) -> QueuePage:
    visible = exists().where(CaseKeyWrap.case_id == Case.id, *current_wrap_filter(user))
    query = select(Case).where(visible, Case.status != CaseStatus.PURGED)
    if not filters.include_closed and filters.status is None:
        query = query.where(Case.queue_rank < 2)
    if filters.status is not None:
        query = query.where(Case.status == filters.status)
    if filters.category is not None:
        query = query.where(or_(Case.category == filters.category,
                                and_(Case.category.is_(None),
                                     Case.suggested_category == filters.category)))
    if filters.urgent:
        # Rank 0 is exactly "urgent and open": the planner then keeps to the queue's index.
        query = query.where(Case.urgent.is_(True) if filters.include_closed
                            else Case.queue_rank == 0)
    if filters.network:
        query = query.where(Case.network_id.in_(select(Network.id).where(
            Network.slug == filters.network)))
    if filters.mine:
        query = query.where(exists().where(CaseRole.case_id == Case.id,
                                           CaseRole.staff_id == user.id,
                                           CaseRole.ended_at.is_(None)))
    if filters.overdue:
        query = query.where(Case.next_due_at < now)
    if filters.after is not None:
        query = query.where(tuple_(Case.queue_rank, Case.next_due_at, Case.id) > filters.after)
    # The queue shows no content: leave every sealed column in the database.
    sealed = (Case.report_sealed, Case.identity_sealed, Case.evidence_sealed,
              Case.decision_sealed, Case.closure_sealed, Case.closure_for_audit)
    query = (query.order_by(Case.queue_rank, Case.next_due_at, Case.id).limit(size + 1)
             .options(joinedload(Case.network), *(defer(column) for column in sealed)))
    rows = list(session.scalars(query))
    page = QueuePage(cases=rows[:size])
    if len(rows) > size:
        page.next_cursor = cursor_of(rows[size - 1])
    return page
