"""The coverage matrix and the audit's tables, on the real ledger and on small known cases."""

import pandas as pd
from checks.test_consistency import figures

from interpol_review.checks import coverage as audit
from interpol_review.ledger.load import load_ledger


def status(table: pd.DataFrame, series: str, year: int) -> str:
    return table.loc[(table["series"] == series) & (table["year"] == year), "status"].item()


def test_coverage_statuses_on_known_cases():
    table = audit.coverage(
        figures(
            dict(period="2018", value="5"),
            dict(period="2019", value="1000", kind="lower_bound"),
            dict(period="2017-2021", value="30", kind="average_per_year", precision="approximate"),
            dict(period="2020", value="1200", kind="approximate", precision="approximate"),
        ),
        2016,
        2022,
    )
    series = "Refused or cancelled: all grounds"
    assert [status(table, series, year) for year in range(2016, 2023)] == [
        "missing",
        "bounds only",
        "observed",
        "bounds only",
        "approximate",
        "bounds only",
        "missing",
    ]


def test_real_coverage_shows_what_the_sources_readme_says_is_missing():
    table = audit.coverage(load_ledger().figures, 2017, 2024)
    issued = "Issued: Red Notices + diffusions"
    assert status(table, issued, 2018) == "observed" and status(table, issued, 2021) == "observed"
    assert status(table, issued, 2017) == "bounds only"  # only the 2017-2021 average constrains it
    assert status(table, issued, 2023) == "missing"
    refused = "Refused or cancelled: all grounds"
    assert status(table, refused, 2022) == "missing"
    assert status(table, refused, 2024) == "observed"  # counted despite the 2024 scope break
    never = table.groupby("series")["status"].apply(lambda s: (s == "missing").all())
    assert never["Requests received by the task force"]


def test_matrix_is_series_by_year():
    table = audit.coverage(load_ledger().figures, 2017, 2024)
    matrix = audit.coverage_matrix(table)
    assert list(matrix.columns) == [str(year) for year in range(2017, 2025)]
    assert matrix.index[0] == "Issued: Red Notices + diffusions"


def test_year_ranges():
    assert audit.year_ranges(pd.Series([2017, 2018, 2019, 2021, 2023, 2024])) == "2017-2019, 2021, 2023-2024"
