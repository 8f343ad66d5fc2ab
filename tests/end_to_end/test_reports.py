"""End to end: the report builds from the ledger, and a broken input never replaces a good report."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import ROOT, edit_cell

pytestmark = pytest.mark.slow
CHAPTER_TITLE = "The data: what was published, and what was not"


def run(*command: str, cwd: Path = ROOT, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, env={**os.environ, **(env or {})})


def build_latest(reports: Path, build: Path, cwd: Path = ROOT) -> None:
    """Build the `latest` report of the project at ``cwd`` into the given folders."""
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
        cwd=cwd,
        env={"INTERPOL_REVIEW_ROOT": str(cwd)},
    )
    assert result.returncode == 0, result.stderr


def raw_bytes() -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in (ROOT / "data" / "raw").iterdir()}


@pytest.fixture(scope="module")
def output_dirs(tmp_path_factory) -> tuple[Path, Path]:
    reports, build = tmp_path_factory.mktemp("reports"), tmp_path_factory.mktemp("build")
    before = raw_bytes()
    build_latest(reports, build)
    assert raw_bytes() == before, "the build wrote to data/raw"
    return reports, build


@pytest.fixture(scope="module")
def built(output_dirs) -> Path:
    return output_dirs[0] / "latest"


@pytest.fixture(scope="module")
def executed_report(output_dirs) -> Path:
    return output_dirs[1] / "latest" / "report.ipynb"


def test_html_report_has_the_chapter_a_figure_and_no_code(built):
    html = (built / "report.html").read_text()
    assert CHAPTER_TITLE.replace(",", "") in html.replace(",", "")
    assert re.search(r'<img[^>]+src="data:image/png;base64,', html)
    assert "Figure 2.1." in html and "Table 2.1." in html and "Figure 3.1." in html
    assert "load_ledger" not in html and "import " not in html  # inputs are hidden
    assert "injected-parameters" not in html


def test_results_json_is_written_beside_the_report(built):
    import json

    from interpol_review.ledger.load import load_ledger

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
    assert (project_copy / "build" / "reports" / "latest" / "chapters-executed.ipynb").exists()
    assert_previous_report_kept(project_copy)


def test_a_misspelled_parameter_stops_the_build_before_execution(project_copy):
    params = project_copy / "params" / "latest.yaml"
    params.write_text(params.read_text().replace("start_year:", "start_yaer:"))
    result = make_report(project_copy)
    assert result.returncode != 0 and "unknown parameter 'start_yaer'" in result.stderr
    assert not (project_copy / "build" / "reports" / "latest").exists()
    assert_previous_report_kept(project_copy)


def test_html_is_self_contained_numbered_and_has_contents(built):
    html = (built / "report.html").read_text()
    assert not re.search(r'(src|href)="(https?:)?//', html), "an external resource would fail offline"
    assert "<script src=" not in html and 'import("http' not in html
    assert '<nav class="toc">' in html
    figures = re.findall(r'<figure class="report-figure">', html)
    tables = re.findall(r'<figure class="table">', html)
    assert len(figures) >= 5 and len(tables) >= 10
    for kind, count in (("Figure", len(figures)), ("Table", len(tables))):
        numbers = re.findall(rf"<strong>{kind} (\d+\.\d+)\.</strong>", html)
        assert len(numbers) == count and len(set(numbers)) == count, kind  # each numbered once, with a caption
    assert 'class="highlight' not in html  # no code: inputs are excluded, so nothing is highlighted


def test_pdf_has_contents_captions_and_key_numbers(built):
    text = run("pdftotext", "-layout", str(built / "report.pdf"), "-").stdout
    assert "INTERPOL" in text
    contents_page = run("pdftotext", "-f", "2", "-l", "2", str(built / "report.pdf"), "-").stdout
    body = run("pdftotext", "-f", "3", str(built / "report.pdf"), "-").stdout
    assert "Contents" in contents_page and "Contents" not in body  # LaTeX's own; the HTML contents stay out
    for caption in ("Figure 2.1.", "Figure 3.1.", "Table 5.1.", "Table 6.1."):
        assert caption in text, caption
    assert "23,716" in text and "1,270" in text
    assert "\ufffd" not in text, "a character the PDF's fonts do not cover"
    pages = int(re.search(r"Pages:\s+(\d+)", run("pdfinfo", str(built / "report.pdf")).stdout).group(1))
    assert 10 <= pages <= 60


def test_two_builds_are_byte_identical(built, tmp_path):
    build_latest(tmp_path / "reports", tmp_path / "build")
    for name in ("report.pdf", "report.html", "results.json"):
        assert (tmp_path / "reports" / "latest" / name).read_bytes() == (built / name).read_bytes(), name


CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(CHROMIUM is None, reason="needs Chromium (make test installs it on Debian)")
def test_webpdf_engine_renders_with_the_system_chromium(executed_report, monkeypatch):
    import nbformat

    from interpol_review.build.variant import render_pdf

    monkeypatch.setenv("CHROMIUM", CHROMIUM)
    pdf = render_pdf(nbformat.read(executed_report, as_version=4), "webpdf")
    path = executed_report.parent / "webpdf.pdf"
    path.write_bytes(pdf)
    text = run("pdftotext", str(path), "-").stdout
    assert pdf.startswith(b"%PDF") and "Summary of findings" in text and "Figure 3.1." in text


@pytest.mark.skipif(CHROMIUM is None, reason="needs Chromium (make test installs it on Debian)")
def test_html_report_loads_in_headless_chromium_without_errors_or_requests(built):
    from playwright.sync_api import sync_playwright

    from interpol_review.build.variant import CHROMIUM_ARGUMENTS

    failures, errors, requests = [], [], []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", *CHROMIUM_ARGUMENTS])
        page = browser.new_page()
        page.on("requestfailed", lambda request: failures.append(request.url))
        page.on("request", lambda request: requests.append(request.url))
        page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto((built / "report.html").as_uri(), wait_until="load")
        assert page.locator("figure.report-figure img").count() >= 5
        page.screenshot(path=str(built / "screenshot.png"), full_page=False)
        browser.close()
    assert failures == [] and errors == []
    assert all(url.startswith(("file:", "data:")) for url in requests), requests


def test_a_params_file_that_is_not_yaml_stops_the_build(project_copy):
    (project_copy / "params" / "latest.yaml").write_text("parameters:\n  start_year: [2017\n")
    result = make_report(project_copy)
    assert result.returncode != 0 and "latest.yaml" in result.stderr and "not valid YAML" in result.stderr
    assert "Traceback" not in result.stderr
    assert_previous_report_kept(project_copy)


def test_a_wrong_type_and_an_out_of_range_value_stop_the_build(project_copy):
    params = project_copy / "params" / "latest.yaml"
    original = params.read_text()
    params.write_text(original.replace("end_year: 2024", 'end_year: "2024"'))
    result = make_report(project_copy)
    assert result.returncode != 0 and "'end_year' must be of type int, got str" in result.stderr
    params.write_text(original + "  confidence: 1.5\n")
    result = make_report(project_copy)
    assert result.returncode != 0 and "confidence = 1.5" in result.stderr
    assert_previous_report_kept(project_copy)


def test_verbose_shows_the_traceback_of_a_user_error(raw_copy):
    edit_cell(raw_copy / "figures.csv", "F024", "value", "-1")
    quiet = run(
        sys.executable,
        "-m",
        "interpol_review",
        "data",
        "--raw-dir",
        str(raw_copy),
        "--out-dir",
        str(raw_copy.parent / "out"),
    )
    verbose = run(
        sys.executable,
        "-m",
        "interpol_review",
        "--verbose",
        "data",
        "--raw-dir",
        str(raw_copy),
        "--out-dir",
        str(raw_copy.parent / "out"),
    )
    assert quiet.returncode == verbose.returncode == 2
    assert "Traceback" not in quiet.stderr and "Traceback" in verbose.stderr
    assert "column 'value'" in quiet.stderr


def test_a_killed_build_keeps_the_previous_report_and_the_rerun_matches_an_uninterrupted_build(project_copy):
    stamp = project_copy / "build" / ".setup-done"
    stamp.parent.mkdir(exist_ok=True)
    stamp.touch()
    command = ["make", "reports/latest/report.pdf", f"VENV={sys.prefix}", f"SETUP_DONE={stamp}"]
    process = subprocess.Popen(
        command, cwd=project_copy, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    started = project_copy / "build" / "reports" / "latest" / "chapters.ipynb"
    deadline = time.monotonic() + 120
    while not started.exists() and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.5)
    time.sleep(8)  # inside chapter execution
    os.killpg(process.pid, signal.SIGINT)
    process.wait(timeout=60)
    assert process.returncode != 0
    assert_previous_report_kept(project_copy)

    for name in ("report.html", "report.pdf"):  # a rerun must rebuild, not trust the placeholder
        (project_copy / "reports" / "latest" / name).unlink()
    result = subprocess.run(command, cwd=project_copy, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    build_latest(project_copy / "uninterrupted", project_copy / "build" / "other", cwd=project_copy)
    for name in ("report.pdf", "report.html", "results.json"):
        assert (project_copy / "reports" / "latest" / name).read_bytes() == (
            project_copy / "uninterrupted" / "latest" / name
        ).read_bytes(), name
