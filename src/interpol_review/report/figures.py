"""Numbered figures: vector in both formats (SVG in the HTML, PDF in LaTeX), drawn twice for the HTML so
that a phone gets a narrow drawing with readable labels, with alt text that states the numbers and a
source line naming the ledger rows."""

from __future__ import annotations

import base64
import hashlib
import html
import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import matplotlib as mpl
import matplotlib.pyplot as plt
import seaborn as sns

from interpol_review.core.atomic import write_bytes
from interpol_review.report.links import Parts, anchor, latex_escape

# Most figures may fill 62% of the page, so that their caption and some text share it; a map with one row
# per series needs most of a page to keep its labels at the text's size.
PAGE_SHARE = 0.62
WIDE, NARROW = 6.3, 3.6  # inches: the A4 text block, and a phone's width at the same label size
DRAW = Callable[[float], plt.Figure]  # draws the figure for a width in inches


def use_project_style() -> None:
    """The one figure style of the project: colour-blind-safe palette, labels that survive print."""
    sns.set_theme(context="paper", style="whitegrid", palette="colorblind", font_scale=1.15)
    mpl.rcParams.update(
        {
            "figure.dpi": 110,
            "pdf.fonttype": 42,
            "svg.fonttype": "path",  # text as shapes: the same drawing on every machine
            "svg.hashsalt": "interpol-review",
            "axes.titleweight": "bold",
            "axes.titlelocation": "left",
            "axes.titlesize": 10,
            "axes.labelsize": 9.5,
            "xtick.labelsize": 9,
            "ytick.labelsize": 9,
            "legend.fontsize": 8.5,
        }
    )


def svg_of(figure: plt.Figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None, "Creator": None})
    plt.close(figure)
    return buffer.getvalue()


def pdf_of(figure: plt.Figure) -> bytes:
    buffer = io.BytesIO()
    metadata = {"Creator": None, "Producer": None, "CreationDate": None}
    figure.savefig(buffer, format="pdf", bbox_inches="tight", metadata=metadata)
    plt.close(figure)
    return buffer.getvalue()


def data_uri(svg: bytes) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")


@dataclass
class Figure:
    draw: DRAW
    number: str  # "3.1"
    caption: str  # the finding first, then what is drawn
    alt: str  # what the figure shows, in numbers
    source: Parts | None
    figure_dir: Path | None
    page_share: float = PAGE_SHARE

    @property
    def anchor(self) -> str:
        return anchor("figure", self.number)

    @property
    def label(self) -> str:
        return f"Figure {self.number}"

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict:
        wide, narrow = svg_of(self.draw(WIDE)), svg_of(self.draw(NARROW))
        source = f' <span class="source">Source: {self.source.render("html")}.</span>' if self.source else ""
        html_figure = (
            f'<figure class="report-figure" id="{self.anchor}"><picture>'
            f'<source media="(max-width: 640px)" srcset="{data_uri(narrow)}">'
            f'<img src="{data_uri(wide)}" alt="{html.escape(self.alt, quote=True)}"></picture>'
            f"<figcaption><strong>{self.label}.</strong> {html.escape(self.caption)}{source}</figcaption></figure>"
        )
        bundle = {"text/html": html_figure, "text/plain": f"{self.label}. {self.caption}"}
        if self.figure_dir is not None:
            pdf = pdf_of(self.draw(WIDE))
            self.figure_dir.mkdir(parents=True, exist_ok=True)
            path = self.figure_dir / f"figure-{hashlib.sha256(pdf).hexdigest()[:16]}.pdf"
            if not path.exists():
                write_bytes(path, pdf)
            latex_source = f" Source: {self.source.render('latex')}." if self.source else ""
            bundle["text/latex"] = (
                "\\begin{figure}[H]\n\\centering\n"
                f"\\includegraphics[width=\\linewidth,height={self.page_share:.2f}\\textheight,keepaspectratio]{{{path.as_posix()}}}\n"
                f"\\caption*{{\\protect\\hypertarget{{{self.anchor}}}{{}}\\textbf{{{self.label}.}} "
                f"{latex_escape(self.caption)}{latex_source}}}\n\\end{{figure}}"
            )
        return bundle
