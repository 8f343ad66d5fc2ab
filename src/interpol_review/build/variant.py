"""Build one report variant: check, run the chapters (or reuse their outputs), render, publish.

The steps, in order: read and check the params file; combine the chapters; run them (or reuse the outputs
of an identical earlier run); add the cover and contents; render HTML and PDF; take results.json and every
table's CSV from the chapters' outputs; write all of it into a staging folder and swap it in for
reports/<variant>/ in one step. The executed notebooks stay under build/reports/<variant>/.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from pathlib import Path

import nbformat

from interpol_review.build import execute, render
from interpol_review.build.combine import chapter_notebooks, combine
from interpol_review.build.due import KEY_FILE
from interpol_review.build.params import read_params_file
from interpol_review.build.staging import publish, staging_folder
from interpol_review.core import identity, provenance
from interpol_review.core.atomic import write_text
from interpol_review.core.paths import cache_dir, project_root
from interpol_review.report.results import RESULTS_MIME
from interpol_review.report.tables import CSV_MIME


def build_variant(
    params_file: Path,
    reports_dir: Path,
    build_dir: Path,
    pdf_engine: str = "latex",
    key: str = "",
    chapters: list[str] | None = None,
    progress: Callable[[str], None] = print,
    before_publishing: Callable[[], None] = lambda: None,
) -> Path:
    """Build reports/<variant>/ from params/<variant>.yaml; return the folder. ``before_publishing`` is
    called once everything is rendered, before reports/ is touched (a parallel build waits there for its
    checks of the ledger)."""
    started = time.perf_counter()
    variant, settings = read_params_file(params_file)
    say = lambda message: progress(f"{variant}: {message}")  # noqa: E731
    say("parameters checked")
    epoch = provenance.commit_epoch()
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)  # xelatex and matplotlib date the PDF by the commit
    os.environ["FORCE_SOURCE_DATE"] = "1"
    work = build_dir / variant
    work.mkdir(parents=True, exist_ok=True)
    notebooks = chapter_notebooks(project_root() / "notebooks", chapters)
    notebook = combine(notebooks)
    values = settings.as_dict()
    code_key = execute.code_key(notebook, {"package": execute_inputs()}, values)
    executed = execute.run(notebook, work, values, notebooks[0].parent, code_key, cache_dir(), say)
    results = taken(executed, RESULTS_MIME)
    report = with_front_matter(executed, settings, variant, epoch, json.loads(results[0]) if results else {})
    nbformat.write(report, work / "report.ipynb")
    html = render.render_html(report)
    say("HTML written")
    # The PDF's cross-references are kept from one build to the next: a rebuild typesets once, not twice.
    pdf = render.render_pdf(report, pdf_engine, work / "latex-references") if pdf_engine != "none" else None
    if pdf is not None:
        say(f"PDF written ({pdf_engine})")
    before_publishing()
    out = reports_dir / variant
    staging = staging_folder(reports_dir, variant)
    (staging / "report.html").write_text(html, encoding="utf-8")
    if pdf is not None:
        (staging / "report.pdf").write_bytes(pdf)
    if results:
        document = json.loads(results[0]) | {"commit": provenance.commit()}
        (staging / "results.json").write_text(json.dumps(document, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    write_tables(executed, staging / "tables")
    (staging / KEY_FILE).write_text(key)
    publish(staging, out)
    # The run time stays out of the report, whose bytes must not depend on how long the build took.
    write_text(
        work / "timing.json", json.dumps({"variant": variant, "seconds": round(time.perf_counter() - started, 1)})
    )
    say(f"done in {time.perf_counter() - started:.1f} s")
    return out


def execute_inputs() -> str:
    """What a chapter's outputs depend on besides its code and parameters: the package, the data, the
    installed packages; not the chapters' prose."""
    from interpol_review.build.due import EXECUTION_INPUTS, digest_of

    return digest_of(project_root(), EXECUTION_INPUTS)


def taken(executed: nbformat.NotebookNode, mime: str) -> list[str]:
    """Every output of one MIME type, in order."""
    return [
        output["data"][mime]
        for cell in executed.cells
        for output in cell.get("outputs", [])
        if mime in output.get("data", {})
    ]


def write_tables(executed: nbformat.NotebookNode, folder: Path) -> None:
    """tables/table-3-2.csv for every table the chapters displayed ("Table 3.2. ..." in its text)."""
    folder.mkdir(parents=True, exist_ok=True)
    for cell in executed.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if CSV_MIME in data:
                number = data["text/plain"].split(" ", 2)[1].rstrip(".")
                (folder / f"table-{number.replace('.', '-')}.csv").write_text(data[CSV_MIME], encoding="utf-8")


def with_front_matter(executed, settings, variant: str, epoch: int, results: dict) -> nbformat.NotebookNode:
    """The executed chapters with the metadata the templates put on the cover, in the contents and in the
    PDF's document information."""
    report = nbformat.v4.new_notebook(metadata=executed.metadata, cells=list(executed.cells))
    date = provenance.report_date(epoch)
    data_date = results.get("data_date", "unknown")
    commit = provenance.commit()
    report.metadata.update(
        title=settings.title,
        authors=[{"name": identity.AUTHOR}],
        interpol={
            "title": settings.title,
            "subtitle": settings.subtitle or variant,
            "kicker": identity.KICKER,
            "author": identity.AUTHOR,
            "variant": variant,
            "description": settings.description,
            "data_date": data_date,
            "report_date": date,
            "commit": commit,
            "build_command": f"{identity.BUILD_COMMAND} VARIANT={variant}",
            "licence": identity.LICENCE,
            "citation": identity.citation(settings.title, data_date, date, commit),
            "disclaimer": identity.DISCLAIMER,
            "subject": identity.SUBJECT,
            "keywords": identity.KEYWORDS,
            "contents": render.contents(report),
        },
    )
    return report
