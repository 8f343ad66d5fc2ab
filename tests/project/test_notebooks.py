"""Chapters are stored for people: no outputs, a documented parameters cell that matches the declaration,
and the same parameter checks and numbers whether papermill, Jupyter or the build runs them."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys

import nbformat
import papermill
import pytest
import yaml
from helpers import ROOT

from interpol_review.analysis.run import cached_analysis
from interpol_review.analysis.settings import Settings, settings_from
from interpol_review.report.results import RESULTS_MIME, results_json

CHAPTERS = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
PAPERMILL = [sys.executable, "-m", "papermill", "--kernel", "python3", "--cwd", str(ROOT / "notebooks")]


def test_there_are_eight_chapters():
    assert [path.name[:2] for path in CHAPTERS] == ["01", "02", "03", "04", "05", "06", "07", "08"]


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda path: path.name)
def test_chapters_are_stored_without_outputs_and_with_stable_cell_ids(chapter):
    notebook = nbformat.read(chapter, as_version=4)
    nbformat.validate(notebook)
    for cell in notebook.cells:
        assert cell.get("id"), chapter.name
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, chapter.name


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda path: path.name)
def test_the_parameters_cell_declares_every_setting_with_its_default_and_help(chapter):
    notebook = json.loads(chapter.read_text())
    first_code = next(cell for cell in notebook["cells"] if cell["cell_type"] == "code")
    assert "parameters" in first_code["metadata"].get("tags", [])
    declared = papermill.inspect_notebook(str(chapter))
    assert list(declared) == [spec.name for spec in dataclasses.fields(Settings)]
    for spec in dataclasses.fields(Settings):
        assert json.loads(declared[spec.name]["default"]) == spec.default, spec.name
        assert declared[spec.name]["help"].startswith(spec.metadata["help"]), spec.name


def test_papermill_help_lists_every_parameter():
    result = subprocess.run(
        [sys.executable, "-m", "papermill", "--help-notebook", str(CHAPTERS[0])],
        capture_output=True,
        text=True,
        check=True,
    )
    for spec in dataclasses.fields(Settings):
        assert f"  {spec.name}: " in result.stdout, spec.name


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["-p", "confidnce", "0.9"], "unknown parameter 'confidnce': did you mean 'confidence'?"),
        (["-p", "seed", "-1"], "parameter 'seed' = -1: it must lie between 0 and 4,294,967,295"),
        (["-r", "confidence", "high"], "parameter 'confidence' must be a number, got str 'high'"),
    ],
)
def test_papermill_runs_give_the_builds_parameter_messages(tmp_path, arguments, message):
    """The same mistake, the same words, whichever way the chapter runs."""
    expected = None
    try:
        settings_from({arguments[1]: yaml.safe_load(arguments[2]) if arguments[0] == "-p" else arguments[2]}, "x")
    except Exception as error:  # the build's own message for the same value
        expected = str(error).removeprefix("x: ")
    assert expected.startswith(message)
    result = subprocess.run(
        [*PAPERMILL, str(ROOT / "notebooks/07-methods.ipynb"), str(tmp_path / "out.ipynb"), *arguments],
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert message in result.stderr + result.stdout


@pytest.mark.slow  # a build or a kernel of its own: `make test-slow`
def test_papermill_with_a_params_file_computes_the_numbers_the_build_does(tmp_path, ledger):
    params = ROOT / "params" / "sensitivity.yaml"
    output = tmp_path / "summary.ipynb"
    subprocess.run(
        [*PAPERMILL, str(ROOT / "notebooks/01-summary.ipynb"), str(output), "-f", str(params)],
        capture_output=True,
        text=True,
        check=True,
    )
    executed = nbformat.read(output, as_version=4)
    found = [
        o["data"][RESULTS_MIME]
        for c in executed.cells
        for o in c.get("outputs", [])
        if RESULTS_MIME in o.get("data", {})
    ]
    settings = settings_from(yaml.safe_load(params.read_text()), str(params))
    assert found == [results_json(cached_analysis(ledger, settings))]


def test_notebooks_and_package_pass_ruff():
    ruff = ROOT / ".venv" / "bin" / "ruff"
    ruff = ruff if ruff.exists() else "ruff"
    result = subprocess.run([str(ruff), "check", "notebooks", "src", "tests"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
