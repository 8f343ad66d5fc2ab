"""What a published number says about the true value: an interval, from how the source wrote it.

A source that writes "2.8%" rounded a share to one decimal, so the true share lies in [2.75, 2.85);
"over 1,000" is a one-sided bound; "almost 24,000" is just below 24,000. These rules turn each ledger row
into an interval ``[low, high]``. Half-open intervals are reported as closed: the difference has no
bearing on any bound computed from them.
"""

from __future__ import annotations

import math
from decimal import Decimal

# How far a number read off a chart may be from the truth, as a share of the value. A judgement, not a
# published fact: stated in the data README and in the methods.
CHART_READING_TOLERANCE = 0.05

# How a percentage was cut to its published digits. "either" is the union of rounding and truncation,
# for sources shown to truncate at least once (see data/raw/README.md).
ROUNDING_RULES = ("nearest", "truncated", "either")

PERCENT_STEP = {"one_decimal": 0.1, "whole_percent": 1.0}


def last_digit_unit(value: float) -> float:
    """The place value of the last non-zero digit: 1,200 -> 100; 26,980 -> 10; 2.8 -> 0.1."""
    if value == 0:
        return 1.0
    exponent = Decimal(str(abs(value))).normalize().as_tuple().exponent
    return float(Decimal(1).scaleb(exponent))


def rounding_interval(value: float, step: float, rounding: str) -> tuple[float, float]:
    """The values that publish as ``value`` when cut to a multiple of ``step`` by ``rounding``."""
    if rounding == "nearest":
        return value - step / 2, value + step / 2
    if rounding == "truncated":
        return value, value + step
    if rounding == "either":
        return value - step / 2, value + step
    raise ValueError(f"unknown rounding rule {rounding!r}; expected one of {ROUNDING_RULES}")


def published_interval(
    value: float,
    kind: str,
    precision: str,
    rounding: str,
    qualifier: str,
    default_rounding: str = "nearest",
) -> tuple[float, float]:
    """The interval ``(low, high)`` of true values consistent with one published figure.

    ``kind``, ``precision``, ``rounding`` and ``qualifier`` are the ledger's columns of the same names
    (empty strings where the ledger leaves them empty). A trend statement has no value and gives
    ``(nan, nan)``; a lower bound gives ``(value, inf)``.
    """
    just_below = "just_below" in qualifier.split(";")
    if kind == "trend_statement" or value is None or math.isnan(value):
        return math.nan, math.nan
    if kind == "lower_bound":
        return value, math.inf
    if kind == "upper_bound":
        return 0.0, value
    if precision in PERCENT_STEP:
        step = PERCENT_STEP[precision]
        if just_below:
            return value - step, value
        return rounding_interval(value, step, rounding or default_rounding)
    if precision == "read_from_chart":
        return value * (1 - CHART_READING_TOLERANCE), value * (1 + CHART_READING_TOLERANCE)
    if precision in ("approximate", "unknown") or kind == "approximate":
        unit = last_digit_unit(value)
        if just_below:
            return value - unit / 2, value
        return value - unit / 2, value + unit / 2
    return value, value
