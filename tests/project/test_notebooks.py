"""Chapters are stored for people: no outputs, a documented parameters cell that matches the analysis'
settings, and clean under ruff."""

import dataclasses
import json
import subprocess
import sys
from pathlib import Path

import papermill
import pytest

from interpol_review.analysis.run import Settings

ROOT = Path(__file__).resolve().parents[2]
CHAPTERS = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))


def test_there_are_six_chapters():
    assert [path.name[:2] for path in CHAPTERS] == ["01", "02", "03", "04", "05", "06"]


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda path: path.name)
def test_chapters_are_stored_without_outputs(chapter):
    notebook = json.loads(chapter.read_text())
    for cell in notebook["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None, chapter.name


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda path: path.name)
def test_first_code_cell_declares_every_setting_with_type_default_and_help(chapter):
    notebook = json.loads(chapter.read_text())
    first_code = next(cell for cell in notebook["cells"] if cell["cell_type"] == "code")
    assert "parameters" in first_code["metadata"].get("tags", [])
    declared = papermill.inspect_notebook(str(chapter))
    defaults = Settings()
    assert set(declared) == {field.name for field in dataclasses.fields(Settings)}
    for name, spec in declared.items():
        default = getattr(defaults, name)
        assert spec["inferred_type_name"] == type(default).__name__, name
        assert eval(spec["default"]) == default, name  # noqa: S307 - a literal from our own notebook
        assert spec["help"], name


def test_papermill_help_lists_every_parameter():
    result = subprocess.run(
        [sys.executable, "-m", "papermill", "--help-notebook", str(CHAPTERS[0])],
        capture_output=True,
        text=True,
        check=True,
    )
    for field in dataclasses.fields(Settings):
        assert f"  {field.name}: " in result.stdout, field.name
    assert "(default 0.95)" in result.stdout and "confidence level" in result.stdout


def test_notebooks_and_package_pass_ruff():
    ruff = Path(sys.executable).parent / "ruff"
    result = subprocess.run([str(ruff), "check", "notebooks", "src", "tests"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
