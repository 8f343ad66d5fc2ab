"""The report's figures. Each draws itself for a width in inches (the PDF's text block, or a phone).

Drawn with matplotlib under the project's seaborn theme rather than seaborn.objects: a published count
as a dot, a range as a bar with no midpoint marker, a range too wide to draw clipped with an arrow and
its upper end written, and "not published" marks for empty years are per-point decisions that the
declarative interface does not express.
"""

from __future__ import annotations

import math

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib.colors import ListedColormap
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from interpol_review.core.formatting import number
from interpol_review.ledger.status import Status

PALETTE = sns.color_palette("colorblind")
STATUS_COLOURS = {
    Status.PUBLISHED: PALETTE[0],
    Status.BOUNDED: PALETTE[9],
    Status.RECONSTRUCTED: PALETTE[1],
    Status.MISSING: (0.92, 0.92, 0.92),
}
NARROW_BELOW = 5.0  # inches: below this, panels stack in one column
NOT_PUBLISHED_MARK = dict(marker="x", color="0.55", markersize=5, linestyle="none")
WIDE_RANGE = 3.0  # a range whose top is more than three times its bottom does not set the scale


def columns_for(width: float, wanted: int = 2) -> int:
    return 1 if width < NARROW_BELOW else wanted


def year_axis(axes: plt.Axes, years: list[int], panel_width: float) -> None:
    """A tick for every year and a label for as many as fit the panel's width, on every panel."""
    axes.set_xticks(years)
    step = max(1, math.ceil(len(years) * 0.45 / max(panel_width - 0.6, 0.5)))
    axes.set_xticklabels([str(y) if (y - years[0]) % step == 0 else "" for y in years])
    axes.set_xlim(min(years) - 0.6, max(years) + 0.6)


def scale_top(frame: pd.DataFrame) -> float:
    """The top of a shared y scale: set by published values and narrow ranges, never by a wide range."""
    narrow = frame[np.isfinite(frame["high"]) & (frame["high"] <= WIDE_RANGE * frame["low"].clip(lower=1))]
    values = list(narrow["high"]) + list(frame["value"].dropna())
    return 1.15 * max(values) if values else 1.0


def draw_ranges(axes: plt.Axes, rows: pd.DataFrame, colour, top: float, offset: float = 0.0) -> None:
    """Published values as dots, ranges as bars (no midpoint), a range too wide to draw clipped with an
    arrow and its upper end written, and a lower bound ("at least 322") as a short bar with an arrow."""
    for row in rows.itertuples():
        x = row.year + offset
        if row.status == Status.MISSING or not (math.isfinite(row.low) or math.isfinite(row.high)):
            axes.plot([x], [0], **NOT_PUBLISHED_MARK)
            continue
        if row.low == row.high and row.status == Status.PUBLISHED:
            axes.plot([x], [row.low], marker="o", markersize=6, color=colour, linestyle="none")
            continue
        if not math.isfinite(row.high):
            tip = min(row.low + 0.12 * top, top * 0.97)
            axes.annotate(
                "",
                xy=(x, tip),
                xytext=(x, row.low),
                arrowprops=dict(arrowstyle="-|>", color=colour, linewidth=2.5, mutation_scale=10),
            )
            axes.text(x + 0.12, tip, f"at least {number(row.low)}", fontsize=7, color="0.25", va="center")
            continue
        high = min(row.high, top * 0.97)
        axes.vlines(x, row.low, high, color=colour, linewidth=4, alpha=0.65)
        if row.high > top * 0.97:
            axes.annotate(
                "",
                xy=(x, top * 0.995),
                xytext=(x, top * 0.9),
                arrowprops=dict(arrowstyle="->", color=colour, linewidth=1.2),
            )
            axes.text(x + 0.12, top * 0.93, f"to {number(row.high)}", fontsize=7, color="0.25", va="top")


def status_handles(colour) -> list:
    return [
        Line2D([], [], marker="o", color=colour, linestyle="none", markersize=6, label="published"),
        Line2D([], [], color=colour, linewidth=4, alpha=0.65, label="range the figures allow"),
        Line2D([], [], label="not published", **NOT_PUBLISHED_MARK),
    ]


