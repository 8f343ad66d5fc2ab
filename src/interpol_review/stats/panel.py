"""The yearly panel of the task force's figures: one row per year and series, each value published,
bounded, reconstructed or missing (ledger/status.py), always with an interval [low, high].

- published: a count was published (after the recorded disagreement rules), low = high = value;
- bounded: only an approximate value, a bound or a range of disagreeing counts was published for the cell;
- reconstructed: nothing was published for the cell, but published aggregates bound it;
- missing: nothing constrains it (low 0, high infinite).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from interpol_review.checks.constraints import System, build_system
from interpol_review.checks.disagreements import resolve
from interpol_review.core.formatting import consecutive_runs
from interpol_review.ledger.load import Ledger
from interpol_review.ledger.series import SERIES, review_figures
from interpol_review.ledger.status import Status
from interpol_review.ledger.vocabulary import LEVEL_KINDS
from interpol_review.stats import reconstruct, rising_share

LINEAR, WITH_RISING_SHARE = "linear (exact)", "with the rising share (exact, branch and bound)"


@dataclass(frozen=True)
class Panel:
    table: pd.DataFrame  # year, series, status, value, low, high, figure_ids, scope_break, bound_method, binding
    set_aside: pd.DataFrame  # figures the recorded disagreement rules set aside, and why
    joint: pd.DataFrame  # series, years, low, high: what the figures pin down for several years together
    system: System
    bounds: pd.DataFrame  # series, year, low, high of every cell of the system (all its years)


def build_panel(
    ledger: Ledger,
    start_year: int,
    end_year: int,
    disagreement_rule: str = "sum_of_parts",
    scope_break: str = "own_level",
    rising_share_rule: str = "impose",
    with_binding_figures: bool = True,
) -> Panel:
    """The panel for [start_year, end_year]; the window of the constraints also covers every span of
    published aggregates, whose averages bound the years without data. Naming the figures that bind each
    bound costs a linear program per figure and cell: sensitivity panels skip it."""
    resolution = resolve(ledger.figures, ledger.disagreements, disagreement_rule)
    review = review_figures(resolution.used, include_scope_break=scope_break != "exclude")
    spans = review[review["period_type"] == "span"]
    first = min([start_year, *spans["period_start"]])
    last = max([end_year, *spans["period_end"]])
    system = build_system(review, list(range(first, last + 1)), rising_share_rule)
    bounds = with_statements(system, reconstruct.cell_bounds(system).set_index(["series", "year"]))
    scope_break_years = set(review.loc[review["scope_break"], "period_start"])
    rows = []
    for year in range(start_year, end_year + 1):
        for series in SERIES:
            direct = review[
                (review["series"] == series)
                & (review["period_type"] == "year")
                & (review["period_start"] == year)
                & review["kind"].isin(LEVEL_KINDS)
            ]
            rows.append(cell(year, series, direct, bounds) | {"scope_break": year in scope_break_years})
    table = pd.DataFrame(rows)
    if with_binding_figures:
        table = with_binding(table, system)
    joint = joint_ranges(table, system, bounds.reset_index())
    return Panel(
        table=table,
        set_aside=resolution.set_aside,
        joint=joint,
        system=system,
        bounds=bounds.reset_index()[["series", "year", "low", "high"]],
    )


def with_statements(system: System, bounds: pd.DataFrame) -> pd.DataFrame:
    """The linear bounds, tightened where the rising-share statement moves them (exact nonlinear bounds),
    each marked with how it was found and, in ``statement_sets``, which side the statement set."""
    bounds["bound_method"] = LINEAR
    bounds["statement_sets"] = ""
    cells = [
        (series, year)
        for statement in system.rising_shares
        for year in range(statement.start, statement.end + 1)
        for series in SERIES
    ]
    if not cells:
        return bounds
    exact = rising_share.exact_bounds(system, bounds.reset_index(), cells).set_index(["series", "year"])
    for side in ("low", "high"):
        moved = exact.index[(exact[side] - bounds.loc[exact.index, side]).abs() > 0.5]
        bounds.loc[moved, side] = exact.loc[moved, side]
        bounds.loc[moved, "bound_method"] = WITH_RISING_SHARE
        bounds.loc[moved, "statement_sets"] += f" {side}"
    return bounds


def cell(year: int, series: str, direct: pd.DataFrame, bounds: pd.DataFrame) -> dict:
    """One panel cell from the figures published for it and the reconstruction's bounds."""
    low, high, method, statement_sets = 0.0, math.inf, "", ""
    if (series, year) in bounds.index:
        low, high, method, statement_sets = bounds.loc[
            (series, year), ["low", "high", "bound_method", "statement_sets"]
        ]
    counts = direct[direct["kind"] == "count"]
    if len(counts) and counts["value"].nunique() == 1:
        value = low = high = float(counts["value"].iloc[0])
        status, method = Status.PUBLISHED, ""
    elif len(direct):
        low, high = max(low, float(direct["low"].min())), min(high, float(direct["high"].max()))
        approximate = direct[direct["kind"] == "approximate"]
        value = float(approximate["value"].iloc[0]) if len(approximate) else math.nan
        status = Status.BOUNDED
    else:
        value = low if low == high else math.nan  # a reconstruction can pin a cell exactly (503 = 150 + 353)
        status = Status.RECONSTRUCTED if (low > 0 or math.isfinite(high)) else Status.MISSING
    return {
        "year": year,
        "series": series,
        "status": status.value,
        "value": value,
        "low": float(low),
        "high": float(high),
        "figure_ids": ", ".join(direct["figure_id"]),
        "bound_method": method if status in (Status.BOUNDED, Status.RECONSTRUCTED) else "",
        "statement_sets": statement_sets.strip() if status in (Status.BOUNDED, Status.RECONSTRUCTED) else "",
    }


