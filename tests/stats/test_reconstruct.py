"""Reconstruction on synthetic tables: publish only aggregates like INTERPOL's, reconstruct, and check that
the truth lies within the bounds and that the bounds equal brute-force enumeration on small cases."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from interpol_review.checks.constraints import build_system, conflicting_figures
from interpol_review.ledger.published import published_interval
from interpol_review.stats import reconstruct, rising_share


def row(figure_id, series, period, kind, value, precision="exact", rounding="", qualifier=""):
    start, _, end = period.partition("-")
    low, high = published_interval(value, kind, precision, rounding, qualifier)
    return dict(
        figure_id=figure_id,
        series=series,
        period=period,
        period_start=int(start),
        period_end=int(end or start),
        period_type="span" if end else "year",
        kind=kind,
        value=value,
        low=low,
        high=high,
        qualifier=qualifier,
    )


def bounds_of(rows: list[dict], years: list[int], rising: str = "impose") -> pd.DataFrame:
    return reconstruct.cell_bounds(build_system(pd.DataFrame(rows), years, rising)).set_index(["series", "year"])


def publish_like_interpol(issued: dict, refused: dict) -> list[dict]:
    """The shape of INTERPOL's first release: averages, two counts, shares for two years, a peak marker."""
    years = sorted(issued)
    span = f"{years[0]}-{years[-1]}"
    peak = max(years, key=issued.get)
    rows = [
        row("F1", "issued", span, "average_per_year", round(np.mean(list(issued.values())), -1), "unknown"),
        row("F2", "issued", str(peak), "count", issued[peak], qualifier=f"peak_of:{span}"),
        row("F3", "issued", str(years[-1]), "count", issued[years[-1]]),
        row("F4", "refused_all", span, "average_per_year", round(np.mean(list(refused.values())), -2), "approximate"),
        row("F5", "refused_all", str(years[-1]), "count", refused[years[-1]]),
    ]
    for number, year in enumerate((years[0], years[-2]), start=6):
        share = math.floor(1000 * refused[year] / issued[year]) / 10  # truncated, as the source does
        rows.append(row(f"F{number}", "refused_all", str(year), "percent_of_issued", share, "one_decimal", "truncated"))
    return rows


@settings(max_examples=20, deadline=None)
@given(
    issued=st.lists(st.integers(20000, 30000), min_size=5, max_size=5),
    rates=st.lists(st.floats(0.02, 0.07), min_size=5, max_size=5),
)
def test_the_truth_lies_within_the_reconstructed_bounds(issued, rates):
    years = list(range(2017, 2022))
    true_issued = dict(zip(years, issued, strict=True))
    true_refused = {year: int(round(rate * true_issued[year])) for year, rate in zip(years, rates, strict=True)}
    bounds = bounds_of(publish_like_interpol(true_issued, true_refused), years)
    for year in years:
        for series, truth in (("issued", true_issued[year]), ("refused_all", true_refused[year])):
            low, high = bounds.loc[(series, year), ["low", "high"]]
            assert low <= truth <= high, (series, year, low, truth, high)


def brute_force(ranges: dict, feasible) -> dict:
    """Min and max of each cell over every integer assignment that satisfies ``feasible``."""
    names = list(ranges)
    found = {name: [math.inf, -math.inf] for name in names}
    for values in itertools.product(*(range(low, high + 1) for low, high in ranges.values())):
        cell = dict(zip(names, values, strict=True))
        if feasible(cell):
            for name in names:
                found[name] = [min(found[name][0], cell[name]), max(found[name][1], cell[name])]
    return found


SMALL = [
    # Three years of issued (I) and refused (R): the average of I is 40 (exact), I2 = 45 is the peak,
    # R averages about 2 (1.5 to 2.5), and R1 / I1 is 5.0% truncated (5.0 <= 100 R1 / I1 < 5.1).
    row("A", "issued", "2001-2003", "average_per_year", 40),
    row("B", "issued", "2002", "count", 45, qualifier="peak_of:2001-2003"),
    row("C", "refused_all", "2001-2003", "average_per_year", 2, "approximate"),
    row("D", "refused_all", "2001", "percent_of_issued", 5.0, "one_decimal", "truncated"),
]
NAMES = {
    "I1": ("issued", 2001),
    "I2": ("issued", 2002),
    "I3": ("issued", 2003),
    "R1": ("refused_all", 2001),
    "R2": ("refused_all", 2002),
    "R3": ("refused_all", 2003),
}
RANGES = {"I1": (20, 50), "I2": (45, 45), "I3": (20, 50), "R1": (0, 8), "R2": (0, 8), "R3": (0, 8)}


def small_feasible(c, refused_total=(4.5, 7.5)) -> bool:
    """The small case's constraints, with the range the refusals' three-year total must lie in."""
    return (
        c["I1"] + c["I2"] + c["I3"] == 120
        and c["I1"] <= 45
        and c["I3"] <= 45
        and refused_total[0] <= c["R1"] + c["R2"] + c["R3"] <= refused_total[1]
        and 0.05 * c["I1"] <= c["R1"] <= 0.051 * c["I1"]
    )


def test_linear_bounds_equal_brute_force_on_a_small_case():
    bounds = bounds_of(SMALL, [2001, 2002, 2003])
    expected = brute_force(RANGES, small_feasible)
    for name, cell in NAMES.items():
        assert list(bounds.loc[cell, ["low", "high"]]) == expected[name], name


