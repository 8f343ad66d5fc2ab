"""Rules a ledger file must satisfy, kept as pandera checks that know how to explain themselves.

Every rule has a key, a sentence saying what it requires and a sentence saying how to fix a row that
breaks it. Files are validated as text (see csvfile.py), so a non-numeric value is reported as such
instead of failing a type conversion.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pandera.pandas as pa

from interpol_review.core.errors import Problem
from interpol_review.ledger.csvfile import LINE

YEAR = r"(19|20)\d\d"
SPAN_PATTERN = rf"{YEAR}-{YEAR}"


@dataclass(frozen=True)
class Rule:
    column: str
    requirement: str
    fix: str


def words(vocabulary: dict[str, str] | list[str]) -> str:
    return ", ".join(repr(word) for word in vocabulary)


def as_number(cells: pd.Series) -> pd.Series:
    return pd.to_numeric(cells.where(cells != ""), errors="coerce")


def is_finite_number_or_empty(cells: pd.Series) -> pd.Series:
    """Plain finite numbers: 'inf', 'nan' and overflowing exponents are refused like any other word."""
    numbers = as_number(cells)
    return (cells == "") | (numbers.notna() & np.isfinite(numbers.astype(float)))


def span_in_order(cells: pd.Series) -> pd.Series:
    spans = cells.str.extract(rf"^({YEAR})-({YEAR})$")
    start = pd.to_numeric(spans[0], errors="coerce")
    end = pd.to_numeric(spans[2], errors="coerce")
    return ~(start > end)


def ids_known(cells: pd.Series, known: set[str]) -> pd.Series:
    """Space-separated ids, each of them in ``known`` (an empty cell is allowed)."""
    return cells.map(lambda cell: all(part in known for part in cell.split()))


class RuleBook:
    """Collects rules as pandera checks and remembers how to explain each one."""

    def __init__(self) -> None:
        self.rules: dict[str, Rule] = {}

    def check(self, key: str, column: str, requirement: str, fix: str, test: Callable) -> pa.Check:
        self.rules[key] = Rule(column, requirement, fix)
        return pa.Check(test, name=key, error=key)

    def vocabulary_check(self, key: str, column: str, vocabulary: dict[str, str]) -> pa.Check:
        return self.check(
            key,
            column,
            "the value is not in the vocabulary",
            f"use one of {words(vocabulary)} (meanings in data/raw/README.md)",
            lambda cells: cells.isin(list(vocabulary)),
        )

    def required(self, key: str, column: str, what: str) -> pa.Check:
        return self.check(key, column, f"every row needs {what}", f"give the {what}", lambda c: c.str.strip() != "")

    def pattern(self, key: str, column: str, regex: str, requirement: str, fix: str) -> pa.Check:
        return self.check(key, column, requirement, fix, lambda c: c.str.fullmatch(regex))


def validate(frame: pd.DataFrame, schema: pa.DataFrameSchema, book: RuleBook, file: str) -> list[Problem]:
    """Every row that breaks a rule, as Problems in file order; [] when the frame is valid."""
    try:
        schema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as errors:
        return problems_from(errors.failure_cases, frame, book, file)
    return []


def problems_from(failures: pd.DataFrame, frame: pd.DataFrame, book: RuleBook, file: str) -> list[Problem]:
    problems: dict[tuple[int | None, str], Problem] = {}
    for failure in failures.itertuples(index=False):
        key = str(failure.check)
        row = None if pd.isna(failure.index) else int(failure.index)
        if key == "field_uniqueness":
            rule = Rule(str(failure.column), "the id is not unique", "give every row its own id")
        elif key in book.rules:
            rule = book.rules[key]
        else:  # a structural check of pandera's own: report it as pandera says
            rule = Rule(str(failure.column), f"{key}", "compare the file with data/raw/README.md")
        line = None if row is None else int(frame[LINE].iloc[row])
        found = None if row is None else str(frame[rule.column].iloc[row]) if rule.column in frame else None
        problems.setdefault((line, key), Problem(file, line, rule.column, rule.requirement, rule.fix, found))
    return sorted(problems.values(), key=lambda problem: (problem.line or 0, problem.column or ""))