def panels_over_time(
    table: pd.DataFrame, panels: list[tuple[str, str]], years: list[int], y_label: str, width: float
) -> plt.Figure:
    """One panel per series (``panels``: (series, title)), a shared y scale, every year labelled."""
    columns = columns_for(width)
    rows = math.ceil(len(panels) / columns)
    height = rows * (2.0 if columns == 1 else 2.1) + 0.7
    figure, grid = plt.subplots(rows, columns, figsize=(width, height), squeeze=False, sharey=True)
    top = scale_top(table[table["series"].isin([series for series, _ in panels])])
    for axes, (series, title) in zip(grid.flat, panels, strict=False):
        draw_ranges(axes, table[table["series"] == series], PALETTE[0], top)
        axes.set_title(title)
        axes.set_ylim(0, top)
        year_axis(axes, years, width / columns)
        axes.yaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: number(v)))
    for axes in list(grid.flat)[len(panels) :]:
        axes.set_visible(False)
    for axes in grid[:, 0]:
        axes.set_ylabel(y_label)
    figure.legend(
        handles=status_handles(PALETTE[0]), loc="lower center", ncol=3, frameon=False, bbox_to_anchor=(0.5, 0.0)
    )
    figure.tight_layout(rect=(0, 0.07 if rows > 1 else 0.12, 1, 1))
    return figure


def trend_plot(
    points: pd.DataFrame,
    band: pd.DataFrame,
    prediction: dict,
    fitted: list[int],
    years: list[int],
    y_label: str,
    level: str,
    width: float,
) -> plt.Figure:
    """Data, the fitted trend over the fitted years with its band, and the next year's prediction interval
    as a dashed bar with caps; years outside the fit in grey."""
    figure, axes = plt.subplots(figsize=(width, 3.3 if width >= NARROW_BELOW else 3.6))
    inside = points[points["year"].isin(fitted)]
    outside = points[~points["year"].isin(fitted)]
    shown = band[band["year"].between(min(fitted), max(fitted))]
    top = max(scale_top(points), shown["conf_high"].max() if len(shown) else 0, prediction.get("high") or 0)
    top = min(top * 1.05, 2.5 * scale_top(points))
    axes.fill_between(shown["year"], shown["conf_low"], shown["conf_high"], color=PALETTE[0], alpha=0.18, linewidth=0)
    axes.plot(shown["year"], shown["fitted"], color=PALETTE[0], linewidth=1.6)
    draw_ranges(axes, inside, "0.15", top)
    draw_ranges(axes, outside, "0.65", top)
    handles = [
        Line2D([], [], color=PALETTE[0], linewidth=1.6, label="fitted trend"),
        Patch(color=PALETTE[0], alpha=0.25, label=f"{level} band of the trend"),
        Line2D([], [], marker="o", color="0.15", linestyle="none", label="published"),
        Line2D([], [], color="0.15", linewidth=4, alpha=0.65, label="range the figures allow"),
    ]
    if len(outside):
        handles.append(Line2D([], [], marker="o", color="0.65", linestyle="none", label="not in the fit"))
    if prediction and math.isfinite(prediction.get("low", math.nan)):
        x = prediction["year"]
        axes.vlines(
            x, prediction["low"], min(prediction["high"], top * 0.98), color=PALETTE[3], linestyle="--", linewidth=2
        )
        for y in (prediction["low"], prediction["high"]):
            if y <= top:
                axes.hlines(y, x - 0.15, x + 0.15, color=PALETTE[3], linewidth=2)
        handles.append(Line2D([], [], color=PALETTE[3], linestyle="--", linewidth=2, label=f"{level} prediction, {x}"))
        years = sorted(set(years) | {x})
    axes.set_ylim(0, top)
    axes.set_ylabel(y_label)
    year_axis(axes, years, width)
    axes.yaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: number(v)))
    columns = 2 if width < NARROW_BELOW else 3
    figure.legend(handles=handles, loc="lower center", ncol=columns, frameon=False, bbox_to_anchor=(0.5, 0.0))
    figure.tight_layout(rect=(0, 0.2 if width >= NARROW_BELOW else 0.28, 1, 1))
    return figure


