"""Checks before a build publishes anything, so that it fails in a second with one message rather than
after every chapter ran: the PDF engine is installed, reports/ and build/ can be written (checked first,
before the build's imports), the ledger is valid and its figures can all be true together (checked while
the variants start: its libraries, pandera and scipy's solvers, are imported then)."""

from __future__ import annotations

import importlib.util
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from interpol_review.build.browser import chromium_path
from interpol_review.core.errors import LedgerError, UserError
from interpol_review.core.paths import shown_path

if TYPE_CHECKING:
    from interpol_review.ledger.load import Ledger

MIN_FREE_BYTES = 200_000_000  # a build writes about 20 MB; far less free space will end in a failure


def engine_ready(engine: str) -> None:
    if engine == "latex":
        missing = [program for program in ("xelatex", "pandoc") if shutil.which(program) is None]
        if missing:
            raise UserError(
                f"{' and '.join(missing)} not found: the PDF's LaTeX route needs them. Fix: run `make setup` "
                "(Debian, as root), install TeX and pandoc, or build the PDF with Chromium: "
                "`make report PDF_ENGINE=webpdf`"
            )
    elif engine == "webpdf":
        if importlib.util.find_spec("playwright") is None:
            raise UserError("playwright is not installed: PDF_ENGINE=webpdf needs it. Fix: `make setup`")
        chromium_path()


def writable(folder: Path) -> None:
    """Create ``folder`` if needed and write a file in it; one message naming it otherwise."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".write-test-"):
            pass
    except OSError as error:
        raise UserError(
            f"{shown_path(folder)}: cannot write there ({error.strerror}). Fix: make the folder writable, or "
            "choose another with --reports-dir / --build-dir"
        ) from error
    free = shutil.disk_usage(folder).free
    if free < MIN_FREE_BYTES:
        raise UserError(
            f"{shown_path(folder)}: only {free // 1_000_000} MB free. Fix: free at least "
            f"{MIN_FREE_BYTES // 1_000_000} MB and run again"
        )


def valid_ledger() -> Ledger:
    from interpol_review.checks.feasibility import conflict_problems
    from interpol_review.ledger.load import load_ledger

    ledger = load_ledger()
    problems = conflict_problems(ledger)
    if problems:
        raise LedgerError(problems)
    return ledger
