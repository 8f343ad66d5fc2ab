"""What every chapter does first: the project style, the analysis for its parameters, its numbering."""

from __future__ import annotations

from typing import Any

from interpol_review.analysis.run import Analysis, Settings, cached_analysis
from interpol_review.core.errors import ParameterError
from interpol_review.core.paths import cache_dir, project_root
from interpol_review.ledger.load import load_ledger
from interpol_review.report import plots
from interpol_review.report.presentation import Numbering


def settings_from(namespace: dict[str, Any]) -> Settings:
    """The Settings named in a chapter's namespace (its parameters cell), checked."""
    settings = Settings.from_values(namespace)
    try:
        settings.check()
    except ValueError as error:
        raise ParameterError(str(error)) from error
    return settings


def start(number: int, namespace: dict[str, Any]) -> tuple[Analysis, Numbering]:
    """Set the figure style and return the (cached) analysis for the chapter's parameters and its numbering."""
    plots.use_project_style()
    analysis = cached_analysis(load_ledger(), settings_from(namespace), cache_dir())
    return analysis, Numbering(chapter=number, figure_dir=project_root() / "build" / "figures")
