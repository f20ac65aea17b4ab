"""Routing a new case: who gets its key.

The focal points of the chosen network, minus anyone the reporter excluded,
anyone named as the person concerned, and anyone conflicted. When nobody is
left, or the concern is about a focal point or the network's leadership, the
case escalates to the regional and then the global network. Urgent cases are
also sealed to the safeguarding leads along that chain.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from auth.models import GlobalRole, StaffUser, staff_networks
from networks.models import Network

# Concerns about these roles never stay in the person's own network.
ESCALATING_ROLES = {"focal_point", "leadership"}


@dataclass
class Routing:
    handlers: list[StaffUser] = field(default_factory=list)
    safeguarding: list[StaffUser] = field(default_factory=list)
    network: Network | None = None  # where it landed
    escalated: bool = False
    named_staff: list[StaffUser] = field(default_factory=list)

    @property
    def everyone(self) -> list[StaffUser]:
        seen: dict[int, StaffUser] = {}
        for user in [*self.handlers, *self.safeguarding]:
            seen.setdefault(user.id, user)
        return list(seen.values())


def fold(text: str) -> str:
    """Lower case, no accents, single spaces: "Zoé  DIOP" and "zoe diop" compare equal."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"\s+", " ", plain.casefold()).strip()


def named_in(text: str, users: list[StaffUser]) -> list[StaffUser]:
    """Staff whose full name appears, as whole words, in what the reporter wrote."""
    haystack = f" {re.sub(r'[^0-9a-z]+', ' ', fold(text))} "
    found = []
    for user in users:
        name = re.sub(r"[^0-9a-z]+", " ", fold(user.display_name)).strip()
        if len(name) >= 5 and f" {name} " in haystack:
            found.append(user)
    return found


def chain(network: Network) -> list[Network]:
    levels, seen = [], set()
    node: Network | None = network
    while node is not None and node.id not in seen:
        levels.append(node)
        seen.add(node.id)
        node = node.parent
    return levels


# Built once: every intake routes, and building the statement costs more than running it.
_CHAIN_STAFF = (
    select(StaffUser, staff_networks.c.network_id)
    .join(staff_networks, staff_networks.c.staff_id == StaffUser.id)
    .where(StaffUser.active.is_(True),
           staff_networks.c.network_id.in_(bindparam("chain", expanding=True)))
    .order_by(StaffUser.id)
)


def route(
    session: Session,
    network: Network,
    *,
    excluded_ids: set[int],
    concerned_names: str,
    concerned_role: str,
    urgent: bool,
) -> Routing:
    levels = chain(network)
    chain_ids = {level.id for level in levels}
    # Only people in the networks the case can land in matter, named or not: one query for
    # them and the chain networks each belongs to.
    member_of: dict[int, set[int]] = {}
    people: dict[int, StaffUser] = {}
    for user, network_id in session.execute(_CHAIN_STAFF, {"chain": sorted(chain_ids)}):
        people[user.id] = user
        member_of.setdefault(user.id, set()).add(network_id)
    staff = list(people.values())
    named = named_in(concerned_names, staff)
    blocked = excluded_ids | {u.id for u in named}
    routing = Routing(named_staff=named)

    def eligible(user: StaffUser) -> bool:
        return (user.role == GlobalRole.FOCAL_POINT and user.public_key is not None
                and user.id not in blocked)

    for depth, level in enumerate(levels):
        members = [u for u in staff if level.id in member_of[u.id]]
        about_insider = (depth == 0 and concerned_role in ESCALATING_ROLES) or any(
            (u.role == GlobalRole.FOCAL_POINT or u.leadership) for u in named if u in members)
        candidates = [u for u in members if eligible(u)]
        if candidates and not about_insider:
            routing.handlers = candidates
            routing.network = level
            routing.escalated = depth > 0
            break
    if urgent:
        routing.safeguarding = [u for u in staff if eligible(u) and u.safeguarding]
    return routing
