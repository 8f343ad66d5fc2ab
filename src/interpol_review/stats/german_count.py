"""A second count of deletions on Articles 2 and 3: what the German government was told, by the year an
alert was published, against what the task force's figures imply.

The two are not one series. The German count (N089-N097) counts alerts by the year they were
*published* and that the General Secretariat later deleted for breaching Article 2 or 3, as notified to
Germany (its scope is inferred from the question, not stated); the task force counts refusals of new
requests and cancellations of alerts by the year of the decision, worldwide. Every deletion the German
count makes of an alert published from 2017 to 2020 happened between its publication and 24 February
2021, so it is also among the task force's cancellations of 2017 to 2021: the German sum over those years
must not exceed the most the task force's figures allow for Articles 2 and 3 over 2017-2021. If it did,
the two could not describe the same deletions.
"""

from __future__ import annotations

import math

import pandas as pd

GERMAN = "german_government"
MEASURE = "cancelled_after_publication"
# Alerts published in these years were deleted, if at all, by 24 February 2021: within the task force's
# years FIRST_TASK_FORCE_YEAR to 2021.
FIRST_TASK_FORCE_YEAR, LAST_FULL_YEAR, CUT_OFF_YEAR = 2017, 2020, 2021


def yearly(figures: pd.DataFrame) -> pd.DataFrame:
    """The German government's yearly counts (not its total), by year of publication."""
    rows = figures[
        (figures["body"] == GERMAN) & (figures["measure"] == MEASURE) & (figures["period_type"] == "year")
    ].sort_values("period_start")
    return pd.DataFrame(
        {
            "year": rows["period_start"].astype(int).to_numpy(),
            "count": rows["value"].to_numpy(),
            "part_of_year": rows["qualifier"].str.contains("part_of_year", regex=False).to_numpy(),
            "figure_id": rows["figure_id"].to_numpy(),
        }
    )


def consistency(german: pd.DataFrame, task_force_low: float, task_force_high: float) -> dict:
    """The German count of alerts published 2017-2020 and later deleted, against the task force's
    Article 2 and 3 refusals and cancellations of 2017-2021 (the bounds its figures imply)."""
    years = german[german["year"].between(FIRST_TASK_FORCE_YEAR, LAST_FULL_YEAR)]
    total = float(years["count"].sum())
    consistent = total <= task_force_high
    return {
        "german_years": [int(year) for year in years["year"]],
        "german_total": total,
        "german_figure_ids": ", ".join(years["figure_id"]),
        "task_force_years": list(range(FIRST_TASK_FORCE_YEAR, CUT_OFF_YEAR + 1)),
        "task_force_low": task_force_low,
        "task_force_high": task_force_high,
        "consistent": bool(consistent),
        # at most this share of the task force's Article 2 and 3 decisions were notified to Germany
        "largest_share": total / task_force_low if task_force_low > 0 else math.inf,
    }
