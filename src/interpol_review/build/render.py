"""Render an executed report to HTML and PDF through nbconvert, with the project's templates.

The HTML report has one h1 (the title, on the cover), chapters as h2 (a preprocessor moves every heading
down one level), landmarks (header, nav, main, footer), contents that list every heading of the markdown
cells and of the markdown the chapters print, and no script from anywhere. The PDF goes through
nbconvert's LaTeX route (xelatex) with a title page, contents, bookmarks and document metadata, or through
Chromium (webpdf) on machines without TeX.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter, PDFExporter, WebPDFExporter
from nbconvert.exporters.pdf import LatexFailed
from nbconvert.filters.pandoc import convert_pandoc
from nbconvert.filters.strings import add_anchor
from nbconvert.preprocessors import Preprocessor
from nbconvert.utils.pandoc import get_pandoc_version
from traitlets.config import Config

from interpol_review.analysis.cache import cached
from interpol_review.build.browser import CHROMIUM_ARGUMENTS, chromium_from_environment
from interpol_review.core.atomic import write_bytes
from interpol_review.core.errors import UserError

TEMPLATES = Path(__file__).parent / "templates"
REMOVED_CELL_TAGS = {"parameters", "injected-parameters", "remove-cell"}
PDF_ENGINES = ("latex", "webpdf")
HEADING = re.compile(r"^(#{1,5}) (.+)$", flags=re.M)


class DemoteHeadings(Preprocessor):
    """Every markdown heading one level down: the report's title is the page's only h1."""

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type == "markdown":
            cell.source = HEADING.sub(r"#\1 \2", cell.source)
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if "text/markdown" in data:
                data["text/markdown"] = HEADING.sub(r"#\1 \2", data["text/markdown"])
        return cell, resources


class DropWarnings(Preprocessor):
    """Text a chapter wrote to stderr (a library's warning) is for the build log, not for readers."""

    def preprocess_cell(self, cell, resources, index):
        if "outputs" in cell:
            cell.outputs = [
                o for o in cell.outputs if not (o.get("output_type") == "stream" and o.get("name") == "stderr")
            ]
        return cell, resources


class SettlingPDFExporter(PDFExporter):
    """nbconvert's PDF route, running xelatex until the cross-references settle rather than a fixed three
    times: a run that leaves the .aux, .toc and .out files as it found them typesets from references that
    are already right, so the next would change nothing. From nothing, two runs suffice for this report (the
    PDF is byte-identical to three runs'), and a report whose contents grow a page gets the third it needs.

    With ``references_dir``, the references of the previous build start the first run and the settled ones
    are kept for the next (what latexmk does with its auxiliary files): a rebuild whose pages did not move
    settles in one run, and one whose pages moved in two or three. The PDF is the same either way, since it
    is typeset from the references that typesetting it reproduces.
    Written here because nbconvert has no such setting, and latexmk would be one more system program for
    every machine and conda environment."""

    REFERENCES = (".aux", ".toc", ".out")

    def __init__(self, *args, references_dir: Path | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        # Absolute: xelatex runs in a temporary folder that nbconvert changes into.
        self.references_dir = Path(references_dir).absolute() if references_dir is not None else None

    def run_latex(self, filename, raise_on_failure=LatexFailed):
        def log_error(command, out):
            self.log.critical("%s failed: %s\n%s", command[0], command, out)

        references = [Path(filename).with_suffix(suffix) for suffix in self.REFERENCES]
        before = self.previous_references(references)
        runs = self.latex_count + (before is not None)  # a stale start costs at most one run more
        for _ in range(runs):
            if not self.run_command(self.latex_command, filename, 1, log_error, raise_on_failure):
                return False
            after = [path.read_bytes() for path in references if path.exists()]
            if after == before:
                break
            before = after
        self.keep_references(references)
        return True

    def previous_references(self, references: list[Path]) -> list[bytes] | None:
        """The kept references, copied next to the .tex file; None when there are none."""
        if self.references_dir is None:
            return None
        kept = {}
        for path in references:
            source = self.references_dir / f"report{path.suffix}"
            if source.exists():
                kept[path] = source.read_bytes()
        for path, data in kept.items():
            path.write_bytes(data)
        return list(kept.values()) or None

    def keep_references(self, references: list[Path]) -> None:
        if self.references_dir is None:
            return
        self.references_dir.mkdir(parents=True, exist_ok=True)
        for path in references:
            kept = self.references_dir / f"report{path.suffix}"
            if path.exists():
                write_bytes(kept, path.read_bytes())
            else:
                kept.unlink(missing_ok=True)


def kept_pandoc(source, from_format, to_format, extra_args=None) -> str:
    """nbconvert's convert_pandoc, kept in build/cache by what it converts and pandoc's version. The LaTeX
    route calls pandoc twice for every markdown cell and output, some 90 processes a report, at 14 ms each
    (most of it waiting for the process to start); a rebuild finds nearly all of them kept."""
    parts = (get_pandoc_version(), source, from_format, to_format, list(extra_args or []))
    return cached("pandoc", parts, lambda: convert_pandoc(source, from_format, to_format, extra_args))


def markdown_texts(notebook: nbformat.NotebookNode) -> list[str]:
    """The markdown of the report in reading order: cells, and what the chapters print as markdown."""
    texts = []
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            texts.append(cell.source)
        for output in cell.get("outputs", []):
            markdown = output.get("data", {}).get("text/markdown")
            if markdown:
                texts.append(markdown)
    return texts


def heading_id(text: str) -> str:
    """The id nbconvert gives a heading (its own add_anchor), so that the contents link to it."""
    rendered = add_anchor(f"<h2>{html.escape(text)}</h2>")
    found = re.search(r'id="([^"]*)"', rendered)
    return html.unescape(found.group(1)) if found else ""


def contents(notebook: nbformat.NotebookNode) -> list[dict]:
    """Chapters and sections, as (level 1 or 2, text, anchor)."""
    found = []
    for text in markdown_texts(notebook):
        for match in HEADING.finditer(text):
            level = len(match.group(1))
            if level <= 2:
                title = re.sub(r"[`*]", "", match.group(2)).strip()
                found.append({"level": level, "text": title, "anchor": heading_id(title)})
    return found


def exporter_config(removed: set[str] = frozenset()) -> Config:
    config = Config()
    config.TemplateExporter.exclude_input = True
    config.TemplateExporter.exclude_input_prompt = True
    config.TemplateExporter.exclude_output_prompt = True
    config.TagRemovePreprocessor.enabled = True
    config.TagRemovePreprocessor.remove_cell_tags = REMOVED_CELL_TAGS | set(removed)
    config.TagRemovePreprocessor.remove_input_tags = {"remove-input"}
    return config


def html_exporter(kind=HTMLExporter, config: Config | None = None):
    exporter = kind(
        config=config or exporter_config(),
        template_name="lab",
        extra_template_basedirs=[str(TEMPLATES)],
        template_file="interpol-report.html.j2",
    )
    exporter.register_preprocessor(DemoteHeadings(), enabled=True)
    exporter.register_preprocessor(DropWarnings(), enabled=True)
    return exporter


def render_html(report: nbformat.NotebookNode) -> str:
    body, _ = html_exporter().from_notebook_node(report)
    return body


def render_pdf(report: nbformat.NotebookNode, engine: str, references_dir: Path | None = None) -> bytes:
    """The PDF; with the latex engine, ``references_dir`` keeps the cross-references between builds
    (SettlingPDFExporter)."""
    if engine not in PDF_ENGINES:
        raise UserError(f"PDF_ENGINE={engine!r} is unknown. Fix: use one of {', '.join(PDF_ENGINES)}")
    if engine == "webpdf":
        config = exporter_config()
        config.WebPDFExporter.disable_sandbox = True
        config.WebPDFExporter.browser_args = list(CHROMIUM_ARGUMENTS)
        with chromium_from_environment():
            body, _ = html_exporter(WebPDFExporter, config).from_notebook_node(report)
        return body
    exporter = SettlingPDFExporter(
        config=exporter_config({"html-only"}),
        extra_template_basedirs=[str(TEMPLATES)],
        template_name="latex",
        template_file="interpol-report.tex.j2",
        references_dir=references_dir,
    )
    exporter.register_preprocessor(DropWarnings(), enabled=True)
    exporter.register_filter("convert_pandoc", kept_pandoc)
    try:
        body, _ = exporter.from_notebook_node(report)
    except LatexFailed as error:
        lines = [line for line in str(error.output).splitlines() if line.startswith("!") or line.startswith("l.")]
        raise UserError(
            "xelatex could not typeset the PDF: " + " ".join(lines[:4]) + ". Fix: this is a bug in the report's "
            "LaTeX; build with `--verbose` for the log, or PDF_ENGINE=webpdf meanwhile"
        ) from error
    return body
