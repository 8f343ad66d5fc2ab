"""The methods chapter: the methods text (docs/methods.md, the single source) and its tables."""

from __future__ import annotations

import pandas as pd

from interpol_review.analysis.run import Analysis
from interpol_review.core.paths import project_root
from interpol_review.ledger.series import SHORT_LABELS
from interpol_review.report.report_tables import interval
from interpol_review.stats.panel import RECONSTRUCTED


def summary() -> str:
    """docs/methods.md without its title, for the report (headings one level down)."""
    text = (project_root() / "docs" / "methods.md").read_text(encoding="utf-8")
    body = text.split("\n", 1)[1] if text.startswith("# ") else text
    return body.strip()


def binding_table(analysis: Analysis) -> pd.DataFrame:
    table = analysis.panel.table
    cells = table[(table["status"] == RECONSTRUCTED) & table["high"].lt(float("inf"))]
    return pd.DataFrame(
        {
            "Year": cells["year"],
            "Series": cells["series"].map(SHORT_LABELS),
            "Range": [interval(low, high) for low, high in zip(cells["low"], cells["high"], strict=True)],
            "How": cells["bound_method"],
            "Binding figures (low | high)": cells["binding"].str.replace("+", " + "),
        }
    )


def dropped_table(analysis: Analysis) -> pd.DataFrame:
    dropped = analysis.panel.dropped
    return pd.DataFrame(
        {
            "Figure": dropped["figure_id"],
            "Year": dropped["year"],
            "Series": dropped["series"].map(SHORT_LABELS),
            "Value": dropped["value"].map("{:,.0f}".format),
            "Reason": dropped["reason"],
        }
    )
