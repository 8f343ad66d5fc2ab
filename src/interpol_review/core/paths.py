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


def processed_data_dir() -> Path:
    return project_root() / "data" / "processed"


def build_dir() -> Path:
    """Everything a build keeps for itself: executed notebooks, the caches, figures for LaTeX."""
    return project_root() / "build"


def cache_dir() -> Path:
    """Analyses and executed chapters, kept by the hash of their inputs (see analysis.cache)."""
    return build_dir() / "cache"


def reports_dir() -> Path:
    return project_root() / "reports"


def shown_path(path: Path) -> str:
    """The path as a user would type it: relative to the current folder when inside it, else absolute."""
    path = Path(path)
    here = Path.cwd()
    absolute = path if path.is_absolute() else here / path
    if here == Path(here.anchor):  # from "/", a relative path would lose its leading slash and look wrong
        return str(absolute)
    try:
        return str(absolute.relative_to(here))
    except ValueError:
        return str(absolute)
