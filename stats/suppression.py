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

Certificates are built from two shapes; both keep every line's sum by construction:
- within a group: +P on one row, -P on another row of the same group;
- through the total: +P on the TOTAL row and +P on one row of every group;
where P is a balanced column pattern (+1 network, -1 sibling network; or +1 network, +1 its
region, +1 ALL; or +1/-1 on networks of two regions with their regions). Among the candidates
for a small cell we take the one that withholds the least (the values of the cells it newly
withholds; hiding a zero costs little). If a small cell has no certificate at all, the whole
table is withheld.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

TOTAL = "total"
ALL = "all"

Cell = tuple[str, str]  # (row key, column key)
Delta = dict[Cell, int]

# Hiding a zero loses almost nothing; among zeros, prefer few of them.
_ZERO_COST = 0.5


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
        self.leaves_of = dict(layout.regions)

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

    # -- candidate certificates -------------------------------------------------------------
    def patterns(self, column: str) -> Iterator[dict[str, int]]:
        """Balanced column patterns with +1 on `column`."""
        if column == ALL:
            for leaf, region in self.region_of.items():
                yield {leaf: 1, region: 1, ALL: 1}
            return
        if column in self.leaves_of:
            for leaf in self.leaves_of[column]:
                yield {leaf: 1, column: 1, ALL: 1}
                yield from self._across(leaf, column)
            return
        region = self.region_of[column]
        for sibling in self.leaves_of[region]:
            if sibling != column:
                yield {column: 1, sibling: -1}
        yield {column: 1, region: 1, ALL: 1}
        yield from self._across(column, region)

    def _across(self, leaf: str, region: str) -> Iterator[dict[str, int]]:
        for other_region, leaves in self.layout.regions:
            if other_region == region:
                continue
            for other in leaves:
                yield {leaf: 1, region: 1, other: -1, other_region: -1}

    def _score(self, delta: Delta, limit: float = float("inf")) -> float | None:
        """What withholding `delta` costs; None if not allowed or not cheaper than `limit`."""
        total = 0.0
        for cell, step in delta.items():
            if not self.allows(cell, step):
                return None
            total += self.cost(cell)
            if total > limit:
                return None
        return total

    def certificate(self, cell: Cell) -> Delta | None:
        """The cheapest perturbation that moves `cell` within what the reader knows."""
        row, column = cell
        best: tuple[float, int, Delta] | None = None

        def consider(delta: Delta) -> None:
            nonlocal best
            score = self._score(delta, best[0] if best else float("inf"))
            if score is not None and (best is None or (score, len(delta)) < best[:2]):
                best = (score, len(delta), delta)

        patterns = list(self.patterns(column))
        if row != TOTAL:
            for pattern in patterns:
                for sign in (1, -1):
                    for other in self.group_of[row]:
                        if other != row:
                            delta = {(row, c): sign * s for c, s in pattern.items()}
                            delta.update({(other, c): -sign * s for c, s in pattern.items()})
                            consider(delta)
                if best is not None and best[0] == 0:
                    return best[2]
        # Through the total row: needed for total cells, and the fallback for the others.
        if row == TOTAL or best is None:
            for pattern in patterns:
                for sign in (1, -1):
                    through = self._through_total(row, pattern, sign)
                    if through is not None:
                        consider(through)
        return None if best is None else best[2]

    def _through_total(self, row: str, pattern: dict[str, int], sign: int) -> Delta | None:
        delta = {(TOTAL, c): sign * s for c, s in pattern.items()}
        if self._score(delta) is None:
            return None
        for _, rows in self.layout.groups:
            choice: tuple[float, Delta] | None = None
            for candidate in (row,) if row in rows else rows:
                part = {(candidate, c): sign * s for c, s in pattern.items()}
                score = self._score(part, choice[0] if choice else float("inf"))
                if score is not None and (choice is None or score < choice[0]):
                    choice = (score, part)
            if choice is None:
                return None
            delta.update(choice[1])
        return delta

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
                self.apply(min(options, key=lambda d: (self._score(d) or 0.0, len(d))))
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
