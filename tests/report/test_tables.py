"""Tables: escaped in HTML and LaTeX, numbers right and text left, and in the PDF never wider than the
text block while every word fits its column."""

from __future__ import annotations

import pandas as pd
import pytest

from interpol_review.report.links import Link, figure_ids, latex_escape
from interpol_review.report.tables import LAYOUTS, TEXT_WIDTH_CM, Table


def table(frame: pd.DataFrame, numeric=()) -> Table:
    return Table(frame=frame, number="3.2", caption="A caption & 50% <b>", numeric=list(numeric))


def test_html_escapes_every_cell_and_the_caption_and_marks_header_scopes():
    html = table(pd.DataFrame({"Name": ["<script>alert(1)</script>"], "Count": ["1,270"]}), ["Count"]).html()
    assert "<script>" not in html and "&lt;script&gt;" in html and "&lt;b&gt;" in html
    assert '<th scope="col" class="num">Count</th>' in html and '<th scope="row"' in html
    assert 'href="tables/table-3-2.csv"' in html and 'id="table-3-2"' in html


def test_latex_escapes_specials_and_keeps_links():
    frame = pd.DataFrame({"Text": ["50% of #1 & $2_x {y} ~ ^ \\"], "Figure": [figure_ids("F026, F027")]})
    latex = table(frame).latex()
    assert r"50\% of \#1 \& \$2\_x \{y\} \textasciitilde{} \textasciicircum{} \textbackslash{}" in latex
    assert r"\hyperlink{ledger-F026}{F026}" in latex and r"\hyperlink{ledger-F027}{F027}" in latex
    assert latex_escape("A_B") == r"A\_B"
    assert latex_escape('"get deleted" read as ("about 1,000")') == "“get deleted” read as (“about 1,000”)"


def test_an_external_link_renders_in_every_format():
    link = Link("S01", "https://example.org/a_b?x=1&y=2")
    assert link.html() == '<a href="https://example.org/a_b?x=1&amp;y=2">S01</a>'
    assert link.markdown() == "[S01](https://example.org/a_b?x=1&y=2)"


def widths(spec: str) -> list[float]:
    return [float(part.split("cm}")[0]) for part in spec.split("p{")[1:]]


@pytest.mark.parametrize(
    "frame",
    [
        pd.DataFrame({"Year": ["2021"], "Count": ["1,270"]}),
        pd.DataFrame({"Claim": ["C01"], "Words": ["a long quotation " * 30], "Verdict": ["contradicted"]}),
        pd.DataFrame({f"Column {k}": ["an ordinary phrase of text"] for k in range(9)}),
        pd.DataFrame({"A": ["Pneumonoultramicroscopicsilicovolcanoconiosis " * 2], "B": ["x" * 10]}),
    ],
)
def test_columns_fill_the_text_width_and_fit_their_longest_word(frame):
    layout = table(frame, numeric=[frame.columns[-1]])
    size, spec, padding = layout.layout()
    found = widths(spec)
    assert len(found) == len(frame.columns)
    assert sum(found) + padding * len(found) <= TEXT_WIDTH_CM + 0.01
    char_cm = next(c for s, c, p in LAYOUTS if (s, p) == (size, padding))
    last = (size, padding) == LAYOUTS[-1][::2]
    for name, width in zip(frame.columns, found, strict=True):
        longest = max(len(word) for text in [name, *frame[name]] for word in str(text).split())
        assert width >= char_cm * longest - 0.011 or last, (name, width)
    assert r"\raggedleft" in spec.split("p{")[-2]  # the numeric (last) column is right-aligned


def test_a_wide_table_gets_a_smaller_font():
    narrow = table(pd.DataFrame({"Year": ["2021"], "Count": ["1,270"]}))
    wide = table(pd.DataFrame({f"Column number {k}": ["extraordinarily"] for k in range(10)}))
    assert narrow.layout()[0] == "small" and wide.layout()[0] in ("footnotesize", "scriptsize")
    widest = table(pd.DataFrame({f"Heading {k}": ["Complaints"] for k in range(10)}))
    assert widest.layout()[2] < narrow.layout()[2]  # and, wider still, narrower column padding
    assert r"\setlength{\tabcolsep}{0.105cm}" in widest.latex()


def test_the_csv_holds_the_text_the_reader_sees():
    frame = pd.DataFrame({"Figure": [figure_ids("F026")], "Count": ["1,270"]})
    assert table(frame).csv() == 'Figure,Count\nF026,"1,270"\n'


def test_a_tables_latex_is_kept_by_its_content_links_included(tmp_path, monkeypatch):
    monkeypatch.setenv("INTERPOL_REVIEW_ROOT", str(tmp_path))  # a cache of its own
    frame = pd.DataFrame({"Source": [Link("S01", "https://example.org/one")], "Count": ["1,270"]})
    first = table(frame, ["Count"])
    assert first.latex() == first.typeset() == table(frame.copy(), ["Count"]).latex()
    assert len(list((tmp_path / "build" / "cache").glob("table-*.pickle"))) == 1

    moved = pd.DataFrame({"Source": [Link("S01", "https://example.org/two")], "Count": ["1,270"]})
    assert "example.org/two" in table(moved, ["Count"]).latex()  # same text, another address: typeset again
    assert "example.org/two" not in first.latex()
