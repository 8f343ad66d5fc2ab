"""Shared fixtures: a private copy of the raw ledger that a test may break without touching data/raw, and
the analysis of the `latest` report (computed once per test process; kept on disk by build/cache)."""

from __future__ import annotations

from interpol_review.core.threads import one_thread_each

one_thread_each()  # before numpy, for every test worker (core/threads.py)

import shutil  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
import yaml  # noqa: E402
from helpers import RAW, ROOT  # noqa: E402


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


def pytest_collection_modifyitems(items):
    """Longest first, so that two workers fed one test at a time (`--maxschedchunk 1` in the Makefile)
    finish together: the slow tests, those that need the shared build before the others (the build starts
    at once, and uses both cores while the other worker waits for it), then the rest in their usual order."""

    def rank(item) -> int:
        slow = item.get_closest_marker("slow") is not None
        return (0 if slow else 2) + (0 if "reports" in item.fixturenames else 1)

    items.sort(key=rank)
