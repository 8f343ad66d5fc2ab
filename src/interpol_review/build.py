"""Build one report variant: check parameters, run the chapters with papermill, render HTML and PDF.

The executed notebooks stay under build/<variant>/ for debugging; only finished files reach
reports/<variant>/, each by an atomic rename, so a failed or interrupted build leaves the previous good
report in place.
"""

from __future__ import annotations

import html
import os
import re
import shutil
from pathlib import Path
from typing import Any

import nbformat
import papermill
from nbconvert import HTMLExporter, PDFExporter
from traitlets.config import Config

from . import params, provenance
from .analysis import Settings, cached_analysis
from .atomic import write_bytes, write_text
from .errors import UserError
from .ledger import load_ledger
from .paths import project_root
from .results import results_json

AUTHORS = [{"name": "INTERPOL review project"}]
REMOVED_CELL_TAGS = {"parameters", "injected-parameters", "remove-cell"}
CELL_TIMEOUT_SECONDS = 600
TEMPLATES = Path(__file__).parent / "templates"


class ChapterFailed(UserError):
    """A chapter raised an exception while it ran."""


def chapter_notebooks(notebooks_dir: Path | None = None) -> list[Path]:
    """The report's chapters in reading order: notebooks/NN-name.ipynb."""
    notebooks_dir = notebooks_dir or project_root() / "notebooks"
    chapters = sorted(notebooks_dir.glob("[0-9][0-9]-*.ipynb"))
    if not chapters:
        raise UserError(f"{notebooks_dir}: no chapter notebooks (NN-name.ipynb) found")
    return chapters


def build_variant(params_file: Path, reports_dir: Path, build_dir: Path, pdf_engine: str = "latex") -> Path:
    """Build reports/<variant>/report.html and report.pdf from params/<variant>.yaml; return the folder."""
    variant = params_file.stem
    settings = params.read_variant(params_file)
    chapters = chapter_notebooks()
    declared = params.declared_parameters(chapters)
    params.validate(settings["parameters"], declared, str(params_file))

    epoch = provenance.commit_epoch()
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    os.environ["FORCE_SOURCE_DATE"] = "1"
    work = build_dir / variant
    work.mkdir(parents=True, exist_ok=True)
    executed = [run_chapter(chapter, work, settings["parameters"], declared, variant) for chapter in chapters]

    report = merge(executed, settings, variant, epoch)
    nbformat.write(report, work / "report.ipynb")
    html = render_html(report)
    pdf = render_pdf(report, pdf_engine)
    results = results_json(
        cached_analysis(load_ledger(), analysis_settings(settings["parameters"]), project_root() / "build" / "cache")
    )
    out = reports_dir / variant
    write_text(out / "results.json", results)
    write_text(out / "report.html", html)
    write_bytes(out / "report.pdf", pdf)
    shutil.copyfile(params_file, work / "params.yaml")
    return out


def analysis_settings(values: dict[str, Any]) -> Settings:
    """The analysis settings of a variant: its parameters over the defaults (the chapters' defaults)."""
    return Settings(**{name: value for name, value in values.items() if name in Settings.__dataclass_fields__})


def run_chapter(chapter: Path, work: Path, values: dict[str, Any], declared: dict, variant: str) -> Path:
    """Execute one chapter with the parameters it declares; raise ChapterFailed naming the cell."""
    output = work / chapter.name
    own = {name: value for name, value in values.items() if chapter.name in declared[name]["notebooks"]}
    if "variant" in declared and chapter.name in declared["variant"]["notebooks"]:
        own["variant"] = variant
    try:
        papermill.execute_notebook(
            str(chapter),
            str(output),
            parameters=own,
            kernel_name="python3",
            cwd=str(chapter.parent),
            progress_bar=False,
            execution_timeout=CELL_TIMEOUT_SECONDS,
        )
    except papermill.PapermillExecutionError as error:
        raise ChapterFailed(
            f"{chapter.name}, cell {error.exec_count}: {error.ename}: {error.evalue} "
            f"(executed notebook kept at {output})"
        ) from error
    return output


