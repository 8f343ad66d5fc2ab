"""Build timings as ratios measured in one run, in a scratch copy of the project.

    .venv/bin/python benchmarks/build.py [--variants latest briefing-2022 ...] [--skip-baseline]

Measures: cold set-up of a new virtual environment; the cold build of the variants (make -j1) against the
naive baseline (for each chapter and variant: jupyter nbconvert --execute, then --to html and --to pdf,
sequentially); a no-op rebuild; a one-variant rebuild after editing its params file; make -j2 against -j1.
Prints the table and a one-line summary. Timings are information, never a pass/fail.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
IGNORED = shutil.ignore_patterns(
    ".venv",
    "build",
    "reports",
    "processed",
    ".git",
    "__pycache__",
    "*.egg-info",
    ".pytest_cache",
    ".ruff_cache",
    ".hypothesis",
)


def timed(command: list[str], cwd: Path, env: dict) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def scratch_copy(variants: list[str]) -> Path:
    copy = Path(tempfile.mkdtemp(prefix="interpol-bench-")) / "project"
    shutil.copytree(ROOT, copy, ignore=IGNORED)
    for params in (copy / "params").glob("*.yaml"):
        if params.stem not in variants:
            params.unlink()
    (copy / "reports").mkdir(exist_ok=True)
    return copy


def clean(copy: Path) -> None:
    for folder in ("reports", "build"):
        for path in (copy / folder).glob("*"):
            if path.name != "README.md":
                shutil.rmtree(path) if path.is_dir() else path.unlink()


def naive_baseline(copy: Path, venv: Path, variants: list[str], env: dict) -> float:
    """What one would do by hand: each chapter executed and converted on its own, once per variant."""
    jupyter = str(venv / "bin" / "jupyter")
    out = copy / "build" / "naive"
    start = time.perf_counter()
    for variant in variants:
        for chapter in sorted((copy / "notebooks").glob("[0-9][0-9]-*.ipynb")):
            executed = out / variant / chapter.name
            executed.parent.mkdir(parents=True, exist_ok=True)
            subprocess.run(
                [jupyter, "nbconvert", "--execute", "--to", "notebook", "--output", str(executed), str(chapter)],
                cwd=copy / "notebooks",
                env=env,
                check=True,
                capture_output=True,
            )
            for target in ("html", "pdf"):
                subprocess.run(
                    [jupyter, "nbconvert", "--to", target, "--no-input", str(executed)],
                    cwd=out / variant,
                    env=env,
                    check=True,
                    capture_output=True,
                )
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--variants", nargs="+", default=sorted(p.stem for p in (ROOT / "params").glob("*.yaml")))
    parser.add_argument("--skip-baseline", action="store_true", help="leave out the slow naive baseline")
    parser.add_argument("--quick", action="store_true", help="only set-up, cold, no-op and one-variant builds (CI)")
    arguments = parser.parse_args()
    copy = scratch_copy(arguments.variants)
    env = {**os.environ, "INTERPOL_REVIEW_ROOT": str(copy)}
    venv = copy / ".venv"
    make = ["make", f"VENV={venv}"]
    rows = {}
    rows["cold set-up (new .venv)"] = timed([*make, "setup"], copy, env)
    # The editable install must point at the copy for the chapters' kernels to import its package.
    rows["cold build, make -j1"] = timed([*make, "report"], copy, env)
    rows["no-op rebuild"] = timed([*make, "report"], copy, env)
    first = arguments.variants[0]
    (copy / "params" / f"{first}.yaml").touch()
    rows["one-variant rebuild"] = timed([*make, "report"], copy, env)
    if not arguments.quick:
        clean(copy)
        rows["cold build, make -j2"] = timed([*make, "-j2", "report"], copy, env)
    if not (arguments.skip_baseline or arguments.quick):
        rows["naive baseline"] = naive_baseline(copy, venv, arguments.variants, env)
    shutil.rmtree(copy.parent, ignore_errors=True)

    full, variants = rows["cold build, make -j1"], len(arguments.variants)
    print(f"build timings, {variants} variant(s): {', '.join(arguments.variants)}")
    for name, seconds in rows.items():
        print(f"  {name:28s} {seconds:8.1f} s")
    ratios = [
        f"no-op/full {rows['no-op rebuild'] / full:.3f} (no-op {rows['no-op rebuild']:.2f} s)",
        f"one-variant/full {rows['one-variant rebuild'] / full:.2f} (1/N = {1 / variants:.2f})",
    ]
    if "cold build, make -j2" in rows:
        ratios.append(f"-j2/-j1 {rows['cold build, make -j2'] / full:.2f}")
    if "naive baseline" in rows:
        ratios.insert(0, f"naive/full {rows['naive baseline'] / full:.2f}x")
    print("benchmark: " + "; ".join(ratios) + f"; cold set-up {rows['cold set-up (new .venv)']:.0f} s")


if __name__ == "__main__":
    sys.exit(main())
