"""Bad inputs as a new user makes them, through the command line the Makefile runs: each gets one message
naming the file, row and column (or the parameter), the rule and the fix; the exit status is 2; no traceback;
the reports already in reports/ stay as they were and the raw data is never touched."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import cli, edit_cell, folder_bytes, project_copy

PREVIOUS = "a previous, complete report"


@pytest.fixture
def project(tmp_path) -> Path:
    copy = project_copy(tmp_path / "project")
    (copy / "reports" / "latest").mkdir(parents=True)
    for name in ("report.html", "report.pdf", "results.json"):
        (copy / "reports" / "latest" / name).write_text(PREVIOUS)
    return copy


def build(project: Path, *arguments: str, **options) -> subprocess.CompletedProcess:
    return cli("build", *(arguments or ("--all",)), "--reports-dir", str(project / "reports"), root=project, **options)


def assert_refused(result: subprocess.CompletedProcess, *expected: str) -> None:
    message = result.stderr + result.stdout
    assert result.returncode == 2, message
    assert "Traceback" not in message
    for part in expected:
        assert part in message, (part, message)


def assert_nothing_written(project: Path, raw_before: dict) -> None:
    reports = project / "reports"
    assert sorted(p.name for p in reports.iterdir()) == ["latest"]
    assert folder_bytes(reports / "latest") == {
        name: PREVIOUS.encode() for name in ("report.html", "report.pdf", "results.json")
    }
    assert folder_bytes(project / "data" / "raw") == raw_before


def write_params(project: Path, name: str, text: str) -> None:
    (project / "params" / name).write_text(text, encoding="utf-8")


HOSTILE_NAMES = ["$(id).yaml", "a;touch pwned.yaml", "my variant.yaml", "<b>x<b>.yaml", "`id`.yaml", "x.yml"]


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_a_hostile_params_file_name_is_refused_and_never_run(project, name):
    write_params(project, name, "seed: 1\n")
    raw = folder_bytes(project / "data" / "raw")
    result = build(project)
    assert_refused(result, "a params file is named <variant>.yaml", "Fix: rename the file")
    assert_nothing_written(project, raw)
    assert not list(project.rglob("pwned*")) and not list(project.rglob("uid=*"))


@pytest.mark.parametrize("name", ["$(touch pwned).yaml", "briefing-2022;touch pwned;.yaml", "with space.yaml"])
def test_make_report_with_a_hostile_file_name_runs_nothing_it_names(project, name):
    """Through make: the name reaches the shell only as data, and make's own rules never see it."""
    write_params(project, name, "")
    result = subprocess.run(
        [
            "make",
            "--no-print-directory",
            "report",
            "SYSTEM=skip",
            f"VENV={Path(sys.prefix)}",
            "SETUP_DONE=",
            "VALIDATED=",
        ],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "INTERPOL_REVIEW_ROOT": str(project)},
    )
    assert result.returncode != 0
    assert "a params file is named <variant>.yaml" in result.stderr
    assert not list(project.rglob("pwned*"))


