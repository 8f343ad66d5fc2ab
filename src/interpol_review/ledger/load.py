"""Load the raw ledger, validate it and return typed, tidy tables.

Validation runs in the order a user can act on: each file's encoding and shape, then every rule of every
row of every file (all problems at once), then the references between files, then the checksums. A rule
broken by an edit is therefore named by row and column even when the same edit changed the checksum.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import pandas as pd

from interpol_review.core.errors import LedgerError, Problem
from interpol_review.core.paths import raw_data_dir, shown_path
from interpol_review.ledger import checksums, figure_rules, file_rules, vocabulary
from interpol_review.ledger.csvfile import LINE, read_ledger_csv
from interpol_review.ledger.published import published_interval
from interpol_review.ledger.quotation_check import quotation_problems
from interpol_review.ledger.rules import validate

# Every raw file, by role, with its columns: a file missing from data/raw is an error that names it.
FILES = {
    "sources": ("sources.csv", file_rules.SOURCE_COLUMNS),
    "figures": ("figures.csv", figure_rules.FIGURE_COLUMNS),
    "quotations": ("quotations.csv", file_rules.QUOTATION_COLUMNS),
    "disagreements": ("disagreements.csv", file_rules.DISAGREEMENT_COLUMNS),
    "claims": ("claims.csv", file_rules.CLAIM_COLUMNS),
    "readings": ("claim_readings.csv", file_rules.READING_COLUMNS),
    "searches": ("search_log.csv", file_rules.SEARCH_COLUMNS),
}
FILE_NAMES = [name for name, _ in FILES.values()]


@dataclass(frozen=True)
class Ledger:
    """The validated ledger. ``figures`` carries typed columns beside the published ones: ``value``
    (float, NaN for trend statements), ``period_start`` and ``period_end`` (years), ``period_type``
    (year, span or date), ``public_by`` (the source's month), ``line`` (its line in figures.csv) and
    ``low`` / ``high``, the interval of true values consistent with how the figure was published (see
    published.py). Every table keeps ``line``, the line of each row in its file."""

    figures: pd.DataFrame
    sources: pd.DataFrame
    quotations: pd.DataFrame
    disagreements: pd.DataFrame
    claims: pd.DataFrame
    readings: pd.DataFrame
    searches: pd.DataFrame  # the search log: how the sources were found, and where nothing was
    sha256: str
    raw_dir: Path

    def as_of(self, month: str) -> Ledger:
        """The ledger as it could be known at the end of ``month`` (YYYY-MM): figures and claims whose
        sources made them public later are left out. An empty month keeps everything."""
        if not month:
            return self
        figures = self.figures[self.figures["public_by"] <= month].reset_index(drop=True)
        public_by = self.sources.set_index("source_id")["figures_public_by"]
        claims = self.claims[self.claims["made_by"].map(public_by) <= month]
        known = set(figures["figure_id"])
        disagreements = self.disagreements[
            self.disagreements["figure_ids"].map(lambda ids: len(set(ids.split()) & known) >= 2 or ids in known)
        ]
        return replace(
            self,
            figures=figures,
            claims=claims.reset_index(drop=True),
            readings=self.readings[self.readings["claim_id"].isin(claims["claim_id"])].reset_index(drop=True),
            quotations=self.quotations[self.quotations["figure_id"].isin(known)].reset_index(drop=True),
            disagreements=disagreements.reset_index(drop=True),
        )

    @property
    def data_date(self) -> str:
        """The month by which every figure of this ledger was public: the date of the data."""
        return str(self.figures["public_by"].max())


def load_ledger(raw_dir: Path | None = None, verify_checksums: bool = True) -> Ledger:
    raw_dir = Path(raw_dir) if raw_dir is not None else raw_data_dir()
    tables, shown = read_files(raw_dir)
    problems = rule_problems(tables, shown)
    if not problems:
        problems = reference_problems(tables, shown)
    if not problems:
        problems = quotation_problems(tables["figures"], tables["quotations"], shown)
    if problems:
        raise LedgerError(problems)
    if verify_checksums:
        checksums.verify(raw_dir, FILE_NAMES)
    figures = typed_figures(tables["figures"], tables["sources"])
    return Ledger(
        figures=figures,
        sources=with_lines(tables["sources"]),
        quotations=with_lines(tables["quotations"]),
        disagreements=with_lines(tables["disagreements"]),
        claims=with_lines(tables["claims"]),
        readings=typed_readings(tables["readings"]),
        searches=with_lines(tables["searches"]),
        sha256=data_sha256(raw_dir),
        raw_dir=raw_dir,
    )


def read_files(raw_dir: Path) -> tuple[dict[str, pd.DataFrame], dict[str, str]]:
    """Every file as text, its encoding and shape checked; the problems of all files at once."""
    tables, shown, problems = {}, {}, []
    if not raw_dir.is_dir():
        fix = "run from the project folder, or restore data/raw with `git checkout -- data/raw`"
        raise LedgerError([Problem(shown_path(raw_dir), None, None, "the data folder is missing", fix)])
    for key, (name, columns) in FILES.items():
        shown[key] = shown_path(raw_dir / name)
        try:
            tables[key] = read_ledger_csv(raw_dir / name, columns)
        except LedgerError as error:
            problems += error.problems
    if problems:
        raise LedgerError(problems)
    return tables, shown


def rule_problems(tables: dict[str, pd.DataFrame], shown: dict[str, str]) -> list[Problem]:
    sources = set(tables["sources"]["source_id"])
    figures = set(tables["figures"]["figure_id"])
    schemas = {
        "sources": file_rules.sources_schema(),
        "figures": figure_rules.figures_schema(sorted(sources)),
        "quotations": file_rules.quotations_schema(figures),
        "disagreements": file_rules.disagreements_schema(figures),
        "claims": file_rules.claims_schema(sources, figures),
        "readings": file_rules.readings_schema(set(tables["claims"]["claim_id"])),
        "searches": file_rules.search_log_schema(sources, figures),
    }
    problems = []
    for key, (schema, book) in schemas.items():
        problems += validate(tables[key], schema, book, shown[key])
    return problems


def reference_problems(tables: dict[str, pd.DataFrame], shown: dict[str, str]) -> list[Problem]:
    """Rules between files: a figure cannot describe a period after the month its source made it public;
    a source found by a search names a search of the log."""
    return period_problems(tables, shown) + search_reference_problems(tables, shown)


def search_reference_problems(tables: dict[str, pd.DataFrame], shown: dict[str, str]) -> list[Problem]:
    searches = set(tables["searches"]["search_id"])
    problems = []
    for _, row in tables["sources"].iterrows():
        unknown = [found for found in re.findall(r"\bQ\d{2,3}\b", row["found_by"]) if found not in searches]
        if unknown:
            problems.append(
                Problem(
                    shown["sources"],
                    int(row[LINE]),
                    "found_by",
                    f"the search {', '.join(unknown)} is not in search_log.csv",
                    "add the search to data/raw/search_log.csv, or correct its id",
                    row["found_by"],
                )
            )
    return problems


def period_problems(tables: dict[str, pd.DataFrame], shown: dict[str, str]) -> list[Problem]:
    figures = tables["figures"]
    public_by = figures["source_id"].map(tables["sources"].set_index("source_id")["figures_public_by"])
    # A year or span is possible when its last year is not after the source's year (a 2024 figure can be
    # public in 2024-05); a month or a day must not be after the source's month.
    period = figures["period"]
    last_year = period.where(~period.str.fullmatch(r"\d{4}-\d{4}"), period.str[5:9]).str[:4]
    too_late = last_year > public_by.str[:4]
    too_late |= period.str.fullmatch(r"\d{4}-\d{2}(-\d{2})?") & (period.str[:7] > public_by)
    return [
        Problem(
            shown["figures"],
            int(row[LINE]),
            "period",
            f"the period is later than the month its source's figures were public ({month})",
            "check the year, or the source's figures_public_by in sources.csv",
            row["period"],
        )
        for (_, row), month in zip(figures[too_late].iterrows(), public_by[too_late], strict=True)
    ]


def data_sha256(raw_dir: Path) -> str:
    """One hash for the whole ledger: the SHA-256 of the raw files' bytes, in a fixed order."""
    digest = hashlib.sha256()
    for name in FILE_NAMES:
        digest.update((raw_dir / name).read_bytes())
    return digest.hexdigest()


def with_lines(table: pd.DataFrame) -> pd.DataFrame:
    """The table with ``line``, the line of each row in its file, for messages and the report's appendix."""
    return table.rename(columns={LINE: "line"})


def typed_figures(figures: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    typed = with_lines(figures)
    ranges = typed["value"].str.extract(rf"^{figure_rules.RANGE_VALUE}$")[[0, 2]].astype(float)
    is_range = typed["kind"] == "range"
    # A range has no single value: NaN, its two bounds in low and high.
    typed["value"] = pd.to_numeric(typed["value"].mask(is_range, "").replace("", np.nan))
    period = typed["period"]
    typed["period_type"] = np.select(
        [period.str.fullmatch(r"\d{4}"), period.str.fullmatch(r"\d{4}-\d{4}")], ["year", "span"], "date"
    )
    typed["period_start"] = period.str[:4].astype(int)
    typed["period_end"] = np.where(typed["period_type"] == "span", period.str[5:9], period.str[:4]).astype(int)
    typed["public_by"] = typed["source_id"].map(sources.set_index("source_id")["figures_public_by"])
    intervals = [
        published_interval(row.value, row.kind, row.precision, row.rounding, row.qualifier)
        for row in typed.itertuples(index=False)
    ]
    typed["low"] = [low for low, _ in intervals]
    typed["high"] = [high for _, high in intervals]
    typed.loc[is_range, "low"] = ranges.loc[is_range, 0]
    typed.loc[is_range, "high"] = ranges.loc[is_range, 2]
    # A share in percent cannot pass 100, whatever bound was published ("over 90%").
    percent = typed["measure"].isin(vocabulary.PERCENT_MEASURES) | typed["kind"].isin(vocabulary.PERCENT_KINDS)
    typed.loc[percent, "high"] = typed.loc[percent, "high"].clip(upper=100.0)
    return typed


def typed_readings(readings: pd.DataFrame) -> pd.DataFrame:
    typed = with_lines(readings)
    for bound in ("low", "high"):
        typed[bound] = pd.to_numeric(typed[bound].replace("", np.nan))
    typed["period_start"] = typed["period"].str[:4].astype(int)
    typed["period_end"] = typed["period"].str[5:9].astype(int)
    return typed
