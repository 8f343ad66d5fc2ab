"""The CCF route: deletion shares against the Wilson and Newcombe formulas written out by hand, ranges
against brute force, and the series the published figures make."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy import optimize, stats

from interpol_review.stats import ccf


def wilson(k: float, n: float, confidence: float = 0.95) -> tuple[float, float]:
    z = stats.norm.ppf(1 - (1 - confidence) / 2)
    p = k / n
    centre = (p + z**2 / (2 * n)) / (1 + z**2 / n)
    half = z * math.sqrt(p * (1 - p) / n + z**2 / (4 * n**2)) / (1 + z**2 / n)
    return centre - half, centre + half


def newcombe(k1: int, n1: int, k2: int, n2: int) -> tuple[float, float]:
    """Newcombe (1998), method 10: the hybrid score interval for p1 - p2 from the two Wilson intervals."""
    p1, p2 = k1 / n1, k2 / n2
    (l1, u1), (l2, u2) = wilson(k1, n1), wilson(k2, n2)
    difference = p1 - p2
    return difference - math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2), difference + math.sqrt(
        (u1 - p1) ** 2 + (p2 - l2) ** 2
    )


def decided(latest) -> pd.DataFrame:
    shares = latest.complaints.shares
    return shares[shares["denominator"] == "decided"].set_index("period")


def test_the_deletion_share_among_decided_complaints_is_wilsons(latest):
    # 2021: 296 deleted (F069, F070), 133 found compliant (F071); 2022: 271 and 124 (F072, F073).
    table = decided(latest)
    for period, deleted, compliant in (("2021", 296, 133), ("2022", 271, 124)):
        row = table.loc[period]
        assert row["share"] == pytest.approx(deleted / (deleted + compliant))
        assert (row["low"], row["high"]) == pytest.approx(wilson(deleted, deleted + compliant), rel=1e-9)


def test_the_change_between_years_is_newcombes_interval(latest):
    change = latest.complaints.share_changes.iloc[0]
    assert (change["from_period"], change["to_period"]) == ("2021", "2022")
    assert (change["low"], change["high"]) == pytest.approx(newcombe(271, 395, 296, 429), rel=1e-6)
    assert change["low"] < 0 < change["high"]  # no change established


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


def test_a_share_with_a_ranged_count_covers_every_pair_the_figures_allow():
    table = series([(ccf.DELETED, "2016", 165, 175), (ccf.COMPLIANT, "2016", 80, 80)])
    row = ccf.deletion_shares(table, 0.95, "wilson").set_index("denominator").loc["decided"]
    limits = [wilson(k, k + 80) for k in range(165, 176)]
    assert row["low"] == pytest.approx(min(low for low, _ in limits), rel=1e-9)
    assert row["high"] == pytest.approx(max(high for _, high in limits), rel=1e-9)
    assert math.isnan(row["share"])


def test_a_lower_bound_gives_no_share():
    table = series([(ccf.DELETED, "2024", 322, math.inf), (ccf.COMPLIANT, "2024", 80, 80)])
    assert ccf.deletion_shares(table, 0.95, "wilson").empty


def test_parts_without_a_total_are_a_lower_bound_and_a_two_year_total_stays_one_period(latest):
    table = latest.complaints.series
    deleted = table[table["measure"] == ccf.DELETED].set_index("period")
    # 2015: only Red Notices (84, F066) and diffusions (15, F067) were published
    assert (deleted.loc["2015", "low"], deleted.loc["2015", "high"]) == (84 + 15, math.inf)
    assert deleted.loc["2015", "status"] == "bounded"
    # 2019-2020: one total of 594 for the two years (N014), never split evenly
    assert deleted.loc["2019-2020", "years"] == (2019, 2020) and deleted.loc["2019-2020", "value"] == 594


def test_the_logistic_trend_of_a_share_is_binomial_maximum_likelihood():
    """Against a direct maximisation of the binomial likelihood with scipy, and its Wald interval from the
    observed information."""
    years = np.array([2018, 2019, 2020, 2021, 2022])
    trials = np.array([400, 420, 410, 430, 395])
    successes = np.array([240, 262, 268, 296, 280])
    result = ccf.binomial_trend(years, successes, trials, 0.95)
    x = years - years.mean()

    def negative(beta):
        eta = beta[0] + beta[1] * x
        return -np.sum(successes * eta - trials * np.log1p(np.exp(eta)))

    best = optimize.minimize(negative, [0.0, 0.0], method="BFGS").x
    p = 1 / (1 + np.exp(-(best[0] + best[1] * x)))
    design = np.column_stack([np.ones(5), x])
    covariance = np.linalg.inv(design.T @ (design * (trials * p * (1 - p))[:, None]))
    if result["model"] == "quasi-binomial":
        dispersion = np.sum((successes - trials * p) ** 2 / (trials * p * (1 - p))) / 3
        half = stats.t.ppf(0.975, 3) * math.sqrt(covariance[1, 1] * dispersion)
    else:
        half = stats.norm.ppf(0.975) * math.sqrt(covariance[1, 1])
    assert result["odds_ratio_per_year"] == pytest.approx(math.exp(best[1]), rel=1e-5)
    assert (result["low"], result["high"]) == pytest.approx(
        (math.exp(best[1] - half), math.exp(best[1] + half)), rel=1e-4
    )
