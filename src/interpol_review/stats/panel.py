"""The yearly panel: one row per year and series, each value observed, bounded, reconstructed or missing,
always with an interval [low, high].

- observed: a published count (after the disagreement rule), low = high = value;
- bounded: only an approximate value, a bound or a rounded figure was published for the cell;
- reconstructed: nothing was published for the cell, but published aggregates bound it (reconstruct.py);
- missing: nothing constrains it (low 0, high infinite).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from interpol_review.ledger.load import Ledger
from interpol_review.ledger.series import (
    ARTICLE_2,
    ARTICLE_2_OR_3,
    ARTICLE_3,
    ISSUED,
    OTHER,
    REFUSED_ALL,
    SERIES,
    review_figures,
)
from interpol_review.stats import reconstruct

OBSERVED, BOUNDED, RECONSTRUCTED, MISSING = "observed", "bounded", "reconstructed", "missing"
DISAGREEMENT_RULES = {
    "sum_of_parts": "Article 2 and Article 3 counts (three sources) win over a different stated total",
    "stated_total": "a stated total of Article 2 and 3 (the Secretary General's 483) wins over its parts",
}
RECONSTRUCTION_YEARS = (2017, 2021)
RISING_SHARE_RULES = {
    "impose": "the statement that the share rose every year tightens the bounds (local nonlinear solver)",
    "check": "bounds use linear statements only; the rising share is only checked",
}
LEVEL_KINDS = (
    "count",
    "approximate",
    "lower_bound",
    "upper_bound",
)  # figures that state the cell itself  # the span of INTERPOL's first release, where aggregates were published


@dataclass(frozen=True)
class Panel:
    table: pd.DataFrame  # year, series, status, value, low, high, figure_ids, scope_break, binding
    dropped: pd.DataFrame  # figures set aside by the disagreement rule, and why
    system: reconstruct.System
    reconstruction: pd.DataFrame


def resolve_disagreements(review: pd.DataFrame, rule: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Apply the disagreement rule; return the kept figures and the dropped ones with the reason."""
    if rule not in DISAGREEMENT_RULES:
        raise ValueError(f"unknown disagreement rule {rule!r}; expected one of {sorted(DISAGREEMENT_RULES)}")
    counts = review[(review["kind"] == "count") & (review["period_type"] == "year")]
    dropped = []
    for year, group in counts.groupby("period_start"):
        values = {series: set(group.loc[group["series"] == series, "value"]) for series in SERIES}
        parts, total = values[ARTICLE_2] | set(), values[ARTICLE_2_OR_3]
        if len(values[ARTICLE_2]) == 1 and len(values[ARTICLE_3]) == 1 and total:
            implied = next(iter(parts)) + next(iter(values[ARTICLE_3]))
            if total != {implied}:
                losers = [ARTICLE_2_OR_3] if rule == "sum_of_parts" else [ARTICLE_2, ARTICLE_3]
                for row in group[group["series"].isin(losers)].itertuples():
                    dropped.append(
                        {
                            "figure_id": row.figure_id,
                            "year": year,
                            "series": row.series,
                            "value": row.value,
                            "reason": f"{rule}: {DISAGREEMENT_RULES[rule]}",
                        }
                    )
    dropped = pd.DataFrame(dropped, columns=["figure_id", "year", "series", "value", "reason"])
    return review[~review["figure_id"].isin(dropped["figure_id"])], dropped


