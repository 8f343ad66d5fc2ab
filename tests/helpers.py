"""Helpers shared by the tests: the project's folders and a way to edit one cell of a ledger CSV."""

from __future__ import annotations

import csv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"


def edit_cell(path: Path, row_id: str, column: str, value: str) -> int:
    """Set one cell of a ledger CSV (the row whose first cell is ``row_id``); return its line number."""
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    header = rows[0]
    for number, row in enumerate(rows[1:], start=2):
        if row[0] == row_id:
            row[header.index(column)] = value
            with path.open("w", newline="", encoding="utf-8") as handle:
                csv.writer(handle, lineterminator="\n").writerows(rows)
            return number
    raise KeyError(row_id)
