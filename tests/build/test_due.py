"""`make report` rebuilds by content: nothing when nothing changed (timestamps do not count), a report when
any of its inputs changed."""

from __future__ import annotations

import os
import shutil

import pytest
from helpers import ROOT

from interpol_review.build import due


@pytest.fixture
def tree(tmp_path):
    for folder in ("src", "notebooks", "data/raw", "params", "docs"):
        shutil.copytree(ROOT / folder, tmp_path / folder, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("requirements.txt", "pyproject.toml"):
        shutil.copy(ROOT / name, tmp_path / name)
    return tmp_path


def built(root, engine="latex"):
    """Pretend every report was built from the tree as it is now."""
    params = sorted((root / "params").glob("*.yaml"))
    shared = due.digest_of(root)
    keys = {}
    for path in params:
        folder = root / "reports" / path.stem
        folder.mkdir(parents=True, exist_ok=True)
        for name in ("report.html", "report.pdf", "results.json"):
            (folder / name).write_text("x")
        keys[path.stem] = due.report_key(shared, path, engine)
        (folder / due.KEY_FILE).write_text(keys[path.stem])
    (root / "reports" / "index.html").write_text("x")
    (root / "reports" / due.INDEX_KEY).write_text(due.index_key(keys))
    return params


def test_nothing_is_due_after_a_build_even_when_every_timestamp_changes(tree):
    params = built(tree)
    for path in tree.rglob("*"):
        os.utime(path, (1, 1))
    assert due.due(tree, params, tree / "reports", "latex") == ([], False)
    assert due.main(["--root", str(tree)]) == 0


@pytest.mark.parametrize(
    "edit",
    [
        lambda root: (root / "data/raw/figures.csv").write_text((root / "data/raw/figures.csv").read_text() + "\n"),
        lambda root: (root / "docs/methods.md").write_text("changed"),
        lambda root: (root / "src/interpol_review/report/words.py").write_text("# changed\n"),
        lambda root: (root / "notebooks/03-task-force.ipynb").write_bytes(b"{}"),
    ],
)
def test_a_changed_input_makes_every_report_due(tree, edit):
    params = built(tree)
    edit(tree)
    stale, index_stale = due.due(tree, params, tree / "reports", "latex")
    assert stale == params and index_stale


def test_a_prose_edit_makes_the_reports_due_but_keeps_the_chapters_execution_key(tree):
    import nbformat

    params = built(tree)
    execution = due.digest_of(tree, due.EXECUTION_INPUTS)
    chapter = tree / "notebooks/03-task-force.ipynb"
    notebook = nbformat.read(chapter, as_version=4)
    next(cell for cell in notebook.cells if cell.cell_type == "markdown").source += "\n\nA new sentence."
    nbformat.write(notebook, chapter)
    assert due.due(tree, params, tree / "reports", "latex")[0] == params  # rendered again
    assert due.digest_of(tree, due.EXECUTION_INPUTS) == execution  # but no chapter executed again


def test_a_changed_params_file_makes_only_its_report_due(tree):
    params = built(tree)
    latest = tree / "params/latest.yaml"
    latest.write_text(latest.read_text() + "seed: 7\n")
    stale, _ = due.due(tree, params, tree / "reports", "latex")
    assert stale == [latest]


def test_another_pdf_engine_or_a_missing_pdf_is_due(tree):
    params = built(tree)
    assert due.due(tree, params, tree / "reports", "webpdf")[0] == params
    (tree / "reports/latest/report.pdf").unlink()
    assert due.due(tree, params, tree / "reports", "latex")[0] == [tree / "params/latest.yaml"]


def test_a_params_file_with_an_unsafe_name_hands_over_to_the_build(tree):
    built(tree)
    (tree / "params" / "$(id).yaml").write_text("")
    assert due.main(["--root", str(tree)]) == 1


def test_the_data_step_is_due_by_content_not_by_timestamp(tree):
    assert due.main(["--root", str(tree), "--data"]) == 1  # never validated
    (tree / due.DATA_KEY).parent.mkdir(parents=True, exist_ok=True)
    (tree / due.DATA_KEY).write_text(due.digest_of(tree, due.DATA_INPUTS))
    for path in (tree / "data" / "raw").iterdir():
        os.utime(path, (1, 1))
    assert due.main(["--root", str(tree), "--data"]) == 0
    figures = tree / "data" / "raw" / "figures.csv"
    figures.write_text(figures.read_text() + "\n")
    assert due.main(["--root", str(tree), "--data"]) == 1
