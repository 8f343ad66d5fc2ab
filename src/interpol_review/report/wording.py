"""Sentences whose words follow from the numbers: a direction is stated only when its interval excludes
no change, a level of confidence is the report's parameter, and few years are called few."""

from __future__ import annotations

import math

from interpol_review.core.formatting import change, change_interval, level, listing, plural


def direction(low: float, high: float) -> str:
    """'rose', 'fell', or '' when the interval includes no change."""
    if low > 1:
        return "rose"
    if math.isfinite(high) and high < 1:
        return "fell"
    return ""


def trend_sentence(subject: str, fit, confidence: float, span: str, measured: str = "") -> str:
    """'Refusals rose by about 10% a year over 2017–2024 (95% interval +1% to +21%; 7 years).' or, when
    the interval includes no change, says that the direction is not established."""
    word = direction(fit.low, fit.high)
    interval = f"{level(confidence)} interval {change_interval(fit.low, fit.high)}"
    # The simulations found this kind of interval covers less (or more) often than it says.
    caveat = f"{measured} in simulations" if measured else ""
    years = plural(int(fit.number_of_years), "year")
    if word:
        size = change(fit.rate_ratio_per_year).lstrip("+−")
        inside = ", ".join(part for part in (interval, caveat) if part)
        return f"{subject} {word} by about {size} a year over {span} ({inside}; {years})."
    return (
        f"{subject} changed by {change(fit.rate_ratio_per_year)} a year over {span}, but the {interval}"
        + (f" ({caveat})" if caveat else "")
        + f" includes no change: with {years} the direction is not established."
    )


def scope_break_years(panel_table) -> str:
    """'2024' or '2024 and 2025': the years whose figures may include other notice colours."""
    years = sorted({int(year) for year in panel_table.loc[panel_table["scope_break"], "year"]})
    return listing([str(year) for year in years])


def few_years(count: int) -> str:
    return f"only {plural(count, 'year')}" if count < 6 else plural(count, "year")
