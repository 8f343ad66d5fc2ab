"""Numbered, captioned tables and figures that render as HTML in the browser and as LaTeX in the PDF.

A chapter creates one ``Numbering`` and calls ``table(...)`` and ``figure(...)``; each returns an object
whose display bundle carries ``text/html`` and ``text/latex`` (tables: real booktabs tables, not
monospaced text) or PNG and PDF images (figures: vector in the PDF).
"""

from __future__ import annotations

import html
import io
from dataclasses import dataclass, field

import matplotlib.pyplot as plt
import pandas as pd

LATEX_SPECIALS = {
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "{": r"\{",
    "}": r"\}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
    "\\": r"\textbackslash{}",
}


def latex_escape(text: str) -> str:
    return "".join(LATEX_SPECIALS.get(character, character) for character in str(text))


@dataclass
class Caption:
    kind: str
    number: int
    text: str

    @property
    def label(self) -> str:
        return f"{self.kind} {self.number}"

    def _repr_html_(self) -> str:
        return f'<p class="caption"><strong>{self.label}.</strong> {html.escape(self.text)}</p>'

    def _repr_latex_(self) -> str:
        return f"\\par\\noindent\\textbf{{{self.label}.}} {latex_escape(self.text)}\\par\\medskip"

    def __repr__(self) -> str:
        return f"{self.label}. {self.text}"


@dataclass
class CaptionedTable:
    frame: pd.DataFrame
    caption: Caption
    index: bool = True

    def _repr_html_(self) -> str:
        table = self.frame.to_html(index=self.index, border=0, classes="report-table", na_rep="")
        return f'<figure class="table">{self.caption._repr_html_()}{table}</figure>'

    def _repr_latex_(self) -> str:
        frame = self.frame.copy()
        frame.columns = [latex_escape(column) for column in frame.columns]
        if self.index:
            frame.index = [latex_escape(value) for value in frame.index]
            frame.index.name = latex_escape(self.frame.index.name) if self.frame.index.name else None
        frame = frame.map(lambda value: "" if pd.isna(value) else latex_escape(value))
        styler = frame.style if self.index else frame.style.hide(axis="index")
        body = styler.to_latex(hrules=True)
        return (
            "\\begin{center}\\small\n"
            f"{self.caption._repr_latex_()}\n"
            "\\resizebox{\\ifdim\\width>\\linewidth\\linewidth\\else\\width\\fi}{!}{%\n"
            f"{body}}}\n\\end{{center}}"
        )

    def __repr__(self) -> str:
        return f"{self.caption!r}\n{self.frame.to_string(index=self.index)}"


@dataclass
class CaptionedFigure:
    figure: plt.Figure
    caption: Caption

    def _repr_mimebundle_(self, include=None, exclude=None):
        png = io.BytesIO()
        self.figure.savefig(png, format="png", dpi=150, bbox_inches="tight", metadata={"Software": None})
        pdf = io.BytesIO()
        self.figure.savefig(
            pdf, format="pdf", bbox_inches="tight", metadata={"Creator": None, "Producer": None, "CreationDate": None}
        )
        plt.close(self.figure)
        return {"image/png": png.getvalue(), "application/pdf": pdf.getvalue(), "text/plain": repr(self.caption)}


@dataclass
class Numbering:
    """Counts tables and figures of one chapter (or report) so that each has a stable number."""

    tables: int = 0
    figures: int = 0
    shown: list[Caption] = field(default_factory=list)

    def table(self, frame: pd.DataFrame, caption: str, index: bool = True) -> CaptionedTable:
        self.tables += 1
        entry = Caption("Table", self.tables, caption)
        self.shown.append(entry)
        return CaptionedTable(frame, entry, index)

    def figure(self, figure: plt.Figure, caption: str) -> tuple[CaptionedFigure, Caption]:
        """The figure and its caption, to be displayed one after the other."""
        self.figures += 1
        entry = Caption("Figure", self.figures, caption)
        self.shown.append(entry)
        return CaptionedFigure(figure, entry), entry

    def next_figure(self) -> str:
        return f"Figure {self.figures + 1}"

    def next_table(self) -> str:
        return f"Table {self.tables + 1}"
