"""What every chapter does first: the project style, the analysis for its parameters, its numbering."""

from __future__ import annotations

from typing import Any

from . import plots
from .analysis import Analysis, Settings, cached_analysis
from .errors import ParameterError
from .ledger import load_ledger
from .paths import cache_dir, project_root
from .presentation import Numbering


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