def test_paths_in_messages_are_whole_when_run_from_the_root_folder(project):
    edit_cell(project / "data" / "raw" / "figures.csv", "F024", "value", "-26")
    result = cli("data", root=project, cwd="/")
    assert_refused(result, f"{project}/data/raw/figures.csv, line 25, column 'value'")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("seed: -1\n", ["params/bad.yaml", "parameter 'seed' = -1: it must lie between 0 and 4,294,967,295"]),
        ("subtitle: 2024\n", ["params/bad.yaml", 'put it in quotes: subtitle: "2024"']),
        ("start_yaer: 2017\n", ["params/bad.yaml", "did you mean 'start_year'?"]),
        ("start_year: 2005\nend_year: 2006\n", ["2005-2006 holds no task force figure", "2017-2024"]),
        ("confidence: [0.9\n", ["params/bad.yaml, line 2", "not valid YAML"]),
        ("end_year: 2016\n", ["end_year (2016) is before start_year (2017)"]),
    ],
)
def test_a_bad_parameter_is_named_before_anything_runs(project, text, expected):
    write_params(project, "bad.yaml", text)
    raw = folder_bytes(project / "data" / "raw")
    result = build(project, "params/bad.yaml")
    assert_refused(result, *expected)
    assert_nothing_written(project, raw)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda raw: edit_cell(raw / "figures.csv", "F024", "value", "-26"),
            ["figures.csv, line 25, column 'value'", "cannot be negative"],
        ),
        (lambda raw: (raw / "claims.csv").unlink(), ["claims.csv", "the file is missing", "git checkout"]),
        (
            lambda raw: (raw / "sources.csv").write_bytes((raw / "sources.csv").read_text().encode("utf-16")),
            ["sources.csv", "UTF-16, not UTF-8"],
        ),
        (
            lambda raw: (raw / "SHA256SUMS").write_text((raw / "SHA256SUMS").read_text() + "garbage\n"),
            ["SHA256SUMS, line 8", "make checksums"],
        ),
        (lambda raw: edit_cell(raw / "figures.csv", "F031", "confidence", "low"), ["figures.csv", "make checksums"]),
        (
            lambda raw: edit_cell(raw / "figures.csv", "F031", "value", "358"),
            ["quotations.csv, line", "do not state its value 358"],
        ),
        (lambda raw: os.truncate(raw / "quotations.csv", 200_000_000), ["quotations.csv", "bytes, over 5,000,000"]),
    ],
)
def test_a_broken_ledger_is_named_by_file_line_and_column(project, change, expected):
    change(project / "data" / "raw")
    raw = (
        folder_bytes(project / "data" / "raw") if (project / "data/raw/quotations.csv").stat().st_size < 10**7 else None
    )
    result = build(project, "--variant", "latest")
    assert_refused(result, *expected)
    if raw is not None:
        assert_nothing_written(project, raw)


def kernels_of(project: Path) -> list[int]:
    """Kernels still running for this project (their environment names it)."""
    found = []
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            if b"ipykernel" in (proc / "cmdline").read_bytes() and (
                f"INTERPOL_REVIEW_ROOT={project}".encode() in (proc / "environ").read_bytes().split(b"\0")
            ):
                found.append(int(proc.name))
        except OSError:
            continue  # ended while we looked
    return found


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda project: edit_cell(project / "data" / "raw" / "figures.csv", "F024", "value", "-26"),
            ["figures.csv, line 25, column 'value'", "cannot be negative"],
        ),
        (
            lambda project: write_params(project, "bad.yaml", "start_year: 2005\nend_year: 2006\n"),
            ["params/bad.yaml", "2005-2006 holds no task force figure"],
        ),
    ],
)
def test_variants_built_side_by_side_publish_nothing_when_a_check_fails(project, change, expected):
    """Side by side, the workers start their kernels while the build checks the ledger and the years: a
    failed check still refuses the build with its own message, and stops every worker and kernel."""
    change(project)
    raw = folder_bytes(project / "data" / "raw")
    result = build(project, "--all", "--jobs", "4")
    assert_refused(result, *expected)
    assert_nothing_written(project, raw)
    for _ in range(30):
        if not kernels_of(project):
            break
        time.sleep(0.1)
    assert kernels_of(project) == []


def test_a_reports_folder_that_cannot_be_written_is_named(project, tmp_path):
    result = cli("build", "--variant", "latest", "--reports-dir", "/proc/interpol-reports", root=project)
    assert_refused(result, "/proc/interpol-reports: cannot write there", "--reports-dir")


def test_a_nearly_full_disk_is_refused_before_the_build(project, tmp_path):
    small = tmp_path / "small"
    small.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=20m", "tmpfs", str(small)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip("cannot mount a small file system here")
    try:
        result = cli("build", "--variant", "latest", "--reports-dir", str(small), root=project)
        assert_refused(result, "MB free", "Fix: free at least")
    finally:
        subprocess.run(["umount", str(small)], check=False)


def test_missing_latex_says_how_to_install_it_or_use_chromium(project, tmp_path):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for program in ("git", "pandoc"):
        found = shutil.which(program)
        if found:
            (bin_dir / program).symlink_to(found)
    result = build(project, "--variant", "latest", env={"PATH": str(bin_dir)})
    assert_refused(result, "xelatex", "not found", "make setup", "PDF_ENGINE=webpdf")


def test_an_unknown_variant_is_named_with_the_known_ones(project):
    assert_refused(build(project, "--variant", "lastest"), "no lastest.yaml in params/", "latest")
