"""pandoc's conversions for the PDF are kept by what they convert: the same text converts once, and the
kept result is what pandoc gives; another text, format or pandoc version converts again."""

from __future__ import annotations

from nbconvert.filters.pandoc import convert_pandoc

from interpol_review.build import render


def test_pandoc_converts_each_text_once_and_the_kept_result_is_pandocs(tmp_path, monkeypatch):
    monkeypatch.setenv("INTERPOL_REVIEW_ROOT", str(tmp_path))
    calls = []

    def counted(*arguments):
        calls.append(arguments)
        return convert_pandoc(*arguments)

    monkeypatch.setattr(render, "convert_pandoc", counted)
    text = "Deleted after a *complaint*: see [the CCF](https://www.interpol.int/Who-we-are/CCF)."
    first = render.kept_pandoc(text, "markdown", "latex")
    assert render.kept_pandoc(text, "markdown", "latex") == first == convert_pandoc(text, "markdown", "latex")
    assert r"\emph{complaint}" in first and len(calls) == 1

    render.kept_pandoc(text, "markdown", "json")
    render.kept_pandoc(text + " More.", "markdown", "latex")
    monkeypatch.setattr(render, "get_pandoc_version", lambda: "99.0")
    render.kept_pandoc(text, "markdown", "latex")
    assert len(calls) == 4
