"""Numbered figures: vector in both formats (SVG in the HTML, PDF in LaTeX), drawn twice for the HTML so
that a phone gets a narrow drawing with readable labels, with alt text that states the numbers and a
source line naming the ledger rows.

A figure is a plot function of plots.py and the data it draws. Its drawings are kept on disk by the hash
of both, of the figure code and of matplotlib's settings: the chapters of every variant, and every run
after an edit that leaves a figure's data alone, reuse them instead of drawing again (drawing is most of
a chapter's time).
"""

from __future__ import annotations

import base64
import hashlib
import html
import io
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import matplotlib as mpl
import matplotlib.pyplot as plt
import seaborn as sns

from interpol_review.analysis.cache import cached, code_digest
from interpol_review.core.atomic import write_bytes
from interpol_review.report.links import Parts, anchor, latex_escape

# Most figures may fill 62% of the page, so that their caption and some text share it; a map with one row
# per series needs most of a page to keep its labels at the text's size.
PAGE_SHARE = 0.62
WIDE, NARROW = 6.3, 3.6  # inches: the A4 text block, and a phone's width at the same label size
PLOT = Callable[..., plt.Figure]  # plots.py: the data, then the width in inches


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


UNDATED = {"svg": {"Date": None, "Creator": None}, "pdf": {"Creator": None, "Producer": None, "CreationDate": None}}


def saved(figure: plt.Figure, kind: str) -> bytes:
    """The figure as SVG or PDF bytes, the same on every machine and every run (no dates, no creator)."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format=kind, bbox_inches="tight", metadata=UNDATED[kind])
    return buffer.getvalue()


@dataclass(frozen=True)
class Drawings:
    wide_svg: bytes
    narrow_svg: bytes
    pdf: bytes  # the wide drawing, for LaTeX


def draw(plot: PLOT, inputs: tuple) -> Drawings:
    wide = plot(*inputs, WIDE)
    wide_svg, pdf = saved(wide, "svg"), saved(wide, "pdf")
    plt.close(wide)
    narrow = plot(*inputs, NARROW)
    narrow_svg = saved(narrow, "svg")
    plt.close(narrow)
    return Drawings(wide_svg, narrow_svg, pdf)


@cache
def figure_code_hash() -> str:
    """The figure code (this module and plots.py) and the versions that draw it; the cache's key adds the
    layers below the report (plots.py formats numbers with core), so every line a drawing runs is in it."""
    here = Path(__file__).parent
    return code_digest(f"{mpl.__version__} {sns.__version__}", [here / "figures.py", here / "plots.py"])


# Settings of the session, not of the drawing: Jupyter's inline backend turns `interactive` on at the first
# figure, so with them in the key a figure would miss the cache whenever an earlier one was read from it.
SESSION_SETTINGS = ("interactive", "backend", "toolbar", "webagg.", "figure.raise_window", "savefig.directory")


def drawings(plot: PLOT, inputs: tuple) -> Drawings:
    """The figure's drawings, from the cache when the same plot of the same data was drawn before under the
    same settings (rcParams: a chapter that changes the style draws afresh)."""
    settings = {name: repr(value) for name, value in mpl.rcParams.items() if not name.startswith(SESSION_SETTINGS)}
    parts = (plot.__module__, plot.__qualname__, inputs, figure_code_hash(), settings)
    return cached("figure", parts, lambda: draw(plot, inputs))


def data_uri(svg: bytes) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")


@dataclass
class Figure:
    plot: PLOT
    inputs: tuple  # what the plot draws: plot(*inputs, width)
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
        drawn = drawings(self.plot, self.inputs)
        wide, narrow = drawn.wide_svg, drawn.narrow_svg
        source = f' <span class="source">Source: {self.source.render("html")}.</span>' if self.source else ""
        html_figure = (
            f'<figure class="report-figure" id="{self.anchor}"><picture>'
            f'<source media="(max-width: 640px)" srcset="{data_uri(narrow)}">'
            f'<img src="{data_uri(wide)}" alt="{html.escape(self.alt, quote=True)}"></picture>'
            f"<figcaption><strong>{self.label}.</strong> {html.escape(self.caption)}{source}</figcaption></figure>"
        )
        bundle = {"text/html": html_figure, "text/plain": f"{self.label}. {self.caption}"}
        if self.figure_dir is not None:
            pdf = drawn.pdf
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
