"""The validated, tidy tables that `make data` writes to data/processed/ for other tools and readers."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from interpol_review.checks import consistency
from interpol_review.checks.coverage import coverage
from interpol_review.core.atomic import write_text
from interpol_review.ledger.load import Ledger


def processed_tables(ledger: Ledger) -> dict[str, pd.DataFrame]:
    years = ledger.figures["period_end"]
    return {
        "figures.csv": ledger.figures,
        "sources.csv": ledger.sources,
        "quotations.csv": ledger.quotations,
        "disagreements.csv": ledger.disagreements,
        "claims.csv": ledger.claims,
        "claim_readings.csv": ledger.readings,
        "search_log.csv": ledger.searches,
        "cross_source_checks.csv": consistency.cross_source_checks(ledger.figures, ledger.disagreements),
        "coverage.csv": coverage(ledger.figures, int(years.min()), int(years.max())),
    }


def write_processed(ledger: Ledger, out_dir: Path) -> list[Path]:
    """Write every table (each atomically) plus DATA_SHA256, the hash of the raw ledger they came from."""
    written = []
    for name, table in processed_tables(ledger).items():
        write_text(out_dir / name, table.to_csv(index=False, lineterminator="\n"))
        written.append(out_dir / name)
    write_text(out_dir / "DATA_SHA256", ledger.sha256 + "\n")
    written.append(out_dir / "DATA_SHA256")
    return written
