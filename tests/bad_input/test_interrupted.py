"""A build that is interrupted, killed or stopped by a file-size limit leaves the previous report whole and
nothing half-written: reports are staged beside reports/ and swapped in at the end (build/staging.py).
Slow (each starts a real build), so `make test-slow`, which CI runs."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import folder_bytes, project_copy

pytestmark = pytest.mark.slow
VARIANT = "briefing-2022"


@pytest.fixture
def project(tmp_path) -> Path:
    copy = project_copy(tmp_path / "project")
    previous = copy / "reports" / VARIANT
    previous.mkdir(parents=True)
    for name in ("report.html", "report.pdf", "results.json"):
        (previous / name).write_text("a previous, complete report")
    return copy


def start_build(project: Path, *extra: str, preexec=None) -> subprocess.Popen:
    command = [sys.executable, "-m", "interpol_review", "build", "--variant", VARIANT, "--force", "--jobs", "1", *extra]
    return subprocess.Popen(
        command,
        cwd=project,
        env={**os.environ, "INTERPOL_REVIEW_ROOT": str(project), "PYTHONUNBUFFERED": "1"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        preexec_fn=preexec,
    )


def wait_for(process: subprocess.Popen, words: str, timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    for line in process.stdout:
        if words in line:
            return
        assert time.monotonic() < deadline, f"no '{words}' within {timeout} s"
    raise AssertionError(f"the build ended before '{words}'")


def assert_previous_report_whole(project: Path) -> None:
    reports = project / "reports"
    assert folder_bytes(reports / VARIANT) == {
        name: b"a previous, complete report" for name in ("report.html", "report.pdf", "results.json")
    }


def test_ctrl_c_stops_with_status_130_no_traceback_and_the_previous_report(project):
    process = start_build(project)
    wait_for(process, "parameters checked")
    time.sleep(3)  # inside the chapters
    os.killpg(process.pid, signal.SIGINT)
    _, errors = process.communicate(timeout=120)
    assert process.returncode == 130, errors
    assert "Traceback" not in errors
    assert "interrupted" in errors
    assert_previous_report_whole(project)
    assert not [p for p in (project / "reports").iterdir() if p.name.startswith(".staging-")]


def test_a_killed_build_leaves_the_previous_report_and_the_next_build_clears_its_leftovers(project):
    process = start_build(project, "--chapters", "01")
    wait_for(process, "HTML written")  # the report is being staged
    os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=60)
    assert_previous_report_whole(project)
    temporary = project / "build" / "reports" / "tmp"
    leaked = {path.name for path in temporary.iterdir()} if temporary.exists() else set()
    again = start_build(project, "--chapters", "01")
    _, errors = again.communicate(timeout=600)
    assert again.returncode == 0, errors
    leftovers = [p.name for p in (project / "reports").iterdir() if p.name.startswith((".staging-", ".previous-"))]
    assert leftovers == []
    assert not leaked & {path.name for path in temporary.iterdir()}  # the killed run's temporary files are gone


def test_a_file_size_limit_is_named_and_leaves_the_previous_report(project):
    import resource

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (1_000_000, 1_000_000))  # 1 MB: the HTML report is larger

    process = start_build(project, preexec=limit)
    _, errors = process.communicate(timeout=600)
    assert process.returncode == 2, errors
    assert "Traceback" not in errors and "ulimit -f" in errors
    assert_previous_report_whole(project)
