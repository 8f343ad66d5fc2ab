"""Words that follow from the numbers: directions only where the interval excludes no change, levels from
the confidence parameter, measured coverage where it differs, and a claim's safe rewording."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from interpol_review.report import coverage
from interpol_review.report.claims_chapter import fact_check_frame, other_rule_note
from interpol_review.report.wording import direction, trend_sentence


def fit(ratio: float, low: float, high: float, years: int = 7):
    return SimpleNamespace(rate_ratio_per_year=ratio, low=low, high=high, number_of_years=years)


@pytest.mark.parametrize(("low", "high", "word"), [(1.02, 1.3, "rose"), (0.7, 0.95, "fell"), (0.9, 1.2, "")])
def test_a_direction_is_stated_only_when_the_interval_excludes_no_change(low, high, word):
    assert direction(low, high) == word


def test_the_sentence_says_not_established_and_takes_its_level_from_the_parameter():
    sentence = trend_sentence("Refusals", fit(1.10, 0.98, 1.22), 0.9, "2017–2024")
    assert "90% interval" in sentence and "95%" not in sentence
    assert "the direction is not established" in sentence and "rose" not in sentence
    assert trend_sentence("Refusals", fit(1.10, 1.02, 1.22), 0.95, "2017–2024").startswith("Refusals rose by about 10%")


def test_a_measured_coverage_is_printed_beside_its_interval():
    sentence = trend_sentence("Refusals", fit(1.10, 1.02, 1.22), 0.95, "2017–2024", "measured coverage 85%")
    assert "(95% interval +2% to +22%, measured coverage 85% in simulations; 7 years)" in sentence
    undecided = trend_sentence("Refusals", fit(1.10, 0.98, 1.22), 0.95, "2017–2024", "measured coverage 85%")
    assert "the 95% interval −2% to +22% (measured coverage 85% in simulations) includes no change" in undecided


def test_coverage_labels_only_beyond_two_points_and_only_at_the_simulated_level(monkeypatch):
    import pandas as pd

    table = pd.DataFrame(
        [
            ("task force count", "quasi_poisson", 0.0, "trend", 0.95, 0.973, 150),
            ("task force count", "quasi_poisson", 10.0, "trend", 0.95, 0.853, 150),
            ("task force count", "quasi_poisson", 0.0, "prediction", 0.95, 0.94, 150),
            ("task force count", "quasi_poisson", 10.0, "prediction", 0.95, 0.80, 150),
        ],
        columns=["design", "model", "dispersion", "interval", "nominal", "coverage", "replications"],
    )
    monkeypatch.setattr(coverage, "coverage_table", lambda: table)
    trend = SimpleNamespace(series="refused_all", with_exposure=False, model="quasi_poisson")
    assert coverage.measured_label("task_force", trend, "trend", 0.95) == "measured coverage 85%"
    assert coverage.measured_label("task_force", trend, "trend", 0.90) == ""  # not simulated at 90%
    assert coverage.measured_text("task_force", trend, 0.95) == "interval 85%, prediction 80%"
    other = SimpleNamespace(series="article_2", with_exposure=False, model="quasi_poisson")
    assert coverage.measured_label("task_force", other, "trend", 0.95) == ""
    assert coverage.label(0.94, 0.95) == ""


def test_every_claim_has_a_safe_rewording_with_numbers(latest):
    frame = fact_check_frame(latest)
    for claim, words in zip(frame["Claim"], frame["What can safely be said"], strict=True):
        assert words and (any(ch.isdigit() for ch in words) or "no source" in words or "not" in words), claim


def test_a_verdict_that_moves_under_the_other_rule_is_said_in_the_main_text(latest):
    note = other_rule_note(latest)
    assert note is not None and "D01" in note
    other = latest.claims_other_rule.set_index(["claim_id", "reading"])["verdict"]
    for row in latest.claims.itertuples():
        if (row.claim_id, row.reading) in other.index and other[(row.claim_id, row.reading)] != row.verdict:
            assert f"{row.claim_id} (reading {row.reading})" in note


def test_the_chart_title_names_one_year_as_a_year_and_several_as_a_span():
    import pandas as pd

    from interpol_review.report.summary import figure_finding

    task_force = pd.DataFrame({"year": [2020, 2021], "value": [1500.0, 1270.0]})
    one = figure_finding(task_force, pd.DataFrame({"year": [2021], "value": [296.0]}))
    assert one.startswith("The task force refused or cancelled 1,270 alerts in 2021; ")
    assert one.endswith("complaints to the CCF ended in 296 deletions in 2021")
    two = figure_finding(task_force, pd.DataFrame({"year": [2021, 2022], "value": [296.0, 271.0]}))
    assert two.endswith("complaints to the CCF ended in 271–296 deletions a year (2021–2022)")
