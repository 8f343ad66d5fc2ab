"""Numbered, captioned tables and figures that render as HTML in the browser and as LaTeX in the PDF.

A chapter creates one ``Numbering`` and calls ``table(...)`` and ``figure(...)``; each returns an object
whose display bundle carries ``text/html`` and ``text/latex`` (tables: real booktabs tables, not
monospaced text) or PNG and PDF images (figures: vector in the PDF).
"""

from __future__ import annotations

import base64
import hashlib
import html
import io
from dataclasses import dataclass, field
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd

from interpol_review.core.atomic import write_bytes

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
    number: str
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


LONG_TABLE_ROWS = 20  # above this, a table may not fit a page: it becomes a longtable


@dataclass
class CaptionedTable:
    frame: pd.DataFrame
    caption: Caption
    index: bool = True

    def _repr_html_(self) -> str:
        table = self.frame.to_html(index=self.index, border=0, classes="report-table", na_rep="")
        return f'<figure class="table">{self.caption._repr_html_()}{table}</figure>'

    def _repr_latex_(self) -> str:
        frame = self.frame if self.index else self.frame.reset_index(drop=True)
        if self.index:
            frame = frame.reset_index()
        header = [latex_escape(column) for column in frame.columns]
        rows = [
            [latex_escape("" if pd.isna(value) else value) for value in row] for row in frame.itertuples(index=False)
        ]
        widths = column_widths(header, rows)
        spec = "".join(f"p{{{width:.2f}\\linewidth}}" if width else "l" for width in widths)
        head = " & ".join(f"\\textbf{{{name}}}" for name in header) + r" \\"
        body = "\n".join(" & ".join(row) + r" \\" for row in rows)
        caption = f"\\caption*{{\\textbf{{{self.caption.label}.}} {latex_escape(self.caption.text)}}}"
        if len(rows) > LONG_TABLE_ROWS:
            # A float longer than a page runs off its bottom; a longtable breaks across pages and repeats
            # its header instead.
            return (
                f"\\begin{{small}}\n\\begin{{longtable}}{{@{{}}{spec}@{{}}}}\n{caption} \\\\\n"
                f"\\toprule\n{head}\n\\midrule\n\\endfirsthead\n\\toprule\n{head}\n\\midrule\n\\endhead\n"
                f"\\bottomrule\n\\endlastfoot\n{body}\n\\end{{longtable}}\n\\end{{small}}"
            )
        return (
            f"\\begin{{table}}[H]\n\\small\n{caption}\n"
            f"\\begin{{tabular}}{{@{{}}{spec}@{{}}}}\n\\toprule\n{head}\n\\midrule\n{body}\n\\bottomrule\n"
            "\\end{tabular}\n\\end{table}"
        )

    def __repr__(self) -> str:
        return f"{self.caption!r}\n{self.frame.to_string(index=self.index)}"


def column_widths(header: list[str], rows: list[list[str]], total: float = 0.98) -> list[float | None]:
    """Short columns keep their natural width (None); long text columns share what is left, as
    paragraph columns, so that wide tables wrap instead of running off the page. Very long columns are
    weighted less than their length, so that middling ones are not squeezed to a word per line."""
    lengths = [max([len(header[i])] + [len(row[i]) for row in rows]) for i in range(len(header))]
    if sum(lengths) <= 95:
        return [None] * len(header)
    short = [length <= 12 for length in lengths]
    room = max(total - sum(0.011 * length + 0.02 for length, s in zip(lengths, short, strict=True) if s), 0.3)
    weights = [0 if s else min(length, 45) ** 0.7 for length, s in zip(lengths, short, strict=True)]
    return [
        None if s else max(room * weight / sum(weights) - 0.02, 0.09) for weight, s in zip(weights, short, strict=True)
    ]


@dataclass
class CaptionedFigure:
    """A figure with its caption, kept together: an HTML <figure> with an embedded PNG, and a LaTeX float
    that includes the vector PDF (written once, named by its content, under ``figure_dir``)."""

    figure: plt.Figure
    caption: Caption
    figure_dir: Path | None = None

    def _repr_mimebundle_(self, include=None, exclude=None):
        png = io.BytesIO()
        self.figure.savefig(png, format="png", dpi=150, bbox_inches="tight", metadata={"Software": None})
        pdf = io.BytesIO()
        self.figure.savefig(
            pdf, format="pdf", bbox_inches="tight", metadata={"Creator": None, "Producer": None, "CreationDate": None}
        )
        plt.close(self.figure)
        encoded = base64.b64encode(png.getvalue()).decode("ascii")
        html_figure = (
            f'<figure class="report-figure"><img src="data:image/png;base64,{encoded}" '
            f'alt="{html.escape(self.caption.text)}"/><figcaption>{self.caption._repr_html_()}'
            "</figcaption></figure>"
        )
        bundle = {"text/html": html_figure, "text/plain": repr(self.caption)}
        if self.figure_dir is not None:
            self.figure_dir.mkdir(parents=True, exist_ok=True)
            path = self.figure_dir / f"figure-{hashlib.sha256(pdf.getvalue()).hexdigest()[:16]}.pdf"
            if not path.exists():
                write_bytes(path, pdf.getvalue())
            bundle["text/latex"] = (
                "\\begin{figure}[H]\n\\centering\n"
                f"\\includegraphics[width=\\linewidth,height=0.78\\textheight,keepaspectratio]{{{path.as_posix()}}}\n"
                f"\\caption*{{\\textbf{{{self.caption.label}.}} {latex_escape(self.caption.text)}}}\n\\end{{figure}}"
            )
        else:
            bundle["application/pdf"] = pdf.getvalue()
        return bundle


@dataclass
class Numbering:
    """Counts the tables and figures of one chapter: "Table 2.3" is the third table of chapter 2, the same
    whether the chapter is read alone or inside the report."""

    chapter: int
    figure_dir: Path | None = None
    tables: int = 0
    figures: int = 0
    shown: list[Caption] = field(default_factory=list)

    def table(self, frame: pd.DataFrame, caption: str, index: bool = True) -> CaptionedTable:
        self.tables += 1
        entry = Caption("Table", f"{self.chapter}.{self.tables}", caption)
        self.shown.append(entry)
        return CaptionedTable(frame, entry, index)

    def figure(self, figure: plt.Figure, caption: str) -> CaptionedFigure:
        """The figure with its caption, displayed as one output."""
        self.figures += 1
        entry = Caption("Figure", f"{self.chapter}.{self.figures}", caption)
        self.shown.append(entry)
        return CaptionedFigure(figure, entry, self.figure_dir)

    def next_figure(self, ahead: int = 1) -> str:
        return f"Figure {self.chapter}.{self.figures + ahead}"

    def next_table(self, ahead: int = 1) -> str:
        return f"Table {self.chapter}.{self.tables + ahead}"
