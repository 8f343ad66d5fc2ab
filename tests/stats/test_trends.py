"""Trends: a model only where the data carry one; known rate ratios recovered; the calibration, the band and
the prediction behave as their definitions say; seeds give the same numbers."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import stats

from interpol_review.stats import censored, trends


def published(counts, years=None, exposure=None, scope=None, widths=None) -> censored.Observations:
    counts = np.asarray(counts, dtype=float)
    n = len(counts)
    widths = np.zeros(n) if widths is None else np.asarray(widths, dtype=float)
    return censored.Observations(
        years=np.arange(2017, 2017 + n, dtype=float) if years is None else np.asarray(years, dtype=float),
        exposure=np.ones(n) if exposure is None else np.asarray(exposure, dtype=float),
        scope_break=np.zeros(n, dtype=bool) if scope is None else np.asarray(scope),
        members=tuple((i,) for i in range(n)),
        low=np.floor(counts * (1 - widths / 2)),
        high=np.ceil(counts * (1 + widths / 2)),
    )


def fit(data, model="quasi_poisson", own_level=False, bootstrap=60, seed=7, **options):
    return trends.fit_trend(data, "refused_all", model, False, own_level, 0.95, bootstrap, 2000, seed, **options)


def test_fewer_than_four_informative_years_give_no_model():
    wide = published([800, 1000, 1200, 1400, 1500], widths=[0, 0, 0, 3, 3])  # two ranges span > 3-fold
    assert trends.informative(wide) == 3
    assert fit(wide) is None


def test_a_model_needs_a_degree_of_freedom_beyond_its_parameters():
    assert fit(published([800, 900, 1000, 1100]), own_level=True) is not None
    four_with_level = published([800, 900, 1000, 3000], scope=[False, False, False, True])
    assert trends.informative(four_with_level) == 3  # a scope-break year says nothing about the slope
    assert fit(four_with_level, own_level=True) is None


def test_a_known_rate_ratio_is_recovered_from_large_counts():
    years = np.arange(2010, 2020)
    counts = np.round(5000 * 1.1 ** (years - 2010))
    result = fit(published(counts, years=years))
    assert result.rate_ratio == pytest.approx(1.1, abs=0.002)
    assert result.low < 1.1 < result.high and result.high - result.low < 0.02


def test_without_bootstrap_the_interval_uses_the_calibration_given():
    data = published([812, 930, 1011, 1120, 1180, 1340])
    result = fit(data, model="poisson", bootstrap=0, calibration=1.0)
    assert result.critical_value == pytest.approx(stats.chi2.ppf(0.95, 1))
    doubled = fit(data, model="poisson", bootstrap=0, calibration=2.0)
    assert doubled.critical_value == pytest.approx(2 * stats.chi2.ppf(0.95, 1))
    assert doubled.low < result.low and doubled.high > result.high
    assert result.band.empty and math.isnan(result.prediction["low"])


def test_the_bootstrap_calibration_is_at_least_chi_square():
    result = fit(published([812, 930, 1011, 1120, 1180, 1340]))
    assert result.calibration >= 1.0 and result.bootstrap == 60


def test_the_same_seed_gives_the_same_numbers_and_another_seed_does_not():
    data = published([812, 930, 1011, 1120, 1180, 1340])
    first, again, other = fit(data, seed=1), fit(data, seed=1), fit(data, seed=2)
    assert (first.low, first.high, first.prediction["low"]) == (again.low, again.high, again.prediction["low"])
    assert (first.prediction["low"], first.prediction["high"]) != (other.prediction["low"], other.prediction["high"])


def test_the_prediction_is_wider_than_the_band_and_brackets_the_trend():
    data = published([812, 930, 1011, 1120, 1180, 1340])
    result = fit(data)
    next_year = result.band[result.band["year"] == 2023].iloc[0]
    assert result.prediction["year"] == 2023
    assert result.prediction["low"] < next_year["conf_low"] < next_year["fitted"] < next_year["conf_high"]
    assert next_year["conf_high"] < result.prediction["high"]


def test_with_parameters_known_the_prediction_is_the_poisson_quantiles():
    """Ten years of counts near 100,000 pin the line; what is left is the next count's own randomness."""
    years = np.arange(2010, 2020)
    counts = np.round(100_000 * 1.02 ** (years - 2010))
    result = fit(published(counts, years=years), model="poisson", bootstrap=40)
    mean = 100_000 * 1.02**10
    low, high = stats.poisson(mean).ppf([0.025, 0.975])
    assert result.prediction["low"] == pytest.approx(low, rel=0.003)
    assert result.prediction["high"] == pytest.approx(high, rel=0.003)


def test_overdispersion_is_detected_in_overdispersed_counts_only():
    rng = np.random.default_rng(3)
    years = np.arange(2010, 2022)
    means = 1000 * 1.05 ** (years - 2010)
    poisson_counts = rng.poisson(means)
    overdispersed = rng.negative_binomial(means / 20, 1 / 21)
    assert fit(published(poisson_counts, years=years), bootstrap=0, calibration=1.0).overdispersion_p > 0.05
    assert fit(published(overdispersed, years=years), bootstrap=0, calibration=1.0).overdispersion_p < 0.01


def test_the_simple_fit_is_a_quasi_poisson_glm_with_t_quantiles():
    """Against the textbook: Pearson dispersion, standard error scaled by its root, t on n - 2 df."""
    counts = np.array([812.0, 930, 1011, 1120, 1180, 1340])
    x = np.arange(6) - 2.5
    ratio, low, high = trends.simple_fit(published(counts), False, 0.95)
    poisson = censored.best_fit(censored.Model(published(counts), "poisson", False))
    slope = poisson.parameters[1]
    mean = np.exp(poisson.parameters[0] + slope * x)
    dispersion = np.sum((counts - mean) ** 2 / mean) / 4
    design = np.column_stack([np.ones(6), x])
    covariance = np.linalg.inv(design.T @ (design * mean[:, None])) * dispersion
    half = stats.t.ppf(0.975, 4) * math.sqrt(covariance[1, 1])
    assert (ratio, low, high) == pytest.approx(
        (math.exp(slope), math.exp(slope - half), math.exp(slope + half)), rel=1e-5
    )


def test_an_unknown_count_model_is_refused():
    with pytest.raises(ValueError, match="unknown count model"):
        fit(published([1, 2, 3, 4, 5]), model="gaussian")
