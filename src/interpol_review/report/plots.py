"""The project's one figure style and the figures of the report.

Colours come from seaborn's colour-blind-safe palette; text sizes are chosen to stay readable when a
figure is printed at the width of an A4 text block.
"""

from __future__ import annotations

import math

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib.colors import ListedColormap
from matplotlib.patches import Patch

from interpol_review.checks.coverage import STATUS_ORDER

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
    axes.tick_params(axis="x", labelsize=8, labelrotation=45)
    axes.xaxis.tick_top()
    axes.xaxis.set_label_position("top")
    handles = [Patch(facecolor=STATUS_COLOURS[status], edgecolor="0.7", label=status) for status in STATUS_ORDER]
    axes.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.01), ncol=len(handles), frameon=False)
    figure.tight_layout()
    return figure


STATUS_LABELS = {"observed": "published count", "bounded": "published bound", "reconstructed": "reconstructed"}
STATUS_MARKERS = {"observed": "o", "bounded": "s", "reconstructed": "D"}


def interval_points(table: pd.DataFrame, value: str, low: str, high: str) -> pd.DataFrame:
    """Rows to draw: finite intervals only, with a midpoint where no point value was published."""
    finite = table[np.isfinite(table[high]) & np.isfinite(table[low])].copy()
    finite["shown"] = finite[value].where(finite[value].notna(), (finite[low] + finite[high]) / 2)
    return finite


def draw_intervals(axes: plt.Axes, rows: pd.DataFrame, low: str, high: str, colour) -> None:
    """Filled markers for published counts; hollow markers on a bar for bounded or reconstructed values.

    Drawn with matplotlib rather than seaborn.objects: the filled-versus-hollow distinction by status,
    with one shared legend across facets, is not expressible there without losing the legend.
    """
    for status, group in rows.groupby("status"):
        published = status == "observed"
        if not published:
            axes.vlines(group["year"], group[low], group[high], color=colour, alpha=0.55, linewidth=3)
        axes.plot(
            group["year"],
            group["shown"],
            linestyle="none",
            marker=STATUS_MARKERS.get(status, "o"),
            markersize=6,
            markerfacecolor=colour if published else "white",
            markeredgecolor=colour,
            markeredgewidth=1.4,
        )


def year_ticks(axes: plt.Axes, years: list[int], narrow: bool = False) -> None:
    axes.set_xticks(years)
    every = 1 if len(years) <= 5 or not narrow else 2
    axes.set_xticklabels([str(year) if (year - years[0]) % every == 0 else "" for year in years])
    axes.set_xlim(min(years) - 0.5, max(years) + 0.5)


def status_legend(figure: plt.Figure, statuses: list[str], extra: list | None = None) -> None:
    handles = [
        plt.Line2D(
            [],
            [],
            linestyle="none",
            marker=STATUS_MARKERS[s],
            markersize=6,
            markeredgewidth=1.4,
            markerfacecolor=PALETTE[0] if s == "observed" else "white",
            markeredgecolor=PALETTE[0],
            label=STATUS_LABELS[s] + ("" if s == "observed" else " (bar: interval, marker: midpoint)"),
        )
        for s in STATUS_LABELS
        if s in statuses
    ]
    figure.legend(
        handles=handles + (extra or []),
        loc="lower center",
        ncol=2,
        frameon=False,
        bbox_to_anchor=(0.5, -0.01),
        fontsize=8,
    )


def over_time(
    table: pd.DataFrame, value: str, low: str, high: str, facet: str, y_label: str, years: list[int], columns: int = 2
) -> plt.Figure:
    """One panel per ``facet`` value, years on the x axis, each value with its interval."""
    shown = interval_points(table, value, low, high)
    labels = list(dict.fromkeys(table[facet]))
    rows = math.ceil(len(labels) / columns)
    figure, grid = plt.subplots(rows, columns, figsize=(FIGURE_WIDTH, 2.1 * rows + 1.0), sharex=True, squeeze=False)
    for axes, label in zip(grid.flat, labels, strict=False):
        draw_intervals(axes, shown[shown[facet] == label], low, high, PALETTE[0])
        axes.set_title(label, fontsize=9)
        axes.set_ylim(bottom=0)
        year_ticks(axes, years, narrow=columns > 1)
        axes.tick_params(labelsize=8)
    for axes in list(grid.flat)[len(labels) :]:
        axes.set_visible(False)
    for axes in grid[:, 0]:
        axes.set_ylabel(y_label, fontsize=9)
    status_legend(figure, sorted(set(shown["status"])))
    figure.tight_layout(rect=(0, 0.09 if rows < 3 else 0.06, 1, 1))
    return figure


def trend_figure(
    points: pd.DataFrame, band: pd.DataFrame, prediction: dict | None, y_label: str, years: list[int]
) -> plt.Figure:
    """Data points, the fitted trend with its confidence band (shaded) and the next year's prediction
    interval (dashed bar): two different uncertainties, drawn differently."""
    shown = interval_points(points, "value", "low", "high")
    figure, axes = plt.subplots(figsize=(FIGURE_WIDTH, 3.4))
    axes.fill_between(band["year"], band["conf_low"], band["conf_high"], color=PALETTE[0], alpha=0.18, linewidth=0)
    axes.plot(band["year"], band["fitted"], color=PALETTE[0], linewidth=1.5)
    draw_intervals(axes, shown, "low", "high", "0.2")
    extra = [
        mpl.patches.Patch(color=PALETTE[0], alpha=0.3, label="fitted trend, 95% confidence band"),
    ]
    if prediction is not None and np.isfinite(prediction["low"]):
        axes.vlines(
            prediction["year"], prediction["low"], prediction["high"], color=PALETTE[3], linestyle="--", linewidth=2
        )
        extra.append(
            plt.Line2D(
                [],
                [],
                color=PALETTE[3],
                linestyle="--",
                linewidth=2,
                label=f"95% prediction interval, {prediction['year']}",
            )
        )
    axes.set_ylabel(y_label)
    axes.set_xlabel("Year")
    # A band from very few points can be enormous; keep the data readable and let the band run off the top.
    tops = [shown["high"].max(), shown["shown"].max() * 1.6]
    if prediction is not None and np.isfinite(prediction["high"]):
        tops.append(prediction["high"])
    axes.set_ylim(0, max(tops) * 1.08)
    year_ticks(axes, years)
    status_legend(figure, sorted(set(shown["status"])), extra)
    figure.tight_layout(rect=(0, 0.24, 1, 1))
    return figure
