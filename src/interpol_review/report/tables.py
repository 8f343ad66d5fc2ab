"""Numbered tables that read: a caption, text left and numbers right, a header per column, links kept,
the same table in HTML, in the PDF and as a CSV file beside the report.

The LaTeX goes through pandas' ``Styler.to_latex`` as a longtable (booktabs rules, a header repeated on
every page, never running off the page). The HTML is written here, because Styler has no way to mark
header scopes or to keep a caption that carries links, which screen readers and the report's cross
references need. The CSV travels in the output under its own MIME type; the build writes it to
``reports/<variant>/tables/table-3-2.csv``.
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pandas as pd

from interpol_review.analysis.cache import cached, code_digest
from interpol_review.report.links import Link, Parts, Target, Words, anchor, latex_escape, markdown_escape

CSV_MIME = "text/csv"
TEXT_WIDTH_CM = 16.2  # the A4 text block of the PDF template
COLUMN_PADDING_CM = 0.42  # LaTeX's \tabcolsep (6pt) on both sides of a column
# Font sizes tried in turn, with the width of an average character of a table cell in each.
# Layouts tried in turn: the font size, the width of an average character of a cell in it, and the
# padding of a column (the last, for the widest tables, halves LaTeX's \tabcolsep).
LAYOUTS = (
    ("small", 0.19, COLUMN_PADDING_CM),
    ("footnotesize", 0.165, COLUMN_PADDING_CM),
    ("scriptsize", 0.14, COLUMN_PADDING_CM),
    ("scriptsize", 0.14, COLUMN_PADDING_CM / 2),
)


def cell_text(value) -> str:
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)


def longest_word(texts: list[str]) -> int:
    return max((len(word) for text in texts for word in text.split()), default=0)


def cell_html(value) -> str:
    if isinstance(value, Link | Target | Words):
        return value.html()
    if isinstance(value, Parts):
        return value.render("html")
    return html.escape(cell_text(value))


def cell_latex(value) -> str:
    if isinstance(value, Link | Target | Words):
        return value.latex()
    if isinstance(value, Parts):
        return value.render("latex")
    return latex_escape(cell_text(value))


@dataclass
class Table:
    """``frame``: the cells as the reader sees them (text, Link or Parts); ``numeric``: the columns to
    right-align; ``row_header``: whether the first column names the row (a year, a claim)."""

    frame: pd.DataFrame
    number: str  # "3.2"
    caption: str  # markdown is not interpreted here: plain text
    numeric: list[str] = field(default_factory=list)
    row_header: bool = True
    source: Parts | None = None  # the ledger rows behind the table, shown after the caption

    @property
    def anchor(self) -> str:
        return anchor("table", self.number)

    @property
    def label(self) -> str:
        return f"Table {self.number}"

    def csv(self) -> str:
        return self.frame.map(cell_text).to_csv(index=False, lineterminator="\n")

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict:
        return {
            "text/html": self.html(),
            "text/latex": self.latex(),
            "text/plain": f"{self.label}. {self.caption}",
            CSV_MIME: self.csv(),
        }

    def html(self) -> str:
        columns = list(self.frame.columns)
        header = "".join(
            f'<th scope="col" class="{"num" if name in self.numeric else "text"}">{html.escape(str(name))}</th>'
            for name in columns
        )
        rows = []
        for values in self.frame.itertuples(index=False):
            cells = []
            for position, (name, value) in enumerate(zip(columns, values, strict=True)):
                kind = "num" if name in self.numeric else "text"
                if position == 0 and self.row_header:
                    cells.append(f'<th scope="row" class="{kind}">{cell_html(value)}</th>')
                else:
                    cells.append(f'<td class="{kind}">{cell_html(value)}</td>')
            rows.append("<tr>" + "".join(cells) + "</tr>")
        source = f' <span class="source">Source: {self.source.render("html")}.</span>' if self.source else ""
        csv = f' <a class="csv" href="tables/{self.anchor}.csv">Data (CSV)</a>'
        caption = f"<caption><strong>{self.label}.</strong> {html.escape(self.caption)}{source}{csv}</caption>"
        return (
            f'<div class="table-scroll" id="{self.anchor}" role="region" tabindex="0" aria-label="{self.label}">'
            f'<table class="report-table">{caption}<thead><tr>{header}</tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table></div>"
        )

    def latex(self) -> str:
        """The longtable, kept in build/cache by everything it is made of (pandas' Styler takes a report's
        kernel a quarter of a second for its thirty tables, the same in every variant and every run)."""
        cells = self.frame.map(repr)  # a link's repr holds its address, its str only its text
        parts = (table_code_hash(), cells, self.number, self.caption, self.numeric, self.row_header, repr(self.source))
        return cached("table", parts, self.typeset)

    def typeset(self) -> str:
        size, column_format, padding = self.layout()
        frame = self.frame.map(cell_latex)
        frame.columns = [rf"\textbf{{{latex_escape(str(name))}}}" for name in self.frame.columns]
        source = f" Source: {self.source.render('latex')}." if self.source else ""
        # \protect: a caption is a moving argument, and the hyperlink target would break inside it.
        caption = (
            rf"\protect\hypertarget{{{self.anchor}}}{{}}\textbf{{{self.label}.}} {latex_escape(self.caption)}{source}"
        )
        body = frame.style.hide(axis="index").to_latex(
            environment="longtable", hrules=True, column_format=column_format, caption=(caption, self.label)
        )
        setup = (
            rf"\begingroup\{size}\setlength{{\LTcapwidth}}{{\linewidth}}\setlength{{\tabcolsep}}{{{padding / 2:.3f}cm}}"
        )
        return setup + "\n" + body + "\\endgroup\n"

    def layout(self) -> tuple[str, str, float]:
        """A font size and a column format whose widths add up to the text width: numbers right, text left
        and ragged, every column wide enough for its longest word; a wide table gets a smaller font."""
        size, padding, widths = next(
            (s, p, w)
            for s, c, p in LAYOUTS
            if (w := self.column_widths(c, p, last=(s, c, p) == LAYOUTS[-1])) is not None
        )
        spec = []
        for name, width in zip(self.frame.columns, widths, strict=True):
            align = "raggedleft" if name in self.numeric else "raggedright"
            # rounded down, so that the columns never add up to more than the text width
            spec.append(rf">{{\{align}\arraybackslash}}p{{{math.floor(width * 100) / 100:.2f}cm}}")
        return size, "".join(spec), padding

    def column_widths(
        self, char_cm: float, padding: float = COLUMN_PADDING_CM, last: bool = True
    ) -> list[float] | None:
        """Widths in cm, or None when the longest words alone do not fit at this font size. At the smallest
        size the text columns share what is left by the length of their longest words (TeX hyphenates)."""
        columns = list(self.frame.columns)
        room = TEXT_WIDTH_CM - padding * len(columns)
        cells = {name: [str(name)] + [cell_text(v) for v in self.frame[name]] for name in columns}
        natural = {name: char_cm * max(len(text) for text in cells[name][1:] or [""]) for name in columns}
        # headers are set in bold, about a fifth wider than an average cell character (measured on
        # "Complaints", which ran into its neighbour at a tenth)
        bold = 1.18
        word = {n: char_cm * max(longest_word(cells[n][1:]), bold * longest_word([str(n)])) for n in columns}
        text = [name for name in columns if name not in self.numeric]
        minimum = sum(word[name] for name in text)
        fixed = {name: max(natural[name], word[name]) for name in columns if name in self.numeric}
        if room - sum(fixed.values()) < minimum:  # numbers wrap at their spaces rather than crowd the text
            fixed = {name: word[name] for name in fixed}
        left = room - sum(fixed.values())
        wanted = {name: max(natural[name], word[name]) for name in text}
        if left >= minimum:
            share = wanted if sum(wanted.values()) <= left else shared(left, wanted, word)
        elif not last:
            return None
        else:  # the longest words do not fit even here: TeX hyphenates them, down to two thirds of a word
            floor = {name: 2 / 3 * word[name] for name in text}
            if sum(floor.values()) <= left:
                share = shared(left, wanted, floor)
            else:
                share = {name: max(left, 0.0) * word[name] / minimum for name in text} if minimum else {}
        return [fixed.get(name, share.get(name)) for name in columns]


@cache
def table_code_hash() -> str:
    """The table code (this module and links.py) and the pandas that typesets it; the cache's key adds the
    layers below the report."""
    here = Path(__file__).parent
    return code_digest(pd.__version__, [here / "tables.py", here / "links.py"])


def shared(left: float, wanted: dict[str, float], floor: dict[str, float]) -> dict[str, float]:
    """The room left shared by each column's length to the power 3/4, never below its floor (a square
    root gave the longest column of the claims table a fifth of the page for half its text)."""
    weights = {name: wanted[name] ** 0.75 for name in wanted}
    share = {name: max(floor[name], left * weights[name] / sum(weights.values())) for name in wanted}
    excess = sum(share.values()) - left
    flexible = [name for name in wanted if share[name] > floor[name]]
    for name in flexible:
        share[name] -= excess * (share[name] - floor[name]) / sum(share[n] - floor[n] for n in flexible)
    return share


def markdown_cell(value) -> str:
    if isinstance(value, Link | Target | Words):
        return value.markdown()
    if isinstance(value, Parts):
        return value.render("markdown")
    return markdown_escape(cell_text(value))
