"""Exact bounds under the statement that the share of alerts refused or cancelled rose every year.

The statement links two years by ``refused[a] * issued[b] <= refused[b] * issued[a]``: a product of two
unknowns, so the problem is not linear. Spatial branch and bound certifies the bounds instead of trusting
a local solver: over a box of the counts that enter the products, each product is replaced by its
McCormick envelope (a linear relaxation, whose optimum is a valid bound), and fixing the issued counts at
the relaxation's solution makes the statement linear and gives a table that satisfies every figure (an
attained value). Boxes are split until the bound and the attained value meet within ``TOLERANCE``.
"""

from __future__ import annotations

import heapq
import itertools
import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.optimize import linprog

from interpol_review.checks.constraints import CELL, System, matrix
from interpol_review.ledger.series import ISSUED, REFUSED_ALL

TOLERANCE = 0.25  # alerts: the certified bound and an attained value differ by less than this
MAX_BOXES = 3000  # a guard; the real ledger needs a few dozen boxes per bound
SCALE = 1e-3  # products are carried in thousands of alert-alerts, to keep the LP well conditioned
BOX = dict[int, tuple[float, float]]


@dataclass(frozen=True)
class Bound:
    value: float  # the certified bound (a valid lower bound of a minimum)
    attained: float  # a value attained by a table that satisfies every statement
    boxes: int  # boxes examined
    certified: bool  # the gap closed within TOLERANCE (False only if MAX_BOXES was reached)


class Relaxation:
    """The linear system plus the rising-share statements, with each product as an extra variable."""

    def __init__(self, system: System, linear: pd.DataFrame):
        index = system.index()
        bounds = linear.set_index(["series", "year"])
        self.cells = len(system.cells)
        self.low = np.array([bounds.loc[cell, "low"] for cell in system.cells], dtype=float)
        self.high = np.array([bounds.loc[cell, "high"] for cell in system.cells], dtype=float)
        pairs = [pair for statement in system.rising_shares for pair in statement.pairs()]
        # Pair (a, b): refused[a] * issued[b] <= refused[b] * issued[a]; terms listed left, then right.
        left = [(index[(REFUSED_ALL, a)], index[(ISSUED, b)]) for a, b in pairs]
        right = [(index[(REFUSED_ALL, b)], index[(ISSUED, a)]) for a, b in pairs]
        self.products = sorted(set(left + right))
        self.size = self.cells + len(self.products)
        self.branching = sorted({variable for product in self.products for variable in product})
        rows, low, high = matrix(system, system.constraints)
        rows = np.hstack([rows, np.zeros((len(rows), len(self.products)))])
        equal = np.isclose(low, high)
        self.equal_rows, self.equal_bounds = rows[equal], low[equal]
        upper, lower = ~equal & np.isfinite(high), ~equal & np.isfinite(low)
        statement_rows = np.zeros((len(pairs), self.size))
        for number, (a, b) in enumerate(zip(left, right, strict=True)):
            statement_rows[number, self.cells + self.products.index(a)] += 1
            statement_rows[number, self.cells + self.products.index(b)] -= 1
        self.static_rows = np.vstack([rows[upper], -rows[lower], statement_rows])
        self.static_bounds = np.concatenate([high[upper], -low[lower], np.zeros(len(pairs))])

    def root(self) -> BOX:
        return {variable: (self.low[variable], self.high[variable]) for variable in self.branching}

    def solve(self, objective: np.ndarray, box: BOX) -> tuple[float, np.ndarray] | None:
        """The relaxation's optimum over ``box``, or None if the box holds no feasible point."""
        low, high = self.low.copy(), self.high.copy()
        for variable, (box_low, box_high) in box.items():
            low[variable], high[variable] = box_low, box_high
        envelope_rows, envelope_bounds = [], []
        for number, (refused, issued) in enumerate(self.products):
            rows, bounds = mccormick(self.size, self.cells + number, refused, issued, low, high)
            envelope_rows += rows
            envelope_bounds += bounds
        result = linprog(
            np.concatenate([objective, np.zeros(len(self.products))]),
            A_ub=np.vstack([self.static_rows, envelope_rows]),
            b_ub=np.concatenate([self.static_bounds, envelope_bounds]),
            A_eq=self.equal_rows if len(self.equal_rows) else None,
            b_eq=self.equal_bounds if len(self.equal_rows) else None,
            bounds=list(zip(low, high, strict=True)) + [(None, None)] * len(self.products),
            method="highs",
        )
        return (result.fun, result.x) if result.status == 0 else None

    def attained(self, objective: np.ndarray, solution: np.ndarray) -> float | None:
        """With every issued count fixed where the relaxation put it, the statement is linear and the
        envelopes exact: the optimum is attained by a table that satisfies every figure."""
        issued = {variable for _, variable in self.products}
        box = {variable: (solution[variable], solution[variable]) for variable in issued}
        exact = self.solve(objective, box)
        return None if exact is None else exact[0]

    def widest_gap(self, box: BOX, solution: np.ndarray) -> int:
        """The variable to split: of the product whose envelope is furthest from the true product at the
        relaxation's solution, the factor whose range contributes more to that gap."""
        gaps = [
            abs(solution[self.cells + number] - solution[refused] * solution[issued] * SCALE)
            for number, (refused, issued) in enumerate(self.products)
        ]
        refused, issued = self.products[int(np.argmax(gaps))]
        width = {variable: box[variable][1] - box[variable][0] for variable in (refused, issued)}
        return refused if width[refused] * box[issued][1] >= width[issued] * box[refused][1] else issued


