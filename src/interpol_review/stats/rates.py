"""Refused or cancelled alerts per 1,000 issued, by grounds and year: the rates the published figures
allow, and the same with the randomness of yearly counts added.

The published figures rarely give a year's count and its denominator; they give aggregates that bind the
two together (a share of alerts issued links them). So a rate is not read off the corners of two separate
ranges: the set of (count, issued) pairs the figures allow is the projection of the reconstruction's
constraints onto those two cells, a convex polygon. Its smallest and largest ratio come from a
linear-fractional program (Charnes-Cooper transformation: exact). Count randomness is added over that set:
the interval of one count with a known exposure (exact Poisson, Wilson or Jeffreys) is computed along the
polygon's boundary, where its limits reach their extremes (each limit is monotone in count and exposure).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from scipy import stats
from scipy.optimize import linprog
from statsmodels.stats.proportion import proportion_confint

from interpol_review.checks.constraints import System, matrix
from interpol_review.core.choices import INTERVAL_METHODS
from interpol_review.ledger.series import ISSUED, REFUSAL_SERIES
from interpol_review.ledger.status import Status, weakest

PER = 1000
DIRECTIONS = 24  # support directions that trace the polygon of allowed (count, issued) pairs
EDGE_POINTS = 25  # points per polygon edge where the count-randomness limits are evaluated


def garwood(count: float, confidence: float) -> tuple[float, float]:
    """Exact Poisson limits for the mean of an observed count (chi-square form of Garwood, 1936)."""
    alpha = 1 - confidence
    low = 0.0 if count <= 0 else stats.chi2.ppf(alpha / 2, 2 * count) / 2
    high = stats.chi2.ppf(1 - alpha / 2, 2 * count + 2) / 2
    return float(low), float(high)


def count_interval(count: float, exposure: float, confidence: float, method: str) -> tuple[float, float]:
    """Interval for the rate (per alert issued) of one count with a known exposure."""
    if method == "exact_poisson":
        low, high = garwood(count, confidence)
        return low / exposure, high / exposure
    if method in ("wilson", "jeffreys"):
        count = min(count, exposure)
        low, high = proportion_confint(count, exposure, alpha=1 - confidence, method=method)
        return float(low), float(high)
    raise ValueError(f"unknown interval method {method!r}; expected one of {sorted(INTERVAL_METHODS)}")


def ratio_range(system: System, count_cell: tuple, exposure_cell: tuple, box: dict) -> tuple[float, float]:
    """Smallest and largest count / exposure over the constraints (Charnes-Cooper: y = t x, t = 1 / exposure),
    with every cell also held within ``box`` {cell: (low, high)}."""
    rows, low, high = constraint_rows(system, box)
    index = system.index()
    size = len(system.cells)
    found = []
    for sign in (1.0, -1.0):
        objective = np.zeros(size + 1)
        objective[index[count_cell]] = sign
        # A y - b t <= 0 for each row; exposure y = 1; y, t >= 0.
        upper = np.isfinite(high)
        lower = np.isfinite(low)
        a_ub = np.vstack([np.hstack([rows[upper], -high[upper, None]]), np.hstack([-rows[lower], low[lower, None]])])
        normalise = np.zeros((1, size + 1))
        normalise[0, index[exposure_cell]] = 1.0
        result = linprog(
            objective, A_ub=a_ub, b_ub=np.zeros(len(a_ub)), A_eq=normalise, b_eq=[1.0], bounds=(0, None), method="highs"
        )
        found.append(sign * result.fun if result.status == 0 else (0.0 if sign > 0 else math.inf))
    return found[0], found[1]


def constraint_rows(system: System, box: dict) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The system's constraints plus one row per boxed cell."""
    rows, low, high = matrix(system, system.constraints)
    index = system.index()
    extra = np.zeros((len(box), len(system.cells)))
    extra_low, extra_high = np.zeros(len(box)), np.zeros(len(box))
    for number, (cell, (cell_low, cell_high)) in enumerate(box.items()):
        extra[number, index[cell]] = 1.0
        extra_low[number], extra_high[number] = cell_low, cell_high
    return np.vstack([rows, extra]), np.concatenate([low, extra_low]), np.concatenate([high, extra_high])


