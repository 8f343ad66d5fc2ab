"""Interval methods against independent formulas (gamma quantiles, the Wilson formula, Beta quantiles)."""

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy import stats

from interpol_review.checks.constraints import Constraint, System, structural_constraints
from interpol_review.ledger.status import Status
from interpol_review.stats.rates import count_interval, garwood, rates, ratio_range


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


def test_unknown_method_is_an_error():
    with pytest.raises(ValueError, match="unknown interval method"):
        count_interval(1, 10, 0.95, "wald")


def linked_system() -> System:
    """One year: issued between 20,000 and 30,000, refused between 700 and 1,500, and a published share
    of 3.0-3.1% linking the two (so the rate is not the ratio of the ranges' corners)."""
    year = 2017
    share_low, share_high = 0.030, 0.031
    constraints = [
        *structural_constraints([year]),
        Constraint("issued", ("A",), {("issued", year): 1}, 20_000, 30_000),
        Constraint("refused", ("B",), {("refused_all", year): 1}, 700, 1_500),
        Constraint("share upper", ("C",), {("refused_all", year): 1, ("issued", year): -share_high}, -math.inf, 0),
        Constraint("share lower", ("C",), {("refused_all", year): 1, ("issued", year): -share_low}, 0, math.inf),
    ]
    return System(years=[year], constraints=constraints)


def allowed_grid() -> list[tuple[float, float]]:
    """Every (refused, issued) pair on a fine grid that the constraints of linked_system allow."""
    pairs = []
    for issued in np.linspace(20_000, 30_000, 401):
        for refused in np.linspace(700, 1_500, 801):
            if 0.030 * issued <= refused <= 0.031 * issued:
                pairs.append((refused, issued))
    return pairs


def test_the_rates_the_figures_allow_equal_brute_force_over_the_allowed_pairs():
    ratios = [refused / issued for refused, issued in allowed_grid()]
    low, high = ratio_range(linked_system(), ("refused_all", 2017), ("issued", 2017), {})
    assert low == pytest.approx(0.030, abs=1e-9) and high == pytest.approx(0.031, abs=1e-9)
    # the grid lies inside the set, so its extremes can only be inside the exact range, and come close
    assert low <= min(ratios) <= low + 1e-5 and high - 1e-5 <= max(ratios) <= high
    # the corners of the two ranges would have said 700 / 30,000 to 1,500 / 20,000: 2.3% to 7.5%


def panel_cell(series: str, low: float, high: float, status: Status) -> dict:
    value = low if low == high else math.nan
    return dict(year=2017, series=series, status=status, value=value, low=low, high=high, scope_break=False)


@pytest.mark.parametrize("method", ["exact_poisson", "wilson", "jeffreys"])
def test_randomness_is_added_over_the_allowed_pairs_as_brute_force_finds_it(method):
    system = linked_system()
    table = pd.DataFrame(
        [
            panel_cell("issued", 20_000, 30_000, Status.BOUNDED),
            panel_cell("refused_all", 700, 1_500, Status.BOUNDED),
        ]
    )
    found = rates(table, system, 0.95, method).set_index("series").loc["refused_all"]
    limits = [count_interval(refused, issued, 0.95, method) for refused, issued in allowed_grid()]
    expected_low = 1000 * min(low for low, _ in limits)
    expected_high = 1000 * max(high for _, high in limits)
    assert found["set_low"] == pytest.approx(30.0) and found["set_high"] == pytest.approx(31.0)
    assert found["low"] == pytest.approx(expected_low, rel=2e-3) and found["low"] <= expected_low + 1e-9
    assert found["high"] == pytest.approx(expected_high, rel=2e-3) and found["high"] >= expected_high - 1e-9
    assert found["status"] == Status.BOUNDED


def test_a_published_count_and_denominator_give_the_textbook_interval():
    table = pd.DataFrame(
        [
            panel_cell("issued", 23_716, 23_716, Status.PUBLISHED),
            panel_cell("refused_all", 1_270, 1_270, Status.PUBLISHED),
        ]
    )
    row = rates(table, System(years=[2017]), 0.95, "exact_poisson").set_index("series").loc["refused_all"]
    assert row["rate_per_1000"] == pytest.approx(1000 * 1270 / 23716)
    low, high = garwood(1270, 0.95)
    assert (row["low"], row["high"]) == pytest.approx((1000 * low / 23716, 1000 * high / 23716))


def test_a_confidence_outside_zero_and_one_is_refused():
    with pytest.raises(ValueError, match="confidence must be between 0 and 1"):
        rates(pd.DataFrame(), System(years=[2017]), 1.5)
