"""Reconstruction on synthetic tables: publish only aggregates like INTERPOL's, reconstruct, and check the
truth lies within the bounds and that the bounds equal brute force on small cases."""

import itertools
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from interpol_review.ledger.published import published_interval
from interpol_review.stats import reconstruct


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


def publish_like_interpol(issued: dict, refused: dict) -> pd.DataFrame:
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
    return pd.DataFrame(rows)


@settings(max_examples=25, deadline=None)
@given(
    issued=st.lists(st.integers(20000, 30000), min_size=5, max_size=5),
    rates=st.lists(st.floats(0.02, 0.07), min_size=5, max_size=5),
)
def test_the_truth_lies_within_the_reconstructed_bounds(issued, rates):
    years = range(2017, 2022)
    true_issued = dict(zip(years, issued, strict=True))
    true_refused = {year: int(round(rate * true_issued[year])) for year, rate in zip(years, rates, strict=True)}
    system = reconstruct.build_system(publish_like_interpol(true_issued, true_refused), list(years))
    bounds = reconstruct.reconstruct(system).set_index(["series", "year"])
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


def test_bounds_equal_brute_force_on_a_small_case():
    # Three years of 'issued' (I) and 'refused_all' (R): average I is 40 (exact), I2 = 45 is the peak,
    # R averages between 1.5 and 2.5 (about 2), and the share R1 / I1 is 5.0% truncated (5.0 <= 100 R/I < 5.1).
    rows = pd.DataFrame(
        [
            row("A", "issued", "2001-2003", "average_per_year", 40),
            row("B", "issued", "2002", "count", 45, qualifier="peak_of:2001-2003"),
            row("C", "refused_all", "2001-2003", "average_per_year", 2, "approximate"),
            row("D", "refused_all", "2001", "percent_of_issued", 5.0, "one_decimal", "truncated"),
        ]
    )
    system = reconstruct.build_system(rows, [2001, 2002, 2003])
    bounds = reconstruct.reconstruct(system).set_index(["series", "year"])

    def feasible(c):
        return (
            c["I1"] + c["I2"] + c["I3"] == 120
            and c["I2"] == 45
            and c["I1"] <= 45
            and c["I3"] <= 45
            and 4.5 <= c["R1"] + c["R2"] + c["R3"] <= 7.5
            and 0.05 * c["I1"] <= c["R1"] <= 0.051 * c["I1"]
        )

    expected = brute_force(
        {"I1": (20, 50), "I3": (20, 50), "I2": (45, 45), "R1": (0, 8), "R2": (0, 8), "R3": (0, 8)}, feasible
    )
    for name, (series, year) in {
        "I1": ("issued", 2001),
        "I3": ("issued", 2003),
        "R1": ("refused_all", 2001),
        "R2": ("refused_all", 2002),
        "R3": ("refused_all", 2003),
    }.items():
        assert list(bounds.loc[(series, year), ["low", "high"]]) == expected[name], name


def test_conflicting_figures_are_named_not_crashed_on():
    rows = pd.DataFrame(
        [
            row("X1", "article_2", "2021", "count", 150),
            row("X2", "article_3", "2021", "count", 353),
            row("X3", "article_2_or_3", "2021", "count", 483),
            row("X4", "issued", "2021", "count", 23716),
        ]
    )
    system = reconstruct.build_system(rows, [2021])
    with pytest.raises(reconstruct.InfeasibleLedger) as caught:
        reconstruct.reconstruct(system)
    assert caught.value.figure_ids == ["X1", "X2", "X3"]


def test_duplicates_of_one_statement_are_named_together():
    rows = pd.DataFrame(
        [
            row("X1", "article_2", "2021", "count", 150),
            row("X5", "article_2", "2021", "count", 150),
            row("X2", "article_3", "2021", "count", 353),
            row("X3", "article_2_or_3", "2021", "count", 483),
        ]
    )
    with pytest.raises(reconstruct.InfeasibleLedger) as caught:
        reconstruct.reconstruct(reconstruct.build_system(rows, [2021]))
    assert "X1+X5" in caught.value.figure_ids


def test_the_binding_figures_are_reported():
    rows = pd.DataFrame(
        [
            row("A", "issued", "2001-2002", "average_per_year", 40),
            row("B", "issued", "2002", "count", 45),
            row("C", "refused_all", "2001", "lower_bound", 3, qualifier="more_than"),
        ]
    )
    bounds = reconstruct.reconstruct(reconstruct.build_system(rows, [2001, 2002])).set_index(["series", "year"])
    assert bounds.loc[("issued", 2001), ["low", "high"]].tolist() == [35, 35]
    assert bounds.loc[("issued", 2001), "binding_low"] == "A, B"
    assert bounds.loc[("refused_all", 2001), "binding_low"] == "C"
    assert bounds.loc[("refused_all", 2001), "high"] == math.inf


def test_a_rising_share_tightens_the_bounds_and_the_truth_stays_inside():
    issued = {2017: 28000, 2018: 29279, 2019: 28500, 2020: 24700, 2021: 23716}
    refused = {2017: 800, 2018: 1000, 2019: 1300, 2020: 1510, 2021: 1270}
    rows = publish_like_interpol(issued, refused)
    rows = pd.concat(
        [
            rows,
            pd.DataFrame(
                [
                    row(
                        "F9",
                        "refused_all",
                        "2017-2020",
                        "trend_statement",
                        math.nan,
                        qualifier="share_rising_each_year:2017-2020",
                    )
                ]
            ),
        ]
    )
    system = reconstruct.build_system(rows, list(range(2017, 2022)))
    linear = reconstruct.reconstruct(system)
    tightened = reconstruct.nonlinear_bounds(system, linear, [("refused_all", 2018), ("refused_all", 2019)])
    for cell in tightened.itertuples():
        exact = linear.set_index(["series", "year"]).loc[(cell.series, cell.year)]
        assert exact.low - 1e-6 <= cell.nonlinear_low <= refused[cell.year] <= cell.nonlinear_high <= exact.high + 1e-6
        assert cell.nonlinear_high - cell.nonlinear_low < exact.high - exact.low
