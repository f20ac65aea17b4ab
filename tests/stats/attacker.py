"""An independent attacker: what can a reader work out from a published quarter table?

Knows exactly what a reader knows: the published numbers, that "<t" means 0..t-1 and "x"
means at least t, and that every line adds up. For any withheld cell it decides, by exact
integer search (bound propagation and bisection), whether a single value is possible.
Shares the suppression module's Layout only, not its reasoning.
"""

from __future__ import annotations

from collections.abc import Mapping

from stats.suppression import Cell, Layout, Suppressed

Bounds = dict[Cell, tuple[int, int]]
Equation = tuple[tuple[tuple[Cell, int], ...], int]  # sum(coef * x) == constant


class Attacker:
    def __init__(self, layout: Layout, table: Suppressed) -> None:
        self.t = table.threshold
        cap = 3 * sum(table.values.values()) + self.t + 10
        self.known: dict[Cell, int] = {}
        self.bounds: Bounds = {}
        for cell in table.values:
            label = table.label(cell)
            if label == "x":
                self.bounds[cell] = (self.t, cap)
            elif label.startswith("<"):
                self.bounds[cell] = (0, self.t - 1)
            else:
                self.known[cell] = int(label)
        self.equations: list[Equation] = []
        for total, parts in layout.lines():
            terms = [(p, 1) for p in parts] + [(total, -1)]
            constant = -sum(coef * self.known[c] for c, coef in terms if c in self.known)
            free = tuple((c, coef) for c, coef in terms if c not in self.known)
            if free:
                self.equations.append((free, constant))
            else:
                assert constant == 0, "published figures do not add up"
        self.truth = table.values

    # -- exact feasibility ------------------------------------------------------------------
    def _propagate(self, bounds: Bounds) -> Bounds | None:
        bounds = dict(bounds)
        changed = True
        while changed:
            changed = False
            for terms, constant in self.equations:
                low = sum(bounds[c][0] if k > 0 else -bounds[c][1] for c, k in terms)
                high = sum(bounds[c][1] if k > 0 else -bounds[c][0] for c, k in terms)
                if low > constant or high < constant:
                    return None
                for cell, coef in terms:
                    lo, hi = bounds[cell]
                    own_low = lo if coef > 0 else -hi
                    own_high = hi if coef > 0 else -lo
                    rest_low, rest_high = low - own_low, high - own_high
                    # coef * x must lie in [constant - rest_high, constant - rest_low]
                    a, b = constant - rest_high, constant - rest_low
                    new = (max(lo, a), min(hi, b)) if coef > 0 else (max(lo, -b), min(hi, -a))
                    if new[0] > new[1]:
                        return None
                    if new != (lo, hi):
                        bounds[cell] = new
                        changed = True
                        low = sum(bounds[c][0] if k > 0 else -bounds[c][1] for c, k in terms)
                        high = sum(bounds[c][1] if k > 0 else -bounds[c][0] for c, k in terms)
        return bounds

    def feasible(self, bounds: Bounds) -> bool:
        reduced = self._propagate(bounds)
        if reduced is None:
            return False
        open_cells = [c for c, (lo, hi) in reduced.items() if lo < hi]
        if not open_cells:
            return True
        cell = min(open_cells, key=lambda c: reduced[c][1] - reduced[c][0])
        lo, hi = reduced[cell]
        # Try the true value's side first: a solution usually lies near the real table.
        middle = min(max(self.truth[cell], lo), hi - 1) if lo <= self.truth[cell] <= hi else (
            (lo + hi) // 2)
        return (self.feasible({**reduced, cell: (lo, middle)})
                or self.feasible({**reduced, cell: (middle + 1, hi)}))

    def determined(self, cell: Cell) -> bool:
        """Is only one value of `cell` consistent with everything published?"""
        if cell in self.known:
            return True
        value = self.truth[cell]
        lo, hi = self.bounds[cell]
        below = value - 1 >= lo and self.feasible({**self.bounds, cell: (lo, value - 1)})
        if below:
            return False
        above = value + 1 <= hi and self.feasible({**self.bounds, cell: (value + 1, hi)})
        return not above

    # -- what the guarantees say --------------------------------------------------------------
    def small_cells_worked_out(self) -> list[Cell]:
        """Withheld cells holding 1..t-1 whose value the reader can pin down."""
        return [c for c in self.bounds if 0 < self.truth[c] < self.t and self.determined(c)]

    def small_differences(self, layout: Layout) -> list[tuple[Cell, int]]:
        """Lines whose known total minus the parts a reader can work out is 1..t-1."""
        determined = {c: self.determined(c) for c in self.truth}
        found = []
        for total, parts in layout.lines():
            if not determined[total]:
                continue
            rest = sum(self.truth[p] for p in parts if not determined[p])
            if 0 < rest < self.t:
                found.append((total, rest))
        return found


def visible_numbers(labels: Mapping[Cell, str]) -> list[int]:
    return [int(v) for v in labels.values() if v.isdigit()]
