"""What every chapter does first: check its parameters, set the figure style, load the analysis.

A chapter runs three ways: in the build, with papermill's own command line, and by Run All in Jupyter.
All three call ``start`` before they import anything else, so the same mistake gets the same message,
in a second: the values of the parameters cell (and of the cell papermill injects after it) are checked
against the one declaration of parameters (analysis/settings.py). A name papermill injected that no
parameter declares, e.g. ``-p confidnce 0.9``, is found in the kernel's history of executed cells, where
the injected cell starts with "# Parameters".
"""

from __future__ import annotations

import ast
import hashlib
from typing import TYPE_CHECKING, Any

from interpol_review.analysis.settings import Settings, declared, settings_from
from interpol_review.core.paths import build_dir, raw_data_dir

if TYPE_CHECKING:
    from interpol_review.analysis.run import Analysis
    from interpol_review.ledger.load import Ledger
    from interpol_review.report.numbering import Numbering

INJECTED_HEADER = "# Parameters"
SOURCE = "the chapter's parameters"


def injected_names(namespace: dict[str, Any]) -> list[str]:
    """Names assigned in the cell papermill injected, read from IPython's history (``In``)."""
    history = namespace.get("In") or []
    names = []
    for source in history:
        if isinstance(source, str) and source.startswith(INJECTED_HEADER):
            try:
                tree = ast.parse(source)
            except SyntaxError:
                continue
            names += [
                t.id
                for node in tree.body
                if isinstance(node, ast.Assign)
                for t in node.targets
                if isinstance(t, ast.Name)
            ]
    return names


def parameter_values(namespace: dict[str, Any]) -> dict[str, Any]:
    """The declared parameters found in the namespace, plus every name papermill injected."""
    names = {spec.name for spec in declared()}
    values = {name: namespace[name] for name in names if name in namespace}
    for name in injected_names(namespace):
        values[name] = namespace.get(name)
    return values


def settings_in(namespace: dict[str, Any]) -> Settings:
    return settings_from(parameter_values(namespace), SOURCE)


def start(number: int, namespace: dict[str, Any]) -> tuple[Analysis, Numbering]:
    """Check the parameters, set the figure style; return the (cached) analysis and the numbering.
    The libraries of the analysis and the figures are imported after the check, so that a mistyped
    parameter is answered before seconds of imports."""
    settings = settings_in(namespace)
    from interpol_review.analysis.run import cached_analysis
    from interpol_review.report.figures import use_project_style
    from interpol_review.report.numbering import Numbering

    use_project_style()
    analysis = cached_analysis(ledger_read_once(), settings)
    return analysis, Numbering(chapter=number, figure_dir=build_dir() / "figures")


LEDGERS_READ: dict[str, Ledger] = {}


def ledger_read_once() -> Ledger:
    """The ledger, read and checked once per kernel for each content of data/raw: a report's eight chapters
    run in one kernel and each starts here (eight readings cost a variant half a second). An edit to
    data/raw between two runs in Jupyter is read again."""
    from interpol_review.ledger.checksums import MANIFEST
    from interpol_review.ledger.load import data_sha256, load_ledger

    raw = raw_data_dir()
    try:
        key = data_sha256(raw) + hashlib.sha256((raw / MANIFEST).read_bytes()).hexdigest()
    except OSError:
        return load_ledger()  # a missing or unreadable file: load_ledger says which, and how to fix it
    if key not in LEDGERS_READ:
        LEDGERS_READ.clear()
        LEDGERS_READ[key] = load_ledger()
    return LEDGERS_READ[key]
