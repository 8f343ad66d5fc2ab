"""Scenario and capacity arithmetic against hand-computed values."""

import pandas as pd
import pytest

from interpol_review.stats import capacity, scenarios

REFUSED = pd.DataFrame({"year": [2021], "low": [1270.0], "high": [1270.0]})
ISSUED = pd.DataFrame({"year": [2021], "low": [23716.0], "high": [23716.0]})


def test_refusal_rate_among_requests_and_its_ceiling():
    table = scenarios.requests_scenarios(REFUSED, ISSUED, 25000, 40000, points=2)
    row = table[(table["new_request_share"] == 1.0) & (table["requests"] == 25000)].iloc[0]
    assert row.refusal_rate_low == pytest.approx(1270 / 25000)
    assert row.refusal_rate_ceiling == pytest.approx(1270 / (23716 + 1270))
    assert row.possible  # 25,000 >= 23,716 + 1,270
    low = scenarios.requests_scenarios(REFUSED, ISSUED, 24000, 24000, points=1)
    assert not low[low["new_request_share"] == 1.0].iloc[0].possible  # fewer requests than issued plus refused


def test_cancellations_per_1000_in_circulation():
    table = scenarios.cancellation_scenarios(REFUSED, 62448)
    row = table[table["new_request_share"] == 0.5].iloc[0]
    assert row.cancellations_low == 635 and row.per_1000_in_circulation_low == pytest.approx(1000 * 635 / 62448)


def test_alternative_denominators():
    table = scenarios.alternative_denominators(
        REFUSED, {"Red Notices": pd.DataFrame({"year": [2021], "low": [10776.0], "high": [10776.0]})}
    )
    assert table.iloc[0].per_1000_low == pytest.approx(1000 * 1270 / 10776)


def test_scope_break_change():
    table = scenarios.scope_break_scenarios(2462, 1598, shares=(1.0, 0.5))
    assert table["change_on_2023_percent"].tolist() == pytest.approx([100 * (2462 / 1598 - 1), 100 * (1231 / 1598 - 1)])


def test_review_capacity_range():
    workload = pd.DataFrame({"year": [2021], "low": [24986.0], "high": [24986.0]})
    row = capacity.review_capacity(workload, 30, 40, working_days=(220, 230)).iloc[0]
    assert row.per_person_day_low == pytest.approx(24986 / (40 * 230))
    assert row.per_person_day_high == pytest.approx(24986 / (30 * 220))
    assert row.minutes_per_alert_low == pytest.approx(450 / (24986 / (30 * 220)))


@pytest.mark.parametrize(("low", "high"), [(0, 10), (40, 30)])
def test_bad_ranges_are_errors(low, high):
    with pytest.raises(ValueError):
        scenarios.requests_scenarios(REFUSED, ISSUED, low, high)
    with pytest.raises(ValueError):
        capacity.review_capacity(REFUSED, low, high)
