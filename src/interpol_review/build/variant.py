"""Build one report variant: check parameters, run the chapters with papermill, render HTML and PDF.

The executed notebooks stay under build/<variant>/ for debugging; only finished files reach
reports/<variant>/, each by an atomic rename, so a failed or interrupted build leaves the previous good
report in place.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import nbformat
import papermill
from nbconvert import HTMLExporter, PDFExporter, WebPDFExporter
from traitlets.config import Config

from interpol_review.build import params

from interpol_review.core import provenance
from interpol_review.analysis.run import Settings, cached_analysis
from interpol_review.core.atomic import write_bytes, write_text
from interpol_review.core.errors import UserError
from interpol_review.ledger.load import load_ledger
from interpol_review.core.paths import cache_dir, project_root
from interpol_review.report.results import results_json

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
    started = time.perf_counter()
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
    executed = run_chapters(chapters, work, settings["parameters"])

    report = front_matter(executed, settings, variant, epoch)
    nbformat.write(report, work / "report.ipynb")
    html = render_html(report)
    pdf = render_pdf(report, pdf_engine)
    results = results_json(cached_analysis(load_ledger(), Settings.from_values(settings["parameters"]), cache_dir()))
    out = reports_dir / variant
    write_text(out / "results.json", results)
    write_text(out / "report.html", html)
    write_bytes(out / "report.pdf", pdf)
    shutil.copyfile(params_file, work / "params.yaml")
    # The run time stays out of the report, whose bytes must not depend on how long the build took.
    write_text(
        work / "timing.json", json.dumps({"variant": variant, "seconds": round(time.perf_counter() - started, 1)})
    )
    return out


def combine(chapters: list[Path]) -> nbformat.NotebookNode:
    """All chapters as one notebook, run in one kernel: imports and the analysis are paid once per report.

    Every chapter declares the same parameters (a test checks it), so only the first parameters cell is
    kept and papermill injects the variant's values after it. Each cell remembers its chapter and its
    position there, so that a failure is reported where a researcher would look for it.
    """
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


def run_chapters(chapters: list[Path], work: Path, values: dict[str, Any]) -> nbformat.NotebookNode:
    """Execute the combined chapters with the variant's parameters; raise ChapterFailed naming the chapter
    notebook and its cell, and keep the executed notebook (with papermill's error banner) in ``work``."""
    source, output = work / "chapters.ipynb", work / "chapters-executed.ipynb"
    nbformat.write(combine(chapters), source)
    try:
        papermill.execute_notebook(
            str(source),
            str(output),
            parameters=values,
            kernel_name="python3",
            cwd=str(chapters[0].parent),
            progress_bar=False,
            execution_timeout=CELL_TIMEOUT_SECONDS,
        )
    except papermill.PapermillExecutionError as error:
        raise ChapterFailed(
            f"{failed_cell(output)}: {error.ename}: {error.evalue} (executed notebook kept at {output})"
        ) from error
    return nbformat.read(output, as_version=4)


def failed_cell(executed: Path) -> str:
    """'03-over-time.ipynb, cell 7' for the cell papermill marked as failed."""
    notebook = nbformat.read(executed, as_version=4)
    for cell in notebook.cells:
        if cell.metadata.get("papermill", {}).get("exception"):
            place = cell.metadata.get("chapter", {})
            return f"{place.get('notebook', 'unknown chapter')}, cell {place.get('cell', '?')}"
    return "unknown cell"


def front_matter(executed: nbformat.NotebookNode, settings: dict[str, Any], variant: str, epoch: int):
    """The executed chapters with the front matter and contents the templates and readers need."""
    report = nbformat.v4.new_notebook(metadata=executed.metadata)
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
    cells = list(executed.cells)
    contents = nbformat.v4.new_markdown_cell(table_of_contents(cells), metadata={"tags": ["html-only"]})
    # Fixed ids: nbformat draws random ones, and the HTML carries them, so two builds would differ.
    front.id, contents.id = "front-matter", "contents"
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


PDF_ENGINES = ("latex", "webpdf")
# Chromium as root in a container: no sandbox, and none of the background traffic a closed network refuses.
CHROMIUM_ARGUMENTS = [
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@contextmanager
def chromium_from_environment():
    """Make playwright launch the browser in $CHROMIUM (e.g. Debian's /usr/bin/chromium) when it is set.

    nbconvert's webpdf exporter has no setting for the browser's path and playwright's own browser cannot
    be downloaded everywhere; wrapping the launch here, for the duration of one export, changes no
    installed file. Without $CHROMIUM, playwright's own browser is used.
    """
    path = os.environ.get("CHROMIUM")
    if not path:
        yield
        return
    if not Path(path).exists():
        raise UserError(f"CHROMIUM={path}: no such file. Fix: install Chromium or point CHROMIUM at its binary")
    from playwright.async_api import BrowserType

    original = BrowserType.launch

    async def launch(self, *arguments, **options):
        options.setdefault("executable_path", path)
        return await original(self, *arguments, **options)

    BrowserType.launch = launch
    try:
        yield
    finally:
        BrowserType.launch = original


def render_pdf(report: nbformat.NotebookNode, engine: str) -> bytes:
    if engine not in PDF_ENGINES:
        raise UserError(f"PDF_ENGINE={engine!r} is unknown. Fix: use one of {', '.join(PDF_ENGINES)}")
    if engine == "webpdf":
        config = exporter_config()  # the browser prints the HTML report: its front matter and contents too
        config.WebPDFExporter.disable_sandbox = True
        config.WebPDFExporter.browser_args = list(CHROMIUM_ARGUMENTS)
        exporter = WebPDFExporter(
            config=config,
            template_name="lab",
            extra_template_basedirs=[str(TEMPLATES)],
            template_file="interpol-report.html.j2",
        )
        with chromium_from_environment():
            body, _ = exporter.from_notebook_node(report)
        return body
    exporter = PDFExporter(
        config=exporter_config({"front-matter", "html-only"}),
        extra_template_basedirs=[str(TEMPLATES)],
        template_name="latex",
        template_file="interpol-report.tex.j2",
    )
    body, _ = exporter.from_notebook_node(report)
    return body
