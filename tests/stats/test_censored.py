"""The interval-censored likelihood against independent computations: scipy's distributions summed by hand,
statsmodels' Poisson GLM, a profile likelihood solved in closed form, numerical derivatives."""

from __future__ import annotations

import math

import numpy as np
import pytest
import statsmodels.api as sm
from scipy import optimize, stats

from interpol_review.stats import censored

YEARS = np.arange(2015, 2023, dtype=float)


def observations(low, high, members=None, exposure=None, scope=None) -> censored.Observations:
    years = YEARS[: len(low)] if members is None else YEARS[: 1 + max(max(m) for m in members)]
    return censored.Observations(
        years=years,
        exposure=np.ones(len(years)) if exposure is None else np.asarray(exposure, dtype=float),
        scope_break=np.zeros(len(years), dtype=bool) if scope is None else np.asarray(scope),
        members=tuple((i,) for i in range(len(low))) if members is None else tuple(members),
        low=np.asarray(low, dtype=float),
        high=np.asarray(high, dtype=float),
    )


def nb1(mean: float, dispersion: float):
    """NB1 in scipy's terms: variance (1 + d) mean; size mean / d, success probability 1 / (1 + d)."""
    return stats.nbinom(mean / dispersion, 1 / (1 + dispersion))


def test_a_published_count_has_the_distributions_own_probability():
    data = observations([120, 95, 140], [120, 95, 140])
    parameters = np.array([math.log(110), 0.05, math.log(2.0)])
    model = censored.Model(data, "quasi_poisson", False)
    means = model.means(parameters)
    expected = sum(nb1(m, 2.0).logpmf(k) for m, k in zip(means, [120, 95, 140], strict=True))
    assert model.loglik(parameters) == pytest.approx(expected, rel=1e-10)
    poisson = censored.Model(data, "poisson", False)
    assert poisson.loglik(parameters[:2]) == pytest.approx(
        sum(stats.poisson(m).logpmf(k) for m, k in zip(means, [120, 95, 140], strict=True)), rel=1e-10
    )


def test_a_range_and_a_lower_bound_have_the_summed_probability():
    data = observations([100, 80, 150], [130, 80, math.inf])
    parameters = np.array([math.log(110), 0.05, math.log(3.0)])
    model = censored.Model(data, "quasi_poisson", False)
    m = model.means(parameters)
    expected = (
        math.log(sum(nb1(m[0], 3.0).pmf(k) for k in range(100, 131)))
        + nb1(m[1], 3.0).logpmf(80)
        + math.log(nb1(m[2], 3.0).sf(149))
    )
    assert model.loglik(parameters) == pytest.approx(expected, rel=1e-9)


def test_a_total_over_two_years_has_the_probability_of_the_convolution():
    """NB1 years with a common probability sum to an NB1; checked against the convolution of the two."""
    data = observations([200, 60], [260, 60], members=[(0, 1), (2,)])
    parameters = np.array([math.log(110), 0.05, math.log(1.5)])
    model = censored.Model(data, "quasi_poisson", False)
    m = model.means(parameters)
    first, second = nb1(m[0], 1.5).pmf(np.arange(400)), nb1(m[1], 1.5).pmf(np.arange(400))
    total = np.convolve(first, second)[:400]
    expected = math.log(total[200:261].sum()) + nb1(m[2], 1.5).logpmf(60)
    assert model.loglik(parameters) == pytest.approx(expected, rel=1e-8)


@pytest.mark.parametrize("family", ["quasi_poisson", "negative_binomial", "poisson"])
def test_the_gradient_equals_numerical_differences(family):
    data = observations(
        [120, 95, 140, 300, 90], [120, 110, 140, 330, math.inf], members=[(0,), (1,), (2,), (3, 4), (5,)]
    )
    model = censored.Model(data, family, False)
    parameters = np.array([math.log(110), 0.08, math.log(0.7)])[: model.width]
    _, gradient = model.value_and_gradient(parameters)
    numerical = optimize.approx_fprime(parameters, model.loglik, 1e-6)
    assert gradient == pytest.approx(numerical, rel=1e-4, abs=1e-4)


