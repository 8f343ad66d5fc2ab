"""Scenario and capacity arithmetic against values computed by hand from the published figures."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from interpol_review.stats import capacity, changes, scenarios

REFUSED = pd.DataFrame({"year": [2021], "low": [1270.0], "high": [1270.0]})
ISSUED = pd.DataFrame({"year": [2021], "low": [23716.0], "high": [23716.0]})
STOCKS = pd.DataFrame(
    {"period": ["2021-12-31"], "period_start": [2021], "low": [66365.0], "high": [66365.0], "figure_id": ["N061"]}
)


def test_refusal_rate_among_requests_and_its_ceiling():
    table = scenarios.requests_scenarios(REFUSED, ISSUED, 25000, 40000, points=2)
    row = table[(table["new_request_share"] == 1.0) & (table["requests"] == 25000)].iloc[0]
    assert row.refusal_rate_low == pytest.approx(1270 / 25000)
    assert row.refusal_rate_ceiling == pytest.approx(1270 / (23716 + 1270))
    assert row.possible  # 25,000 >= 23,716 + 1,270
    low = scenarios.requests_scenarios(REFUSED, ISSUED, 24000, 24000, points=1)
    assert not low[low["new_request_share"] == 1.0].iloc[0].possible  # fewer requests than issued plus refused


def test_cancellations_per_1000_valid_red_notices_of_the_same_year():
    table = scenarios.cancellation_scenarios(REFUSED, STOCKS)
    row = table[table["new_request_share"] == 0.5].iloc[0]
    assert row.cancellations_low == 635 and row.per_1000_low == pytest.approx(1000 * 635 / 66365)
    assert row.stock_date == "2021-12-31"


def test_a_year_without_a_stock_says_why():
    table = scenarios.cancellation_scenarios(REFUSED.assign(year=2020), STOCKS)
    assert math.isnan(table.iloc[0].per_1000_low) and "no stock" in table.iloc[0].why_not


def test_each_denominator_of_the_same_year_with_its_caveat():
    table = scenarios.denominators(REFUSED, ISSUED, STOCKS).set_index("denominator_low")
    assert table.loc[23716.0, "per_1000_low"] == pytest.approx(1000 * 1270 / 23716)
    assert table.loc[66365.0, "per_1000_high"] == pytest.approx(1000 * 1270 / 66365)
    assert "stock" in table.loc[66365.0, "caveat"]


def test_scope_break_change():
    table = scenarios.scope_break_scenarios(2462, 1598).set_index("red_and_diffusion_share")
    assert table.loc[1.0, "change_percent"] == pytest.approx(100 * (2462 / 1598 - 1))
    assert table.loc[0.5, "change_percent"] == pytest.approx(100 * (1231 / 1598 - 1))


def test_review_capacity_range():
    workload = pd.DataFrame({"year": [2021], "low": [24986.0], "high": [24986.0]})
    row = capacity.review_capacity(workload, 30, 40, {2021: "about forty (F065)"}).iloc[0]
    assert row.per_person_day_low == pytest.approx(24986 / (40 * 230))
    assert row.per_person_day_high == pytest.approx(24986 / (30 * 220))
    assert row.minutes_per_alert_low == pytest.approx(7.5 * 60 / (24986 / (30 * 220)))
    assert row.staff == "about forty (F065)"


@pytest.mark.parametrize(("low", "high"), [(0, 10), (40, 30)])
def test_bad_ranges_are_errors(low, high):
    with pytest.raises(ValueError, match="must satisfy 0 < low <= high"):
        capacity.review_capacity(REFUSED, low, high, {})
    with pytest.raises(ValueError, match="must satisfy 0 < low <= high"):
        scenarios.requests_scenarios(REFUSED, ISSUED, low, high)


def test_the_ratio_of_two_counts_is_the_conditional_binomial_interval():
    """Given the total, the later count is binomial with p = ratio / (1 + ratio): Clopper-Pearson limits of
    p turned into limits of the ratio. By hand with scipy's beta quantiles."""
    from scipy import stats

    earlier, later = 150, 300
    total = earlier + later
    p_low = stats.beta.ppf(0.025, later, total - later + 1)
    p_high = stats.beta.ppf(0.975, later + 1, total - later)
    assert changes.ratio_interval(earlier, later, 0.95) == pytest.approx(
        (p_low / (1 - p_low), p_high / (1 - p_high)), rel=1e-9
    )


def test_a_change_between_ranges_covers_every_pair():
    found = changes.change((100, 120), (200, 210), 0.95)
    assert math.isnan(found["ratio"])
    assert (found["set_low"], found["set_high"]) == pytest.approx((200 / 120, 210 / 100))
    corners = [changes.ratio_interval(a, b, 0.95) for a in (100, 120) for b in (200, 210)]
    assert found["low"] == pytest.approx(min(low for low, _ in corners))
    assert found["high"] == pytest.approx(max(high for _, high in corners))
