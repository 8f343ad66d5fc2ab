"""The CCF route: the series the published figures make, deletions over wider denominators against brute
force, and the time to decide (the share series and their trends: test_ccf_shares.py)."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from statsmodels.stats.proportion import proportion_confint

from interpol_review.stats import ccf, ccf_shares


def series(rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "measure": measure,
                "period": period,
                "years": (int(period),),
                "status": "published" if low == high else "bounded",
                "value": low if low == high else math.nan,
                "low": low,
                "high": high,
                "figure_ids": f"X{number}",
                "note": "",
            }
            for number, (measure, period, low, high) in enumerate(rows)
        ]
    )


def test_a_deletion_share_of_a_wider_denominator_covers_every_pair_the_figures_allow():
    """A count read as a range (165-175) over 1,000 complaints received: the interval covers every count."""
    table = series([(ccf_shares.DELETED, "2016", 165, 175), ("complaints_received", "2016", 1000, 1000)])
    row = ccf.other_shares(table, 0.95, "wilson").set_index("denominator").loc["complaints_received"]
    limits = [proportion_confint(k, 1000, alpha=0.05, method="wilson") for k in range(165, 176)]
    assert row["low"] == pytest.approx(min(low for low, _ in limits), rel=1e-9)
    assert row["high"] == pytest.approx(max(high for _, high in limits), rel=1e-9)
    assert math.isnan(row["share"])


def test_a_lower_bound_gives_no_share():
    table = series([(ccf_shares.DELETED, "2024", 322, math.inf), ("complaints_received", "2024", 800, 800)])
    assert ccf.other_shares(table, 0.95, "wilson").empty


def test_parts_without_a_total_are_a_lower_bound_and_a_two_year_total_stays_one_period(latest):
    table = latest.complaints.series
    deleted = table[table["measure"] == ccf_shares.DELETED].set_index("period")
    # 2015: only Red Notices (84, F066) and diffusions (15, F067) were published
    assert (deleted.loc["2015", "low"], deleted.loc["2015", "high"]) == (84 + 15, math.inf)
    assert deleted.loc["2015", "status"] == "bounded"
    # 2019-2020: one total of 594 for the two years (N014), never split evenly
    assert deleted.loc["2019-2020", "years"] == (2019, 2020) and deleted.loc["2019-2020", "value"] == 594


def test_time_to_decide_joins_the_share_beyond_the_limit_and_the_months_the_late_ones_took(latest):
    times = latest.complaints.time_to_decide.set_index(["year", "requests"])
    access = times.loc[("2023", "access")]
    assert access["within_limit"] == 70 and access["agree"]  # 70% within (N047), 30% beyond (N081)
    assert (access["late_months_low"], access["late_months_high"]) == (7, 8)  # "seven to eight months" (N082)
    assert set(access["figure_id"].split(", ")) == {"N047", "N081", "N082"}