def build_panel(
    ledger: Ledger,
    start_year: int,
    end_year: int,
    disagreement_rule: str = "sum_of_parts",
    include_2024: bool = True,
    trend_statements_as_constraints: bool = True,
    rising_share: str = "impose",
) -> Panel:
    """The panel for [start_year, end_year]. ``rising_share`` is "impose" (tighten the cells of a
    rising-share statement with the nonlinear solver) or "check" (exact linear bounds only)."""
    if rising_share not in RISING_SHARE_RULES:
        raise ValueError(f"unknown rising_share {rising_share!r}; expected one of {sorted(RISING_SHARE_RULES)}")
    review = review_figures(ledger.figures, include_scope_break=include_2024)
    kept, dropped = resolve_disagreements(review, disagreement_rule)
    # The window always covers the first release's span, whose averages bound the years without data.
    first, last = min(start_year, RECONSTRUCTION_YEARS[0]), max(end_year, RECONSTRUCTION_YEARS[1])
    system = reconstruct.build_system(kept, list(range(first, last + 1)), trend_statements_as_constraints)
    bounds = reconstruct.reconstruct(system).set_index(["series", "year"])
    scope_break_years = set(kept.loc[kept["scope_break"], "period_start"])
    rows = []
    for year in range(start_year, end_year + 1):
        for series in SERIES:
            direct = kept[
                (kept["series"] == series)
                & (kept["period_type"] == "year")
                & (kept["period_start"] == year)
                & kept["kind"].isin(LEVEL_KINDS)
            ]
            rows.append(cell(year, series, direct, bounds) | {"scope_break": year in scope_break_years})
    # The nonlinear statement concerns the first release only; solve it there, where every cell is bounded.
    release = reconstruct.build_system(
        kept, list(range(RECONSTRUCTION_YEARS[0], RECONSTRUCTION_YEARS[1] + 1)), trend_statements_as_constraints
    )
    nonlinear = rising_share_bounds(release if rising_share == "impose" else None, bounds.reset_index())
    table = pd.DataFrame(rows).merge(nonlinear, on=["series", "year"], how="left")
    table["bound_method"] = np.where(table["status"].isin([RECONSTRUCTED, BOUNDED]), "linear (exact)", "")
    if rising_share == "impose":
        tighter = table["low_if_share_rises"].notna() & table["high_if_share_rises"].notna()
        tighter &= table["status"].isin([RECONSTRUCTED, BOUNDED])
        tighter &= (table["low_if_share_rises"] > table["low"]) | (table["high_if_share_rises"] < table["high"])
        table.loc[tighter, "low"] = table.loc[tighter, ["low", "low_if_share_rises"]].max(axis=1)
        table.loc[tighter, "high"] = table.loc[tighter, ["high", "high_if_share_rises"]].min(axis=1)
        table.loc[tighter, "bound_method"] = "nonlinear (local, rising share imposed)"
        # A part cannot exceed its total: carry a tightened total down to the grounds of the same year.
        totals = table[table["series"] == REFUSED_ALL].set_index("year")["high"]
        parts = table["series"].isin([ARTICLE_2, ARTICLE_3, ARTICLE_2_OR_3, OTHER])
        capped = parts & (table["high"] > table["year"].map(totals))
        table.loc[capped, "high"] = table.loc[capped, "year"].map(totals)
        table.loc[capped, "bound_method"] = "capped by the tightened total"
    return Panel(table=table, dropped=dropped, system=system, reconstruction=bounds.reset_index())


def rising_share_bounds(system: reconstruct.System | None, linear: pd.DataFrame) -> pd.DataFrame:
    """Bounds on refused and issued in the years of a rising-share statement, with it imposed (local solver).

    Columns ``low_if_share_rises`` and ``high_if_share_rises``; empty when the ledger has no such statement.
    """
    statements = system.rising_shares if system is not None else []
    cells = [
        (series, year)
        for statement in statements
        for year in range(statement.start, statement.end + 1)
        for series in (REFUSED_ALL, ISSUED)
    ]
    columns = ["series", "year", "low_if_share_rises", "high_if_share_rises"]
    if not cells:
        return pd.DataFrame(columns=columns)
    found = reconstruct.nonlinear_bounds(system, linear, cells)
    found = found.rename(columns={"nonlinear_low": columns[2], "nonlinear_high": columns[3]})
    # Counts are whole numbers: round the local optima inwards, as the integer linear bounds are.
    found[columns[2]] = np.ceil(found[columns[2]].astype(float) - 1e-6)
    found[columns[3]] = np.floor(found[columns[3]].astype(float) + 1e-6)
    return found[columns]


def cell(year: int, series: str, direct: pd.DataFrame, bounds: pd.DataFrame) -> dict:
    """One panel cell from the figures published for it and the reconstruction's bounds."""
    low, high = 0.0, math.inf
    if (series, year) in bounds.index:
        low, high = bounds.loc[(series, year), "low"], bounds.loc[(series, year), "high"]
    binding = ""
    counts = direct[direct["kind"] == "count"]
    if len(counts) and counts["value"].nunique() == 1:
        value = low = high = float(counts["value"].iloc[0])
        status = OBSERVED
    elif len(direct):
        low = max(low, float(direct["low"].max()))
        high = min(high, float(direct["high"].min()))
        approximate = direct[direct["kind"] == "approximate"]
        value = float(approximate["value"].iloc[0]) if len(approximate) else math.nan
        status = BOUNDED
    else:
        value = low if low == high else math.nan  # a reconstruction can pin a cell exactly (503 = 150 + 353)
        has_bounds = (series, year) in bounds.index and (low > 0 or math.isfinite(high))
        status = RECONSTRUCTED if has_bounds else MISSING
        if has_bounds:
            binding = " | ".join(
                filter(None, [bounds.loc[(series, year), "binding_low"], bounds.loc[(series, year), "binding_high"]])
            )
    figure_ids = ", ".join(direct["figure_id"])
    return dict(
        year=year, series=series, status=status, value=value, low=low, high=high, figure_ids=figure_ids, binding=binding
    )
