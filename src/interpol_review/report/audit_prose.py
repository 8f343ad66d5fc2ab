"""The sentences and reader-facing tables of the data audit chapter, computed from the ledger.

Numbers in the report's prose are filled in here from the data, so no number is typed twice.
"""

from __future__ import annotations

import pandas as pd

from interpol_review.checks import consistency
from interpol_review.checks.coverage import MISSING, OBSERVED, unpublished
from interpol_review.ledger.load import Ledger


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def sources_paragraph(ledger: Ledger, table_label: str) -> str:
    used = ledger.sources[ledger.sources["source_id"].isin(ledger.figures["source_id"])]
    primary = int((used["role"] == "primary").sum())
    review = ledger.figures[ledger.figures["body"] == "ndtf_review"]
    review_primary = review["source_id"].isin(used.loc[used["role"] == "primary", "source_id"]).sum()
    return (
        f"The ledger holds {plural(len(ledger.figures), 'figure')} from {plural(len(used), 'source')} "
        f"({table_label}); {plural(primary, 'source')} {'is' if primary == 1 else 'are'} INTERPOL's own. "
        f"Of the {len(review)} figures from INTERPOL's review statistics, {review_primary} come from INTERPOL "
        "directly: the rest are quotations, and where two quotations differ both are kept."
    )


def coverage_paragraph(coverage: pd.DataFrame, figure_label: str) -> str:
    core = coverage[coverage["body"] != "ccf_annual_report"]
    refused = core[(core["measure"] == "refused_or_cancelled") & (core["grounds"] == "all")]
    issued = core[(core["measure"] == "issued") & (core["instrument"] == "red_notice_and_diffusion")]
    years = f"{coverage['year'].min()}-{coverage['year'].max()}"
    return (
        f"{figure_label} maps what was published for each series and year of {years}. Only "
        f"{plural(int((refused['status'] == OBSERVED).sum()), 'year')} of {len(refused)} have a published total "
        f"of refused or cancelled alerts, and only {plural(int((issued['status'] == OBSERVED).sum()), 'year')} "
        "a published count of alerts issued (Red Notices plus diffusions). The other years are known only "
        "through averages, shares and bounds, which the analysis turns into reconstructed intervals, never "
        "into published values."
    )


def checks_table(checks: pd.DataFrame) -> pd.DataFrame:
    shown = checks[checks["verdict"] != consistency.AGREES]
    return shown.rename(columns=lambda column: column.replace("_", " ").capitalize())


def checks_paragraph(checks: pd.DataFrame, table_label: str) -> str:
    counted = checks["verdict"].value_counts()
    return (
        f"Figures that can be compared were compared in {plural(len(checks), 'check')}: "
        f"{counted.get(consistency.AGREES, 0)} agree, {counted.get(consistency.DISAGREES, 0)} disagree, "
        f"{counted.get(consistency.AGREES_UNDER_RULE, 0)} agree only under the rounding rule recorded for the "
        f"figure, and {counted.get(consistency.NOT_CHECKABLE, 0)} cannot be checked because a figure they need "
        f"was not published ({table_label}). A disagreement is kept as data; the analysis chooses between the "
        "figures by a stated rule and shows how much the choice matters."
    )


def unpublished_table(coverage: pd.DataFrame) -> pd.DataFrame:
    table = unpublished(coverage)
    table["share of years missing"] = table["share of years missing"].map("{:.0%}".format)
    table.index.name = "Series"
    return table.rename(columns=str.capitalize)


def unpublished_paragraph(coverage: pd.DataFrame, table_label: str) -> str:
    by_series = coverage.groupby("series", sort=False)["status"].apply(lambda s: (s == MISSING).all())
    never = [series for series, empty in by_series.items() if empty]
    listed = "; ".join(never) if never else "none"
    return (
        f"{table_label} lists, series by series, the years with nothing published. Series with nothing in any "
        f"year: {listed}. Without the number of requests received, no refusal rate among requests can be "
        "computed: the report's rates use alerts issued as the denominator, and say so."
    )


def sources_table(ledger: Ledger) -> pd.DataFrame:
    """Who published what: the columns a reader needs to weigh a source."""
    per_source = ledger.figures.groupby("source_id").agg(
        figures=("figure_id", "count"), first=("period_start", "min"), last=("period_end", "max")
    )
    table = ledger.sources.set_index("source_id")[["publisher", "role", "figures_public_by"]].join(
        per_source, how="inner"
    )
    table["years"] = [str(a) if a == b else f"{a}-{b}" for a, b in zip(table["first"], table["last"], strict=True)]
    table = table.drop(columns=["first", "last"]).sort_values(["figures_public_by", "publisher"])
    table.index.name = "Source"
    return table.rename(
        columns={
            "publisher": "Publisher",
            "role": "Role",
            "figures_public_by": "Public by",
            "figures": "Figures",
            "years": "Years",
        }
    )
