"""Every report built once per test session, into a folder the tests share (test workers wait for the
first to finish: a file lock), and never into the project's own reports/."""

from __future__ import annotations

from pathlib import Path

import pytest
from filelock import FileLock
from helpers import RAW, cli, folder_bytes


@pytest.fixture(scope="session")
def shared_root(tmp_path_factory) -> Path:
    base = tmp_path_factory.getbasetemp()
    return base.parent if base.name.startswith("popen-gw") else base


@pytest.fixture(scope="session")
def reports(shared_root) -> Path:
    """reports/ as `make report` leaves it: every variant, HTML and PDF, and the index."""
    folder = shared_root / "reports"
    with FileLock(str(shared_root / "reports.lock")):
        if not (folder / "index.html").exists():
            before = folder_bytes(RAW)
            result = cli(
                "build", "--all", "--jobs", "2", "--reports-dir", str(folder), "--build-dir", str(shared_root / "build")
            )
            assert result.returncode == 0, result.stderr + result.stdout
            assert folder_bytes(RAW) == before, "the build wrote to data/raw"
            (shared_root / "build-output.txt").write_text(result.stdout + result.stderr, encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def latest_report(reports) -> Path:
    return reports / "latest"


@pytest.fixture(scope="session")
def build_output(reports, shared_root) -> str:
    """What the session's build printed (stdout and stderr)."""
    return (shared_root / "build-output.txt").read_text(encoding="utf-8")
