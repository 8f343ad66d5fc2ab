"""Where the project's files live, so that code and notebooks never spell out paths themselves."""

from __future__ import annotations

import os
from pathlib import Path


def project_root() -> Path:
    """The checkout this package was installed from (editable install), or $INTERPOL_REVIEW_ROOT."""
    override = os.environ.get("INTERPOL_REVIEW_ROOT")
    if override:
        return Path(override).resolve()
    return Path(__file__).resolve().parents[3]


def raw_data_dir() -> Path:
    return project_root() / "data" / "raw"


def cache_dir() -> Path:
    """Where one build's analysis is kept for all the chapters of a report (see analysis.cached_analysis)."""
    return project_root() / "build" / "cache"


def processed_data_dir() -> Path:
    return project_root() / "data" / "processed"
