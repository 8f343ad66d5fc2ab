"""Changes between published years, where too few years exist for a trend model.

With two or three informative years no trend can be estimated honestly: a model fitted to them has no
degrees of freedom left to measure its own error. What can be said is how much one year differs from
another. For two yearly counts the ratio of their means has an exact interval: given the total, the later
count is binomial (Clopper-Pearson), which turns into an interval for the ratio. Where either count is
known only within a range, the interval covers every pair of values the figures allow (the limits are
monotone in each count, so the corners give it). Counting noise only: extra-Poisson variation between
years cannot be measured from two years.
"""

from __future__ import annotations

import math

import pandas as pd
from statsmodels.stats.proportion import proportion_confint


def ratio_interval(earlier: float, later: float, confidence: float) -> tuple[float, float]:
    """Exact interval for mean(later) / mean(earlier) from two Poisson counts (conditional binomial)."""
    total = earlier + later
    if total == 0:
        return 0.0, math.inf
    low, high = proportion_confint(later, total, alpha=1 - confidence, method="beta")
    return low / (1 - low) if low < 1 else math.inf, high / (1 - high) if high < 1 else math.inf


def change(
    earlier: tuple[float, float], later: tuple[float, float], confidence: float, exposures=((1.0, 1.0), (1.0, 1.0))
) -> dict:
    """Ratio of two years (later over earlier), for counts known within ranges and, for rates, exposures
    known within ranges: the point (where both are points), the range the figures allow, and the
    interval with counting noise over that range."""
    (e_low, e_high), (l_low, l_high) = exposures
    exposure_low, exposure_high = e_low / l_high, e_high / l_low  # earlier exposure over later exposure
    point = later[0] / earlier[0] * e_low / l_low if earlier[0] == earlier[1] and later[0] == later[1] else math.nan
    set_low = later[0] / earlier[1] * exposure_low if earlier[1] > 0 else math.nan
    set_high = later[1] / earlier[0] * exposure_high if earlier[0] > 0 else math.inf
    low = ratio_interval(earlier[1], later[0], confidence)[0] * exposure_low
    high = ratio_interval(earlier[0], later[1], confidence)[1] * exposure_high
    return {"ratio": point, "set_low": set_low, "set_high": set_high, "low": low, "high": high}


def changes_between_years(points: pd.DataFrame, confidence: float) -> pd.DataFrame:
    """Each informative year against the one before it. ``points``: year, low, high and, for rates,
    exposure_low and exposure_high."""
    points = points.sort_values("year").reset_index(drop=True)
    rows = []
    for earlier, later in zip(points.iloc[:-1].itertuples(), points.iloc[1:].itertuples(), strict=True):
        exposures = (
            ((earlier.exposure_low, earlier.exposure_high), (later.exposure_low, later.exposure_high))
            if "exposure_low" in points
            else ((1.0, 1.0), (1.0, 1.0))
        )
        rows.append(
            {"from_year": int(earlier.year), "to_year": int(later.year)}
            | change((earlier.low, earlier.high), (later.low, later.high), confidence, exposures)
        )
    return pd.DataFrame(rows, columns=["from_year", "to_year", "ratio", "set_low", "set_high", "low", "high"])