def allowed_pairs(system: System, count_cell: tuple, exposure_cell: tuple, box: dict) -> np.ndarray:
    """Vertices of the polygon of (count, exposure) pairs the figures allow, traced by support LPs."""
    rows, low, high = constraint_rows(system, box)
    index = system.index()
    equal = np.isclose(low, high)
    upper, lower = ~equal & np.isfinite(high), ~equal & np.isfinite(low)
    a_ub = np.vstack([rows[upper], -rows[lower]])
    b_ub = np.concatenate([high[upper], -low[lower]])
    points = []
    for angle in np.linspace(0, 2 * math.pi, DIRECTIONS, endpoint=False):
        objective = np.zeros(len(system.cells))
        objective[index[count_cell]] = -math.cos(angle) / 1000  # counts and exposures differ by 1,000-fold
        objective[index[exposure_cell]] = -math.sin(angle) / 30000
        result = linprog(
            objective, A_ub=a_ub, b_ub=b_ub, A_eq=rows[equal], b_eq=low[equal], bounds=(0, None), method="highs"
        )
        if result.status == 0:
            points.append((result.x[index[count_cell]], result.x[index[exposure_cell]]))
    return convex_boundary(np.unique(np.round(points, 6), axis=0))


def convex_boundary(points: np.ndarray) -> np.ndarray:
    """Points along the convex hull (Andrew's monotone chain; a point or a segment stays as it is), with
    EDGE_POINTS between neighbours."""
    if len(points) <= 2:
        hull = points
    else:
        ordered = sorted(map(tuple, points))

        def half(sequence):
            chain = []
            for point in sequence:
                while len(chain) >= 2 and cross(chain[-2], chain[-1], point) <= 0:
                    chain.pop()
                chain.append(point)
            return chain

        hull = np.array(half(ordered)[:-1] + half(ordered[::-1])[:-1])
    if len(hull) == 1:
        return hull
    loop = np.vstack([hull, hull[:1]])
    return np.vstack([np.linspace(a, b, EDGE_POINTS, endpoint=False) for a, b in zip(loop[:-1], loop[1:], strict=True)])


def cross(o, a, b) -> float:
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])


def rates(
    panel_table: pd.DataFrame,
    system: System,
    confidence: float = 0.95,
    method: str = "exact_poisson",
    with_randomness: bool = True,
):
    """Refused or cancelled per 1,000 alerts issued: one row per year and grounds where the denominator is
    bounded. ``set_low``/``set_high``: the rates the published figures allow; ``low``/``high``: the same
    with the count's randomness added (the report's interval; NaN without ``with_randomness``, which
    sensitivity refits do not need); ``rate_per_1000``: the point rate where count and denominator were
    both published."""
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must be between 0 and 1, got {confidence}")
    cells = panel_table.set_index(["series", "year"])
    box = {key: (row.low, row.high) for key, row in cells.iterrows() if key in system.index()}
    rows = []
    for (series, year), cell in cells.iterrows():
        if series not in REFUSAL_SERIES or (ISSUED, year) not in cells.index:
            continue
        exposure = cells.loc[(ISSUED, year)]
        if not (math.isfinite(exposure["high"]) and exposure["low"] > 0 and math.isfinite(cell["high"])):
            continue
        count_cell, exposure_cell = (series, year), (ISSUED, year)
        if cell["low"] == cell["high"] and exposure["low"] == exposure["high"]:
            pairs = np.array([[cell["low"], exposure["low"]]])
            set_low = set_high = cell["low"] / exposure["low"]
        elif count_cell in system.index():
            set_low, set_high = ratio_range(system, count_cell, exposure_cell, box)
            pairs = allowed_pairs(system, count_cell, exposure_cell, box) if with_randomness else np.empty((0, 2))
        else:  # outside the reconstruction's years: the two ranges are unrelated, so every pair is allowed
            pairs = np.array([[cell["low"], exposure["high"]], [cell["high"], exposure["low"]]])
            set_low, set_high = cell["low"] / exposure["high"], cell["high"] / exposure["low"]
        limits = [count_interval(count, alerts, confidence, method) for count, alerts in pairs]
        limits = limits or [(math.nan, math.nan)]
        published = cell["status"] == Status.PUBLISHED and exposure["status"] == Status.PUBLISHED
        rows.append(
            {
                "year": int(year),
                "series": series,
                "status": weakest(cell["status"], exposure["status"]).value,
                "rate_per_1000": PER * cell["value"] / exposure["value"] if published else math.nan,
                "set_low": PER * set_low,
                "set_high": PER * set_high,
                "low": PER * min(set_low, min(low for low, _ in limits)) if with_randomness else math.nan,
                "high": PER * max(set_high, max(high for _, high in limits)) if with_randomness else math.nan,
                "scope_break": bool(cell["scope_break"]),
            }
        )
    return pd.DataFrame(rows).sort_values(["series", "year"]).reset_index(drop=True)
