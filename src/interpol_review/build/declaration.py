"""The parameter declaration, written out where papermill and readers look for it: the parameters cell of
every chapter and the table of parameters in README.md. `make parameters` rewrites both; a test fails
when either drifts from the declaration (analysis/settings.py)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat

from interpol_review.analysis.settings import declared, number
from interpol_review.core.paths import project_root

README_START, README_END = "<!-- parameters: start -->", "<!-- parameters: end -->"


def annotation(spec) -> str:
    """The type as papermill shows it: 'int', or "'int or latest'" for a year that may also be a word."""
    args = getattr(spec.type, "__args__", None) or (getattr(spec.type, "__name__", str(spec.type)),)
    if isinstance(spec.type, str):
        args = [part.strip() for part in spec.type.split("|")]
    names = [getattr(a, "__name__", str(a)) for a in args]
    if len(names) > 1:
        return '"' + " or ".join("latest" if n == "str" else n for n in names) + '"'
    return names[0]


def accepted(spec) -> str:
    """The accepted values in words: the choices, a pattern's description, or a numeric range."""
    metadata = spec.metadata
    if metadata["pattern"]:
        return metadata["pattern"][1]
    parts = [", ".join(metadata["choices"])] if metadata["choices"] else []
    if metadata["minimum"] is not None:
        parts.append(f"{number(metadata['minimum'])} to {number(metadata['maximum'])}")
    return " or ".join(parts)


def cell_source() -> str:
    """One line per parameter: ``name: type = default  # help (accepted values)``."""
    lines = []
    for spec in declared():
        default = json.dumps(spec.default)
        lines.append(
            f"{spec.name}: {annotation(spec)} = {default}  # {spec.metadata['help']}; {accepted(spec) or 'text'}"
        )
    return "\n".join(lines)


def readme_table() -> str:
    rows = ["| parameter | default | accepted | what it sets |", "| --- | --- | --- | --- |"]
    for spec in declared():
        default = f"`{spec.default}`" if spec.default != "" else "(empty)"
        rows.append(f"| `{spec.name}` | {default} | {accepted(spec) or 'text'} | {spec.metadata['help']} |")
    return "\n".join(rows)


def chapters(root: Path | None = None) -> list[Path]:
    return sorted(((root or project_root()) / "notebooks").glob("[0-9][0-9]-*.ipynb"))


def parameters_cell(notebook) -> nbformat.NotebookNode:
    return next(cell for cell in notebook.cells if "parameters" in cell.metadata.get("tags", []))


def drift(root: Path | None = None) -> list[str]:
    """The files whose parameters differ from the declaration."""
    root = root or project_root()
    wanted = cell_source()
    found = [
        path.name for path in chapters(root) if parameters_cell(nbformat.read(path, as_version=4)).source != wanted
    ]
    readme = (root / "README.md").read_text(encoding="utf-8")
    match = re.search(re.escape(README_START) + r"\n(.*?)\n" + re.escape(README_END), readme, flags=re.S)
    if match is None or match.group(1) != readme_table():
        found.append("README.md")
    return found


def write(root: Path | None = None) -> list[str]:
    """Rewrite every parameters cell and the README's table from the declaration; the files changed."""
    root = root or project_root()
    changed = drift(root)
    for path in chapters(root):
        notebook = nbformat.read(path, as_version=4)
        cell = parameters_cell(notebook)
        if cell.source != cell_source():
            cell.source = cell_source()
            nbformat.write(notebook, path)
    readme_path = root / "README.md"
    readme = readme_path.read_text(encoding="utf-8")
    block = f"{README_START}\n{readme_table()}\n{README_END}"
    if README_START in readme:
        readme = re.sub(re.escape(README_START) + r".*?" + re.escape(README_END), lambda _: block, readme, flags=re.S)
        readme_path.write_text(readme, encoding="utf-8")
    return changed