def test_rising_share_bounds_hold_every_integer_table_and_miss_none_by_a_whole_alert():
    """With 'the share rose every year' the problem is not linear. Branch and bound certifies bounds of the
    continuous problem, rounded inwards: they must contain every integer table enumeration finds, and be
    no more than one alert wider (integrality is the only difference; with counts in the thousands it is
    negligible, and the methods say so)."""
    figures = [
        row("C2", "refused_all", "2001-2003", "average_per_year", 3, "approximate") if r["figure_id"] == "C" else r
        for r in SMALL
    ]
    statement = row(
        "E", "refused_all", "2001-2003", "trend_statement", math.nan, "", "", "share_rising_each_year:2001-2003"
    )
    system = build_system(pd.DataFrame([*figures, statement]), [2001, 2002, 2003], "impose")
    linear = reconstruct.cell_bounds(system)
    exact = rising_share.exact_bounds(system, linear, list(NAMES.values())).set_index(["series", "year"])

    def rising(c) -> bool:
        return (
            small_feasible(c, refused_total=(7.5, 10.5))
            and c["R1"] * c["I2"] <= c["R2"] * c["I1"]
            and c["R2"] * c["I3"] <= c["R3"] * c["I2"]
        )

    expected = brute_force(RANGES | {"R1": (0, 11), "R2": (0, 11), "R3": (0, 11)}, rising)
    assert exact["certified"].all()
    narrowed = False
    for name, cell in NAMES.items():
        low, high = exact.loc[cell, ["low", "high"]]
        true_low, true_high = expected[name]
        assert true_low - 1 <= low <= true_low and true_high <= high <= true_high + 1, (name, low, high, expected[name])
        narrowed |= high < linear.set_index(["series", "year"]).loc[cell, "high"]
    assert narrowed  # the statement must narrow something, or the nonlinear part went untested


def test_the_sum_of_two_years_is_bounded_more_tightly_than_its_parts():
    rows = [
        row("A", "refused_all", "2001-2003", "average_per_year", 10),
        row("B", "refused_all", "2003", "count", 6),
    ]
    system = build_system(pd.DataFrame(rows), [2001, 2002, 2003])
    cells = reconstruct.cell_bounds(system).set_index(["series", "year"])
    joint = reconstruct.joint_bounds(system, [("refused_all", [2001, 2002])]).iloc[0]
    assert list(cells.loc[("refused_all", 2001), ["low", "high"]]) == [0, 24]
    assert (joint["low"], joint["high"]) == (24, 24)


def test_conflicting_figures_are_named_as_a_smallest_set():
    rows = [
        row("X1", "article_2", "2021", "count", 150),
        row("X2", "article_3", "2021", "count", 353),
        row("X3", "article_2_or_3", "2021", "count", 483),
        row("X4", "issued", "2021", "count", 23716),
    ]
    system = build_system(pd.DataFrame(rows), [2021])
    assert conflicting_figures(system) == ["X1", "X2", "X3"]
    with pytest.raises(reconstruct.InfeasibleLedger) as caught:
        reconstruct.cell_bounds(system)
    assert caught.value.figure_ids == ["X1", "X2", "X3"]


def test_duplicates_of_one_statement_are_named_together():
    rows = [
        row("X1", "article_2", "2021", "count", 150),
        row("X5", "article_2", "2021", "count", 150),
        row("X2", "article_3", "2021", "count", 353),
        row("X3", "article_2_or_3", "2021", "count", 483),
    ]
    assert "X1+X5" in conflicting_figures(build_system(pd.DataFrame(rows), [2021]))


def test_the_binding_figures_are_the_ones_whose_removal_widens_the_bound():
    rows = [
        row("A", "issued", "2001-2002", "average_per_year", 40),
        row("B", "issued", "2002", "count", 45),
        row("C", "refused_all", "2001", "lower_bound", 3, qualifier="more_than"),
        row("D", "refused_all", "2002", "count", 7),  # slack for every cell of 2001: binds nothing there
    ]
    system = build_system(pd.DataFrame(rows), [2001, 2002])
    bounds = reconstruct.cell_bounds(system).set_index(["series", "year"])
    assert bounds.loc[("issued", 2001), ["low", "high"]].tolist() == [35, 35]
    assert bounds.loc[("refused_all", 2001), "high"] == math.inf
    binding = reconstruct.binding_figures(system, [("issued", 2001), ("refused_all", 2001)])
    binding = binding.set_index(["series", "year", "sense"])["binding"]
    assert binding[("issued", 2001, "low")] == "A, B" and binding[("issued", 2001, "high")] == "A, B"
    assert binding[("refused_all", 2001, "low")] == "C"


def test_a_rising_share_tightens_the_bounds_and_the_truth_stays_inside():
    issued = {2017: 28000, 2018: 29279, 2019: 28500, 2020: 24700, 2021: 23716}
    refused = {2017: 800, 2018: 1000, 2019: 1300, 2020: 1510, 2021: 1270}
    statement = row(
        "F9", "refused_all", "2017-2020", "trend_statement", math.nan, "", "", "share_rising_each_year:2017-2020"
    )
    system = build_system(pd.DataFrame([*publish_like_interpol(issued, refused), statement]), list(issued))
    linear = reconstruct.cell_bounds(system)
    cells = [("refused_all", 2018), ("refused_all", 2019)]
    exact = rising_share.exact_bounds(system, linear, cells)
    for cell in exact.itertuples():
        before = linear.set_index(["series", "year"]).loc[(cell.series, cell.year)]
        assert before.low <= cell.low <= refused[cell.year] <= cell.high <= before.high
        assert cell.high - cell.low < before.high - before.low
        assert cell.certified


def test_checked_only_keeps_the_rising_share_out_of_the_bounds():
    statement = row(
        "E", "refused_all", "2001-2003", "trend_statement", math.nan, "", "", "share_rising_each_year:2001-2003"
    )
    system = build_system(pd.DataFrame([*SMALL, statement]), [2001, 2002, 2003], "check")
    assert system.rising_shares == [] and system.checked_only == ["E: the share rose every year 2001-2003"]
