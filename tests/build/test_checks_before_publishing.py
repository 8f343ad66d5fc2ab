"""Variants built side by side start while the build checks the ledger and the years: none publishes
before those checks pass, and a failed check stops them all with its own message."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from interpol_review.build import reports
from interpol_review.core.errors import UserError

CHECK_SECONDS = 0.5


def publishing_variant(path: Path, key: str, options) -> tuple[bool, object]:
    """A variant with nothing to build: it waits for the checks, then records when it published."""
    reports.wait_for_checks()
    (options.reports_dir / path.stem).write_text(str(time.time()))
    return True, path


def run(tmp_path, monkeypatch, checks):
    monkeypatch.setattr(reports, "one_variant", publishing_variant)  # the forked workers inherit it
    options = reports.Options(reports_dir=tmp_path, build_dir=tmp_path, jobs=3)
    todo = [Path(f"params/{name}.yaml") for name in ("a", "b", "c")]
    return reports.run_all(todo, dict.fromkeys(todo, ""), options, checks)


def test_no_variant_publishes_before_the_checks_pass(tmp_path, monkeypatch):
    passed = {}

    def checks():
        time.sleep(CHECK_SECONDS)
        passed["at"] = time.time()

    built, failures = run(tmp_path, monkeypatch, checks)
    assert failures == [] and len(built) == 3
    assert all(float((tmp_path / name).read_text()) >= passed["at"] for name in ("a", "b", "c"))


def test_a_failed_check_stops_every_variant_before_it_publishes(tmp_path, monkeypatch):
    def checks():
        time.sleep(CHECK_SECONDS)
        raise UserError("the ledger is broken")

    with pytest.raises(UserError, match="the ledger is broken"):
        run(tmp_path, monkeypatch, checks)
    time.sleep(CHECK_SECONDS)
    assert sorted(path.name for path in tmp_path.iterdir()) == []
