"""Bounds on unpublished cells implied by published aggregates, by linear programming.

Minimising and maximising each cell subject to every constraint of the published figures
(checks/constraints.py) gives exact bounds: with integer counts (scipy's HiGHS MILP), no value outside them
is compatible with the figures, and every value inside is attained by some table that is. A figure
*binds* a bound when dropping it widens the bound (tested by dropping it, not read from dual values,
which are degenerate here). Where single cells mislead, the sum of several cells is bounded too: two
years each known only within 0-2,542 may together be known within 2,277-2,542.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from scipy.optimize import linprog

from interpol_review.checks.constraints import (
    CELL,
    Constraint,
    System,
    conflicting_figures,
    feasible,
    matrix,
    optimise,
)

TOLERANCE = 1e-6


class InfeasibleLedger(Exception):
    def __init__(self, figure_ids: list[str]):
        self.figure_ids = figure_ids
        super().__init__(f"the published figures {', '.join(figure_ids)} cannot all be true together")


def cell_bounds(system: System, integer: bool = True) -> pd.DataFrame:
    """Exact bounds on every cell: one row per series and year (``high`` infinite where unbounded)."""
    if not feasible(system, integer=integer):
        raise InfeasibleLedger(conflicting_figures(system, integer))
    rows = []
    for position, (series, year) in enumerate(system.cells):
        low, high = objective_bounds(system, unit(len(system.cells), position), system.constraints, integer)
        rows.append({"series": series, "year": year, "low": low, "high": high})
    return pd.DataFrame(rows)


def unit(size: int, position: int) -> np.ndarray:
    vector = np.zeros(size)
    vector[position] = 1.0
    return vector


def objective_bounds(
    system: System, objective: np.ndarray, constraints: list[Constraint], integer: bool = True
) -> tuple[float, float]:
    """Smallest and largest value of ``objective @ cells`` (infinite when unbounded)."""
    found = []
    for sign in (1.0, -1.0):
        solution = optimise(system, sign * objective, constraints, integer)
        found.append(math.inf * sign if solution.x is None else float(round(sign * solution.fun, 6)))
    return found[0] if math.isfinite(found[0]) else 0.0, found[1] if found[1] > -math.inf else math.inf


def lp_solution(rows, low, high, objective, keep: np.ndarray):
    """Continuous minimum of ``objective`` over the constraints kept, with the rows tight at the optimum
    (a fast relaxation for the binding test)."""
    rows, low, high = rows[keep], low[keep], high[keep]
    equal = np.isclose(low, high)
    upper = ~equal & np.isfinite(high)
    lower = ~equal & np.isfinite(low)
    result = linprog(
        objective,
        A_ub=np.vstack([rows[upper], -rows[lower]]),
        b_ub=np.concatenate([high[upper], -low[lower]]),
        A_eq=rows[equal] if equal.any() else None,
        b_eq=low[equal] if equal.any() else None,
        bounds=(0, None),
        method="highs",
    )
    if result.status != 0:
        return -math.inf, np.zeros(len(rows), dtype=bool)
    tight = equal.copy()
    slack = result.ineqlin.residual
    tight[np.flatnonzero(upper)] |= slack[: upper.sum()] < 1e-6
    tight[np.flatnonzero(lower)] |= slack[upper.sum() :] < 1e-6
    return result.fun, tight


def binding_figures(system: System, cells: list[CELL]) -> pd.DataFrame:
    """For each cell and sense (low, high), the figures whose removal widens the bound.

    Each figure (or group of identical statements) is dropped in turn and the relaxed bound recomputed: a
    figure binds when the bound moves by more than a hundredth of an alert. Only figures with a constraint
    tight at the optimum are tried: dropping a slack constraint cannot move the optimum of a linear program.
    """
    rows, low, high = matrix(system, system.constraints)
    groups = np.array(["+".join(c.figure_ids) for c in system.constraints])
    index = system.index()
    found = []
    for cell in cells:
        for sense, sign in (("low", 1.0), ("high", -1.0)):
            objective = sign * unit(len(system.cells), index[cell])
            base, tight = lp_solution(rows, low, high, objective, np.ones(len(groups), dtype=bool))
            candidates = sorted({name for name in groups[tight] if name})
            binding = [
                name for name in candidates if lp_solution(rows, low, high, objective, groups != name)[0] < base - 0.01
            ]
            found.append({"series": cell[0], "year": cell[1], "sense": sense, "binding": ", ".join(binding)})
    return pd.DataFrame(found, columns=["series", "year", "sense", "binding"])


def joint_bounds(system: System, groups: list[tuple[str, list[int]]], integer: bool = True) -> pd.DataFrame:
    """Bounds on the sum of several years of one series: what the figures pin down together."""
    index = system.index()
    rows = []
    for series, years in groups:
        objective = np.zeros(len(system.cells))
        for year in years:
            objective[index[(series, year)]] = 1.0
        low, high = objective_bounds(system, objective, system.constraints, integer)
        rows.append({"series": series, "years": tuple(years), "low": low, "high": high})
    return pd.DataFrame(rows, columns=["series", "years", "low", "high"])
