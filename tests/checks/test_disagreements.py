"""Recorded disagreements are data the analysis applies; figures that cannot all be true are a ledger
error naming the smallest conflicting set and its lines."""

from __future__ import annotations

import pytest
from helpers import edit_cell

from interpol_review.checks.disagreements import resolve
from interpol_review.checks.feasibility import conflict_problems
from interpol_review.ledger.load import load_ledger


def test_prefer_sets_the_other_figures_aside_with_the_reason(ledger):
    resolution = resolve(ledger.figures, ledger.disagreements, "sum_of_parts")
    aside = resolution.set_aside.set_index("figure_id")
    assert aside.loc["F047", "disagreement_id"] == "D03"  # 12,878 set aside for 11,492 (F045)
    assert "F045" in set(resolution.used["figure_id"]) and "F047" not in set(resolution.used["figure_id"])


def test_the_parameter_rule_chooses_between_the_parts_and_the_stated_total(ledger):
    parts = resolve(ledger.figures, ledger.disagreements, "sum_of_parts")
    total = resolve(ledger.figures, ledger.disagreements, "stated_total")
    figures = ledger.figures.set_index("figure_id")
    assert set(figures.loc[parts.set_aside["figure_id"], "grounds"]) >= {"article_2_or_3"}
    assert {"article_2", "article_3"} <= set(figures.loc[total.set_aside["figure_id"], "grounds"])


def test_span_widens_both_figures_to_the_range_between_them(ledger):
    used = resolve(ledger.figures, ledger.disagreements, "sum_of_parts").used.set_index("figure_id")
    # D04: 2,793 (S22) against 2,743 (G07) requests received in 2023: both become 2,743-2,793
    for figure_id in ("F081", "F082"):
        assert (used.loc[figure_id, "low"], used.loc[figure_id, "high"]) == (2743, 2793)


def test_none_keeps_a_figure_out_of_every_number(ledger):
    resolution = resolve(ledger.figures, ledger.disagreements, "sum_of_parts")
    assert "N067" in set(resolution.set_aside["figure_id"])


def test_an_unknown_rule_is_refused(ledger):
    with pytest.raises(ValueError, match="disagreement_rule 'newest'"):
        resolve(ledger.figures, ledger.disagreements, "newest")


def test_the_real_ledger_has_no_conflict(ledger):
    assert conflict_problems(ledger) == []


def test_a_figure_that_contradicts_the_others_is_a_ledger_error_naming_the_set_and_lines(raw_copy):
    # 2018's alerts issued (F002, 29,279) is the peak of 2017-2021; make it 10,000 and it is below 2021's
    # published 23,716: the peak and the 2021 count cannot both hold.
    line = edit_cell(raw_copy / "figures.csv", "F002", "value", "10000")
    edit_cell(
        raw_copy / "quotations.csv",
        "F002",
        "quotation",
        "the numbers fell from a peak of 10,000 in 2018 to 23,716 in 2021",
    )
    problems = conflict_problems(load_ledger(raw_copy, verify_checksums=False))
    assert problems, "a contradicting figure must be found"
    problem = problems[0]
    assert "F002" in problem.rule and "cannot all be true together" in problem.rule
    assert line in problem.lines and problem.file.endswith("figures.csv")
    assert "disagreements.csv" in problem.fix
