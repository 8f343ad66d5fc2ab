"""End to end: the report builds from the ledger, and a broken input never replaces a good report."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, edit_cell

pytestmark = pytest.mark.slow
CHAPTER_TITLE = "The data: what was published, and what was not"


def run(*command: str, cwd: Path = ROOT, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, env={**os.environ, **(env or {})})


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    reports = tmp_path_factory.mktemp("reports")
    build = tmp_path_factory.mktemp("build")
    result = run(
        sys.executable,
        "-m",
        "interpol_review",
        "build",
        "params/latest.yaml",
        "--reports-dir",
        str(reports),
        "--build-dir",
        str(build),
    )
    assert result.returncode == 0, result.stderr
    return reports / "latest"


def test_html_report_has_the_chapter_a_figure_and_no_code(built):
    html = (built / "report.html").read_text()
    assert CHAPTER_TITLE.replace(",", "") in html.replace(",", "")
    assert re.search(r'<img[^>]+src="data:image/png;base64,', html)
    assert "Figure 2.1." in html and "Table 2.1." in html and "Figure 3.1." in html
    assert "load_ledger" not in html and "import " not in html  # inputs are hidden
    assert "injected-parameters" not in html


def test_results_json_is_written_beside_the_report(built):
    import json

    from interpol_review.ledger import load_ledger

    results = json.loads((built / "results.json").read_text())
    assert results["data_sha256"] == load_ledger().sha256
    assert {claim["claim_id"] for claim in results["claims"]} >= {"C01", "C06"}


def test_pdf_report_has_the_chapter_and_a_figure(built):
    text = run("pdftotext", str(built / "report.pdf"), "-").stdout
    assert CHAPTER_TITLE.split(":")[0] in text and "Figure 2.1." in text and "Contents" in text
    pages = run("pdfinfo", str(built / "report.pdf")).stdout
    assert int(re.search(r"Pages:\s+(\d+)", pages).group(1)) >= 2
    # Figures are embedded as vector PDF with matplotlib's DejaVu Sans; the LaTeX text uses other fonts.
    assert "DejaVuSans" in run("pdffonts", str(built / "report.pdf")).stdout


@pytest.fixture
def project_copy(tmp_path) -> Path:
    """A copy of the project that a test may break; it uses the real .venv through VENV=."""
    copy = tmp_path / "project"
    ignore = shutil.ignore_patterns(".venv", "build", "reports", "processed", ".git", "__pycache__", "*.egg-info")
    shutil.copytree(ROOT, copy, ignore=ignore)
    (copy / "reports" / "latest").mkdir(parents=True)
    for name in ("report.html", "report.pdf"):
        (copy / "reports" / "latest" / name).write_text("previous good report")
    return copy


def make_report(copy: Path) -> subprocess.CompletedProcess:
    """`make report` in the copy, with the real .venv taken as set up (never reinstalled from the copy)."""
    stamp = copy / "build" / ".setup-done"
    stamp.parent.mkdir(exist_ok=True)
    stamp.touch()
    return run("make", "reports/latest/report.pdf", f"VENV={sys.prefix}", f"SETUP_DONE={stamp}", cwd=copy)


def assert_previous_report_kept(copy: Path) -> None:
    for name in ("report.html", "report.pdf"):
        assert (copy / "reports" / "latest" / name).read_text() == "previous good report"
    assert not list((copy / "reports").rglob("*.partial"))


def test_make_report_stops_on_a_negative_count_naming_file_line_and_column(project_copy):
    raw = project_copy / "data" / "raw" / "figures.csv"
    line = edit_cell(raw, "F031", "value", "-353")
    raw_before = raw.read_bytes()
    result = make_report(project_copy)
    assert result.returncode != 0
    assert f"figures.csv, line {line}, column 'value'" in result.stderr
    assert "Traceback" not in result.stderr
    assert_previous_report_kept(project_copy)
    assert raw.read_bytes() == raw_before


def test_make_report_stops_on_a_changed_byte(project_copy):
    edit_cell(project_copy / "data" / "raw" / "figures.csv", "F031", "value", "358")
    result = make_report(project_copy)
    assert result.returncode != 0 and "figures.csv" in result.stderr and "checksum" in result.stderr
    assert_previous_report_kept(project_copy)


def test_a_failing_chapter_names_notebook_and_cell_and_keeps_the_report(project_copy):
    chapter = project_copy / "notebooks" / "02-data-audit.ipynb"
    text = chapter.read_text().replace("ledger = analysis.ledger", "ledger = analysis.ledger\\n1 / 0", 1)
    chapter.write_text(text)
    result = make_report(project_copy)
    assert result.returncode != 0
    assert "02-data-audit.ipynb, cell" in result.stderr and "ZeroDivisionError" in result.stderr
    assert (project_copy / "build" / "reports" / "latest" / "02-data-audit.ipynb").exists()
    assert_previous_report_kept(project_copy)


def test_a_misspelled_parameter_stops_the_build_before_execution(project_copy):
    params = project_copy / "params" / "latest.yaml"
    params.write_text(params.read_text().replace("start_year:", "start_yaer:"))
    result = make_report(project_copy)
    assert result.returncode != 0 and "unknown parameter 'start_yaer'" in result.stderr
    assert not (project_copy / "build" / "reports" / "latest").exists()
    assert_previous_report_kept(project_copy)
