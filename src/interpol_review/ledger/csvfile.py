"""Read a ledger CSV as text, remembering the line each record starts on.

Written by hand around the csv module because pandas reports neither the line of a record nor, for a
ragged row, which record is broken; the csv module gives both. Every refusal names the file, the line
where it can, and the fix: the encoding (UTF-8), the size, the header and the number of fields in each
record. What a spreadsheet program adds when it saves a CSV file (a UTF-8 byte-order mark, Windows line
endings) is read as the same table: the researcher who adds a row in a spreadsheet is not refused.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd

from interpol_review.core.errors import LedgerError, Problem
from interpol_review.core.paths import shown_path

LINE = "_line"  # the column that carries each record's line number in the file
MAX_BYTES = 5_000_000  # the ledger is a few hundred rows; a larger file is a mistake, not data
MAX_RECORDS = 20_000
UTF8_BOM = b"\xef\xbb\xbf"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
UTF8_FIX = "save the file as UTF-8 (in a spreadsheet: CSV UTF-8; or iconv -t UTF-8)"


def read_ledger_csv(path: Path, expected_columns: list[str]) -> pd.DataFrame:
    """All cells as strings (empty cells as ""), plus the column ``_line``; LedgerError otherwise."""
    name = shown_path(path)
    text = decoded_text(path, name)
    records, starts = parsed_records(text, name)
    header = records.pop(0) if records else None
    starts = starts[1:]
    problems = header_problems(name, header, expected_columns)
    if problems:
        raise LedgerError(problems)
    if len(records) > MAX_RECORDS:
        raise LedgerError(
            [Problem(name, None, None, f"the file has {len(records):,} rows, over {MAX_RECORDS:,}", "remove them")]
        )
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


def decoded_text(path: Path, name: str) -> str:
    """The file's text, refusing what a spreadsheet or an editor may have made of it."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise LedgerError(
                [Problem(name, None, None, f"the file is {size:,} bytes, over {MAX_BYTES:,}", "restore it from git")]
            )
        data = path.read_bytes()
    except FileNotFoundError as error:
        fix = f"restore it with `git checkout -- {name}`"
        raise LedgerError([Problem(name, None, None, "the file is missing", fix)]) from error
    except IsADirectoryError as error:
        raise LedgerError([Problem(name, None, None, "this is a folder, not a file", "restore the file")]) from error
    data = data.removeprefix(UTF8_BOM)
    if data.startswith(UTF16_BOMS) or b"\x00" in data[:4096]:
        raise LedgerError([Problem(name, None, None, "the file is UTF-16, not UTF-8", UTF8_FIX)])
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise LedgerError([Problem(name, line, None, "the line is not valid UTF-8", UTF8_FIX)]) from error
    # Windows line endings become Unix ones; a carriage return alone (old Mac) ends a line too.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def parsed_records(text: str, name: str) -> tuple[list[list[str]], list[int]]:
    """The records and the line each starts on (a quoted value may span lines)."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    records, starts, start = [], [], 1
    try:
        for record in reader:
            records.append(record)
            starts.append(start)
            start = reader.line_num + 1
    except csv.Error as error:
        fix = 'close every opening double quote, and double a quote inside a quoted value ("")'
        raise LedgerError([Problem(name, start, None, f"malformed CSV ({error})", fix)]) from error
    return records, starts


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
                f"unexpected column(s) {', '.join(repr(column) for column in unexpected)}" if unexpected else "",
            )
            if part
        )
        return [Problem(name, 1, None, f"the header is wrong: {detail}", f"use: {','.join(expected)}")]
    if header != expected:
        return [Problem(name, 1, None, "the columns are out of order or repeated", f"use: {','.join(expected)}")]
    return []
