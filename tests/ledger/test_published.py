"""Intervals implied by how a figure was published, against hand-computed answers."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from interpol_review.ledger.published import last_digit_unit, published_interval, rounding_interval


@pytest.mark.parametrize(
    ("value", "unit"), [(1200, 100), (26980, 10), (24000, 1000), (7500, 100), (40, 10), (2.8, 0.1), (5, 1)]
)
def test_last_digit_unit(value, unit):
    assert last_digit_unit(value) == pytest.approx(unit)


def test_a_share_rounded_to_one_decimal_covers_half_a_step_each_side():
    assert published_interval(2.8, "percent_of_issued", "one_decimal", "nearest", "") == pytest.approx((2.75, 2.85))


def test_a_truncated_share_covers_one_step_above():
    # 1,270 / 23,716 = 5.355%: published as 5.3% by a source that truncates.
    low, high = published_interval(5.3, "percent_of_issued", "one_decimal", "truncated", "")
    assert (low, high) == pytest.approx((5.3, 5.4))
    assert low <= 100 * 1270 / 23716 <= high


def test_either_rule_is_the_union_of_rounding_and_truncation():
    assert rounding_interval(6.1, 0.1, "either") == pytest.approx((6.05, 6.2))


def test_just_under_a_share_is_one_step_below():
    assert published_interval(4.5, "percent_of_issued", "one_decimal", "either", "just_below") == pytest.approx(
        (4.4, 4.5)
    )


def test_bounds_and_approximations():
    assert published_interval(1000, "lower_bound", "", "", "more_than") == (1000, math.inf)
    assert published_interval(40, "upper_bound", "", "", "range:30-40") == (0, 40)
    assert published_interval(24000, "approximate", "approximate", "", "just_below") == (23500, 24000)
    assert published_interval(1200, "average_per_year", "approximate", "", "") == (1150, 1250)
    assert published_interval(975, "count", "read_from_chart", "", "") == pytest.approx((926.25, 1023.75))
    assert published_interval(23716, "count", "exact", "", "") == (23716, 23716)


def test_a_trend_statement_has_no_interval():
    low, high = published_interval(math.nan, "trend_statement", "", "", "share_rising_each_year:2017-2020")
    assert math.isnan(low) and math.isnan(high)


def test_an_unknown_rounding_rule_is_an_error():
    with pytest.raises(ValueError, match="unknown rounding rule"):
        rounding_interval(1.0, 0.1, "bankers")


@given(
    value=st.floats(min_value=0, max_value=1e6, allow_nan=False),
    kind=st.sampled_from(["count", "approximate", "average_per_year", "percent_of_issued", "lower_bound"]),
    precision=st.sampled_from(["exact", "approximate", "unknown", "one_decimal", "whole_percent", "read_from_chart"]),
    rounding=st.sampled_from(["nearest", "truncated", "either"]),
    qualifier=st.sampled_from(["", "just_below"]),
)
def test_every_interval_contains_the_published_value(value, kind, precision, rounding, qualifier):
    low, high = published_interval(value, kind, precision, rounding, qualifier)
    assert low <= value <= high
