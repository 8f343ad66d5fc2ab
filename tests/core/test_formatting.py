"""One way to write a number, in prose, tables, figures and the index page."""

from __future__ import annotations

import math

import pytest

from interpol_review.core import formatting as f


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        (lambda: f.number(1270), "1,270"),
        (lambda: f.number(53.64, 1), "53.6"),
        (lambda: f.number(-4), "\u22124"),
        (lambda: f.number(math.nan), ""),
        (lambda: f.interval(1108, 1737), "1,108\u20131,737"),
        (lambda: f.interval(1270, 1270), "1,270"),
        (lambda: f.interval(322, math.inf), "at least 322"),
        (lambda: f.interval(0, math.inf), "not published"),
        (lambda: f.interval(math.nan, math.nan), "not published"),
        (lambda: f.percent(0.686), "69%"),
        (lambda: f.percent_interval(0.639, 0.730, 1), "63.9\u201373.0%"),
        (lambda: f.change(1.10), "+10%"),
        (lambda: f.change(0.96), "\u22124%"),
        (lambda: f.change(0.996), "\u22120.4%"),  # a sign is never rounded away
        (lambda: f.change(1.0), "0%"),
        (lambda: f.change_interval(0.996, 1.206), "\u22120.4% to +21%"),
        (lambda: f.change_interval(0.0, math.inf), "no lower limit to no upper limit"),
        (lambda: f.years([2017, 2018, 2019, 2021]), "2017\u20132019 and 2021"),
        (lambda: f.p_value(0.0004), "below 0.001"),
        (lambda: f.p_value(0.0470), "0.047"),
        (lambda: f.plural(1, "year"), "1 year"),
        (lambda: f.plural(1200, "figure"), "1,200 figures"),
        (lambda: f.level(0.9), "90%"),
    ],
)
def test_numbers_are_written_one_way(call, expected):
    assert call() == expected


def test_a_period_is_written_with_an_en_dash_and_a_year_stays_as_it_is():
    from interpol_review.core.formatting import period_text

    assert period_text("2019-2020") == "2019–2020"
    assert period_text("2021") == "2021"
    assert period_text("2017-2021: mean of the yearly values") == "2017–2021: mean of the yearly values"
