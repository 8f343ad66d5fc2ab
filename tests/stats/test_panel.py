"""The yearly panel on the real ledger, against bounds derived by hand from the published figures."""

from __future__ import annotations

import math

import pytest

from interpol_review.stats.panel import build_panel


@pytest.fixture(scope="module")
def panel(latest):
    return latest.panel.table.set_index(["series", "year"])


def test_published_counts_are_published(panel):
    cell = panel.loc[("issued", 2021)]
    assert (cell.status, cell.value, cell.low, cell.high) == ("published", 23716, 23716, 23716)
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


def test_the_rising_share_sets_the_2018_lower_bound(panel):
    # The share rose every year from 2017 (at least 2.75%): R2018 >= 0.0275 * 29,279 = 805.2.
    cell = panel.loc[("refused_all", 2018)]
    assert cell.low == math.ceil(0.0275 * 29279)
    assert "rising share" in cell.bound_method


def test_a_bound_names_the_figures_that_bind_it(panel):
    # 2020's alerts issued follow from the 4% fall (F008) and 2021's count (published by three sources)
    cell = panel.loc[("issued", 2020)]
    for side in (cell.binding_low, cell.binding_high):
        assert "F008" in side and "F003" in side
    # where the rising-share statement sets a bound, the statement is named
    assert panel.loc[("refused_all", 2018)].binding_low.endswith("(rising share)")


def test_the_disagreement_rule_decides_2021_article_2_or_3(ledger):
    options = dict(rising_share_rule="check", with_binding_figures=False)
    parts = build_panel(ledger, 2017, 2024, "sum_of_parts", **options).table.set_index(["series", "year"])
    total = build_panel(ledger, 2017, 2024, "stated_total", **options).table.set_index(["series", "year"])
    assert parts.loc[("article_2_or_3", 2021)].value == 150 + 353
    assert total.loc[("article_2_or_3", 2021)].value == 483
    assert total.loc[("article_2", 2021)].status == "reconstructed"


def test_excluding_the_scope_break_leaves_its_years_missing(ledger):
    table = build_panel(
        ledger, 2017, 2024, scope_break="exclude", rising_share_rule="check", with_binding_figures=False
    )
    assert table.table.set_index(["series", "year"]).loc[("refused_all", 2024)].status == "missing"


def test_every_cell_has_an_interval_containing_its_value(panel):
    assert (panel["low"] <= panel["high"]).all()
    points = panel.dropna(subset=["value"])
    assert ((points["low"] <= points["value"]) & (points["value"] <= points["high"])).all()


def test_joint_ranges_are_narrower_than_the_sum_of_their_cells(latest, panel):
    joint = latest.panel.joint
    assert len(joint)
    for row in joint.itertuples():
        cells = [panel.loc[(row.series, year)] for year in row.years]
        assert sum(c.low for c in cells) <= row.low <= row.high <= sum(c.high for c in cells)
