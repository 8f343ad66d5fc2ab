"""What was published, by whom, for which years and measures: the coverage map of the data chapter.

A series is (body, instrument, measure, grounds). For each series and year the map gives the best status
any figure gives the cell (ledger/status.py): a count is *published*; an approximate value, a bound or a
share of that year is *bounded*; membership of a span with a published average, total or share, or a
change against another year, is *reconstructed* (the value is constrained, not given); else *missing*.
"""

from __future__ import annotations

import pandas as pd

from interpol_review.ledger.status import Status

KEY = ["body", "instrument", "measure", "grounds"]
# The series the report is about, in reading order; the first two groups are always shown, even when
# nothing was published (the point of the map is to show it).
TASK_FORCE_KEYS = [
    ("ndtf_review", "red_notice_and_diffusion", "issued", ""),
    ("interpol_annual", "red_notice", "issued", ""),
    ("ndtf_review", "red_notice_and_diffusion", "refused_or_cancelled", "all"),
    ("ndtf_review", "red_notice_and_diffusion", "refused_or_cancelled", "article_2"),
    ("ndtf_review", "red_notice_and_diffusion", "refused_or_cancelled", "article_3"),
    ("ndtf_review", "red_notice_and_diffusion", "refused_or_cancelled", "article_2_or_3"),
    ("ndtf_review", "red_notice_and_diffusion", "refused_or_cancelled", "other"),
    ("ndtf_review", "red_notice_and_diffusion", "requests_received", ""),
    ("ndtf_review", "red_notice_and_diffusion", "refused_before_publication", ""),
]
CCF_KEYS = [
    ("ccf_annual_report", "", "requests_received", ""),
    ("ccf_annual_report", "", "requests_admissible", ""),
    ("ccf_annual_report", "", "requests_finalised", ""),
    ("ccf_annual_report", "", "complaints_received", ""),
    ("ccf_annual_report", "", "complaints_processed", ""),
    ("ccf_annual_report", "", "complaints_admissible", ""),
    ("ccf_annual_report", "", "deleted_after_complaint", ""),
    ("ccf_annual_report", "", "found_compliant_after_complaint", ""),
]
ALWAYS_SHOWN = TASK_FORCE_KEYS + CCF_KEYS
# The 2024 review figures may cover other notice colours; for coverage they count towards the series they
# would continue (the scope break is flagged in the text), and CCF counts by notice type towards the total.
SCOPE_ALIASES = {"notices_and_diffusions_scope_unclear": "red_notice_and_diffusion"}
DIRECT_STATUS = {
    "count": Status.PUBLISHED,
    "approximate": Status.BOUNDED,
    "lower_bound": Status.BOUNDED,
    "upper_bound": Status.BOUNDED,
    "percent_of_issued": Status.BOUNDED,
    "percent_of_total": Status.BOUNDED,
}


def coverage(figures: pd.DataFrame, start_year: int, end_year: int) -> pd.DataFrame:
    """One row per series and year of [start_year, end_year] with the best status a figure gives."""
    figures = figures.assign(instrument=figures["instrument"].replace(SCOPE_ALIASES))
    ccf = figures["body"] == "ccf_annual_report"
    figures.loc[ccf, "instrument"] = ""  # CCF counts by instrument are parts of the CCF's totals
    best: dict[tuple, Status] = {}

    def mark(key: tuple, year: int, status: Status) -> None:
        if (key, year) not in best or status.rank < best[(key, year)].rank:
            best[(key, year)] = status

    for row in figures.itertuples(index=False):
        key = (row.body, row.instrument, row.measure, row.grounds)
        years = range(row.period_start, row.period_end + 1)
        if row.period_type != "span" and row.kind in DIRECT_STATUS:
            mark(key, row.period_start, DIRECT_STATUS[row.kind])
        elif row.kind != "trend_statement":  # averages, totals and shares over spans, changes
            for year in years:
                mark(key, year, Status.RECONSTRUCTED)
    in_window = {key for key, year in best if start_year <= year <= end_year}
    keys = ALWAYS_SHOWN + sorted(key for key in in_window if key not in ALWAYS_SHOWN)
    rows = [
        dict(zip(KEY, key, strict=True)) | {"year": year, "status": best.get((key, year), Status.MISSING).value}
        for key in keys
        for year in range(start_year, end_year + 1)
    ]
    return pd.DataFrame(rows, columns=[*KEY, "year", "status"])


def never_published(coverage_table: pd.DataFrame) -> pd.DataFrame:
    """For each series, the years in which nothing at all was published, and their share of the years."""
    grouped = coverage_table.groupby(KEY, sort=False)
    missing = grouped["status"].apply(lambda s: list(coverage_table.loc[s.index[s == Status.MISSING], "year"]))
    table = missing.rename("missing_years").reset_index()
    table["share_missing"] = grouped["status"].apply(lambda s: (s == Status.MISSING).mean()).to_numpy()
    return table
