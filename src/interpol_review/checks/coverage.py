"""What was published, by whom, for which years and measures: the tables of the data audit chapter."""

from __future__ import annotations

import pandas as pd

OBSERVED, APPROXIMATE, BOUNDS_ONLY, MISSING = "observed", "approximate", "bounds only", "missing"
STATUS_ORDER = [OBSERVED, APPROXIMATE, BOUNDS_ONLY, MISSING]
SERIES = ["body", "instrument", "measure", "grounds"]

# The series the analysis is about, in reading order, with the label a reviewer sees. Other series in the
# ledger (CCF case counts, public extracts) follow them, labelled from the vocabulary.
CORE_SERIES = {
    ("ndtf_review", "red_notice_and_diffusion", "issued", ""): "Issued: Red Notices + diffusions",
    ("interpol_annual", "red_notice", "issued", ""): "Issued: Red Notices",
    ("ndtf_review", "red_notice", "issued", ""): "Issued: Red Notices (review statistics)",
    ("ndtf_review", "diffusion", "issued", ""): "Issued: diffusions",
    ("ndtf_review", "red_notice_and_diffusion", "refused_or_cancelled", "all"): "Refused or cancelled: all grounds",
    ("ndtf_review", "red_notice_and_diffusion", "refused_or_cancelled", "article_2"): "Refused or cancelled: Article 2",
    ("ndtf_review", "red_notice_and_diffusion", "refused_or_cancelled", "article_3"): "Refused or cancelled: Article 3",
    (
        "ndtf_review",
        "red_notice_and_diffusion",
        "refused_or_cancelled",
        "article_2_or_3",
    ): "Refused or cancelled: Article 2 or 3",
    (
        "ndtf_review",
        "red_notice_and_diffusion",
        "refused_or_cancelled",
        "article_2_or_3_probable",
    ): "Refused or cancelled: Article 2 or 3 (probable)",
    ("ndtf_review", "red_notice_and_diffusion", "refused_or_cancelled", "other"): "Refused or cancelled: other grounds",
    ("ndtf_review", "red_notice_and_diffusion", "requests_received", ""): "Requests received by the task force",
    ("ndtf_review", "red_notice_and_diffusion", "refused_before_publication", ""): "Refused before publication",
    ("interpol_annual", "red_notice", "valid_in_circulation", ""): "Valid Red Notices in circulation",
    ("ndtf_review", "", "staff", ""): "Task force staff",
}

# The 2024 review figures may cover other notice colours; for coverage they count towards the series they
# would continue, and the scope break is flagged in the chapter's text.
SCOPE_ALIASES = {"notices_and_diffusions_scope_unclear": "red_notice_and_diffusion"}

DIRECT_STATUS = {
    "count": OBSERVED,
    "approximate": APPROXIMATE,
    "lower_bound": BOUNDS_ONLY,
    "upper_bound": BOUNDS_ONLY,
    "percent_of_issued": BOUNDS_ONLY,
    "change_percent_vs_previous_year": BOUNDS_ONLY,
}


MEASURE_LABELS = {
    "issued": "Issued",
    "refused_or_cancelled": "Refused or cancelled",
    "valid_in_circulation": "Valid in circulation",
    "public_on_website": "Public on INTERPOL's website",
    "staff": "Staff",
    "deleted_after_complaint": "Deleted after a complaint",
    "found_compliant_after_complaint": "Found compliant after a complaint",
    "requests_admissible": "Admissible requests",
    "requests_received": "Requests received",
    "refused_before_publication": "Refused before publication",
}
INSTRUMENT_LABELS = {
    "red_notice_and_diffusion": "Red Notices + diffusions",
    "red_notice": "Red Notices",
    "diffusion": "diffusions",
    "notices": "notices",
    "notices_and_diffusions_scope_unclear": "scope unclear",
}
BODY_PREFIXES = {"ccf_annual_report": "CCF: "}


