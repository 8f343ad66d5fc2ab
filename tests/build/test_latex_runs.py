"""xelatex runs until the cross-references settle: twice when the second run leaves them as the first
wrote them, more when a run changes them (contents that grow a page), never more than latex_count. With the
references of the previous build, a run that reproduces them is the only one."""

from __future__ import annotations

from pathlib import Path

import pytest

from interpol_review.build.render import SettlingPDFExporter


def runs_for(tmp_path, monkeypatch, references: list[str], kept: Path | None = None) -> int:
    """How many xelatex runs, when run k leaves ``references[k]`` in notebook.aux (the last repeats)."""
    work = tmp_path / "latex"
    work.mkdir(parents=True)
    exporter = SettlingPDFExporter(references_dir=kept)
    monkeypatch.chdir(work)  # as nbconvert does, after the exporter is made: xelatex runs in a temporary folder
    calls = []

    def run_command(command, filename, count, log, raise_on_failure=None):
        assert count == 1
        (work / "notebook.aux").write_text(references[min(len(calls), len(references) - 1)])
        calls.append(filename)
        return True

    monkeypatch.setattr(exporter, "run_command", run_command)
    assert exporter.run_latex("notebook.tex") is True
    return len(calls)


@pytest.mark.parametrize(
    ("references", "expected"),
    [
        (["toc: 1 Main points p3"], 2),  # the second run finds what the first wrote: settled
        (["toc: p3", "toc: p4"], 3),  # the contents grew a page in the second run: one more
        (["a", "b", "c", "d", "e"], 3),  # never settles: nbconvert's latex_count, 3, at most
    ],
)
def test_xelatex_runs_until_the_references_settle(tmp_path, monkeypatch, references, expected):
    assert runs_for(tmp_path, monkeypatch, references) == expected


@pytest.mark.parametrize("relative", [False, True])
def test_the_references_of_the_previous_build_settle_in_one_run_and_are_kept(tmp_path, monkeypatch, relative):
    monkeypatch.chdir(tmp_path)
    kept = Path("kept") if relative else tmp_path / "kept"  # `--build-dir build/mine` gives a relative one
    assert runs_for(tmp_path / "first", monkeypatch, ["toc: p3"], kept) == 2  # nothing kept yet
    assert (tmp_path / "kept" / "report.aux").read_text() == "toc: p3"
    monkeypatch.chdir(tmp_path)
    assert runs_for(tmp_path / "second", monkeypatch, ["toc: p3"], kept) == 1


@pytest.mark.parametrize(
    ("references", "expected"),
    [
        (["toc: p4"], 2),  # the pages moved since the last build: one run more than a settled start
        (["toc: p4", "toc: p5"], 3),
        (["a", "b", "c", "d", "e", "f"], 4),  # a stale start costs one run more than latex_count, no more
    ],
)
def test_stale_references_cost_runs_until_they_settle(tmp_path, monkeypatch, references, expected):
    kept = tmp_path / "kept"
    kept.mkdir()
    (kept / "report.aux").write_text("toc: p3")
    assert runs_for(tmp_path / "run", monkeypatch, references, kept) == expected
    assert (kept / "report.aux").read_text() == references[min(expected, len(references)) - 1]
