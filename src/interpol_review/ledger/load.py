"""Load the raw ledger (figures, sources, claims), validate it and return typed, tidy tables.

Validation runs in the order a user can act on: the structure of each file, then every rule of every
row (all problems at once), then the checksums. A schema problem therefore names its row and column even
when the same edit also changed the file's checksum.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import pandas as pd

from interpol_review.core.errors import LedgerError
from interpol_review.core.paths import raw_data_dir
from interpol_review.ledger import checksums, schema
from interpol_review.ledger.csvfile import LINE, display_name, read_ledger_csv
from interpol_review.ledger.published import published_interval

FILES = {"figures": "figures.csv", "sources": "sources.csv", "claims": "claims.csv"}


@dataclass(frozen=True)
class Ledger:
    """The validated ledger. ``figures`` carries typed columns beside the published ones:
    ``value`` (float, NaN for trend statements), ``period_start`` and ``period_end`` (years),
    ``period_type`` (year, span or date), and ``low`` / ``high``, the interval of true values
    consistent with how the figure was published (see published.py).
    """

    figures: pd.DataFrame
    sources: pd.DataFrame
    claims: pd.DataFrame
    sha256: str
    raw_dir: Path

    def as_of(self, month: str) -> Ledger:
        """The ledger as it could be known at the end of ``month`` (YYYY-MM): figures whose sources made
        them public later are left out. An empty month keeps everything."""
        if not month:
            return self
        public_by = self.sources.set_index("source_id")["figures_public_by"]
        known = self.figures["source_id"].map(public_by) <= month
        return replace(self, figures=self.figures[known].reset_index(drop=True))


def load_ledger(raw_dir: Path | None = None, verify_checksums: bool = True) -> Ledger:
    raw_dir = Path(raw_dir) if raw_dir is not None else raw_data_dir()
    shown_dir = display_name(raw_dir)
    shown = {key: f"{shown_dir}/{name}" for key, name in FILES.items()}
    sources = read_ledger_csv(raw_dir / FILES["sources"], schema.SOURCE_COLUMNS)
    figures = read_ledger_csv(raw_dir / FILES["figures"], schema.FIGURE_COLUMNS)
    claims = read_ledger_csv(raw_dir / FILES["claims"], schema.CLAIM_COLUMNS)

    problems = schema.validate(sources, *schema.sources_schema(), shown["sources"])
    problems += schema.validate(figures, *schema.figures_schema(sources["source_id"].tolist()), shown["figures"])
    problems += schema.validate(claims, *schema.claims_schema(), shown["claims"])
    if problems:
        raise LedgerError(problems)
    if verify_checksums:
        checksums.verify(raw_dir, list(FILES.values()), shown_dir)

    return Ledger(
        figures=typed_figures(figures),
        sources=sources.drop(columns=LINE),
        claims=typed_claims(claims),
        sha256=data_sha256(raw_dir),
        raw_dir=raw_dir,
    )


def data_sha256(raw_dir: Path) -> str:
    """One hash for the whole ledger: the SHA-256 of the three files' bytes, in a fixed order."""
    digest = hashlib.sha256()
    for name in FILES.values():
        digest.update((raw_dir / name).read_bytes())
    return digest.hexdigest()


def typed_figures(figures: pd.DataFrame) -> pd.DataFrame:
    typed = figures.drop(columns=LINE).copy()
    typed["value"] = pd.to_numeric(typed["value"].replace("", np.nan))
    period = typed["period"]
    typed["period_type"] = np.select(
        [period.str.fullmatch(r"\d{4}"), period.str.fullmatch(r"\d{4}-\d{4}")], ["year", "span"], "date"
    )
    typed["period_start"] = period.str[:4].astype(int)
    typed["period_end"] = np.where(typed["period_type"] == "span", period.str[5:9], period.str[:4]).astype(int)
    intervals = [
        published_interval(row.value, row.kind, row.precision, row.rounding, row.qualifier)
        for row in typed.itertuples(index=False)
    ]
    typed["low"] = [low for low, _ in intervals]
    typed["high"] = [high for _, high in intervals]
    return typed


def typed_claims(claims: pd.DataFrame) -> pd.DataFrame:
    typed = claims.drop(columns=LINE).copy()
    for bound in ("low", "high"):
        typed[bound] = pd.to_numeric(typed[bound].replace("", np.nan))
    typed["period_start"] = typed["period"].str[:4].astype(int)
    typed["period_end"] = typed["period"].str[5:9].astype(int)
    return typed
