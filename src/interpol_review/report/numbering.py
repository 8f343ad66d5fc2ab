"""Chapter-by-chapter numbering of tables and figures, and the links that refer to them.

"Table 2.3" is the third table of chapter 2, the same whether the chapter is read alone or inside the
report; a reference is a markdown link to the table's anchor, which HTML and PDF both resolve.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from interpol_review.report.figures import PAGE_SHARE, PLOT, Figure
from interpol_review.report.links import Link, Parts, anchor
from interpol_review.report.tables import Table


@dataclass
class Numbering:
    chapter: int
    figure_dir: Path | None = None
    tables: int = 0
    figures: int = 0

    def table(self, frame: pd.DataFrame, caption: str, numeric=(), row_header: bool = True, source=None) -> Table:
        self.tables += 1
        return Table(frame, f"{self.chapter}.{self.tables}", caption, list(numeric), row_header, source)

    def figure(
        self,
        plot: PLOT,
        inputs: tuple,
        caption: str,
        alt: str,
        source: Parts | None = None,
        page_share: float = PAGE_SHARE,
    ) -> Figure:
        """Figure n.m: ``plot(*inputs, width)`` from plots.py, with its caption and alt text."""
        self.figures += 1
        number = f"{self.chapter}.{self.figures}"
        return Figure(plot, inputs, number, caption, alt, source, self.figure_dir, page_share)

    def next_table(self, ahead: int = 1) -> str:
        """A markdown link to the table ``ahead`` tables from now: 'Table 3.2'."""
        number = f"{self.chapter}.{self.tables + ahead}"
        return Link(f"Table {number}", "#" + anchor("table", number)).markdown()

    def next_figure(self, ahead: int = 1) -> str:
        number = f"{self.chapter}.{self.figures + ahead}"
        return Link(f"Figure {number}", "#" + anchor("figure", number)).markdown()

    def last_table(self) -> str:
        number = f"{self.chapter}.{self.tables}"
        return Link(f"Table {number}", "#" + anchor("table", number)).markdown()

    def last_figure(self) -> str:
        number = f"{self.chapter}.{self.figures}"
        return Link(f"Figure {number}", "#" + anchor("figure", number)).markdown()