def mccormick(size: int, product: int, refused: int, issued: int, low: np.ndarray, high: np.ndarray):
    """The four inequalities of the McCormick envelope of w = refused * issued * SCALE, as (rows, bounds)
    of A_ub x <= b_ub: w >= rL I + R iL - rL iL, w >= rU I + R iU - rU iU, w <= rU I + R iL - rU iL and
    w <= rL I + R iU - rL iU."""
    rows, bounds = [], []
    for sign, r_bound, i_bound in ((-1, low, low), (-1, high, high), (1, high, low), (1, low, high)):
        row = np.zeros(size)
        row[product] = sign
        row[issued] = -sign * r_bound[refused] * SCALE
        row[refused] = -sign * i_bound[issued] * SCALE
        rows.append(row)
        bounds.append(-sign * r_bound[refused] * i_bound[issued] * SCALE)
    return rows, bounds


def certified_minimum(relaxation: Relaxation, objective: np.ndarray) -> Bound:
    """Spatial branch and bound, lowest relaxation bound first.

    Every box left unexplored has a relaxation bound of at least the attained value minus TOLERANCE, so the
    true minimum lies between the smallest such bound and the attained value.
    """
    root = relaxation.root()
    first = relaxation.solve(objective, root)
    if first is None:
        raise ValueError("the statements cannot all hold: no table satisfies them")
    counter = itertools.count()
    queue = [(first[0], next(counter), root, first[1])]
    attained, lowest_pruned, boxes = math.inf, math.inf, 0
    while queue:
        bound, _, box, solution = heapq.heappop(queue)
        if bound >= attained - TOLERANCE:
            lowest_pruned = min(lowest_pruned, bound)  # every box still queued has a larger bound
            break
        if boxes >= MAX_BOXES:
            return Bound(value=bound, attained=attained, boxes=boxes, certified=False)
        boxes += 1
        value = relaxation.attained(objective, solution)
        attained = min(attained, value) if value is not None else attained
        for child in split(box, relaxation.widest_gap(box, solution), solution):
            solved = relaxation.solve(objective, child)
            if solved is None:
                continue
            if solved[0] < attained - TOLERANCE:
                heapq.heappush(queue, (solved[0], next(counter), child, solved[1]))
            else:
                lowest_pruned = min(lowest_pruned, solved[0])
    return Bound(value=min(attained, lowest_pruned), attained=attained, boxes=boxes, certified=True)


def split(box: BOX, variable: int, solution: np.ndarray) -> list[BOX]:
    """Two boxes, cut across ``variable`` at the relaxation's solution (or the middle, near an edge)."""
    low, high = box[variable]
    margin = 0.05 * (high - low)
    cut = solution[variable] if low + margin < solution[variable] < high - margin else (low + high) / 2
    return [box | {variable: (low, cut)}, box | {variable: (cut, high)}]


def objective_bounds(relaxation: Relaxation, objective: np.ndarray) -> tuple[float, float, int, bool]:
    """(low, high, boxes, certified) of ``objective @ cells``, rounded inwards to whole alerts."""
    minimum = certified_minimum(relaxation, objective)
    maximum = certified_minimum(relaxation, -objective)
    low, high = float(math.ceil(minimum.value - 1e-6)), float(math.floor(-maximum.value + 1e-6))
    return low, high, minimum.boxes + maximum.boxes, minimum.certified and maximum.certified


def exact_bounds(system: System, linear: pd.DataFrame, cells: list[CELL]) -> pd.DataFrame:
    """Certified bounds on ``cells`` with the rising-share statements imposed (columns low, high, boxes,
    certified)."""
    relaxation, index = Relaxation(system, linear), system.index()
    rows = []
    for series, year in cells:
        objective = np.zeros(relaxation.cells)
        objective[index[(series, year)]] = 1.0
        low, high, boxes, certified = objective_bounds(relaxation, objective)
        rows.append({"series": series, "year": year, "low": low, "high": high, "boxes": boxes, "certified": certified})
    return pd.DataFrame(rows)


def exact_sum_bounds(system: System, linear: pd.DataFrame, groups: list[tuple[str, list[int]]]) -> pd.DataFrame:
    """Certified bounds on the sum of several years of one series, with the statements imposed."""
    relaxation, index = Relaxation(system, linear), system.index()
    rows = []
    for series, years in groups:
        objective = np.zeros(relaxation.cells)
        for year in years:
            objective[index[(series, year)]] = 1.0
        low, high, _, _ = objective_bounds(relaxation, objective)
        rows.append({"series": series, "years": tuple(years), "low": low, "high": high})
    return pd.DataFrame(rows, columns=["series", "years", "low", "high"])
