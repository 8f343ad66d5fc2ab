"""A report's chapters run in one kernel: the ledger is read and checked once for each content of data/raw,
and read again when that content changes (an edit between two runs in Jupyter)."""

from __future__ import annotations

import shutil

from helpers import RAW

from interpol_review.ledger import checksums
from interpol_review.ledger.load import FILE_NAMES
from interpol_review.report import chapter


def test_the_ledger_is_read_once_per_content_of_data_raw(tmp_path, monkeypatch):
    shutil.copytree(RAW, tmp_path / "data" / "raw")
    monkeypatch.setenv("INTERPOL_REVIEW_ROOT", str(tmp_path))
    monkeypatch.setattr(chapter, "LEDGERS_READ", {})
    first = chapter.ledger_read_once()
    assert chapter.ledger_read_once() is first

    sources = tmp_path / "data" / "raw" / "sources.csv"
    sources.write_bytes(sources.read_bytes().replace(b"Fair Trials", b"Fair Trials International", 1))
    checksums.write_manifest(tmp_path / "data" / "raw", FILE_NAMES)
    changed = chapter.ledger_read_once()
    assert changed is not first
    assert changed.sha256 != first.sha256
    assert changed.sources.to_csv().count("Fair Trials International") == 1