def merge(executed: list[Path], settings: dict[str, Any], variant: str, epoch: int) -> nbformat.NotebookNode:
    """One notebook of all chapters, with the front matter the templates read from its metadata."""
    chapters = [nbformat.read(path, as_version=4) for path in executed]
    report = nbformat.v4.new_notebook(metadata=chapters[0].metadata)
    title = settings.get("title", "INTERPOL's refused and cancelled alerts")
    subtitle = settings.get("subtitle", variant)
    date = provenance.report_date(epoch)
    report.metadata.update(
        title=title, subtitle=subtitle, variant_line=f"Report variant: {variant}", authors=AUTHORS, date=date
    )
    front = nbformat.v4.new_markdown_cell(
        f'<div class="front-matter">\n\n# {title}\n\n**{subtitle}** (variant `{variant}`)  \n'
        f"{AUTHORS[0]['name']} | {date}\n\n</div>",
        metadata={"tags": ["front-matter"]},
    )
    cells = [cell for chapter in chapters for cell in chapter.cells]
    contents = nbformat.v4.new_markdown_cell(table_of_contents(cells), metadata={"tags": ["html-only"]})
    report.cells = [front, contents, *cells]
    return report


def headings(cells: list) -> list[tuple[int, str]]:
    """(level, text) of every level-1 and level-2 heading in the markdown cells, in order."""
    found = []
    for cell in cells:
        if cell.cell_type != "markdown":
            continue
        for line in cell.source.splitlines():
            match = re.match(r"^(#{1,2}) (.+)$", line)
            if match:
                found.append((len(match.group(1)), match.group(2).replace("`", "").strip()))
    return found


def table_of_contents(cells: list) -> str:
    """The HTML report's contents: links to the anchors nbconvert gives headings (spaces become hyphens).
    The PDF has LaTeX's own table of contents."""
    items, open_sublist = [], False
    for level, text in headings(cells):
        link = f'<a href="#{html.escape(text.replace(" ", "-"), quote=True)}">{html.escape(text)}</a>'
        if level == 1:
            if open_sublist:
                items.append("</ul></li>")
                open_sublist = False
            items.append(f"<li>{link}")
        else:
            if not open_sublist:
                items.append("<ul>")
                open_sublist = True
            items.append(f"<li>{link}</li>")
    if open_sublist:
        items.append("</ul></li>")
    return '<nav class="toc"><strong>Contents</strong><ul>' + "".join(items) + "</ul></nav>"


def exporter_config(extra_removed: set[str] = frozenset()) -> Config:
    config = Config()
    config.TemplateExporter.exclude_input = True
    config.TemplateExporter.exclude_input_prompt = True
    config.TemplateExporter.exclude_output_prompt = True
    config.TagRemovePreprocessor.enabled = True
    config.TagRemovePreprocessor.remove_cell_tags = REMOVED_CELL_TAGS | set(extra_removed)
    config.TagRemovePreprocessor.remove_input_tags = {"remove-input"}
    return config


def render_html(report: nbformat.NotebookNode) -> str:
    exporter = HTMLExporter(
        config=exporter_config(),
        template_name="lab",
        extra_template_basedirs=[str(TEMPLATES)],
        template_file="interpol-report.html.j2",
    )
    body, _ = exporter.from_notebook_node(report)
    return body


def render_pdf(report: nbformat.NotebookNode, engine: str) -> bytes:
    if engine != "latex":
        raise UserError(f"PDF_ENGINE={engine!r} is not available yet; use latex")
    exporter = PDFExporter(
        config=exporter_config({"front-matter"}),
        extra_template_basedirs=[str(TEMPLATES)],
        template_name="latex",
        template_file="interpol-report.tex.j2",
    )
    body, _ = exporter.from_notebook_node(report)
    return body
