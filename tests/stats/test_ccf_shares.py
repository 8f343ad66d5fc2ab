"""The CCF's shares: the known answers of the published counts (Wilson written out by hand), ranges against
brute force, the quasi-binomial trend against a direct maximisation with its Pearson scaling, and the exact
interval of a change against the noncentral hypergeometric tails inverted by hand."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy import optimize, stats

from interpol_review.stats import ccf_shares


def wilson(k: float, n: float, confidence: float = 0.95) -> tuple[float, float]:
    z = stats.norm.ppf(1 - (1 - confidence) / 2)
    p = k / n
    centre = (p + z**2 / (2 * n)) / (1 + z**2 / n)
    half = z * math.sqrt(p * (1 - p) / n + z**2 / (4 * n**2)) / (1 + z**2 / n)
    return centre - half, centre + half


def rows_of(latest, series: str) -> pd.DataFrame:
    shares = latest.complaints.shares
    return shares[shares["series"] == series].set_index("period")


@pytest.mark.parametrize(
    ("series", "period", "deleted", "of", "share", "low", "high"),
    [
        ("deleted_every_outcome", "2018", 276, 346, 0.798, 0.752, 0.837),
        ("deleted_every_outcome", "2022", 271, 470, 0.577, 0.531, 0.620),
        ("deleted_decided_on_merits", "2022", 271, 395, 0.686, 0.639, 0.730),
        ("deleted_every_outcome", "2024", 272, 539, 0.505, 0.463, 0.547),
    ],
)
def test_the_published_counts_give_the_known_shares(latest, series, period, deleted, of, share, low, high):
    row = rows_of(latest, series).loc[period]
    assert (row["successes_low"], row["trials_low"]) == (deleted, of)
    assert round(row["share"], 3) == share
    assert (round(row["low"], 3), round(row["high"], 3)) == (low, high)
    assert (row["low"], row["high"]) == pytest.approx(wilson(deleted, of), rel=1e-9)


def test_a_count_known_as_a_rounded_share_covers_every_count_it_allows(latest):
    """2024: 40% of 539 found compliant (N079, N075), rounded to a whole percent: 213 to 218 complaints, so
    the share deleted among those decided on the merits is 272 / (272 + 213...218)."""
    row = rows_of(latest, "deleted_decided_on_merits").loc["2024"]
    allowed = [c for c in range(0, 540) if 39.5 <= 100 * c / 539 <= 40.5]
    assert (row["trials_low"], row["trials_high"]) == (272 + min(allowed), 272 + max(allowed))
    limits = [wilson(272, 272 + c) for c in allowed]
    assert row["low"] == pytest.approx(min(low for low, _ in limits), rel=1e-9)
    assert row["high"] == pytest.approx(max(high for _, high in limits), rel=1e-9)
    assert row["status"] == "bounded" and math.isnan(row["share"])


def test_a_share_published_without_its_count_has_no_interval(latest):
    row = rows_of(latest, "compliant_every_outcome").loc["2023"]  # about 32% (N078), of a number not published
    assert row["status"] == "share only" and math.isnan(row["low"])
    assert (row["share_low"], row["share_high"]) == pytest.approx((0.315, 0.325))


def logistic_by_hand(years, successes, trials, confidence=0.95):
    """Maximum likelihood with scipy, Wald interval from the observed information, scaled by the Pearson
    dispersion and taken with t quantiles on the residual degrees of freedom when it exceeds 1."""
    years, successes, trials = (np.asarray(a, dtype=float) for a in (years, successes, trials))
    x = years - years.mean()

    def negative(beta):
        eta = beta[0] + beta[1] * x
        return -np.sum(successes * eta - trials * np.log1p(np.exp(eta)))

    best = optimize.minimize(negative, [0.0, 0.0], method="BFGS", options={"gtol": 1e-10}).x
    p = 1 / (1 + np.exp(-(best[0] + best[1] * x)))
    design = np.column_stack([np.ones(len(x)), x])
    covariance = np.linalg.inv(design.T @ (design * (trials * p * (1 - p))[:, None]))
    dispersion = np.sum((successes - trials * p) ** 2 / (trials * p * (1 - p))) / (len(x) - 2)
    if dispersion > 1:
        half = stats.t.ppf(1 - (1 - confidence) / 2, len(x) - 2) * math.sqrt(covariance[1, 1] * dispersion)
    else:
        half = stats.norm.ppf(1 - (1 - confidence) / 2) * math.sqrt(covariance[1, 1])
    return math.exp(best[1]), math.exp(best[1] - half), math.exp(best[1] + half), dispersion


@pytest.mark.parametrize(
    ("successes", "trials"),
    [
        ([276, 296, 271, 272], [346, 478, 470, 539]),  # the real series: overdispersed (Pearson 1.74)
        ([240, 262, 268, 296, 280], [400, 420, 410, 430, 395]),  # close to binomial
    ],
)
def test_the_logistic_trend_is_maximum_likelihood_with_its_pearson_scaling(successes, trials):
    years = [2018, 2021, 2022, 2024] if len(trials) == 4 else [2018, 2019, 2020, 2021, 2022]
    fit = ccf_shares.logistic_fit(years, successes, trials, 0.95)
    ratio, low, high, dispersion = logistic_by_hand(years, successes, trials)
    assert fit["dispersion"] == pytest.approx(dispersion, rel=1e-5)
    assert fit["model"] == ("quasi-binomial" if dispersion > 1 else "binomial")
    assert fit["odds_ratio_per_year"] == pytest.approx(ratio, rel=1e-6)
    assert (fit["low"], fit["high"]) == pytest.approx((low, high), rel=1e-5)


def test_the_headline_share_fell_and_the_interval_is_the_quasi_binomials(latest):
    trend = latest.complaints.share_trends["deleted_every_outcome"]
    ratio, low, high, _ = logistic_by_hand([2018, 2021, 2022, 2024], [276, 296, 271, 272], [346, 478, 470, 539])
    assert trend["years"] == [2018, 2021, 2022, 2024] and trend["model"] == "quasi-binomial"
    assert (trend["odds_ratio_per_year"], trend["low"], trend["high"]) == pytest.approx((ratio, low, high), rel=1e-5)
    assert trend["high"] < 1  # fell


def test_a_trend_through_a_ranged_year_covers_the_fits_at_its_ends(latest):
    rows = latest.complaints.shares
    rows = rows[rows["series"] == "deleted_decided_on_merits"]
    trend = ccf_shares.share_trend(rows, 0.95)
    years, deleted, counted = [2018, 2021, 2022, 2024], [276, 296, 271, 272], [346, 429, 395]
    ends = [logistic_by_hand(years, deleted, [*counted, 272 + compliant]) for compliant in (213, 218)]
    # two optimisers agree to about 1e-8: the union holds to that precision
    assert trend["low"] <= min(low for _, low, _, _ in ends) * (1 + 1e-6)
    assert trend["high"] >= max(high for _, _, high, _ in ends) * (1 - 1e-6)


def test_fewer_than_four_years_give_no_trend(latest):
    rows = latest.complaints.shares
    rows = rows[rows["series"] == "deleted_every_outcome"]
    assert ccf_shares.share_trend(rows[rows["year"] < 2024], 0.95) is None


def exact_odds_ratio_interval(table, confidence=0.95) -> tuple[float, float]:
    """Fisher's exact conditional interval by hand: the odds ratios at which the noncentral hypergeometric
    tail of the observed count is (1 - confidence) / 2 on each side."""
    (a, b), (c, d) = table
    total, first_row, first_column = a + b + c + d, a + b, a + c
    alpha = (1 - confidence) / 2

    def upper_tail(odds):  # P(X >= a)
        return stats.nchypergeom_fisher.sf(a - 1, total, first_column, first_row, odds)

    def lower_tail(odds):  # P(X <= a)
        return stats.nchypergeom_fisher.cdf(a, total, first_column, first_row, odds)

    low = optimize.brentq(lambda log_odds: upper_tail(math.exp(log_odds)) - alpha, -10, 10)
    high = optimize.brentq(lambda log_odds: lower_tail(math.exp(log_odds)) - alpha, -10, 10)
    return math.exp(low), math.exp(high)


def test_a_change_between_years_has_fishers_exact_interval(latest):
    changes = latest.complaints.share_changes
    row = changes[
        (changes["series"] == "deleted_every_outcome")
        & (changes["from_period"] == "2018")
        & (changes["to_period"] == "2024")
    ].iloc[0]
    table = [[272, 539 - 272], [276, 346 - 276]]  # later year first: the odds ratio of 2024 against 2018
    assert (row["low"], row["high"]) == pytest.approx(exact_odds_ratio_interval(table), rel=1e-4)
    assert row["difference_points"] == pytest.approx(100 * (272 / 539 - 276 / 346))
    assert row["high"] < 1
