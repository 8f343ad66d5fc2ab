"""Review capacity of the Notices and Diffusions Task Force: alerts per person per working day, as a range.

The briefing puts the task force at thirty to forty people; about forty was reported for 2023. Dividing
the alerts that passed review in a year by staff and working days gives an order of magnitude of the time
available per alert, under assumptions stated in the arguments.
"""

from __future__ import annotations

import math

import pandas as pd


def review_capacity(
    workload: pd.DataFrame,
    staff_low: float,
    staff_high: float,
    working_days: tuple[float, float] = (220, 230),
    hours_per_day: float = 7.5,
) -> pd.DataFrame:
    """Alerts reviewed per person per working day, and minutes per alert, as ranges.

    ``workload``: rows (year, low, high) of alerts that passed review in a year; the assumption is that each
    was reviewed once by one person of a task force of ``staff_low`` to ``staff_high`` people working
    ``working_days`` days a year. Re-reviews of older alerts and other duties would lower the minutes.
    """
    if not 0 < staff_low <= staff_high:
        raise ValueError(f"staff range must satisfy 0 < low <= high, got [{staff_low}, {staff_high}]")
    days_low, days_high = working_days
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
                "minutes_per_alert_low": 60 * hours_per_day / per_day_high,
                "minutes_per_alert_high": 60 * hours_per_day / per_day_low,
            }
        )
    return pd.DataFrame(rows)
