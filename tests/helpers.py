"""Helpers shared by the tests: the project's folders, a way to edit one cell of a ledger CSV, a private
copy of the project to break, and the command line run as a user runs it."""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"
# What a report is built from; src stays in place (the package is installed from it) but is copied so that
# the build's content check sees the same inputs.
PROJECT_PARTS = (
    "src",
    "notebooks",
    "data/raw",
    "params",
    "docs",
    "scripts",
    "Makefile",
    "pyproject.toml",
    "requirements.txt",
)


def edit_cell(path: Path, row_id: str, column: str, value: str) -> int:
    """Set one cell of a ledger CSV (the first row whose first cell is ``row_id``); return its line number."""
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


def project_copy(target: Path, shared_cache: bool = True) -> Path:
    """A copy of the project's inputs that a test may change. The cache of analyses and executed chapters is
    shared with the real project unless ``shared_cache`` is False (it is keyed by content, so a changed
    input never reads a stale entry)."""
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        else:
            (target / part).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / part)
    (target / "build").mkdir(exist_ok=True)
    if shared_cache:
        (ROOT / "build" / "cache").mkdir(parents=True, exist_ok=True)
        (target / "build" / "cache").symlink_to(ROOT / "build" / "cache")
    return target


def cli(*arguments: str, root: Path = ROOT, timeout: float = 900, **options) -> subprocess.CompletedProcess:
    """`python -m interpol_review ...` for the project at ``root``, as the Makefile runs it."""
    environment = {**os.environ, "INTERPOL_REVIEW_ROOT": str(root), **options.pop("env", {})}
    return subprocess.run(
        [sys.executable, "-m", "interpol_review", *arguments],
        cwd=options.pop("cwd", root),
        capture_output=True,
        text=True,
        env=environment,
        timeout=timeout,
        **options,
    )


def folder_bytes(folder: Path) -> dict[str, bytes]:
    """Every file below ``folder`` by relative path: to compare two builds, or a folder before and after."""
    if not folder.exists():
        return {}
    return {str(path.relative_to(folder)): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}
