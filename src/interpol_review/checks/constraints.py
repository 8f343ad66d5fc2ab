"""The task force's published figures as linear constraints on the unknown yearly counts.

Each figure becomes one or two constraints (an average is a sum, a share of issued alerts is
``low * issued <= refused <= high * issued``, a peak marker is a set of inequalities, a change on the
previous year a ratio). Statements that are not linear (a share rising every year) are kept apart.
Whether the figures can all be true together is a property of the ledger (checks/feasibility.py); how
far they pin each cell is the reconstruction's (stats/reconstruct.py).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy.optimize import Bounds, LinearConstraint, milp

from interpol_review.ledger.figure_rules import qualifier_items, qualifier_span
from interpol_review.ledger.series import ARTICLE_2, ARTICLE_2_OR_3, ARTICLE_3, ISSUED, OTHER, REFUSED_ALL, SERIES
from interpol_review.ledger.vocabulary import LEVEL_KINDS

ALMOST_DOUBLED = (1.75, 2.0)  # "almost doubled" read as a ratio between 1.75 and 2: stated in the methods
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
    checked_only: list[str] = field(default_factory=list)  # statements checked against the bounds, not imposed

    @property
    def cells(self) -> list[CELL]:
        return [(series, year) for series in SERIES for year in self.years]

    def index(self) -> dict[CELL, int]:
        return {cell: position for position, cell in enumerate(self.cells)}

    def groups(self) -> dict[str, list[Constraint]]:
        """Constraints by the figures they come from ("structure" for the grounds adding up)."""
        grouped: dict[str, list[Constraint]] = {}
        for constraint in self.constraints:
            grouped.setdefault("+".join(constraint.figure_ids) or "structure", []).append(constraint)
        return grouped


def structural_constraints(years: list[int]) -> list[Constraint]:
    """Grounds add up: Article 2 + Article 3 + other = all; 'Article 2 or 3' is Article 2 + Article 3."""
    constraints = []
    for year in years:
        parts = {(ARTICLE_2, year): 1, (ARTICLE_3, year): 1, (OTHER, year): 1, (REFUSED_ALL, year): -1}
        pair = {(ARTICLE_2, year): 1, (ARTICLE_3, year): 1, (ARTICLE_2_OR_3, year): -1}
        constraints.append(Constraint(f"grounds add up to the total, {year}", (), parts, 0, 0))
        constraints.append(Constraint(f"Article 2 or 3 is their sum, {year}", (), pair, 0, 0))
    return constraints


def build_system(review: pd.DataFrame, years: list[int], rising_share: str = "impose") -> System:
    """Translate the review figures (see ledger.series.review_figures) inside ``years`` into constraints.

    ``rising_share`` "impose" keeps the nonlinear statement for the exact nonlinear bounds; "check" only
    records it.
    """
    system = System(years=list(years), constraints=structural_constraints(list(years)))
    window = set(years)
    for row in same_statement_once(review).itertuples(index=False):
        if not set(range(row.period_start, row.period_end + 1)) <= window:
            continue
        system.constraints += figure_constraints(row, window)
        if row.kind == "trend_statement":
            trend_statement(system, row, rising_share)
    return system


def figure_constraints(row, window: set[int]) -> list[Constraint]:
    """The linear constraints one figure (one distinct statement) puts on the cells."""
    fid, series = (row.figure_id,), row.series
    span = list(range(row.period_start, row.period_end + 1))
    constraints = []
    if row.kind in LEVEL_KINDS and row.period_type == "year":
        name = f"{row.figure_id}: {series} {row.period}"
        constraints.append(Constraint(name, fid, {(series, row.period_start): 1}, row.low, row.high))
    elif row.kind == "average_per_year":
        cells = {(series, year): 1 for year in span}
        name = f"{row.figure_id}: average {series} {row.period}"
        constraints.append(Constraint(name, fid, cells, len(span) * row.low, len(span) * row.high))
    elif row.kind == "percent_of_issued":
        constraints += share_constraints(row.figure_id, series, span, row.low / 100, row.high / 100)
    elif row.kind == "change_percent_vs_previous_year" and row.period_start - 1 in window:
        year = row.period_start
        for factor, is_upper in ((1 + row.high / 100, True), (1 + row.low / 100, False)):
            coefficients = {(series, year): 1, (series, year - 1): -factor}
            low, high = (-math.inf, 0) if is_upper else (0, math.inf)
            constraints.append(Constraint(f"{row.figure_id}: change {series} {year}", fid, coefficients, low, high))
    peak = qualifier_span(row.qualifier, "peak_of")
    if peak:
        for other in range(peak[0], peak[1] + 1):
            if other != row.period_start and other in window:
                coefficients = {(series, row.period_start): 1, (series, other): -1}
                constraints.append(Constraint(f"{row.figure_id}: {series} peak in {row.period}", fid, coefficients, 0))
    return constraints


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


def trend_statement(system: System, row, rising_share: str) -> None:
    """Linear statements become constraints; the rising share is nonlinear: imposed exactly or checked."""
    items = qualifier_items(row.qualifier)
    fid, series = (row.figure_id,), row.series
    if "share_rising_each_year" in items:
        start, end = qualifier_span(row.qualifier, "share_rising_each_year")
        if rising_share == "impose":
            system.rising_shares.append(RisingShare(row.figure_id, start, end))
        else:
            system.checked_only.append(f"{row.figure_id}: the share rose every year {start}-{end}")
    elif "falling" in items:
        start, end = qualifier_span(row.qualifier, "falling")
        for year in range(start, end):
            coefficients = {(series, year): 1, (series, year + 1): -1}
            system.constraints.append(
                Constraint(f"{row.figure_id}: {series} falls {year}-{year + 1}", fid, coefficients, 0)
            )
    elif "almost_doubled" in items:
        start, end = qualifier_span(row.qualifier, "almost_doubled")
        low, high = ALMOST_DOUBLED
        name = f"{row.figure_id}: {series} almost doubled {start}-{end}"
        system.constraints.append(Constraint(name, fid, {(series, end): 1, (series, start): -low}, 0))
        system.constraints.append(Constraint(name, fid, {(series, end): 1, (series, start): -high}, -math.inf, 0))


def matrix(system: System, constraints: list[Constraint]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    index = system.index()
    rows = np.zeros((len(constraints), len(index)))
    for number, constraint in enumerate(constraints):
        for cell, coefficient in constraint.coefficients.items():
            rows[number, index[cell]] += coefficient
    low = np.array([c.low for c in constraints])
    high = np.array([c.high for c in constraints])
    return rows, low, high


def optimise(system: System, objective: np.ndarray, constraints: list[Constraint], integer: bool = True):
    """scipy's HiGHS MILP over non-negative cells (integer counts unless ``integer`` is False)."""
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
    """A smallest set of figures whose constraints together are infeasible (deletion filter): dropping
    any one of them makes the rest feasible."""
    groups = system.groups()
    needed = list(groups)
    for name in list(groups):
        trial = [n for n in needed if n != name]
        if not feasible(system, [c for n in trial for c in groups[n]], integer):
            needed = trial
    return [name for name in needed if name != "structure"]
