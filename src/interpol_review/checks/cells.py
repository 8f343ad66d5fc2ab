"""What the published figures say about one cell (a period of one quantity), and the words of a check's
verdict: shared by the cross-source checks (checks/consistency.py, checks/ccf_parts.py)."""

from __future__ import annotations

import math

import pandas as pd

from interpol_review.core.formatting import interval, number
from interpol_review.ledger.vocabulary import LEVEL_KINDS

AGREES, DISAGREES, NOT_CHECKABLE = "agrees", "disagrees", "not checkable"
AGREES_UNDER_RULE = "agrees under recorded rounding"


def fmt(value: float) -> str:
    """A published number as the report writes it (core/formatting.py), with two decimals where it has any."""
    return number(value, 0 if float(value).is_integer() else 2)


def interval_text(low: float, high: float) -> str:
    # An open bound (infinite) has no decimals of its own: "at least 11,000", not "at least 11,000.00".
    whole = all(float(v).is_integer() for v in (low, high) if math.isfinite(float(v)))
    return interval(low, high, 0 if whole else 2)


def level_figures(figures: pd.DataFrame, period: str | None = None, **where: str) -> pd.DataFrame:
    """Figures that state the level of one cell (counts, approximate values, bounds) for one period."""
    mask = figures["kind"].isin(LEVEL_KINDS) & (figures["period_type"] != "span") | (
        (figures["kind"] == "count") & figures["qualifier"].str.contains("total_over_period", regex=False)
    )
    if period is not None:
        mask &= figures["period"] == period
    for column, value in where.items():
        mask &= figures[column] == value
    return figures[mask]


def interval_of(figures: pd.DataFrame, period: str, **where: str) -> tuple[float, float, list[str]] | None:
    """What the published figures say about one cell: the interval covering all of them (disagreeing
    figures widen it; the checks of the same quantity report that disagreement separately)."""
    rows = level_figures(figures, period, **where)
    if rows.empty or not math.isfinite(rows["high"].min()):
        return None
    return float(rows["low"].min()), float(rows["high"].max()), rows["figure_id"].tolist()


def single_count(figures: pd.DataFrame, period: str, **where: str) -> tuple[float | None, list[str]]:
    """The count for one period when all sources agree on it, else None."""
    rows = level_figures(figures, period, **where)
    rows = rows[rows["kind"] == "count"]
    values = rows["value"].unique()
    return (float(values[0]) if len(values) == 1 else None), rows["figure_id"].tolist()
