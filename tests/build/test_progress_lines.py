"""Progress lines from variants built in parallel processes reach the terminal whole, one per line."""

from __future__ import annotations

import subprocess
import sys

from helpers import ROOT

WRITERS = """
import multiprocessing
from interpol_review.build.reports import say

def speak(name):
    for step in range(400):
        say(f"{name}: step {step} " + "x" * 120)

if __name__ == "__main__":
    with multiprocessing.get_context("fork").Pool(3) as pool:
        pool.map(speak, ["latest", "briefing-2022", "sensitivity"])
"""


def test_lines_of_parallel_variants_never_run_together():
    result = subprocess.run([sys.executable, "-c", WRITERS], capture_output=True, text=True, cwd=ROOT, check=True)
    lines = result.stdout.splitlines()
    assert len(lines) == 1200
    for line in lines:
        name, rest = line.split(": step ", 1)
        assert name in ("latest", "briefing-2022", "sensitivity"), line
        assert rest.endswith(" " + "x" * 120), line
