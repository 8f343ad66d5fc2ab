"""Bounds on unpublished cells implied by published aggregates, by linear programming.

Each published figure becomes one or two linear constraints on the unknown yearly counts (an average is a
sum, a share of issued alerts is ``low * issued <= refused <= high * issued``, a peak marker is a set of
inequalities, a change on the previous year a ratio). Minimising and maximising each cell subject to all of
them gives exact bounds (integer counts: scipy's HiGHS MILP). Statements that are not linear (a share rising
every year) are checked against the optimal solutions and, separately, imposed with a local nonlinear solver.
An infeasible system is a finding: the smallest set of figures that conflict is named.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy.optimize import Bounds, LinearConstraint, linprog, milp, minimize

from interpol_review.ledger.series import ARTICLE_2, ARTICLE_2_OR_3, ARTICLE_3, ISSUED, OTHER, REFUSED_ALL, SERIES

ALMOST_DOUBLED = (1.75, 2.0)  # "almost doubled" read as a ratio between 1.75 and 2: stated in the methods
TOLERANCE = 1e-6
CELL = tuple[str, int]


@dataclass(frozen=True)
class Constraint:
    """``low <= sum(coefficient * cell) <= high``, from the figures named in ``figure_ids``."""

    name: str
    figure_ids: tuple[str, ...]
    coefficients: dict[CELL, float]
    low: float = -math.inf
    high: float = math.inf


@dataclass(frozen=True)
class RisingShare:
    """A nonlinear statement: refused / issued rises every year from ``start`` to ``end``."""

    figure_id: str
    start: int
    end: int

    def pairs(self) -> list[tuple[int, int]]:
        return [(year, year + 1) for year in range(self.start, self.end)]


@dataclass
class System:
    years: list[int]
    constraints: list[Constraint] = field(default_factory=list)
    rising_shares: list[RisingShare] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)

    @property
    def cells(self) -> list[CELL]:
        return [(series, year) for series in SERIES for year in self.years]


def structural_constraints(years: list[int]) -> list[Constraint]:
    """Grounds add up: Article 2 + Article 3 + other = all; 'Article 2 or 3' is Article 2 + Article 3."""
    constraints = []
    for year in years:
        constraints.append(
            Constraint(
                f"grounds add up to the total, {year}",
                (),
                {(ARTICLE_2, year): 1, (ARTICLE_3, year): 1, (OTHER, year): 1, (REFUSED_ALL, year): -1},
                0,
                0,
            )
        )
        constraints.append(
            Constraint(
                f"Article 2 or 3 is their sum, {year}",
                (),
                {(ARTICLE_2, year): 1, (ARTICLE_3, year): 1, (ARTICLE_2_OR_3, year): -1},
                0,
                0,
            )
        )
    return constraints


def build_system(review: pd.DataFrame, years: list[int], trend_statements_as_constraints: bool = True) -> System:
    """Translate the review figures (see series.review_figures) inside ``years`` into constraints."""
    system = System(years=list(years), constraints=structural_constraints(list(years)))
    window = set(years)
    for row in same_statement_once(review).itertuples(index=False):
        span = list(range(row.period_start, row.period_end + 1))
        if not set(span) <= window:
            continue
        fid, series = row.figure_id, row.series
        if row.kind in ("count", "approximate", "lower_bound", "upper_bound") and row.period_type == "year":
            system.constraints.append(
                Constraint(f"{fid}: {series} {row.period}", (fid,), {(series, row.period_start): 1}, row.low, row.high)
            )
        elif row.kind == "average_per_year":
            n = len(span)
            system.constraints.append(
                Constraint(
                    f"{fid}: average {series} {row.period}",
                    (fid,),
                    {(series, y): 1 for y in span},
                    n * row.low,
                    n * row.high,
                )
            )
        elif row.kind == "percent_of_issued":
            system.constraints += share_constraints(fid, series, span, row.low / 100, row.high / 100)
        elif row.kind == "change_percent_vs_previous_year" and row.period_start - 1 in window:
            year = row.period_start
            for factor, is_upper in ((1 + row.high / 100, True), (1 + row.low / 100, False)):
                coefficients = {(series, year): 1, (series, year - 1): -factor}
                system.constraints.append(
                    Constraint(
                        f"{fid}: change {series} {year}",
                        (fid,),
                        coefficients,
                        -math.inf if is_upper else 0,
                        0 if is_upper else math.inf,
                    )
                )
        elif row.kind == "trend_statement":
            statement(system, row, trend_statements_as_constraints)
        if row.qualifier.startswith("peak_of:"):
            start, end = (int(y) for y in row.qualifier.split(":")[1].split("-"))
            for other in range(start, end + 1):
                if other != row.period_start and other in window:
                    system.constraints.append(
                        Constraint(
                            f"{fid}: {series} peak in {row.period_start}",
                            (fid,),
                            {(series, row.period_start): 1, (series, other): -1},
                            0,
                        )
                    )
    return system


def same_statement_once(review: pd.DataFrame) -> pd.DataFrame:
    """One row per distinct statement: the same number from three sources is one constraint, named by all
    three ids, so that a conflict names every source of each side."""
    key = ["series", "period", "kind", "low", "high", "qualifier"]
    ids = review.groupby(key, dropna=False, sort=False)["figure_id"].transform(lambda f: "+".join(f))
    return review.assign(figure_id=ids).drop_duplicates(subset=key)


def share_constraints(fid: str, series: str, span: list[int], low: float, high: float) -> list[Constraint]:
    """low * sum(issued) <= sum(refused) <= high * sum(issued) over the span (one year or several)."""
    upper = {(series, y): 1.0 for y in span} | {(ISSUED, y): -high for y in span}
    lower = {(series, y): 1.0 for y in span} | {(ISSUED, y): -low for y in span}
    label = f"{span[0]}" if len(span) == 1 else f"{span[0]}-{span[-1]}"
    return [
        Constraint(f"{fid}: share of issued {label} (upper)", (fid,), upper, -math.inf, 0),
        Constraint(f"{fid}: share of issued {label} (lower)", (fid,), lower, 0, math.inf),
    ]


def statement(system: System, row, as_constraints: bool) -> None:
    """Trend statements: linear ones become constraints (or are only checked); rising shares are nonlinear."""
    word, years = row.qualifier.split(":")
    start, end = (int(y) for y in years.split("-"))
    if not {start, end} <= set(system.years):
        return
    fid, series = row.figure_id, row.series
    if word == "share_rising_each_year":
        system.rising_shares.append(RisingShare(fid, start, end))
    elif not as_constraints:
        system.ignored.append(f"{fid} ({row.qualifier}): checked, not imposed")
    elif word == "falling":
        for year in range(start, end):
            system.constraints.append(
                Constraint(
                    f"{fid}: {series} falls {year}-{year + 1}", (fid,), {(series, year): 1, (series, year + 1): -1}, 0
                )
            )
    elif word == "almost_doubled":
        low, high = ALMOST_DOUBLED
        system.constraints.append(
            Constraint(
                f"{fid}: {series} almost doubled {start}-{end}", (fid,), {(series, end): 1, (series, start): -low}, 0
            )
        )
        system.constraints.append(
            Constraint(
                f"{fid}: {series} at most doubled {start}-{end}",
                (fid,),
                {(series, end): 1, (series, start): -high},
                -math.inf,
                0,
            )
        )
    else:
        system.ignored.append(f"{fid} ({row.qualifier}): statement not understood, not used")


def matrix(system: System, constraints: list[Constraint]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    index = {cell: position for position, cell in enumerate(system.cells)}
    rows = np.zeros((len(constraints), len(index)))
    for number, constraint in enumerate(constraints):
        for cell, coefficient in constraint.coefficients.items():
            rows[number, index[cell]] += coefficient
    low = np.array([c.low for c in constraints])
    high = np.array([c.high for c in constraints])
    return rows, low, high


def optimise(system: System, objective: np.ndarray, constraints: list[Constraint], integer: bool):
    rows, low, high = matrix(system, constraints)
    return milp(
        c=objective,
        constraints=LinearConstraint(rows, low, high) if len(constraints) else None,
        integrality=np.ones(len(objective)) if integer else np.zeros(len(objective)),
        bounds=Bounds(0, np.inf),
    )


def feasible(system: System, constraints: list[Constraint] | None = None, integer: bool = True) -> bool:
    constraints = system.constraints if constraints is None else constraints
    return optimise(system, np.zeros(len(system.cells)), constraints, integer).status == 0


def conflicting_figures(system: System, integer: bool = True) -> list[str]:
    """A minimal set of figures whose constraints together are infeasible (deletion filter)."""
    groups: dict[str, list[Constraint]] = {}
    for constraint in system.constraints:
        groups.setdefault(",".join(constraint.figure_ids) or "structure", []).append(constraint)
    needed = list(groups)
    for name in list(groups):
        trial = [n for n in needed if n != name]
        if not feasible(system, [c for n in trial for c in groups[n]], integer):
            needed = trial
    return [name for name in needed if name != "structure"]


def binding(system: System, objective: np.ndarray) -> list[str]:
    """Figures whose constraints have a non-zero dual value in the linear relaxation: moving any of
    them would move the bound. (Integer bounds have no duals; the relaxation's are reported.)"""
    rows, low, high = matrix(system, system.constraints)
    equal = np.isclose(low, high)
    upper = ~equal & np.isfinite(high)
    lower = ~equal & np.isfinite(low)
    a_ub = np.vstack([rows[upper], -rows[lower]])
    b_ub = np.concatenate([high[upper], -low[lower]])
    result = linprog(
        objective, A_ub=a_ub, b_ub=b_ub, A_eq=rows[equal], b_eq=low[equal], bounds=(0, None), method="highs"
    )
    if result.status != 0:
        return []
    owners = [c for c, on in zip(system.constraints, upper, strict=True) if on] + [
        c for c, on in zip(system.constraints, lower, strict=True) if on
    ]
    duals = np.abs(np.concatenate([result.ineqlin.marginals, result.eqlin.marginals]))
    owners += [c for c, on in zip(system.constraints, equal, strict=True) if on]
    return sorted({fid for c, dual in zip(owners, duals, strict=True) if dual > TOLERANCE for fid in c.figure_ids})


class InfeasibleLedger(Exception):
    def __init__(self, figure_ids: list[str]):
        self.figure_ids = figure_ids
        super().__init__(f"the published figures {', '.join(figure_ids)} cannot all be true together")


def reconstruct(system: System, integer: bool = True) -> pd.DataFrame:
    """Exact bounds on every cell: one row per series and year, with the figures that bind each bound and
    whether the nonlinear statements (rising shares) hold at the solutions that attain them."""
    if not feasible(system, integer=integer):
        raise InfeasibleLedger(conflicting_figures(system, integer))
    rows = []
    for position, (series, year) in enumerate(system.cells):
        result = {"series": series, "year": year}
        for sense, sign in (("low", 1.0), ("high", -1.0)):
            objective = np.zeros(len(system.cells))
            objective[position] = sign
            solution = optimise(system, objective, system.constraints, integer)
            if solution.x is None:  # unbounded: only a maximum can be (a count is never below zero)
                result[sense], result[f"binding_{sense}"], result[f"rising_holds_{sense}"] = math.inf, "", None
                continue
            result[sense] = float(round(solution.x[position], 6))
            result[f"binding_{sense}"] = ", ".join(binding(system, objective))
            result[f"rising_holds_{sense}"] = rising_shares_hold(system, solution.x)
        rows.append(result)
    return pd.DataFrame(rows)


def rising_shares_hold(system: System, solution: np.ndarray) -> bool | None:
    if not system.rising_shares:
        return None
    index = {cell: position for position, cell in enumerate(system.cells)}
    for statement_ in system.rising_shares:
        for year, following in statement_.pairs():
            before = solution[index[(REFUSED_ALL, year)]] * solution[index[(ISSUED, following)]]
            after = solution[index[(REFUSED_ALL, following)]] * solution[index[(ISSUED, year)]]
            if after < before - TOLERANCE:
                return False
    return True


def nonlinear_bounds(system: System, linear: pd.DataFrame, cells: list[CELL]) -> pd.DataFrame:
    """Bounds with the rising-share statements imposed, by SLSQP started from each linear optimum.

    The problem is not convex, so these are local optima: tighter than (or equal to) the linear bounds,
    reported as the effect of the statement, not as exact bounds.
    """
    rows, low, high = matrix(system, system.constraints)
    index = {cell: position for position, cell in enumerate(system.cells)}
    finite_low, finite_high = np.isfinite(low), np.isfinite(high)
    scale = np.maximum(1.0, np.abs(rows).sum(axis=1) * 1000)
    lower_rows, upper_rows = (rows / scale[:, None])[finite_low], (rows / scale[:, None])[finite_high]
    lower_bounds, upper_bounds = (low / scale)[finite_low], (high / scale)[finite_high]
    # Exact Jacobians: SLSQP would otherwise spend most of its time on finite differences.
    constraints = [
        {"type": "ineq", "fun": lambda x: lower_rows @ x - lower_bounds, "jac": lambda x: lower_rows},
        {"type": "ineq", "fun": lambda x: upper_bounds - upper_rows @ x, "jac": lambda x: -upper_rows},
    ]
    for statement_ in system.rising_shares:
        for year, following in statement_.pairs():
            r0, r1 = index[(REFUSED_ALL, year)], index[(REFUSED_ALL, following)]
            i0, i1 = index[(ISSUED, year)], index[(ISSUED, following)]
            constraints.append(
                {
                    "type": "ineq",
                    "fun": lambda x, a=r0, b=r1, c=i0, d=i1: (x[b] * x[c] - x[a] * x[d]) / 1e6,
                    "jac": lambda x, a=r0, b=r1, c=i0, d=i1: rising_gradient(len(x), x, a, b, c, d),
                }
            )
    results = []
    starts = starting_points(system, linear)
    for series, year in cells:
        position = index[(series, year)]
        found = {}
        for sense, sign in (("low", 1.0), ("high", -1.0)):
            best = None
            objective = np.zeros(len(system.cells))
            objective[position] = sign
            linear_optimum = optimise(system, objective, system.constraints, integer=False).x
            # The linear optimum is the natural start; the midpoints are a fallback if SLSQP fails from it.
            for start in ([linear_optimum] if linear_optimum is not None else []) + starts:
                if best is not None:
                    break
                gradient = np.zeros(len(start))
                gradient[position] = sign
                solution = minimize(
                    lambda x, p=position, s=sign: s * x[p],
                    start,
                    method="SLSQP",
                    jac=lambda x, g=gradient: g,
                    constraints=constraints,
                    bounds=[(0, None)] * len(start),
                    options={"maxiter": 500, "ftol": 1e-10},
                )
                if solution.success and all(np.all(c["fun"](solution.x) >= -1e-6) for c in constraints):
                    value = solution.x[position]
                    best = value if best is None else (min(best, value) if sign > 0 else max(best, value))
            found[sense] = best
        results.append({"series": series, "year": year, "nonlinear_low": found["low"], "nonlinear_high": found["high"]})
    return pd.DataFrame(results)


def rising_gradient(size: int, x: np.ndarray, a: int, b: int, c: int, d: int) -> np.ndarray:
    """Gradient of (R[b] * I[c] - R[a] * I[d]) / 1e6, the rising-share constraint between two years."""
    gradient = np.zeros(size)
    gradient[b], gradient[c], gradient[a], gradient[d] = x[c] / 1e6, x[b] / 1e6, -x[d] / 1e6, -x[a] / 1e6
    return gradient


def starting_points(system: System, linear: pd.DataFrame) -> list[np.ndarray]:
    """Midpoints of the linear bounds, where finite: a feasible-looking start for the local solver."""
    middle = linear.assign(
        mid=np.where(np.isfinite(linear["high"]), (linear["low"] + linear["high"]) / 2, linear["low"])
    )
    lookup = middle.set_index(["series", "year"])["mid"]
    return [np.array([lookup[cell] for cell in system.cells], dtype=float)]
