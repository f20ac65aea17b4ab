"""Disclosure control for one quarter's table: primary and complementary cell suppression.

The table (see `Layout`) has row *groups*, each a partition of the same cases (categories,
channels, outcomes ...), so every group's rows add up to the shared TOTAL row; and columns that
form a two-level tree: networks (leaves) inside regions inside ALL. Every published number of
the statistics pages, exports and charts is one cell of such a table, so protecting the table
protects everything.

What the reader of a published table knows, and what we guarantee against:

- a published cell is exact; published cells are 0 or at least the threshold t;
- a cell shown "<t" holds a value in [0, t-1] (zeros are sometimes hidden too, see below);
- a cell shown "x" (withheld to protect another) holds a value of at least t;
- every line of the table adds up (group rows to the total, networks to their region, regions
  to ALL).

Guarantee 1 (no exact disclosure). For every cell with a value in [1, t-1] we keep a
*certificate*: a perturbation D, non-zero on that cell, that changes only withheld cells, keeps
every line's sum, and keeps every changed cell inside what the reader knows of it (above).
Table + D is then a second table that agrees with everything published, so no combination of
published cells, totals or differences of totals pins the small cell down.

Guarantee 2 (no small differences). In every line whose total the reader may know (published,
or withheld but moved by no certificate), the cells that some certificate moves add up to 0 or
to at least t; the other withheld cells hold 0 or at least t. So "total minus the parts you can
see" never yields a count in [1, t-1].

A certificate is found as a cycle. Within one row group the table is a flow network in which
every cell is one arc (see `_arc`), so a perturbation that keeps every line's sum is a
circulation, and the cheapest one through a cell is a shortest path back to the start of its arc
(Dijkstra over the arcs each cell allows: +1 along, -1 against). A cycle that changes the TOTAL
row is completed by routing the same change through the rows of every other group. "Cheapest"
means withholding the least: the values of the cells it newly withholds (hiding a zero costs
little). If a small cell has no certificate at all, the whole table is withheld (every cell
"x"): on very small quarters the labels alone can pin a count down, and then nothing is safe
to publish.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

TOTAL = "total"
ALL = "all"

Cell = tuple[str, str]  # (row key, column key)
Delta = dict[Cell, int]
Node = tuple[str, ...]

# Hiding a zero loses almost nothing; among zeros, prefer few of them.
_ZERO_COST = 0.5
_EDGE = 1e-3  # among equally cheap cycles, the shortest
_HUB: Node = ("hub",)


@dataclass(frozen=True)
class Layout:
    """The shape of a quarter table: row groups (partitions) and the column tree."""

    groups: tuple[tuple[str, tuple[str, ...]], ...]  # (group, its row keys); row keys unique
    regions: tuple[tuple[str, tuple[str, ...]], ...]  # (region column, its network columns)

    @property
    def rows(self) -> tuple[str, ...]:
        return (*(row for _, rows in self.groups for row in rows), TOTAL)

    @property
    def columns(self) -> tuple[str, ...]:
        leaves = tuple(leaf for _, leaves in self.regions for leaf in leaves)
        return (*leaves, *(region for region, _ in self.regions), ALL)

    def lines(self) -> Iterator[tuple[Cell, tuple[Cell, ...]]]:
        """Every (total cell, part cells) that must add up."""
        for row in self.rows:
            for region, leaves in self.regions:
                yield (row, region), tuple((row, leaf) for leaf in leaves)
            yield (row, ALL), tuple((row, region) for region, _ in self.regions)
        for column in self.columns:
            for _, rows in self.groups:
                yield (TOTAL, column), tuple((row, column) for row in rows)


@dataclass
class Suppressed:
    """The outcome: which cells are withheld, and whether the whole table had to be."""

    values: Mapping[Cell, int]
    threshold: int
    hidden: set[Cell] = field(default_factory=set)
    withheld: bool = False

    def shown(self, cell: Cell) -> int | None:
        """The published value of `cell`, or None when it is withheld."""
        if self.withheld or cell in self.hidden:
            return None
        return self.values[cell]

    def label(self, cell: Cell) -> str:
        value = self.values[cell]
        if self.withheld:
            return "x"
        if cell in self.hidden:
            return f"<{self.threshold}" if value < self.threshold else "x"
        return str(value)


class _Engine:
    def __init__(self, layout: Layout, values: Mapping[Cell, int], threshold: int) -> None:
        self.layout = layout
        self.values = values
        self.t = threshold
        self.hidden: set[Cell] = {c for c, v in values.items() if 0 < v < threshold}
        self.moved: set[Cell] = set()
        self.group_of = {row: rows for _, rows in layout.groups for row in rows}
        self.region_of = {leaf: region for region, leaves in layout.regions for leaf in leaves}
        self.networks_in = dict(layout.regions)
        self._graphs: dict[tuple[str, ...], dict[Node, list[tuple[Node, Cell, int]]]] = {}

    # -- what a perturbation may do to one cell --------------------------------------------
    def allows(self, cell: Cell, step: int) -> bool:
        """Does the reader's knowledge of `cell` (once withheld) admit value + step?"""
        value = self.values[cell]
        if value < self.t:  # shown "<t": anywhere in [0, t-1]
            return 0 <= value + step <= self.t - 1
        return value + step >= self.t  # shown "x": at least t

    def cost(self, cell: Cell) -> float:
        if cell in self.hidden:
            return 0.0
        value = self.values[cell]
        return _ZERO_COST if value == 0 else float(value)

    # -- certificates as cycles -----------------------------------------------------------------
    # Within one row group the table is a flow network and every cell one arc:
    #   hub -> (row, ALL) -> (row, region) -> column node of a network      [group rows]
    #   column node -> (TOTAL, region) -> (TOTAL, ALL) -> hub                [TOTAL row]
    # so a perturbation that keeps every line's sum is a circulation, and the cheapest one
    # through a cell is a shortest path back to where its arc starts (Dijkstra). Cycles that
    # use TOTAL-row arcs change the total, so every other group must carry the same change:
    # each is routed through that group's rows the same way.
    def _arc(self, cell: Cell) -> tuple[Node, Node]:
        row, column = cell
        if row == TOTAL:
            if column == ALL:
                return ("T", ALL), _HUB
            if column in self.networks_in:  # a region
                return ("T", column), ("T", ALL)
            return ("C", column), ("T", self.region_of[column])
        if column == ALL:
            return _HUB, ("R", row, ALL)
        if column in self.networks_in:  # a region
            return ("R", row, ALL), ("R", row, column)
        return ("R", row, self.region_of[column]), ("C", column)

    def _arcs(self, rows: tuple[str, ...]) -> dict[Node, list[tuple[Node, Cell, int]]]:
        """Residual arcs of these rows' cells: +1 along an arc, -1 against it, if allowed."""
        if rows in self._graphs:  # what a cell allows depends on its value only
            return self._graphs[rows]
        graph: dict[Node, list[tuple[Node, Cell, int]]] = defaultdict(list)
        self._graphs[rows] = graph
        for row in rows:
            for column in self.layout.columns:
                cell = (row, column)
                tail, head = self._arc(cell)
                if self.allows(cell, 1):
                    graph[tail].append((head, cell, 1))
                if self.allows(cell, -1):
                    graph[head].append((tail, cell, -1))
        return graph

    def _path(self, graph: dict[Node, list[tuple[Node, Cell, int]]], start: Node,
              goals: set[Node], banned: set[Cell]) -> tuple[float, Node, Delta] | None:
        """Cheapest path from `start` to one of `goals` avoiding `banned` cells."""
        best: dict[Node, float] = {start: 0.0}
        back: dict[Node, tuple[Node, Cell, int]] = {}
        queue: list[tuple[float, int, Node]] = [(0.0, 0, start)]
        tick = 0
        while queue:
            cost, _, node = heapq.heappop(queue)
            if cost > best.get(node, float("inf")):
                continue
            if node in goals and node != start:
                delta: Delta = {}
                end = node
                while node != start:
                    previous, cell, step = back[node]
                    delta[cell] = step
                    node = previous
                return cost, end, delta
            for target, cell, step in graph.get(node, ()):
                if cell in banned:
                    continue
                new = cost + self.cost(cell) + _EDGE
                if new < best.get(target, float("inf")):
                    best[target] = new
                    back[target] = (node, cell, step)
                    tick += 1
                    heapq.heappush(queue, (new, tick, target))
        return None

    def _cycle(self, graph: dict[Node, list[tuple[Node, Cell, int]]], cell: Cell,
               step: int) -> tuple[float, Delta] | None:
        if not self.allows(cell, step):
            return None
        tail, head = self._arc(cell)
        start, goal = (head, tail) if step > 0 else (tail, head)
        found = self._path(graph, start, {goal}, {cell})
        if found is None:
            return None
        cost, _, delta = found
        delta[cell] = step
        return cost + self.cost(cell), delta

    def _carry(self, rows: tuple[str, ...], total_part: Delta) -> tuple[float, Delta] | None:
        """Route a change of the TOTAL row through one group's rows (a circulation with it)."""
        balance: dict[Node, int] = defaultdict(int)
        for cell, step in total_part.items():
            tail, head = self._arc(cell)
            if step < 0:
                tail, head = head, tail
            balance[head] += 1  # flow arrives here and must leave through the group's rows
            balance[tail] -= 1
        graph = self._arcs(rows)
        sources = [n for n, b in balance.items() for _ in range(b) if b > 0]
        sinks = [n for n, b in balance.items() for _ in range(-b) if b < 0]
        delta: Delta = {}
        total = 0.0
        for source in sources:
            found = self._path(graph, source, set(sinks), set(delta))
            if found is None:
                return None
            cost, sink, part = found
            sinks.remove(sink)
            delta.update(part)
            total += cost
        return total, delta

    def certificate(self, cell: Cell) -> Delta | None:
        """The cheapest perturbation found that moves `cell` within what the reader knows."""
        row = cell[0]
        group = self.group_of.get(row, self.layout.groups[0][1] if self.layout.groups else ())
        options: list[tuple[float, Delta]] = []
        if row != TOTAL:
            inside = self._arcs(group)
            for step in (1, -1):
                found = self._cycle(inside, cell, step)
                if found is not None:
                    options.append(found)
        if not options:
            whole = self._arcs((*group, TOTAL))
            for step in (1, -1):
                found = self._cycle(whole, cell, step)
                if found is None:
                    continue
                cost, delta = found
                total_part = {c: s for c, s in delta.items() if c[0] == TOTAL}
                for _, rows in self.layout.groups:
                    if rows == group or not total_part:
                        continue
                    carried = self._carry(rows, total_part)
                    if carried is None:
                        break
                    cost += carried[0]
                    delta.update(carried[1])
                else:
                    options.append((cost, delta))
        if not options:
            return None
        return min(options, key=lambda option: (option[0], len(option[1])))[1]

    def _score(self, delta: Delta) -> float:
        return sum(self.cost(cell) for cell in delta)

    def apply(self, delta: Delta) -> None:
        self.hidden.update(delta)
        self.moved.update(cell for cell, step in delta.items() if step)

    # -- the two passes -----------------------------------------------------------------------
    def run(self) -> bool:
        """Withhold cells until both guarantees hold; False if the table cannot be published."""
        for cell in sorted(self.hidden, key=lambda c: (self.values[c], c)):
            if cell in self.moved:
                continue
            delta = self.certificate(cell)
            if delta is None:
                return False
            self.apply(delta)
        return self._protect_differences()

    def _protect_differences(self) -> bool:
        changed = True
        while changed:
            changed = False
            for total, parts in self.layout.lines():
                if total in self.moved:
                    continue  # the reader cannot know this total
                moving = sum(self.values[p] for p in parts if p in self.moved)
                if not 0 < moving < self.t:
                    continue
                # Move a large part (or the total) too, so the difference is no small count.
                targets = [p for p in parts if self.values[p] >= self.t and p not in self.moved]
                options = [d for d in map(self.certificate, [*targets, total]) if d is not None]
                if not options:
                    return False
                self.apply(min(options, key=lambda d: (self._score(d), len(d))))
                changed = True
        return True


def suppress(layout: Layout, values: Mapping[Cell, int], threshold: int) -> Suppressed:
    """Withhold cells of one table so that no count below `threshold` can be worked out."""
    if threshold < 2:
        raise ValueError("the threshold must be at least 2")
    engine = _Engine(layout, values, threshold)
    ok = engine.run()
    return Suppressed(values=values, threshold=threshold, hidden=set(engine.hidden),
                      withheld=not ok)
