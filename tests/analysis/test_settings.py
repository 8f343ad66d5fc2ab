"""Parameters: one declaration, every problem named at once with how to write the value; the report's
years resolved from the ledger, `latest` following the data."""

from __future__ import annotations

import dataclasses

import pytest
from helpers import ROOT

from interpol_review.analysis import settings as declaration
from interpol_review.analysis.settings import Settings, settings_from
from interpol_review.analysis.window import latest_year, resolve
from interpol_review.build import declaration as cells
from interpol_review.core.errors import ParameterError


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"start_yaer": 2017}, "unknown parameter 'start_yaer': did you mean 'start_year'?"),
        ({"end_year": "2024"}, "'end_year' = '2024': write a whole number or 'latest'"),
        ({"end_year": True}, "'end_year' must be a whole number or 'latest', got bool True"),
        ({"start_year": 1990}, "'start_year' = 1990: it must lie between 2000 and 2100"),
        ({"end_year": 2016}, "end_year (2016) is before start_year (2017)"),
        ({"seed": -1}, "'seed' = -1: it must lie between 0 and 4,294,967,295"),
        ({"confidence": 1.5}, "'confidence' = 1.5: it must lie between 0.5 and 0.999"),
        ({"confidence": "0.9"}, "(write it without quotes: confidence: 0.9)"),
        ({"subtitle": 2024}, 'must be text, got int 2024 (put it in quotes: subtitle: "2024")'),
        ({"title": None}, "(give it a value, or delete the line to keep the default)"),
        ({"published_by": "2022-13"}, "write a month as YYYY-MM"),
        ({"count_model": "gauss"}, "accepted values are quasi_poisson, negative_binomial, poisson"),
        ({"staff_low": 50, "staff_high": 40}, "staff_low (50) is above staff_high (40)"),
        ({"bootstrap": 3}, "'bootstrap' = 3: it must lie between 50"),
        ({"confidence": float("nan")}, "'confidence' = nan: it must lie between"),
    ],
)
def test_a_bad_value_is_named_with_its_fix(values, message):
    with pytest.raises(ParameterError) as caught:
        settings_from(values, "params/x.yaml")
    assert str(caught.value).startswith("params/x.yaml: ") and message in str(caught.value)


def test_every_problem_is_named_at_once():
    with pytest.raises(ParameterError) as caught:
        settings_from({"seed": -1, "count_model": "gauss", "titel": "x"}, "params/x.yaml")
    text = str(caught.value)
    assert "'seed'" in text and "'count_model'" in text and "'titel'" in text


def test_text_parameters_keep_any_text_verbatim():
    title = "<script>alert(1)</script> & 'quotes' — über"
    assert settings_from({"title": title}, "x").title == title  # escaping is the renderer's job


def test_every_parameter_has_help_a_role_and_a_default_that_passes_its_own_checks():
    for spec in dataclasses.fields(Settings):
        assert spec.metadata["help"], spec.name
        assert spec.metadata["role"] in ("analysis", "report"), spec.name
    settings_from({spec.name: declaration.default_of(spec) for spec in dataclasses.fields(Settings)}, "defaults")


def test_the_chapters_parameters_cells_and_the_readme_table_match_the_declaration():
    assert cells.drift(ROOT) == [], "run `make parameters`"


def test_latest_is_the_last_year_with_a_figure_and_follows_the_ledgers_month(ledger):
    assert latest_year(ledger) == 2024
    assert latest_year(ledger.as_of("2022-11")) == 2021  # the 2022 figures became public in 2023
    window = resolve(settings_from({"end_year": "latest"}, "x"), ledger)
    assert (window.start, window.end) == (2017, 2024)


def test_years_that_hold_no_figure_are_a_parameter_error(ledger):
    with pytest.raises(ParameterError, match="2005-2006 holds no task force figure"):
        resolve(settings_from({"start_year": 2005, "end_year": 2006}, "x"), ledger)
