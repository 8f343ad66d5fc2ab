"""Refused or cancelled alerts per 1,000 issued, by grounds and year, with intervals.

Two uncertainties are combined. The count process: a yearly count is treated as one draw of a Poisson
count with exposure "alerts issued" (exact Garwood interval, the default) or as a binomial share of alerts
issued (Wilson or Jeffreys). The inputs: a count or a denominator known only within [low, high] (rounding,
bounds, reconstruction). The reported interval is the union of the count-process intervals over that
box: the lowest lower limit (fewest refusals, most alerts) to the highest upper limit (most refusals,
fewest alerts). The limits are monotone in both inputs, so the two corners give the union exactly.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from scipy import stats
from statsmodels.stats.proportion import proportion_confint

from interpol_review.ledger.series import ISSUED, REFUSAL_SERIES
from interpol_review.stats.panel import BOUNDED, MISSING, OBSERVED, RECONSTRUCTED

INTERVAL_METHODS = {
    "exact_poisson": "exact (Garwood) Poisson interval for the count, divided by alerts issued",
    "wilson": "Wilson score interval for the share of alerts issued",
    "jeffreys": "Jeffreys (Beta(1/2, 1/2) prior) interval for the share of alerts issued",
}
PER = 1000
STATUS_RANK = {OBSERVED: 0, BOUNDED: 1, RECONSTRUCTED: 2, MISSING: 3}


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


def rate_interval(
    count_low: float, count_high: float, exposure_low: float, exposure_high: float, confidence: float, method: str
) -> tuple[float, float]:
    """Union of count-process intervals over the box [count_low, count_high] x [exposure_low, exposure_high]."""
    if not math.isfinite(count_high) or exposure_low <= 0:
        low = count_interval(count_low, exposure_high, confidence, method)[0] if math.isfinite(exposure_high) else 0.0
        return low, math.inf
    if not math.isfinite(exposure_high):
        return 0.0, count_interval(count_high, exposure_low, confidence, method)[1]
    low = count_interval(count_low, exposure_high, confidence, method)[0]
    high = count_interval(count_high, exposure_low, confidence, method)[1]
    return low, high


def rates(panel_table: pd.DataFrame, confidence: float = 0.95, method: str = "exact_poisson") -> pd.DataFrame:
    """Refused or cancelled per 1,000 alerts issued: one row per year and grounds.

    ``rate_per_1000`` is the point rate where both count and denominator have a point value; ``low`` and
    ``high`` always bound it (``high`` is infinite where the denominator is unknown). ``status`` is the
    weaker of the two inputs' statuses.
    """
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must be between 0 and 1, got {confidence}")
    issued = panel_table[panel_table["series"] == ISSUED].set_index("year")
    rows = []
    for row in panel_table[panel_table["series"].isin(REFUSAL_SERIES)].itertuples(index=False):
        exposure = issued.loc[row.year]
        low, high = rate_interval(row.low, row.high, exposure["low"], exposure["high"], confidence, method)
        point = (
            row.value / exposure["value"] * PER if not (np.isnan(row.value) or np.isnan(exposure["value"])) else np.nan
        )
        status = max(row.status, exposure["status"], key=STATUS_RANK.get)
        rows.append(
            {
                "year": row.year,
                "series": row.series,
                "status": status,
                "rate_per_1000": point,
                "low": low * PER,
                "high": high * PER,
                "count_low": row.low,
                "count_high": row.high,
                "issued_low": exposure["low"],
                "issued_high": exposure["high"],
                "scope_break": bool(row.scope_break),
            }
        )
    return pd.DataFrame(rows)
