"""The results contract: every number of a report as one JSON document, reports/<variant>/results.json.

A reviewer, a test or another tool reads the numbers without parsing HTML or PDF. Infinite bounds and
missing values are null; floats are rounded to 6 significant digits so that the file is stable across
platforms. Each trend carries its number of years, residual degrees of freedom, method and measured
coverage.
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict
from typing import Any

import numpy as np
import pandas as pd

from interpol_review.ledger.vocabulary import SHARE_DENOMINATORS
from interpol_review.report.coverage import measured_coverage, measured_share_coverage
from interpol_review.stats import ccf_shares

SCHEMA_VERSION = 3
RESULTS_MIME = "application/vnd.interpol-review.results+json"  # the build writes it to results.json


def clean(value: Any) -> Any:
    """JSON-safe: numpy scalars to Python, NaN and infinities to None, floats to 6 significant digits."""
    if isinstance(value, dict):
        return {str(key): clean(item) for key, item in value.items()}
    if isinstance(value, list | tuple | np.ndarray):
        return [clean(item) for item in value]
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float):
        return None if not math.isfinite(value) else float(f"{value:.6g}")
    return value


def records(frame: pd.DataFrame | None, columns: list[str] | None = None) -> list[dict]:
    if frame is None or frame.empty:
        return []
    frame = frame if columns is None else frame[[c for c in columns if c in frame]]
    return [clean(row) for row in frame.to_dict(orient="records")]


def trends_with_coverage(trends: pd.DataFrame, route: str) -> list[dict]:
    rows = records(trends)
    for row in rows:
        row["route"] = route
        row["measured_coverage"] = measured_coverage(row)
    return rows


def results_dict(analysis) -> dict[str, Any]:
    panel = analysis.panel.table
    complaints = analysis.complaints
    edition = analysis.edition
    return clean(
        {
            "schema_version": SCHEMA_VERSION,
            "parameters": analysis.settings.as_dict(),
            "years": asdict(analysis.window),
            "data_sha256": analysis.ledger.sha256,
            "data_date": analysis.ledger.data_date,
            "headlines": [asdict(item) for item in analysis.headlines],
            "panel": records(
                panel,
                [
                    "year",
                    "series",
                    "status",
                    "value",
                    "low",
                    "high",
                    "scope_break",
                    "bound_method",
                    "binding_low",
                    "binding_high",
                    "figure_ids",
                ],
            ),
            "joint_ranges": records(analysis.panel.joint),
            "set_aside_by_disagreement_rules": records(analysis.panel.set_aside),
            "rates_per_1000": records(analysis.rates),
            "trends": trends_with_coverage(analysis.trends, "task_force"),
            "changes_between_years": records(analysis.changes),
            "trend_sensitivity": records(analysis.sensitivity),
            "claims": records(analysis.claims),
            "claims_under_the_other_disagreement_rule": records(
                analysis.claims_other_rule, ["claim_id", "reading", "verdict"]
            ),
            "ccf": ccf_results(complaints, analysis.settings),
            "second_count_articles_2_and_3": second_count_results(analysis.second_count),
            "scenarios": {name: records(table) for name, table in analysis.scenarios.items()},
            "review_capacity": records(analysis.capacity),
            "changes_since": edition_results(edition),
        }
    )


def share_series_results(complaints, settings) -> list[dict]:
    """Each CCF share series: what it divides by, its years with intervals, and its trend or changes."""
    found = []
    for share in ccf_shares.SERIES:
        rows = complaints.shares[complaints.shares["series"] == share.key]
        if rows.empty:
            continue
        trend = complaints.share_trends.get(share.key)
        changes = complaints.share_changes[complaints.share_changes["series"] == share.key]
        found.append(
            {
                "series": share.key,
                "numerator": share.numerator,
                "denominator": share.denominator,
                "denominator_meaning": SHARE_DENOMINATORS[share.denominator],
                "interval_method": "jeffreys" if settings.interval_method == "jeffreys" else "wilson",
                "confidence": settings.confidence,
                "years": records(rows.drop(columns=["series"])),
                "trend": trend,
                "measured_coverage": measured_share_coverage() if trend is not None else None,
                "changes": records(changes.drop(columns=["series"])),
            }
        )
    return found


def ccf_results(complaints, settings) -> dict[str, Any]:
    return {
        "series": records(complaints.series),
        "share_series": share_series_results(complaints, settings),
        "other_shares": records(complaints.other_shares),
        "trends": trends_with_coverage(complaints.trends, "ccf"),
        "changes_between_years": records(complaints.changes),
        "deletion_routes": records(complaints.routes),
        "time_to_decide": records(complaints.time_to_decide),
        "two_routes": records(complaints.two_routes),
    }


def second_count_results(second_count: dict) -> dict[str, Any] | None:
    if not second_count:
        return None
    return {
        "german_government_by_year_published": records(second_count["yearly"]),
        "task_force_article_2_or_3": records(second_count["task_force"]),
        "consistency": second_count["consistency"],
    }


def edition_results(edition) -> dict[str, Any] | None:
    if edition is None:
        return None
    return {
        "since": edition.since,
        "figures_added": list(edition.figures_added["figure_id"]),
        "verdicts_moved": records(edition.verdicts_moved),
        "headlines_moved": [{"before": asdict(before), "now": asdict(now)} for before, now in edition.headlines_moved],
    }


def results_json(analysis) -> str:
    return json.dumps(results_dict(analysis), indent=2, sort_keys=True, allow_nan=False) + "\n"


class ResultsOutput:
    """Displayed by the summary chapter in a cell the rendered report leaves out: the build takes the
    document from the executed notebook (and adds the commit it was built from)."""

    def __init__(self, analysis):
        self.analysis = analysis

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict:
        return {RESULTS_MIME: results_json(self.analysis)}
