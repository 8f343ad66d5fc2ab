"""Shared fixtures: a private copy of the raw ledger that a test may break without touching data/raw, and
the analysis of the `latest` report (computed once per test process; kept on disk by build/cache)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from helpers import RAW, ROOT


@pytest.fixture
def raw_copy(tmp_path: Path) -> Path:
    target = tmp_path / "raw"
    shutil.copytree(RAW, target)
    return target


@pytest.fixture(scope="session")
def ledger():
    from interpol_review.ledger.load import load_ledger

    return load_ledger()


@pytest.fixture(scope="session")
def latest(ledger):
    """The analysis behind reports/latest, with the parameters of params/latest.yaml."""
    from interpol_review.analysis.run import cached_analysis
    from interpol_review.analysis.settings import settings_from

    values = yaml.safe_load((ROOT / "params" / "latest.yaml").read_text(encoding="utf-8"))
    return cached_analysis(ledger, settings_from(values, "params/latest.yaml"))