def coverage_map(matrix: pd.DataFrame, width: float) -> plt.Figure:
    """Series by year, each cell coloured by what was published for it."""
    import textwrap

    order = list(Status)
    codes = matrix.apply(lambda column: column.map(lambda s: order.index(Status(s)))).astype(float)
    narrow = width < NARROW_BELOW
    # On a phone the labels wrap and rows grow with them; on a page each label keeps one line, so that the
    # rows stay even and the map fits the most of a page the PDF gives it (page_share in figures.py).
    wrap = 26 if narrow else 100
    codes.index = ["\n".join(textwrap.wrap(label, wrap)) for label in codes.index]
    lines = sum(label.count("\n") + 1 for label in codes.index)
    height = 1.3 + 0.17 * lines + 0.12 * len(codes) if narrow else 1.0 + 0.165 * len(codes)
    figure, axes = plt.subplots(figsize=(width, height))
    sns.heatmap(
        codes,
        ax=axes,
        cmap=ListedColormap([STATUS_COLOURS[s] for s in order]),
        vmin=-0.5,
        vmax=len(order) - 0.5,
        cbar=False,
        linewidths=1.0,
        linecolor="white",
    )
    axes.set_xlabel("")
    axes.set_ylabel("")
    axes.tick_params(axis="both", length=0, labelsize=7.5 if narrow else 8)
    axes.tick_params(axis="x", labelrotation=90)
    axes.xaxis.tick_top()
    handles = [Patch(facecolor=STATUS_COLOURS[s], edgecolor="0.7", label=s.value) for s in order]
    figure.legend(handles=handles, loc="lower center", ncol=2 if narrow else 4, frameon=False)
    figure.tight_layout(rect=(0, 0.06 if narrow else 0.04, 1, 1))
    return figure


def two_series(
    first: pd.DataFrame, second: pd.DataFrame, labels: tuple[str, str], years: list[int], y_label: str, width: float
) -> plt.Figure:
    """Two series on one scale (the two deletion routes), side by side in each year."""
    figure, axes = plt.subplots(figsize=(width, 2.8 if width >= NARROW_BELOW else 3.6))
    top = scale_top(pd.concat([first, second]))
    draw_ranges(axes, first, PALETTE[0], top, offset=-0.12)
    draw_ranges(axes, second, PALETTE[2], top, offset=0.12)
    axes.set_ylim(0, top)
    axes.set_ylabel(y_label)
    year_axis(axes, years, width)
    axes.yaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: number(v)))
    handles = [
        Line2D([], [], marker="o", color=PALETTE[0], linestyle="none", label=labels[0]),
        Line2D([], [], marker="o", color=PALETTE[2], linestyle="none", label=labels[1]),
        Line2D([], [], color="0.4", linewidth=4, alpha=0.65, label="range the figures allow"),
        Line2D([], [], label="not published", **NOT_PUBLISHED_MARK),
    ]
    figure.legend(handles=handles, loc="lower center", ncol=2, frameon=False, bbox_to_anchor=(0.5, 0.0))
    figure.tight_layout(rect=(0, 0.2 if width >= NARROW_BELOW else 0.27, 1, 1))
    return figure


def shares_plot(shares: pd.DataFrame, labels: dict[str, str], years: list[int], width: float) -> plt.Figure:
    """Each share series over the years, on a 0-100% scale: a published share as a dot, a share the figures
    give only as a range as an open dot at its middle; the bars are the intervals at the report's level."""
    figure, axes = plt.subplots(figsize=(width, 3.0 if width >= NARROW_BELOW else 3.8))
    keys = list(labels)
    offsets = np.linspace(-0.18, 0.18, len(keys)) if len(keys) > 1 else [0.0]
    handles = []
    for number_, (key, offset) in enumerate(zip(keys, offsets, strict=True)):
        rows = shares[shares["series"] == key]
        colour = PALETTE[[0, 2, 4][number_ % 3]]
        positions = rows["year"] + offset
        axes.vlines(positions, 100 * rows["low"], 100 * rows["high"], color=colour, linewidth=3, alpha=0.55)
        middle = 100 * (rows["share_low"] + rows["share_high"]) / 2
        published = rows["status"] == "published"
        axes.plot(positions[published], middle[published], marker="o", color=colour, linestyle="none")
        axes.plot(
            positions[~published],
            middle[~published],
            marker="o",
            markerfacecolor="white",
            color=colour,
            linestyle="none",
        )
        handles.append(Line2D([], [], marker="o", color=colour, linestyle="none", label=labels[key]))
    handles.append(Line2D([], [], marker="o", markerfacecolor="white", color="0.4", linestyle="none", label="a range"))
    axes.set_ylim(0, 100)
    axes.set_ylabel("% of complaints")
    year_axis(axes, years, width)
    figure.legend(handles=handles, loc="lower center", ncol=1, frameon=False, bbox_to_anchor=(0.5, 0.0))
    figure.tight_layout(rect=(0, 0.3 if width >= NARROW_BELOW else 0.38, 1, 1))
    return figure