def with_binding(table: pd.DataFrame, system: System) -> pd.DataFrame:
    """The figures whose removal would widen each bound of each reconstructed cell. Where the rising-share
    statement sets a bound, the statement is what binds it and is named instead."""
    wanted = table[table["status"].isin([Status.RECONSTRUCTED, Status.BOUNDED]) & table["year"].isin(system.years)]
    cells = list(zip(wanted["series"], wanted["year"], strict=True))
    found = reconstruct.binding_figures(system, cells)
    table = table.assign(binding_low="", binding_high="")
    if found.empty:
        return table
    by_cell = found.set_index(["series", "year", "sense"])["binding"]
    statements = ", ".join(statement.figure_id for statement in system.rising_shares)
    for position, row in table.iterrows():
        for side in ("low", "high"):
            key = (row["series"], row["year"], side)
            if side in row["statement_sets"].split():
                table.at[position, f"binding_{side}"] = f"{statements} (rising share)"
            elif key in by_cell.index:
                table.at[position, f"binding_{side}"] = by_cell[key]
    return table


def joint_ranges(table: pd.DataFrame, system: System, cell_bounds: pd.DataFrame) -> pd.DataFrame:
    """For each series, the sum of its consecutive reconstructed years, where that sum is pinned down
    much more tightly than the years one by one (under the same statements as the single cells)."""
    groups = []
    for series, cells in table[table["status"] == Status.RECONSTRUCTED].groupby("series"):
        years = sorted(int(year) for year in cells["year"] if year in system.years)
        runs = consecutive_runs(years)
        groups += [(series, run) for run in runs if len(run) >= 2]
    if not groups:
        return pd.DataFrame(columns=["series", "years", "low", "high", "sum_of_single_ranges"])
    if system.rising_shares:
        joint = rising_share.exact_sum_bounds(system, cell_bounds, groups)
    else:
        joint = reconstruct.joint_bounds(system, groups)
    by_cell = table.set_index(["series", "year"])
    joint["sum_of_single_ranges"] = [
        (sum(by_cell.loc[(s, y), "low"] for y in years), sum(by_cell.loc[(s, y), "high"] for y in years))
        for s, years in zip(joint["series"], joint["years"], strict=True)
    ]
    tighter = [
        high - low < 0.9 * (single[1] - single[0])
        for low, high, single in zip(joint["low"], joint["high"], joint["sum_of_single_ranges"], strict=True)
    ]
    return joint[tighter].reset_index(drop=True)
