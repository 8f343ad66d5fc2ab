"""One way to write a number: counts, intervals and open bounds, shares, changes, years.

Every number the report prints goes through these functions, so "at least 322", "1,108–1,737" and
"−4%" are written the same way in the prose, the tables, the figures and the index page. Minus signs are
real minus signs (U+2212) and ranges use an en dash.
"""

from __future__ import annotations

import math
import re

MINUS, DASH = "\u2212", "\u2013"
NOT_PUBLISHED = "not published"


def number(value: float | None, digits: int = 0) -> str:
    """1,270; 53.6; a real minus sign; empty for a missing value."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, float) and math.isinf(value):
        return "no upper bound" if value > 0 else "no lower bound"
    text = f"{value:,.{digits}f}"
    return text.replace("-", MINUS)


def interval(low: float, high: float, digits: int = 0, unit: str = "") -> str:
    """A value or range as a reader says it: '1,270', '1,108–1,737', 'at least 322', 'not published'."""
    if math.isnan(low) and math.isnan(high):
        return NOT_PUBLISHED
    if math.isinf(high):
        return f"at least {number(low, digits)}{unit}" if low > 0 else NOT_PUBLISHED
    if round(low, digits) == round(high, digits):
        return f"{number(low, digits)}{unit}"
    return f"{number(low, digits)}{DASH}{number(high, digits)}{unit}"


def percent(share: float, digits: int = 0) -> str:
    """0.686 -> '69%' (or '68.6%' with one digit)."""
    return "" if share is None or math.isnan(share) else number(100 * share, digits) + "%"


def percent_interval(low: float, high: float, digits: int = 0) -> str:
    """Shares 0.639 and 0.730 -> '63.9–73.0%' (digits=1)."""
    return "" if math.isnan(low) else interval(100 * low, 100 * high, digits, "%")


def change(rate_ratio: float, digits: int = 0) -> str:
    """A ratio as a signed change: 1.10 -> '+10%', 0.96 -> '−4%'."""
    if rate_ratio is None or not math.isfinite(rate_ratio):
        return "unbounded" if rate_ratio == math.inf else ""
    value = 100 * (rate_ratio - 1)
    if value != 0 and round(value, digits) == 0:
        digits += 1  # -0.4% is not 0%: keep the digit that shows the sign
    sign = "+" if value > 0 else ""
    return f"{sign}{number(value, digits)}%" if round(value, digits) != 0 else "0%"


def change_interval(low: float, high: float, digits: int = 0) -> str:
    """'−0.4% to +20.6%'; an open end is 'no upper limit'."""
    upper = "no upper limit" if not math.isfinite(high) else change(high, digits)
    lower = "no lower limit" if low <= 0 else change(low, digits)
    return f"{lower} to {upper}"


def ratio(value: float, digits: int = 1) -> str:
    """How many times: 5.8 -> '5.8 times'."""
    return f"{number(value, digits)} times" if math.isfinite(value) else "unbounded"


def consecutive_runs(values) -> list[list[int]]:
    """2017, 2018, 2019, 2021 -> [[2017, 2018, 2019], [2021]]."""
    runs: list[list[int]] = []
    for year in sorted({int(value) for value in values}):
        if runs and year == runs[-1][-1] + 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    return runs


def years(values) -> str:
    """2017, 2018, 2019, 2021 -> '2017–2019 and 2021'."""
    runs = consecutive_runs(values)
    parts = [str(run[0]) if len(run) == 1 else f"{run[0]}{DASH}{run[-1]}" for run in runs]
    return listing(parts)


def period_text(text: str) -> str:
    """A ledger period as the report writes it: '2019-2020' -> '2019–2020' (also inside a longer text); a
    single year unchanged."""
    return re.sub(r"\b(\d{4})-(\d{4})\b", rf"\1{DASH}\2", str(text))


def listing(items: list[str], conjunction: str = "and") -> str:
    if not items:
        return ""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


def p_value(value: float) -> str:
    if value is None or math.isnan(value):
        return ""
    return "below 0.001" if value < 0.001 else f"{value:.3f}".rstrip("0").rstrip(".")


def plural(count: int, word: str, words: str | None = None) -> str:
    return f"{count:,} {word if count == 1 else (words or word + 's')}"


def level(confidence: float) -> str:
    """0.95 -> '95%', 0.9 -> '90%': every label of an interval's level comes from the parameter."""
    return f"{100 * confidence:g}%"