def test_with_published_counts_only_the_poisson_fit_is_statsmodels_glm():
    counts = np.array([812, 930, 1011, 1120, 1180, 1340])
    exposure = np.array([24_000, 25_000, 25_500, 26_000, 25_800, 27_000], dtype=float)
    data = observations(counts, counts, exposure=exposure)
    fit = censored.best_fit(censored.Model(data, "poisson", False))
    design = sm.add_constant(data.years[: len(counts)] - data.centre)
    glm = sm.GLM(counts, design, family=sm.families.Poisson(), exposure=exposure).fit()
    assert fit.parameters == pytest.approx(glm.params, abs=1e-5)
    assert fit.loglik == pytest.approx(glm.llf, abs=1e-6)


def test_the_profile_interval_matches_the_closed_form_profile():
    """For Poisson with published counts the intercept has a closed form at each slope, so the profile
    likelihood and its chi-square interval can be computed without the package's optimiser."""
    counts = np.array([45, 52, 60, 58, 75, 81])
    x = YEARS[:6] - YEARS[:6].mean()
    data = observations(counts, counts)

    def profile(slope: float) -> float:
        intercept = math.log(counts.sum() / np.exp(slope * x).sum())
        mean = np.exp(intercept + slope * x)
        return float(np.sum(stats.poisson(mean).logpmf(counts)))

    top = optimize.minimize_scalar(lambda b: -profile(b), bounds=(-1, 1), method="bounded", options={"xatol": 1e-10})
    critical = stats.chi2.ppf(0.95, 1)

    def excess(b):
        return 2 * (-top.fun - profile(b)) - critical

    expected = (optimize.brentq(excess, top.x - 1, top.x), optimize.brentq(excess, top.x, top.x + 1))
    model = censored.Model(data, "poisson", False)
    assert censored.profile_interval(model, censored.best_fit(model), critical) == pytest.approx(expected, abs=2e-4)


def test_a_profile_that_never_falls_far_enough_is_open():
    data = observations([0, 0, 0, 10], [3000, 3000, 3000, math.inf])  # nothing stops a steep rise
    model = censored.Model(data, "quasi_poisson", False)
    low, high = censored.profile_interval(model, censored.best_fit(model), stats.chi2.ppf(0.95, 1))
    assert high == math.inf


def test_a_scope_break_year_gets_its_own_level_and_leaves_the_slope_alone():
    counts = np.array([100, 110, 121, 133, 146, 400])  # the last year is a different, wider series
    scope = [False] * 5 + [True]
    with_level = censored.best_fit(censored.Model(observations(counts, counts, scope=scope), "poisson", True))
    without = censored.best_fit(censored.Model(observations(counts[:5], counts[:5]), "poisson", False))
    assert math.exp(with_level.parameters[1]) == pytest.approx(math.exp(without.parameters[1]), abs=1e-4)


def test_an_unknown_family_is_refused():
    with pytest.raises(ValueError, match="unknown count model 'gaussian'"):
        censored.Model(observations([1, 2, 3], [1, 2, 3]), "gaussian", False)


def test_simulated_observations_keep_each_ranges_width_and_contain_the_count():
    data = observations([100, 80, 150], [130, 80, math.inf])
    model = censored.Model(data, "quasi_poisson", False)
    parameters = np.array([math.log(110), 0.05, math.log(3.0)])
    rng = np.random.default_rng(5)
    for _ in range(50):
        counts = censored.simulate(model, parameters, rng)
        low, high = censored.observe_like(model, parameters, counts, rng)
        assert high[0] - low[0] == 30 and low[0] <= counts[0] <= high[0]
        assert low[1] == high[1] == counts[1]
        assert high[2] == math.inf and low[2] <= counts[2]
