"""Build timings side by side, measured in one run in a scratch copy of the project, printed as ratios.

    make bench                                   # every variant of params/
    .venv/bin/python benchmarks/build.py --skip-naive

Measured, in this order, with the project's .venv and a cache of its own (so "cold" is cold):
- cold: every report from nothing, the analyses computed (`build --all`, the machine's cores);
- no-op: `make report` with every report up to date, and again after touching every file (what a
  `git checkout` of unchanged files does: new timestamps, the same content);
- a prose edit: one markdown cell of one chapter changed, then `make report`: the chapters' outputs are
  reused (their code did not change) and only the rendering is redone;
- full rebuild, parallel (the default: every variant at once) and serial (`--jobs 1`): the chapters
  executed again, as after an edit to a chapter's code, with the analyses and figures unchanged (kept by
  content); and once with every figure drawn again, as after an edit to plots.py;
- one variant: the same for `latest` alone;
- naive: for each variant and chapter, `jupyter nbconvert --execute`, then `--to html` and `--to pdf`;
- the floor: what no build of N variants on C cores can avoid: importing the build once (papermill,
  nbconvert and what checks the ledger, counted as if paid before any variant starts, although the build
  checks the ledger while its variants start), and for each variant a kernel starting and importing the
  report's libraries, the analysis read from its cache, and the HTML and PDF rendered with one xelatex run
  (the contents' page numbers known from the previous build), that work shared perfectly between the
  cores: floor = imports + max(1, N / C) x (kernel + analysis + render). (Whole rounds of C variants,
  ceil(N / C), would be a higher floor than a build that runs every variant at once reaches.)

The rows the ratios divide (the full rebuild, one variant and each part of the floor) are the median of
three runs (`--repeats`), measured in turn: one run of the same build varies by about 10% on a shared
2-core machine, and a slow minute then slows both sides of a ratio.
Timings are information, never a pass/fail (the guide: ratios in one run, not timed tests).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
PARTS = ("src", "notebooks", "data", "params", "docs", "scripts", "Makefile", "pyproject.toml", "requirements.txt")


def timed(command: list[str], cwd: Path, env: dict) -> float:
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"benchmark step failed: {' '.join(command)}\n{result.stderr[-2000:]}")
    return time.perf_counter() - start


def scratch_copy(variants: list[str]) -> Path:
    copy = Path(tempfile.mkdtemp(prefix="interpol-bench-")) / "project"
    for part in PARTS:
        source = ROOT / part
        ignore = shutil.ignore_patterns("__pycache__", "*.egg-info", "processed")
        shutil.copytree(source, copy / part, ignore=ignore) if source.is_dir() else shutil.copy2(source, copy / part)
    for params in (copy / "params").glob("*.yaml"):
        if params.stem not in variants:
            params.unlink()
    return copy


def forget_chapters(copy: Path, figures: bool = False) -> None:
    """As after an edit to a chapter's code: no executed chapter is reused; the analyses and the figures
    stay cached. With ``figures``, as after an edit to plots.py: every figure is drawn again."""
    for pattern in ("executed-*", "figure-*") if figures else ("executed-*",):
        for path in (copy / "build" / "cache").glob(pattern):
            path.unlink()


def full_rebuild(copy: Path, env: dict, *options: str) -> float:
    """A build with every chapter executed again (forget_chapters), the analyses and figures cached."""
    forget_chapters(copy)
    return timed([PYTHON, "-m", "interpol_review", "build", "--force", *options], copy, env)


def edit_prose(chapter: Path) -> None:
    """Change the words of the chapter's first markdown cell, not its code."""
    import nbformat

    notebook = nbformat.read(chapter, as_version=4)
    cell = next(cell for cell in notebook.cells if cell.cell_type == "markdown")
    cell.source += "\n\nA sentence added by the benchmark."
    nbformat.write(notebook, chapter)


def in_python(code: str, env: dict) -> float:
    """Seconds a fresh interpreter reports for the timed part of ``code`` (it prints them)."""
    result = subprocess.run([PYTHON, "-c", code], env=env, capture_output=True, text=True, check=True)
    return float(result.stdout.strip().splitlines()[-1])


# What a report's kernel imports: the modules its chapters import, and what chapter.start loads with.
CHAPTER_IMPORTS = (
    "from interpol_review.report import chapter, summary, data_chapter, task_force, complaints, limits, "
    "claims_chapter, methods, references; import interpol_review.analysis.run, interpol_review.ledger.load"
)
KERNEL = f"""
import time
from jupyter_client.manager import start_new_kernel
start = time.perf_counter()
manager, client = start_new_kernel(kernel_name="python3")
client.execute_interactive({CHAPTER_IMPORTS!r})
print(time.perf_counter() - start)
client.stop_channels(); manager.shutdown_kernel(now=True)
"""
ANALYSIS = """
import time, yaml
from interpol_review.analysis.run import cached_analysis
from interpol_review.analysis.settings import settings_from
from interpol_review.ledger.load import load_ledger
values = yaml.safe_load(open("params/latest.yaml"))
start = time.perf_counter()
cached_analysis(load_ledger(), settings_from(values, "latest"))
print(time.perf_counter() - start)
"""
RENDER = """
import time, nbformat
from pathlib import Path
from interpol_review.build import render
report = nbformat.read("build/reports/latest/report.ipynb", as_version=4)
start = time.perf_counter()
render.render_html(report); render.render_pdf(report, "latex", Path("build/reports/latest/latex-references"))
print(time.perf_counter() - start)
"""
IMPORTS = """
import time
start = time.perf_counter()
import interpol_review.build.reports, interpol_review.build.variant  # papermill, nbconvert
import interpol_review.checks.feasibility, interpol_review.ledger.load, interpol_review.analysis.window  # checks
print(time.perf_counter() - start)
"""


