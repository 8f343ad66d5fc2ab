"""The yearly panel on the real ledger, against bounds derived by hand from the published figures."""

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from interpol_review.ledger.load import load_ledger
from interpol_review.stats.panel import build_panel


@pytest.fixture(scope="module")
def ledger():
    return load_ledger()


@pytest.fixture(scope="module")
def panel(ledger):
    return build_panel(ledger, 2017, 2024).table.set_index(["series", "year"])


def test_published_counts_are_observed(panel):
    cell = panel.loc[("issued", 2021)]
    assert (cell.status, cell.value, cell.low, cell.high) == ("observed", 23716, 23716, 23716)
    assert panel.loc[("refused_all", 2024)].scope_break


def test_issued_2020_follows_from_the_four_percent_fall(panel):
    # F008: 2021 was 4% (whole percent, so 3.5% to 4.5%) below 2020: 23,716 / 0.965 <= I2020 <= 23,716 / 0.955.
    cell = panel.loc[("issued", 2020)]
    assert cell.status == "reconstructed"
    assert (cell.low, cell.high) == (math.ceil(23716 / 0.965), math.floor(23716 / 0.955))


def test_issued_2017_lower_bound_by_hand(panel):
    # Five-year average 26,980 (rounded to tens: sum >= 5 * 26,975), 2018 = 29,279 is the peak, 2021 = 23,716,
    # 2020 at most 24,833 and 2019 at most the peak: I2017 >= 134,875 - 29,279 - 23,716 - 24,833 - 29,279.
    assert panel.loc[("issued", 2017)].low == 134875 - 29279 - 23716 - 24833 - 29279
    assert panel.loc[("issued", 2017)].high == 29279


def test_refused_2017_from_the_share_and_issued_bounds(panel):
    # 2.8% (rounded or truncated: 2.75% to 2.9%) of issued in [27,768, 29,279].
    cell = panel.loc[("refused_all", 2017)]
    assert cell.low == math.ceil(0.0275 * 27768) and cell.high == math.floor(0.029 * 29279)


def test_rising_share_lower_bound_for_2018(panel):
    # The share rose every year from 2017 (at least 2.75%): R2018 >= 0.0275 * 29,279.
    assert panel.loc[("refused_all", 2018)].low == math.ceil(0.0275 * 29279)


def test_the_disagreement_rule_decides_2021_article_2_or_3(ledger):
    parts = build_panel(ledger, 2017, 2024, "sum_of_parts").table.set_index(["series", "year"])
    total = build_panel(ledger, 2017, 2024, "stated_total").table.set_index(["series", "year"])
    assert parts.loc[("article_2_or_3", 2021)].value == 503
    assert total.loc[("article_2_or_3", 2021)].value == 483
    assert total.loc[("article_2", 2021)].status == "reconstructed"


def test_without_2024_the_scope_break_figures_are_gone(ledger):
    table = build_panel(ledger, 2017, 2024, include_2024=False).table.set_index(["series", "year"])
    assert table.loc[("refused_all", 2024)].status == "missing"


def test_unknown_rules_are_errors(ledger):
    with pytest.raises(ValueError, match="disagreement rule"):
        build_panel(ledger, 2017, 2024, "newest")
    with pytest.raises(ValueError, match="rising_share"):
        build_panel(ledger, 2017, 2024, rising_share="maybe")


@settings(max_examples=6, deadline=None)
@given(start=st.integers(2015, 2021), length=st.integers(0, 4), rule=st.sampled_from(["sum_of_parts", "stated_total"]))
def test_every_cell_has_an_interval_containing_its_value(ledger, start, length, rule):
    table = build_panel(ledger, start, start + length, rule, rising_share="check").table
    assert len(table) == 6 * (length + 1)
    assert (table["low"] <= table["high"]).all()
    points = table.dropna(subset=["value"])
    assert ((points["low"] <= points["value"]) & (points["value"] <= points["high"])).all()
    assert set(table["status"]) <= {"observed", "bounded", "reconstructed", "missing"}
