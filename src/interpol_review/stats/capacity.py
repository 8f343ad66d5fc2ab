"""Review capacity of the Notices and Diffusions Task Force: alerts per person per working day, as a range.

No year has both a published count of alerts reviewed and an independent count of staff: the briefing's
"thirty to forty people" is its own statement, and "about forty" was reported for 2023, a year whose alerts
issued were not published. So capacity is a scenario: for an assumed staff range (parameters staff_low and
staff_high), what the published workload of each year would mean per person. Each row says which staff
figure, if any, was published for its year.
"""

from __future__ import annotations

import math

import pandas as pd

WORKING_DAYS = (220, 230)
HOURS_PER_DAY = 7.5


def review_capacity(
    workload: pd.DataFrame, staff_low: float, staff_high: float, published_staff: dict[int, str]
) -> pd.DataFrame:
    """Alerts reviewed per person per working day, and minutes per alert, as ranges.

    ``workload``: rows (year, low, high) of alerts that passed review in a year (issued plus refused or
    cancelled: each reviewed at least once); ``published_staff`` maps a year to the staff figure published
    for it, in words, with its source. Re-reviews of older alerts and other duties would lower the minutes.
    """
    if not 0 < staff_low <= staff_high:
        raise ValueError(f"staff range must satisfy 0 < low <= high, got [{staff_low}, {staff_high}]")
    days_low, days_high = WORKING_DAYS
    rows = []
    for cell in workload.itertuples(index=False):
        if not (math.isfinite(cell.high) and cell.low > 0):
            continue
        per_day_low = cell.low / (staff_high * days_high)
        per_day_high = cell.high / (staff_low * days_low)
        rows.append(
            {
                "year": cell.year,
                "alerts_low": cell.low,
                "alerts_high": cell.high,
                "per_person_day_low": per_day_low,
                "per_person_day_high": per_day_high,
                "minutes_per_alert_low": 60 * HOURS_PER_DAY / per_day_high,
                "minutes_per_alert_high": 60 * HOURS_PER_DAY / per_day_low,
                "staff": published_staff.get(cell.year, "none published for this year: assumed"),
            }
        )
    return pd.DataFrame(rows)
