"""The chapters of a report as one notebook, run in one kernel: imports and the analysis are paid once.

Every chapter carries the same parameters cell (generated from the one declaration), so only the first is
kept and papermill injects the variant's values after it. Each cell remembers its chapter and its position
there, so a failure is reported where a researcher would look for it.
"""

from __future__ import annotations

from pathlib import Path

import nbformat

from interpol_review.core.errors import UserError


def chapter_notebooks(notebooks_dir: Path, only: list[str] | None = None) -> list[Path]:
    """The report's chapters in reading order (notebooks/NN-name.ipynb), or the ones named in ``only`` by
    their number ("03") or name."""
    chapters = sorted(notebooks_dir.glob("[0-9][0-9]-*.ipynb"))
    if not chapters:
        raise UserError(f"{notebooks_dir}: no chapter notebooks (NN-name.ipynb) found")
    if only:
        chosen = [path for path in chapters if any(path.name.startswith(key) or path.stem == key for key in only)]
        unknown = [key for key in only if not any(path.name.startswith(key) or path.stem == key for path in chapters)]
        if unknown:
            names = ", ".join(path.stem for path in chapters)
            raise UserError(f"no chapter {', '.join(unknown)}. Fix: name one of {names} (or its number, e.g. 03)")
        chapters = chosen
    return chapters


def combine(chapters: list[Path]) -> nbformat.NotebookNode:
    combined, has_parameters = None, False
    for path in chapters:
        chapter = nbformat.read(path, as_version=4)
        if combined is None:
            combined = nbformat.v4.new_notebook(metadata=chapter.metadata)
        for position, cell in enumerate(chapter.cells):
            if "parameters" in cell.metadata.get("tags", []):
                if has_parameters:
                    continue
                has_parameters = True
            cell.metadata["chapter"] = {"notebook": path.name, "cell": position}
            combined.cells.append(cell)
    return combined


def chapter_of(cell) -> str:
    return cell.metadata.get("chapter", {}).get("notebook", "")