def floor_parts(copy: Path, env: dict) -> dict[str, float]:
    """One measurement of each part of the floor."""
    work = {**env, "PWD": str(copy)}
    here = f"import os; os.chdir({str(copy)!r})\n"
    codes = {
        "build imports": IMPORTS,
        "kernel start and imports": KERNEL,
        "analysis from its cache": here + ANALYSIS,
        "render HTML and PDF": here + RENDER,
    }
    return {name: in_python(code, work) for name, code in codes.items()}


def with_floor(parts: dict[str, float], variants: int, cores: int) -> dict[str, float]:
    shares = max(1.0, variants / cores)
    per_variant = parts["kernel start and imports"] + parts["analysis from its cache"] + parts["render HTML and PDF"]
    return {**parts, "floor": parts["build imports"] + shares * per_variant}


def interleaved(copy: Path, env: dict, repeats: int) -> dict[str, float]:
    """The full rebuild, one variant and the floor's parts, measured in turn ``repeats`` times; the median
    of each. In turn, so that a slower minute of a shared machine slows numerator and denominator alike."""
    runs: dict[str, list[float]] = {}
    for _ in range(repeats):
        measured = {
            "full rebuild, parallel": full_rebuild(copy, env, "--all"),
            "one variant (latest)": full_rebuild(copy, env, "--variant", "latest"),
            **floor_parts(copy, env),
        }
        for name, seconds in measured.items():
            runs.setdefault(name, []).append(seconds)
    return {name: statistics.median(values) for name, values in runs.items()}


def naive(copy: Path, env: dict, variants: list[str]) -> float:
    """What one would do by hand: each chapter executed and converted on its own, once per variant."""
    jupyter = str(Path(PYTHON).parent / "jupyter")
    start = time.perf_counter()
    for variant in variants:
        out = copy / "build" / "naive" / variant
        out.mkdir(parents=True, exist_ok=True)
        for chapter in sorted((copy / "notebooks").glob("[0-9][0-9]-*.ipynb")):
            executed = out / chapter.name
            execute = [jupyter, "nbconvert", "--execute", "--to", "notebook", "--output", str(executed), str(chapter)]
            timed(execute, copy / "notebooks", env)
            for target in ("html", "pdf"):
                timed([jupyter, "nbconvert", "--to", target, "--no-input", str(executed)], out, env)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--variants", nargs="+", default=sorted(p.stem for p in (ROOT / "params").glob("*.yaml")))
    parser.add_argument("--skip-naive", action="store_true", help="leave out the slow naive nbconvert chain")
    parser.add_argument("--repeats", type=int, default=3, help="runs of the rows the ratios divide (the median)")
    arguments = parser.parse_args()
    variants, cores = arguments.variants, os.cpu_count() or 1
    copy = scratch_copy(variants)
    env = {**os.environ, "INTERPOL_REVIEW_ROOT": str(copy), "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1"}
    build = [PYTHON, "-m", "interpol_review", "build"]
    venv = Path(PYTHON).parents[1]
    # -o: the copy's files are newer than the venv's set-up stamp; without it make would install the copy
    # into the project's own venv (editable, pointing at a folder deleted at the end).
    make = ["make", "--no-print-directory", f"VENV={venv}", "SYSTEM=skip", "-o", f"{venv}/.setup-done"]
    rows = {"cold (analyses computed)": timed([*build, "--all"], copy, env)}
    timed([*make, "report"], copy, env)  # validates the data once, as make does
    rows["no-op (make report)"] = timed([*make, "report"], copy, env)
    for path in copy.rglob("*"):
        os.utime(path)
    rows["no-op after touching every file"] = timed([*make, "report"], copy, env)
    edit_prose(copy / "notebooks" / "03-task-force.ipynb")
    rows["prose edit in one chapter"] = timed([*make, "report"], copy, env)
    medians = interleaved(copy, env, arguments.repeats)
    rows["full rebuild, parallel"] = medians.pop("full rebuild, parallel")
    forget_chapters(copy, figures=True)
    rows["full rebuild, figures drawn again"] = timed([*build, "--all", "--force"], copy, env)
    rows["full rebuild, serial"] = full_rebuild(copy, env, "--all", "--jobs", "1")
    rows["one variant (latest)"] = medians.pop("one variant (latest)")
    if not arguments.skip_naive:
        rows["naive nbconvert chain"] = naive(copy, env, variants)
    parts = with_floor(medians, len(variants), cores)
    shutil.rmtree(copy.parent, ignore_errors=True)

    print(f"build timings: {len(variants)} variants ({', '.join(variants)}), {cores} cores")
    for name, seconds in {**rows, **{f"floor: {k}": v for k, v in parts.items()}}.items():
        print(f"  {name:40s} {seconds:8.2f} s")
    full = rows["full rebuild, parallel"]
    ratios = [
        f"full/floor {full / parts['floor']:.2f}",
        f"full/one-variant {full / rows['one variant (latest)']:.2f}",
        f"serial/parallel {rows['full rebuild, serial'] / full:.2f}",
        f"no-op {rows['no-op (make report)']:.2f} s",
        f"after touching every file {rows['no-op after touching every file']:.2f} s",
        f"prose edit/full {rows['prose edit in one chapter'] / full:.2f}",
        f"cold {rows['cold (analyses computed)']:.0f} s",
    ]
    if "naive nbconvert chain" in rows:
        ratios.insert(0, f"naive/full {rows['naive nbconvert chain'] / full:.1f}x")
    print("benchmark: " + "; ".join(ratios))


if __name__ == "__main__":
    main()
