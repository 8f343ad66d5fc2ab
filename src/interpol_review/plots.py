"""The project's one figure style and the figures of the report.

Colours come from seaborn's colour-blind-safe palette; text sizes are chosen to stay readable when a
figure is printed at the width of an A4 text block.
"""

from __future__ import annotations

import matplotlib as mpl
import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns
from matplotlib.colors import ListedColormap
from matplotlib.patches import Patch

from .audit import STATUS_ORDER

PALETTE = sns.color_palette("colorblind")
STATUS_COLOURS = {
    "observed": PALETTE[0],
    "approximate": PALETTE[9],
    "bounds only": PALETTE[1],
    "missing": (0.93, 0.93, 0.93),
}
FIGURE_WIDTH = 6.3  # inches: the text width of an A4 page with 2.5 cm margins


def use_project_style() -> None:
    """Set the style every figure of the project uses; call once at the top of a chapter."""
    sns.set_theme(context="paper", style="whitegrid", palette="colorblind", font_scale=1.1)
    mpl.rcParams.update(
        {
            "figure.dpi": 110,
            "savefig.dpi": 150,
            "pdf.fonttype": 42,
            "svg.hashsalt": "interpol-review",
            "axes.titleweight": "bold",
            "axes.titlelocation": "left",
        }
    )


def coverage_heatmap(matrix: pd.DataFrame) -> plt.Figure:
    """Series by year, one cell per status (observed, approximate, bounds only, missing)."""
    codes = matrix.apply(lambda column: column.map(STATUS_ORDER.index)).astype(float)
    height = 0.9 + 0.28 * len(matrix)
    figure, axes = plt.subplots(figsize=(FIGURE_WIDTH, height))
    colours = ListedColormap([STATUS_COLOURS[status] for status in STATUS_ORDER])
    sns.heatmap(
        codes,
        ax=axes,
        cmap=colours,
        vmin=-0.5,
        vmax=len(STATUS_ORDER) - 0.5,
        cbar=False,
        linewidths=1.0,
        linecolor="white",
    )
    axes.set_xlabel("Year")
    axes.set_ylabel("")
    axes.tick_params(axis="both", length=0)
    axes.xaxis.tick_top()
    axes.xaxis.set_label_position("top")
    handles = [Patch(facecolor=STATUS_COLOURS[status], edgecolor="0.7", label=status) for status in STATUS_ORDER]
    axes.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.01), ncol=len(handles), frameon=False)
    figure.tight_layout()
    return figure
