"""The validated, tidy tables that `make data` writes to data/processed/ for other tools and readers."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from interpol_review.checks import consistency
from interpol_review.checks import coverage as audit
from interpol_review.core.atomic import write_text
from interpol_review.ledger.load import Ledger


def processed_tables(ledger: Ledger, start_year: int, end_year: int) -> dict[str, pd.DataFrame]:
    return {
        "figures.csv": ledger.figures,
        "sources.csv": ledger.sources,
        "claims.csv": ledger.claims,
        "cross_source_checks.csv": consistency.cross_source_checks(ledger.figures),
        "coverage.csv": audit.coverage(ledger.figures, start_year, end_year),
    }


def write_processed(ledger: Ledger, out_dir: Path, start_year: int, end_year: int) -> list[Path]:
    """Write every table (each atomically) plus DATA_SHA256, the hash of the raw ledger they came from."""
    written = []
    for name, table in processed_tables(ledger, start_year, end_year).items():
        write_text(out_dir / name, table.to_csv(index=False, lineterminator="\n"))
        written.append(out_dir / name)
    write_text(out_dir / "DATA_SHA256", ledger.sha256 + "\n")
    written.append(out_dir / "DATA_SHA256")
    return written
