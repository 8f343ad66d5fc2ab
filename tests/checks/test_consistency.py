"""Cross-source checks find the known disagreements of the real ledger and judge synthetic cases right."""

import pandas as pd
import pytest

from interpol_review.checks import consistency
from interpol_review.ledger.csvfile import LINE
from interpol_review.ledger.figure_rules import FIGURE_COLUMNS
from interpol_review.ledger.load import typed_figures

SOURCES = pd.DataFrame({"source_id": ["S01"], "figures_public_by": ["2022-11"]})


def figures(*rows: dict) -> pd.DataFrame:
    """Typed figures from partial rows; unspecified columns take the commonest values."""
    base = dict(
        body="ndtf_review",
        instrument="red_notice_and_diffusion",
        measure="refused_or_cancelled",
        grounds="all",
        kind="count",
        precision="exact",
        rounding="",
        qualifier="",
        source_id="S01",
        confidence="medium",
        statement="s",
        note="",
    )
    records = [{**base, "figure_id": f"F{n:03d}", **row} for n, row in enumerate(rows, start=1)]
    frame = pd.DataFrame(records, columns=FIGURE_COLUMNS, dtype=str).fillna("")
    frame[LINE] = range(2, len(frame) + 2)
    return typed_figures(frame, SOURCES)


def verdicts(table: pd.DataFrame, check: str) -> list[str]:
    return table.loc[table["check"] == check, "verdict"].tolist()


@pytest.fixture(scope="module")
def real_checks(ledger) -> pd.DataFrame:
    return consistency.cross_source_checks(ledger.figures, ledger.disagreements)


def test_every_disagreement_of_the_real_ledger_is_documented(real_checks):
    disagreements = real_checks[real_checks["verdict"] == consistency.DISAGREES]
    assert len(disagreements) >= 3
    assert consistency.undocumented(real_checks).empty, consistency.undocumented(real_checks)
    grounds = disagreements[disagreements["check"] == "sum of grounds"].iloc[0]
    assert grounds.period == "2021" and "483" in grounds.published and "503" in grounds.implied
    assert grounds.documented_by == "D01"


def test_an_undocumented_disagreement_is_reported(ledger):
    without_d01 = ledger.disagreements[ledger.disagreements["disagreement_id"] != "D01"]
    checks = consistency.cross_source_checks(ledger.figures, without_d01)
    assert set(consistency.undocumented(checks)["period"]) == {"2021"}


def test_the_2021_share_agrees_only_under_truncation(real_checks):
    row = real_checks[
        (real_checks["check"] == "share against counts")
        & (real_checks["period"] == "2021")
        & real_checks["figure_ids"].str.startswith("F015")
    ].iloc[0]
    assert row.verdict == consistency.AGREES_UNDER_RULE
    assert row.implied == "5.36%"


def test_the_2024_change_is_checked_across_the_scope_break(real_checks):
    changes = real_checks[(real_checks["check"] == "change against counts") & (real_checks["period"] == "2024")]
    row = changes[changes["figure_ids"].str.startswith("F023")].iloc[0]
    assert row.verdict == consistency.AGREES and "+54.07%" in row.implied  # 2,462 / 1,598


def test_the_four_per_cent_against_the_chart_labels_is_a_recorded_disagreement(real_checks):
    """Since the labels 2,470 and 2,586 are exact (F079, F080), 'approximately four per cent' (N055) no longer
    fits: 4.70%. D19 records it."""
    changes = real_checks[(real_checks["check"] == "change against counts") & (real_checks["period"] == "2024")]
    row = changes[changes["figure_ids"].str.startswith("N055")].iloc[0]
    assert (row.verdict, row.implied, row.documented_by) == (consistency.DISAGREES, "+4.70%", "D19")


def test_same_quantity_uses_intervals():
    agree = figures(dict(period="2021", value="1270"), dict(period="2021", value="1000", kind="lower_bound"))
    clash = figures(dict(period="2021", value="1270"), dict(period="2021", value="1300", kind="lower_bound"))
    assert verdicts(consistency.cross_source_checks(agree), "same quantity") == [consistency.AGREES]
    assert verdicts(consistency.cross_source_checks(clash), "same quantity") == [consistency.DISAGREES]


def test_sum_of_grounds_against_total():
    table = consistency.cross_source_checks(
        figures(
            dict(period="2024", grounds="article_2", value="10"),
            dict(period="2024", grounds="article_3", value="20"),
            dict(period="2024", grounds="other", value="70"),
            dict(period="2024", grounds="all", value="101"),
        )
    )
    assert verdicts(table, "sum of grounds") == [consistency.DISAGREES]
    assert table.loc[table["check"] == "sum of grounds", "published"].tolist() == ["all grounds: 101"]


def test_published_values_read_as_the_report_writes_them():
    table = consistency.cross_source_checks(
        figures(dict(period="2015", value="11492"), dict(period="2015", value="11000", kind="lower_bound"))
    )
    assert table.loc[0, "published"] == "11,492 (F001, S01); at least 11,000 (F002, S01)"


def test_share_against_counts_with_nearest_rounding():
    rows = [dict(period="2020", value="61"), dict(period="2020", measure="issued", grounds="", value="1000")]
    good = figures(
        *rows, dict(period="2020", kind="percent_of_issued", precision="one_decimal", rounding="nearest", value="6.1")
    )
    bad = figures(
        *rows, dict(period="2020", kind="percent_of_issued", precision="one_decimal", rounding="nearest", value="6.3")
    )
    assert verdicts(consistency.cross_source_checks(good), "share against counts") == [consistency.AGREES]
    assert verdicts(consistency.cross_source_checks(bad), "share against counts") == [consistency.DISAGREES]


def test_a_peak_marker_below_another_year_disagrees():
    table = consistency.cross_source_checks(
        figures(
            dict(period="2018", value="100", qualifier="peak_of:2017-2021"),
            dict(period="2019", value="150"),
        )
    )
    assert verdicts(table, "peak marker") == [consistency.DISAGREES]


def test_a_change_without_the_previous_year_is_not_checkable():
    table = consistency.cross_source_checks(
        figures(
            dict(
                period="2021",
                value="-4",
                kind="change_percent_vs_previous_year",
                precision="whole_percent",
                rounding="nearest",
            ),
        )
    )
    assert verdicts(table, "change against counts") == [consistency.NOT_CHECKABLE]
