"""The coverage map: the best status any figure gives each series and year, on small known cases and on
the real ledger."""

from __future__ import annotations

import pandas as pd
from checks.test_consistency import figures

from interpol_review.checks import coverage as audit

REFUSED = ("ndtf_review", "red_notice_and_diffusion", "refused_or_cancelled", "all")
ISSUED = ("ndtf_review", "red_notice_and_diffusion", "issued", "")
REQUESTS = ("ndtf_review", "red_notice_and_diffusion", "requests_received", "")


def status(table: pd.DataFrame, key: tuple, year: int) -> str:
    rows = table
    for column, value in zip(audit.KEY, key, strict=True):
        rows = rows[rows[column] == value]
    return rows.loc[rows["year"] == year, "status"].item()


def test_each_kind_of_figure_gives_its_status():
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
    assert [status(table, REFUSED, year) for year in range(2016, 2023)] == [
        "missing",
        "reconstructed",
        "published",
        "bounded",
        "bounded",
        "reconstructed",
        "missing",
    ]


def test_the_real_ledger_shows_what_was_never_published(ledger):
    table = audit.coverage(ledger.figures, 2017, 2024)
    assert status(table, ISSUED, 2018) == "published" and status(table, ISSUED, 2021) == "published"
    assert status(table, ISSUED, 2017) == "reconstructed"  # only the 2017-2021 average constrains it
    assert status(table, REFUSED, 2022) == "missing"
    assert status(table, REFUSED, 2024) == "published"  # counted despite the 2024 scope break
    never = audit.never_published(table).set_index(audit.KEY)
    assert never.loc[REQUESTS, "share_missing"] == 1.0
