"""Shared fixtures: a private copy of the raw ledger that a test may break without touching data/raw."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from helpers import RAW


@pytest.fixture
def raw_copy(tmp_path: Path) -> Path:
    target = tmp_path / "raw"
    shutil.copytree(RAW, target)
    return target
