"""Outputs reused from an earlier run of the same code land on the cells that made them."""

from __future__ import annotations

import nbformat

from interpol_review.build.execute import code_key, with_cached_outputs


def chapter(*sources: str) -> nbformat.NotebookNode:
    cells = [nbformat.v4.new_markdown_cell("# Title")]
    cells.append(nbformat.v4.new_code_cell("seed = 1", metadata={"tags": ["parameters"]}))
    cells += [nbformat.v4.new_code_cell(source) for source in sources]
    return nbformat.v4.new_notebook(cells=cells)


def executed_run(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """What papermill writes: an injected parameters cell after the parameters cell, outputs on each cell."""
    run = nbformat.reads(nbformat.writes(notebook), as_version=4)
    injected = nbformat.v4.new_code_cell("# Parameters\nseed = 2", metadata={"tags": ["injected-parameters"]})
    run.cells.insert(2, injected)
    for cell in run.cells:
        if cell.cell_type == "code":
            cell.outputs = [nbformat.v4.new_output("stream", text=f"output of {cell.source}")]
    return run


def test_each_reused_output_lands_on_the_cell_that_made_it():
    notebook = chapter("print('a')", "print('b')")
    earlier = executed_run(notebook)
    fresh = chapter("print('a')", "print('b')")
    fresh.cells[0].source = "# A newer title"  # prose may change without a rerun
    combined = with_cached_outputs(fresh, earlier)
    code = [cell for cell in combined.cells if cell.cell_type == "code"]
    assert [cell.source for cell in code] == ["seed = 1", "# Parameters\nseed = 2", "print('a')", "print('b')"]
    for cell in code:
        assert cell.outputs[0]["text"] == f"output of {cell.source}"
    assert combined.cells[0].source == "# A newer title"


def test_the_key_changes_with_code_inputs_and_values_but_not_with_prose():
    notebook = chapter("print('a')")
    key = code_key(notebook, {"data": "1"}, {"seed": 1})
    prose = chapter("print('a')")
    prose.cells[0].source = "# Other words"
    assert code_key(prose, {"data": "1"}, {"seed": 1}) == key
    assert code_key(chapter("print('b')"), {"data": "1"}, {"seed": 1}) != key
    assert code_key(notebook, {"data": "2"}, {"seed": 1}) != key
    assert code_key(notebook, {"data": "1"}, {"seed": 2}) != key