def series_label(key: tuple[str, str, str, str]) -> str:
    """The name a reviewer reads for one series, e.g. 'CCF: Deleted after a complaint (Red Notices)'."""
    if key in CORE_SERIES:
        return CORE_SERIES[key]
    body, instrument, measure, grounds = key
    details = [INSTRUMENT_LABELS.get(instrument, "")]
    if grounds and grounds != "all":
        details.append(grounds.replace("_", " "))
    detail = ", ".join(part for part in details if part)
    label = BODY_PREFIXES.get(body, "") + MEASURE_LABELS[measure]
    return f"{label} ({detail})" if detail else label


def coverage(figures: pd.DataFrame, start_year: int, end_year: int) -> pd.DataFrame:
    """One row per series and year of [start_year, end_year]: the best status any published figure gives.

    A count is ``observed``; an approximate value ``approximate``; a bound, a share, a change on the
    previous year, or membership of a span with a published average is ``bounds only`` (the value is
    constrained but not given); anything else is ``missing``.
    """
    figures = figures.assign(instrument=figures["instrument"].replace(SCOPE_ALIASES))
    rank = {status: position for position, status in enumerate(STATUS_ORDER)}
    best: dict[tuple, str] = {}

    def mark(key: tuple, year: int, status: str) -> None:
        cell = (key, year)
        if cell not in best or rank[status] < rank[best[cell]]:
            best[cell] = status

    for row in figures.itertuples(index=False):
        key = (row.body, row.instrument, row.measure, row.grounds)
        if row.kind == "average_per_year":
            for year in range(row.period_start, row.period_end + 1):
                mark(key, year, BOUNDS_ONLY)
        elif row.period_type != "span" and row.kind in DIRECT_STATUS:
            mark(key, row.period_start, DIRECT_STATUS[row.kind])
        elif row.kind == "percent_of_issued":
            for year in range(row.period_start, row.period_end + 1):
                mark(key, year, BOUNDS_ONLY)

    published_keys = {key for key, _ in best}
    keys = [
        key
        for key in CORE_SERIES
        if key in published_keys or key[2] in ("requests_received", "refused_before_publication")
    ]
    years = range(start_year, end_year + 1)
    in_window = {key for key, year in best if start_year <= year <= end_year}
    keys += sorted(key for key in in_window if key not in CORE_SERIES)
    rows = [
        {
            "series": series_label(key),
            "body": key[0],
            "instrument": key[1],
            "measure": key[2],
            "grounds": key[3],
            "year": year,
            "status": best.get((key, year), MISSING),
        }
        for key in keys
        for year in years
    ]
    table = pd.DataFrame(rows)
    table["status"] = pd.Categorical(table["status"], categories=STATUS_ORDER, ordered=True)
    return table


def coverage_matrix(coverage_table: pd.DataFrame, series: list[str] | None = None) -> pd.DataFrame:
    """Series by year, each cell a status: the wide form shown in the report."""
    table = coverage_table if series is None else coverage_table[coverage_table["series"].isin(series)]
    order = list(dict.fromkeys(table["series"]))
    matrix = table.pivot(index="series", columns="year", values="status").reindex(order)
    matrix.columns = [str(year) for year in matrix.columns]
    return matrix


def unpublished(coverage_table: pd.DataFrame) -> pd.DataFrame:
    """For each series, the years in which nothing at all was published."""
    missing = coverage_table[coverage_table["status"] == MISSING]
    years = missing.groupby("series", sort=False)["year"].apply(year_ranges)
    total = coverage_table.groupby("series", sort=False)["year"].count()
    table = pd.DataFrame({"years with nothing published": years})
    table["share of years missing"] = (missing.groupby("series", sort=False).size() / total).reindex(table.index)
    return table


def year_ranges(years: pd.Series) -> str:
    """2017, 2018, 2019, 2021 -> '2017-2019, 2021'."""
    values = sorted(int(year) for year in years)
    spans: list[list[int]] = []
    for year in values:
        if spans and year == spans[-1][1] + 1:
            spans[-1][1] = year
        else:
            spans.append([year, year])
    return ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in spans)
