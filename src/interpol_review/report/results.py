"""The results contract: every headline number of a run as one JSON-serializable dict.

Written beside each report as reports/<variant>/results.json, so that a reviewer (or a test, or another
tool) can read the numbers without parsing HTML or PDF. Infinite bounds and missing values are written as
null; floats are rounded to 6 significant digits so that the file is stable across platforms.
"""

from __future__ import annotations

import json
import math
from typing import Any

import numpy as np
import pandas as pd

from interpol_review.analysis.run import Analysis, settings_dict
from interpol_review.core import provenance
from interpol_review.stats.panel import RECONSTRUCTED

SCHEMA_VERSION = 1


def clean(value: Any) -> Any:
    """JSON-safe: numpy scalars to Python, NaN and infinities to None, floats to 6 significant digits."""
    if isinstance(value, dict):
        return {str(key): clean(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [clean(item) for item in value]
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float):
        return None if not math.isfinite(value) else float(f"{value:.6g}")
    return value


def records(frame: pd.DataFrame, columns: list[str] | None = None) -> list[dict]:
    frame = frame if columns is None else frame[columns]
    return [clean(row) for row in frame.to_dict(orient="records")]


def results_dict(analysis: Analysis) -> dict[str, Any]:
    panel = analysis.panel.table
    reconstructed = panel[panel["status"] == RECONSTRUCTED]
    return clean(
        {
            "schema_version": SCHEMA_VERSION,
            "parameters": settings_dict(analysis.settings),
            "data_sha256": analysis.ledger.sha256,
            "data_date": data_date(analysis),
            "commit": provenance.commit(),
            "panel": records(
                panel, ["year", "series", "status", "value", "low", "high", "scope_break", "bound_method"]
            ),
            "reconstructed_bounds": records(
                reconstructed, ["year", "series", "low", "high", "bound_method", "binding"]
            ),
            "dropped_by_disagreement_rule": records(analysis.panel.dropped),
            "rates_per_1000": records(analysis.rates, ["year", "series", "status", "rate_per_1000", "low", "high"]),
            "trends": records(analysis.trends),
            "trend_sensitivity": records(analysis.sensitivity),
            "claims": records(analysis.claims, ["claim_id", "statement", "claimed", "verdict", "decided_by"]),
            "review_capacity": records(analysis.capacity),
        }
    )


def data_date(analysis: Analysis) -> str:
    """The month by which every figure used was public: the date of the data this report describes."""
    public_by = analysis.ledger.sources.set_index("source_id")["figures_public_by"]
    return str(analysis.ledger.figures["source_id"].map(public_by).max())


def results_json(analysis: Analysis) -> str:
    return json.dumps(results_dict(analysis), indent=2, sort_keys=True, allow_nan=False) + "\n"
