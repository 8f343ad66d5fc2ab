"""Trend models against independent answers: a direct likelihood maximisation, the quasi-Poisson
scaling formula, simulated data with a known rate ratio, and Poisson quantiles."""

import math

import numpy as np
import pandas as pd
import pytest
from scipy import optimize, stats

from interpol_review.stats import trends


def synthetic(rate_ratio: float, years: int, exposure: float, seed: int, alpha: float = 0.0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    year = np.arange(2010, 2010 + years)
    mean = exposure * 0.02 * rate_ratio ** (year - year[0])
    counts = rng.negative_binomial(1 / alpha, 1 / (1 + alpha * mean)) if alpha else rng.poisson(mean)
    return pd.DataFrame(
        {
            "year": year,
            "count": counts.astype(float),
            "exposure": exposure,
            "count_status": "observed",
            "exposure_status": "observed",
        }
    )


def test_poisson_slope_equals_direct_maximum_likelihood():
    data = synthetic(1.08, 8, 20000, seed=1)
    fit = trends.fit_trend(data, "s", "poisson", True, 0.95)
    t = data["year"] - data["year"].mean()

    def negative_log_likelihood(beta):
        mean = data["exposure"] * np.exp(beta[0] + beta[1] * t)
        return -np.sum(stats.poisson.logpmf(data["count"], mean))

    best = optimize.minimize(
        negative_log_likelihood,
        x0=[math.log(0.02), 0.0],
        method="Nelder-Mead",
        options={"xatol": 1e-10, "fatol": 1e-10, "maxiter": 5000},
    )
    assert fit.rate_ratio == pytest.approx(math.exp(best.x[1]), rel=1e-5)


def test_a_known_rate_ratio_is_recovered():
    data = synthetic(1.10, 20, 100000, seed=2)
    fit = trends.fit_trend(data, "s", "poisson", True, 0.95)
    assert fit.rate_ratio == pytest.approx(1.10, abs=0.005)
    assert fit.low < 1.10 < fit.high


def test_quasi_poisson_scales_the_poisson_standard_error_by_the_pearson_dispersion():
    data = synthetic(1.05, 8, 20000, seed=3, alpha=0.05)
    poisson = trends.fit_trend(data, "s", "poisson", True, 0.95)
    quasi = trends.fit_trend(data, "s", "quasi_poisson", True, 0.95)
    phi = poisson.result.pearson_chi2 / poisson.result.df_resid
    assert quasi.rate_ratio == pytest.approx(poisson.rate_ratio)
    assert quasi.result.bse["year_c"] == pytest.approx(poisson.result.bse["year_c"] * math.sqrt(phi), rel=1e-6)


def test_dispersion_check_tells_poisson_from_overdispersed_data():
    poisson = trends.fit_trend(synthetic(1.0, 8, 50000, seed=4), "s", "poisson", True, 0.95)
    overdispersed = trends.fit_trend(synthetic(1.0, 8, 50000, seed=4, alpha=0.1), "s", "poisson", True, 0.95)
    assert poisson.verdict.startswith("consistent with Poisson")
    assert overdispersed.verdict.startswith("overdispersed")


def test_negative_binomial_estimates_alpha():
    data = synthetic(1.0, 30, 50000, seed=5, alpha=0.05)
    fit = trends.fit_trend(data, "s", "negative_binomial", True, 0.95)
    assert 0.02 < fit.alpha < 0.1


def test_two_points_leave_no_degrees_of_freedom_to_check_dispersion():
    fit = trends.fit_trend(synthetic(1.1, 2, 1000, seed=6), "s", "quasi_poisson", True, 0.95)
    assert fit.verdict.startswith("cannot be checked")
    assert (fit.low, fit.high) == (0.0, math.inf)


def test_prediction_interval_reduces_to_poisson_quantiles_when_parameters_are_certain():
    data = synthetic(1.0, 40, 1e7, seed=7)  # huge exposure: parameter uncertainty is negligible
    fit = trends.fit_trend(data, "s", "poisson", True, 0.95)
    median, low, high = trends.prediction_interval(fit, 2050, 1000.0, 0.95, 20000, seed=1)
    mean = 1000.0 * math.exp(
        fit.result.params["Intercept"] + fit.result.params["year_c"] * (2050 - data["year"].mean())
    )
    assert low == pytest.approx(stats.poisson.ppf(0.025, mean), abs=1.5)
    assert high == pytest.approx(stats.poisson.ppf(0.975, mean), abs=1.5)


def test_prediction_interval_is_wider_than_the_confidence_band():
    data = synthetic(1.05, 6, 20000, seed=8)
    fit = trends.fit_trend(data, "s", "poisson", True, 0.95)
    band = trends.confidence_band(fit, 0.95, [2016])
    _, low, high = trends.prediction_interval(fit, 2016, 20000, 0.95, 20000, seed=1)
    # the band is a rate per 1,000; the prediction a count for 20,000 alerts
    assert low < band["conf_low"].item() * 20 and high > band["conf_high"].item() * 20


def test_prediction_is_reproducible_with_a_seed():
    fit = trends.fit_trend(synthetic(1.05, 6, 20000, seed=9), "s", "quasi_poisson", True, 0.95)
    assert trends.prediction_interval(fit, 2016, 2e4, 0.95, 5000, 3) == trends.prediction_interval(
        fit, 2016, 2e4, 0.95, 5000, 3
    )


def test_fewer_than_two_points_give_no_fit():
    assert trends.fit_trend(synthetic(1.0, 1, 1000, seed=10), "s", "poisson", True, 0.95) is None


def test_unknown_model_is_an_error():
    with pytest.raises(ValueError, match="unknown count model"):
        trends.fit_trend(synthetic(1.0, 3, 1000, seed=11), "s", "ols", True, 0.95)
