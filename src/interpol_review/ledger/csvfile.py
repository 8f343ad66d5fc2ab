"""Read a ledger CSV as text, remembering the line each record starts on.

pandas reports neither the line of a record nor, for a ragged row, which record is broken in a form we
can pass on; the csv module does both, so the ledger files are read with it and handed to pandas as text.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd

from interpol_review.core.errors import LedgerError, Problem

LINE = "_line"  # the column that carries each record's line number in the file


def read_ledger_csv(path: Path, expected_columns: list[str]) -> pd.DataFrame:
    """All cells as strings (empty cells as ""), plus the column ``_line``.

    Raises LedgerError for an empty file, a header that differs from ``expected_columns`` or a record
    with the wrong number of fields.
    """
    name = display_name(path)
    if not path.exists():
        raise LedgerError([Problem(name, None, None, "the file is missing", "restore it from git")])
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle, strict=True)
        try:
            header = next(reader, None)
            records = []
            starts = []
            start = reader.line_num + 1
            for record in reader:
                records.append(record)
                starts.append(start)
                start = reader.line_num + 1
        except (csv.Error, UnicodeDecodeError) as error:
            raise LedgerError(
                [Problem(name, reader.line_num, None, f"malformed CSV ({error})", "check quotes and commas")]
            ) from error
    problems = header_problems(name, header, expected_columns)
    if problems:
        raise LedgerError(problems)
    width = len(expected_columns)
    problems = [
        Problem(
            name,
            line,
            None,
            f"the record has {len(record)} fields but the header has {width}",
            "quote any value that contains a comma, and give every column a value (empty is allowed)",
        )
        for record, line in zip(records, starts, strict=True)
        if len(record) != width
    ]
    if problems:
        raise LedgerError(problems)
    if not records:
        raise LedgerError([Problem(name, None, None, "the file has a header but no rows", "add the rows")])
    frame = pd.DataFrame(records, columns=expected_columns, dtype=str)
    frame[LINE] = starts
    return frame


def header_problems(name: str, header: list[str] | None, expected: list[str]) -> list[Problem]:
    if header is None:
        return [Problem(name, None, None, "the file is empty", f"restore its header: {','.join(expected)}")]
    missing = [column for column in expected if column not in header]
    unexpected = [column for column in header if column not in expected]
    if missing or unexpected:
        detail = "; ".join(
            part
            for part in (
                f"missing column(s) {', '.join(missing)}" if missing else "",
                f"unexpected column(s) {', '.join(unexpected)}" if unexpected else "",
            )
            if part
        )
        return [Problem(name, 1, None, f"the header is wrong: {detail}", f"use: {','.join(expected)}")]
    if header != expected:
        return [Problem(name, 1, None, "the columns are out of order", f"use: {','.join(expected)}")]
    return []


def display_name(path: Path) -> str:
    """The path as a user would type it from the project folder, where possible."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
