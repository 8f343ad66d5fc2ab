"""Every figure is checked against its own words: the value (each bound of a range) must be a number the
quotation states, however the source wrote it; a derived value is checked by its arithmetic."""

from __future__ import annotations

import pytest
from helpers import edit_cell

from interpol_review.core.errors import LedgerError
from interpol_review.ledger.load import load_ledger, read_files
from interpol_review.ledger.quotation_check import numbers_in, quotation_problems, unquoted_figures


@pytest.mark.parametrize(
    ("words", "number"),
    [
        ("1,270 notices were either rejected", 1270),
        ("from 2 343 to 11 492", 2343),
        ("from 2 343 to 11 492", 11492),
        ("von 1.270 Fahndungen", 1270),
        ("auf 52.103 (Ende 2017)", 52103),
        ("an average of 26,980 Red Notices", 26980),
        ("almost doubled, a two-fold increase", 2),
        ("increased almost five-fold", 5),
        ("the CCF received five requests from individuals", 5),
        ("took an average of seven to eight months", 7),
        ("took an average of seven to eight months", 8),
        ("about 26 percent in 2022", 26),
        ("Thirty percent of access requests", 30),
        ("5.3% of alerts issued", 5.3),
        ("Der NTDF sollen sieben Mitarbeiterinnen angehören", 7),
        ("12 to 15 months", 15),
        ("[table: 2021 (bis 24.02.) | 2]", 2),
        ("1,2 Millionen Personen", 1_200_000),
        ("thirty-five cases", 35),
        ("au moins cinq demandes", 5),
        ("وأصدر 8136 بلاغًا", 8136),
    ],
)
def test_a_number_is_read_however_the_source_wrote_it(words, number):
    assert any(abs(found - number) < 1e-9 for found in numbers_in(words)), numbers_in(words)


@pytest.mark.parametrize(
    ("words", "number"),
    [("1,270 notices", 1271), ("five requests", 6), ("26 percent", 2.6), ("in 2017", 17)],
)
def test_a_number_the_words_do_not_state_is_not_found(words, number):
    assert all(abs(found - number) > 1e-9 for found in numbers_in(words))


def test_every_figure_of_the_real_ledger_states_its_value_in_its_words():
    tables, shown = read_files(load_ledger().raw_dir)
    assert quotation_problems(tables["figures"], tables["quotations"], shown) == []


def test_a_value_changed_by_one_digit_is_named_with_file_line_and_words(raw_copy):
    line = edit_cell(raw_copy / "figures.csv", "F081", "value", "2783")  # the source says 2,793
    with pytest.raises(LedgerError) as caught:
        load_ledger(raw_copy, verify_checksums=False)
    (problem,) = caught.value.problems
    assert problem.file.endswith("quotations.csv") and problem.column == "quotation"
    assert f"F081 (figures.csv line {line})" in problem.rule and "2783" in problem.rule
    assert "2,793" in problem.found
    assert "quotations.csv, line" in str(caught.value)


def test_a_bound_of_a_range_is_checked_too(raw_copy):
    edit_cell(raw_copy / "figures.csv", "N082", "value", "7-9")  # "seven to eight months"
    with pytest.raises(LedgerError, match=r"N082 .* do not state its value 9"):
        load_ledger(raw_copy, verify_checksums=False)


def test_a_derived_value_is_checked_by_its_arithmetic(raw_copy):
    """N097, 389 alerts, is the sum of N089-N096; its qualifier says so."""
    edit_cell(raw_copy / "figures.csv", "N093", "value", "84")  # the table says 83
    with pytest.raises(LedgerError) as caught:
        load_ledger(raw_copy, verify_checksums=False)
    rules = [problem.rule for problem in caught.value.problems]
    assert any("N097's value is not what its derivation" in rule and "(390)" in rule for rule in rules), rules
    assert any("N093" in rule and "do not state its value 84" in rule for rule in rules), rules


def test_a_derivation_naming_an_unknown_figure_is_refused(raw_copy):
    edit_cell(raw_copy / "figures.csv", "N085", "qualifier", "derived:F019-F028-X999")
    with pytest.raises(LedgerError, match="qualifier"):
        load_ledger(raw_copy, verify_checksums=False)


def test_a_fall_needs_a_word_of_direction(raw_copy):
    """F008 is -4 ('down 4 percent'); the same words do not state +4 as a rise's sign, nor -4 without 'down'."""
    edit_cell(raw_copy / "quotations.csv", "F008", "quotation", "which is 4 percent on the previous year")
    with pytest.raises(LedgerError, match="F008"):
        load_ledger(raw_copy, verify_checksums=False)


def test_figures_without_words_are_listed(ledger):
    listed = unquoted_figures(ledger.figures, ledger.quotations)
    quoted = set(ledger.quotations["figure_id"])
    assert len(listed) == len(set(ledger.figures["figure_id"]) - quoted)
    assert all(" has no quotation" in line for line in listed)
