"""Editions: a report computed from the ledger as it stood at an earlier month, and what changed since."""

from __future__ import annotations

from interpol_review.analysis.editions import previous_month


def test_a_ledger_as_of_a_month_keeps_only_what_was_public_by_then(ledger):
    earlier = ledger.as_of("2022-11")
    assert (earlier.figures["public_by"] <= "2022-11").all()
    assert len(earlier.figures) < len(ledger.figures)
    assert earlier.data_date <= "2022-11"
    # a claim made after the month is not checked in that edition; its readings and quotations go with it
    assert set(earlier.readings["claim_id"]) <= set(earlier.claims["claim_id"])
    assert set(earlier.quotations["figure_id"]) <= set(earlier.figures["figure_id"])


def test_previous_is_the_last_month_before_the_data_date_with_a_new_figure(ledger):
    month = previous_month(ledger, "previous")
    assert month < ledger.data_date
    later = ledger.figures[(ledger.figures["public_by"] > month)]
    assert set(later["public_by"]) == {ledger.data_date}
    assert previous_month(ledger, "none") is None
    assert previous_month(ledger, "2022-11") == "2022-11"


def test_the_latest_report_lists_the_figures_added_since_its_previous_edition(latest, ledger):
    edition = latest.edition
    assert edition is not None and edition.since == previous_month(ledger, "previous")
    added = set(edition.figures_added["figure_id"])
    expected = set(ledger.figures.loc[ledger.figures["public_by"] > edition.since, "figure_id"])
    assert added == expected and added
