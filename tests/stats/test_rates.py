"""Interval methods against independent formulas (gamma quantiles, the Wilson formula, Beta quantiles)."""

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy import stats

from interpol_review.stats.rates import count_interval, garwood, rate_interval, rates


@pytest.mark.parametrize(
    ("count", "expected"),
    # Garwood (1936) / standard tables of exact 95% Poisson limits.
    [(0, (0.0, 3.689)), (1, (0.0253, 5.572)), (5, (1.623, 11.668)), (10, (4.795, 18.390))],
)
def test_garwood_matches_published_tables(count, expected):
    assert garwood(count, 0.95) == pytest.approx(expected, abs=2e-3)


@given(count=st.integers(0, 5000), confidence=st.floats(0.5, 0.999))
def test_garwood_equals_gamma_quantiles(count, confidence):
    alpha = 1 - confidence
    low = 0.0 if count == 0 else stats.gamma.ppf(alpha / 2, count)
    high = stats.gamma.ppf(1 - alpha / 2, count + 1)
    assert garwood(count, confidence) == pytest.approx((low, high), rel=1e-9, abs=1e-12)


def wilson_by_hand(k: int, n: int, confidence: float) -> tuple[float, float]:
    z = stats.norm.ppf(1 - (1 - confidence) / 2)
    p = k / n
    centre = (p + z**2 / (2 * n)) / (1 + z**2 / n)
    half = z * math.sqrt(p * (1 - p) / n + z**2 / (4 * n**2)) / (1 + z**2 / n)
    return centre - half, centre + half


@pytest.mark.parametrize(("k", "n"), [(1270, 23716), (26, 27768), (0, 100), (100, 100), (7, 40)])
def test_wilson_matches_the_textbook_formula(k, n):
    assert count_interval(k, n, 0.95, "wilson") == pytest.approx(wilson_by_hand(k, n, 0.95), rel=1e-9, abs=1e-12)


@pytest.mark.parametrize(("k", "n"), [(1270, 23716), (26, 27768), (7, 40)])
def test_jeffreys_matches_beta_quantiles(k, n):
    expected = (stats.beta.ppf(0.025, k + 0.5, n - k + 0.5), stats.beta.ppf(0.975, k + 0.5, n - k + 0.5))
    assert count_interval(k, n, 0.95, "jeffreys") == pytest.approx(expected, rel=1e-9)


@pytest.mark.parametrize("method", ["exact_poisson", "wilson", "jeffreys"])
def test_union_over_the_input_box_equals_brute_force(method):
    counts, exposures = range(760, 851, 10), np.linspace(27768, 29279, 9)
    limits = [count_interval(k, n, 0.95, method) for k in counts for n in exposures]
    expected = (min(low for low, _ in limits), max(high for _, high in limits))
    assert rate_interval(760, 850, 27768, 29279, 0.95, method) == pytest.approx(expected, rel=1e-12)


@given(
    count=st.integers(1, 3000),
    width=st.integers(0, 500),
    exposure=st.integers(5000, 40000),
    method=st.sampled_from(["exact_poisson", "wilson", "jeffreys"]),
    confidence=st.floats(0.5, 0.98),
)
def test_intervals_contain_the_point_and_widen_with_confidence(count, width, exposure, method, confidence):
    low, high = rate_interval(count, count + width, exposure, exposure, confidence, method)
    assert low <= count / exposure <= (count + width) / exposure <= high
    wider_low, wider_high = rate_interval(count, count + width, exposure, exposure, confidence + 0.01, method)
    assert wider_low <= low and wider_high >= high


def test_unknown_denominator_gives_an_open_interval():
    assert rate_interval(100, 100, 0, math.inf, 0.95, "exact_poisson") == (0.0, math.inf)


def test_unknown_method_is_an_error():
    with pytest.raises(ValueError, match="unknown interval method"):
        count_interval(1, 10, 0.95, "wald")


def test_rates_table_per_1000():
    panel = pd.DataFrame(
        [
            dict(
                year=2021,
                series="issued",
                status="observed",
                value=23716.0,
                low=23716.0,
                high=23716.0,
                scope_break=False,
            ),
            dict(
                year=2021,
                series="refused_all",
                status="observed",
                value=1270.0,
                low=1270.0,
                high=1270.0,
                scope_break=False,
            ),
        ]
    )
    row = rates(panel).iloc[0]
    assert row.rate_per_1000 == pytest.approx(1000 * 1270 / 23716)
    low, high = garwood(1270, 0.95)
    assert (row.low, row.high) == pytest.approx((1000 * low / 23716, 1000 * high / 23716))
