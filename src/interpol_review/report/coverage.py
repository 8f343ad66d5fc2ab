"""Measured coverage: how often each kind of interval the report prints contains the truth, in simulated
data shaped like the data it is fitted to (benchmarks/coverage.py writes docs/coverage.csv).

An interval whose measured coverage is more than two points from its nominal level is labelled with the
measured figure wherever it is printed.
"""

from __future__ import annotations

from functools import cache

import pandas as pd

from interpol_review.core.paths import project_root

TOLERANCE = 0.02
# Which simulated design each fitted trend resembles (route, series, rate or count).
DESIGNS = {
    ("task_force", "refused_all", False): "task force count",
    ("task_force", "refused_all", True): "task force rate",
    ("ccf", "requests_admissible", False): "CCF chart readings",
    ("ccf", "requests_finalised", False): "CCF four years",
    ("ccf", "deleted_after_complaint", False): "CCF deletions",
}


# The CCF's share trends (stats/ccf_shares.py) are one procedure (binomial, or quasi-binomial where
# overdispersed), simulated in one design shaped like the four years of counts.
SHARE_DESIGN, SHARE_MODEL = "CCF share trend", "binomial or quasi-binomial"


@cache
def coverage_table() -> pd.DataFrame:
    path = project_root() / "docs" / "coverage.csv"
    if not path.exists():
        return pd.DataFrame(
            columns=["design", "model", "dispersion", "interval", "nominal", "coverage", "replications"]
        )
    return pd.read_csv(path)


def measured_coverage(trend: dict) -> dict | None:
    """The lowest measured coverage of the trend and prediction intervals over the simulated settings of the
    trend's design and model (with and without overdispersion), or None where no design matches."""
    design = DESIGNS.get((trend.get("route"), trend.get("series"), bool(trend.get("with_exposure"))))
    table = coverage_table()
    rows = table[(table["design"] == design) & (table["model"] == trend.get("model"))]
    if design is None or rows.empty:
        return None
    found = {"design": design}
    for kind in ("trend", "prediction"):
        chosen = rows[rows["interval"] == kind]
        if len(chosen):
            found[kind] = float(chosen["coverage"].min())
            found[f"{kind}_nominal"] = float(chosen["nominal"].iloc[0])
    return found


def measured_label(route: str, fit, kind: str, confidence: float) -> str:
    """'measured coverage 85%' for a fitted trend's interval (kind "trend") or prediction, where the
    simulations measured one more than two points from the level the report prints; '' otherwise, and
    always '' at another confidence level than the one simulated."""
    trend = {"route": route, "series": fit.series, "with_exposure": bool(fit.with_exposure), "model": fit.model}
    found = measured_coverage(trend)
    if not found or kind not in found or abs(found[f"{kind}_nominal"] - confidence) > 1e-9:
        return ""
    return label(found[kind], confidence)


def measured_text(route: str, fit, confidence: float) -> str:
    """For a table cell: 'interval 85%, prediction 80%', or 'not measured'."""
    trend = {"route": route, "series": fit.series, "with_exposure": bool(fit.with_exposure), "model": fit.model}
    found = measured_coverage(trend)
    if not found or abs(found.get("trend_nominal", confidence) - confidence) > 1e-9:
        return "not measured"
    parts = [
        f"{name} {100 * found[kind]:.0f}%"
        for kind, name in (("trend", "interval"), ("prediction", "prediction"))
        if kind in found
    ]
    return ", ".join(parts) or "not measured"


def label(coverage: float | None, nominal: float) -> str:
    """'' when coverage is within two points of nominal; else 'measured coverage 88%'."""
    if coverage is None or abs(coverage - nominal) <= TOLERANCE:
        return ""
    return f"measured coverage {100 * coverage:.0f}%"


def measured_share_coverage() -> dict | None:
    """The lowest measured coverage of the CCF share trend's interval, with its nominal level."""
    rows = coverage_table()
    rows = rows[(rows["design"] == SHARE_DESIGN) & (rows["interval"] == "trend")]
    if rows.empty:
        return None
    return {
        "design": SHARE_DESIGN,
        "trend": float(rows["coverage"].min()),
        "trend_nominal": float(rows["nominal"].iloc[0]),
    }


def measured_share_label(confidence: float) -> str:
    """'measured coverage 91%' for a CCF share trend's interval where the simulations of its design measured
    one more than two points from the level the report prints; '' otherwise (or at another level)."""
    table = coverage_table()
    rows = table[(table["design"] == SHARE_DESIGN) & (table["interval"] == "trend")]
    if rows.empty or abs(float(rows["nominal"].iloc[0]) - confidence) > 1e-9:
        return ""
    return label(float(rows["coverage"].min()), confidence)
