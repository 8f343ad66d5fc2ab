"""xelatex runs until the cross-references settle: twice when the second run leaves them as the first
wrote them, more when a run changes them (contents that grow a page), never more than latex_count."""

from __future__ import annotations

import pytest

from interpol_review.build.render import SettlingPDFExporter


def runs_for(tmp_path, monkeypatch, references: list[str]) -> int:
    """How many xelatex runs, when run k leaves ``references[k]`` in notebook.aux (the last repeats)."""
    monkeypatch.chdir(tmp_path)
    exporter = SettlingPDFExporter()
    calls = []

    def run_command(command, filename, count, log, raise_on_failure=None):
        assert count == 1
        (tmp_path / "notebook.aux").write_text(references[min(len(calls), len(references) - 1)])
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
