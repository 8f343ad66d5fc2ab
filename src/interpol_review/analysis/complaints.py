"""The CCF route of one report: caseload, deletion shares, how deletions happened, time to decide, and the
two routes side by side."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import pandas as pd

from interpol_review.analysis import inputs, trend_runs
from interpol_review.analysis.settings import Settings
from interpol_review.analysis.window import Window
from interpol_review.ledger.series import REFUSED_ALL
from interpol_review.stats import ccf, ccf_shares, reconstruct, rising_share
from interpol_review.stats.panel import Panel

TREND_MEASURES = (
    "requests_admissible",
    "requests_finalised",
    "requests_received",
    "complaints_received",
    ccf_shares.DELETED,
)


@dataclass
class Complaints:
    series: pd.DataFrame  # caseload, deletions and decisions of the report's CCF years
    claims_series: pd.DataFrame  # the same over every year, for claims about the CCF's history
    shares: pd.DataFrame  # per year and share series (ccf_shares.SERIES): the share and its interval
    share_trends: dict[str, dict | None]  # per share series: its logistic trend, None with too few years
    share_changes: pd.DataFrame  # per share series: changes between published years
    other_shares: pd.DataFrame  # deletions over wider denominators (complaints received, all requests)
    trends: pd.DataFrame
    bands: pd.DataFrame
    changes: pd.DataFrame
    routes: pd.DataFrame
    time_to_decide: pd.DataFrame
    two_routes: pd.DataFrame


def complaints_analysis(figures: pd.DataFrame, settings: Settings, window: Window) -> Complaints:
    measures = (*ccf.CASELOAD, ccf_shares.DELETED, ccf_shares.COMPLIANT, "requests_unspecified")
    series = ccf.series_table(figures, measures, window.ccf_start, window.end)
    claims_series = ccf.series_table(figures, measures, 1900, window.end)
    shares = yearly_shares(figures, series, settings, window.ccf_start, window.end)
    results = trend_runs.TrendResults()
    ccf_settings = replace(settings, scope_break="pooled")  # no scope break in the CCF's series
    for measure in TREND_MEASURES:
        trend_runs.fit_series(inputs.ccf_rows(series, measure), measure, False, ccf_settings, results)
    return Complaints(
        series=series,
        claims_series=claims_series,
        shares=shares,
        share_trends={
            share.key: ccf_shares.share_trend(shares[shares["series"] == share.key], settings.confidence)
            for share in ccf_shares.SERIES
        },
        share_changes=ccf_shares.share_changes(shares, settings.confidence),
        other_shares=ccf.other_shares(series, settings.confidence, settings.interval_method),
        trends=results.table(),
        bands=results.bands(),
        changes=results.changes_table(),
        routes=ccf.deletion_routes(figures, window.ccf_start, window.end),
        time_to_decide=ccf.time_to_decide(figures[figures["period_start"].between(window.ccf_start, window.end)]),
        two_routes=pd.DataFrame(),
    )


def yearly_shares(figures: pd.DataFrame, series: pd.DataFrame, settings: Settings, first: int, last: int):
    """The share series of the years [first, last], from the CCF's counts and its published shares."""
    published = figures[
        (figures["body"] == ccf.CCF)
        & (figures["measure"] == ccf_shares.COMPLIANT_SHARE)
        & (figures["period_type"] == "year")
        & figures["period_start"].between(first, last)
    ]
    return ccf_shares.share_rows(series, published, settings.confidence, settings.interval_method)


def two_routes(panel: Panel, complaints: Complaints) -> pd.DataFrame:
    """Task force refusals and cancellations beside CCF deletions, for every period both were published
    (a two-year CCF total beside the task force's two years summed under the same constraints)."""
    deleted = complaints.series[complaints.series["measure"] == ccf_shares.DELETED]
    table = panel.table[panel.table["series"] == REFUSED_ALL].set_index("year")
    rows = []
    for cell in deleted.itertuples():
        years = list(cell.years)
        if not all(year in table.index for year in years):
            continue
        if len(years) == 1:
            task_force = table.loc[years[0]]
            low, high, status = task_force["low"], task_force["high"], task_force["status"]
            scope_break = bool(task_force["scope_break"])
        else:
            low, high = joint_sum(panel, years, REFUSED_ALL)
            status, scope_break = "reconstructed (sum of the years)", False
        if status == "missing" or not math.isfinite(high):
            continue
        rows.append(
            {
                "period": cell.period,
                "task_force_low": low,
                "task_force_high": high,
                "task_force_status": status,
                "scope_break": scope_break,
                "ccf_low": cell.low,
                "ccf_high": cell.high,
                "ccf_status": cell.status,
                "ccf_figure_ids": cell.figure_ids,
                "ccf_per_100_task_force_low": 100 * cell.low / high if high > 0 else math.nan,
                "ccf_per_100_task_force_high": 100 * cell.high / low if low > 0 else math.inf,
            }
        )
    return pd.DataFrame(rows)


def joint_sum(panel: Panel, years: list[int], series: str) -> tuple[float, float]:
    """Bounds on a task force series' total over several years, under the panel's own statements."""
    system = panel.system
    if not all(year in system.years for year in years):
        return 0.0, math.inf
    group = [(series, years)]
    if system.rising_shares:
        found = rising_share.exact_sum_bounds(system, panel.bounds, group)
    else:
        found = reconstruct.joint_bounds(system, group)
    return float(found["low"].iloc[0]), float(found["high"].iloc[0])
