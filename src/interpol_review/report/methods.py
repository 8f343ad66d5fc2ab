"""Chapter 7, methods and provenance: the methods text (docs/methods.md, its single source), the figures
that bind each reconstructed value, the figures set aside, every parameter and where the report came from."""

from __future__ import annotations

import pandas as pd

from interpol_review.analysis.settings import declared
from interpol_review.core import provenance
from interpol_review.core.formatting import interval, period_text
from interpol_review.core.paths import project_root
from interpol_review.ledger.status import Status
from interpol_review.report.links import figure_ids
from interpol_review.report.words import SHORT_SERIES


def methods_text() -> str:
    """docs/methods.md without its title: its sections become sections of chapter 7."""
    text = (project_root() / "docs" / "methods.md").read_text(encoding="utf-8")
    return (text.split("\n", 1)[1] if text.startswith("# ") else text).strip()


def binding_table(analysis, numbering):
    table = analysis.panel.table
    cells = table[table["status"].isin([Status.RECONSTRUCTED, Status.BOUNDED]) & table["high"].lt(float("inf"))]
    frame = pd.DataFrame(
        {
            "Year": cells["year"].astype(str),
            "Series": cells["series"].map(SHORT_SERIES),
            "Status": cells["status"],
            "Range": [interval(low, high) for low, high in zip(cells["low"], cells["high"], strict=True)],
            "How": cells["bound_method"],
            "Figures that set the lower end": [figure_ids(ids) for ids in cells["binding_low"]],
            "Figures that set the upper end": [figure_ids(ids) for ids in cells["binding_high"]],
        }
    )
    return numbering.table(
        frame,
        "Every reconstructed or bounded value, its range, and the figures whose removal would widen each end.",
        numeric=["Range"],
    )


def set_aside_table(analysis, numbering):
    dropped = analysis.panel.set_aside
    if dropped.empty:
        return None
    figures = analysis.ledger.figures.set_index("figure_id")
    frame = pd.DataFrame(
        {
            "Figure": [figure_ids(fid) for fid in dropped["figure_id"]],
            "Period": [period_text(figures.loc[fid, "period"]) for fid in dropped["figure_id"]],
            "Value": [f"{figures.loc[fid, 'value']:,.0f}" for fid in dropped["figure_id"]],
            "Why it is set aside": dropped["reason"],
        }
    )
    return numbering.table(
        frame, "Figures set aside by the recorded disagreement rules in this report.", numeric=["Value"]
    )


def parameters_table(analysis, numbering):
    values = analysis.settings.as_dict()
    rows = [
        {
            "Parameter": spec.name,
            "Value": str(values[spec.name]),
            "Default": str(spec.default),
            "What it sets": spec.metadata["help"],
        }
        for spec in declared()
        if spec.metadata["role"] == "analysis"
    ]
    window = analysis.window
    rows.append(
        {
            "Parameter": "(years resolved)",
            "Value": f"{window.start}–{window.end}; CCF from {window.ccf_start}",
            "Default": "",
            "What it sets": "the years the report covers, end_year resolved from the data",
        }
    )
    return numbering.table(
        pd.DataFrame(rows),
        "Parameters of this report; the declaration in the package is the "
        "single source of names, defaults and accepted values.",
    )


def provenance_table(analysis, numbering):
    rows = [
        ("Data SHA-256", analysis.ledger.sha256),
        ("Data date (figures public by)", analysis.ledger.data_date),
        ("Commit and report date", "on the cover: the last commit and its date, never the wall clock"),
        ("Run time", "kept out of the report so that two builds are identical: build/reports/<variant>/timing.json"),
    ]
    rows += [(f"{name} version", version) for name, version in provenance.package_versions().items()]
    return numbering.table(pd.DataFrame(rows, columns=["Item", "Value"]), "Data, code and software behind this report.")
