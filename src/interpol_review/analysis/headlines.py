"""The report's headline numbers, as data: the latest counts, rates and trends of both deletion routes.
The summary, the index page, "what changed" and results.json all read them from here, so a number in
the first sentence of a report is the number in its JSON."""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from interpol_review.ledger.series import REFUSED_ALL
from interpol_review.ledger.status import Status
from interpol_review.stats import ccf_shares


@dataclass(frozen=True)
class Headline:
    key: str
    year: str  # a year, a span of years, or ""
    value: float  # the point, NaN where only an interval is known
    low: float
    high: float
    unit: str  # count, per_1000, share, rate_ratio, odds_ratio
    basis: str  # the figures or the method behind it
    note: str = ""

    @staticmethod
    def absent(like: Headline) -> Headline:
        return Headline(like.key, "", math.nan, math.nan, math.nan, like.unit, "not in the earlier edition")


def headlines(analysis) -> list[Headline]:
    found = [
        *latest_counts(analysis.panel.table),
        *latest_rate(analysis.rates),
        *trend_headlines(analysis.trends, "task_force"),
        *ccf_share(analysis.complaints.shares),
        *ccf_share_trends(analysis.complaints.share_trends),
        *ccf_latest(analysis.complaints.series),
        *trend_headlines(analysis.complaints.trends, "ccf"),
    ]
    return found


def latest_counts(panel: pd.DataFrame) -> list[Headline]:
    """The latest published total of refusals and cancellations, and the latest of the same scope as the
    earlier years where the latest may cover other notice colours."""
    published = panel[(panel["series"] == REFUSED_ALL) & (panel["status"] == Status.PUBLISHED)].sort_values("year")
    found = []
    if len(published):
        last = published.iloc[-1]
        note = "the scope may include other notice colours" if last["scope_break"] else ""
        found.append(
            Headline(
                "task_force_latest_count",
                str(last["year"]),
                last["value"],
                last["low"],
                last["high"],
                "count",
                last["figure_ids"],
                note,
            )
        )
        comparable = published[~published["scope_break"]]
        if last["scope_break"] and len(comparable):
            row = comparable.iloc[-1]
            found.append(
                Headline(
                    "task_force_latest_comparable_count",
                    str(row["year"]),
                    row["value"],
                    row["low"],
                    row["high"],
                    "count",
                    row["figure_ids"],
                )
            )
    return found


def latest_rate(rates: pd.DataFrame) -> list[Headline]:
    rows = rates[(rates["series"] == REFUSED_ALL) & rates["high"].map(math.isfinite)].sort_values("year")
    if rows.empty:
        return []
    last = rows.iloc[-1]
    return [
        Headline(
            "task_force_latest_rate",
            str(last["year"]),
            last["rate_per_1000"],
            last["low"],
            last["high"],
            "per_1000",
            last["status"],
        )
    ]


def trend_headlines(trends: pd.DataFrame, route: str) -> list[Headline]:
    found = []
    for row in trends.itertuples():
        measure = "rate" if row.with_exposure else "count"
        span = f"{min(row.years)}-{max(row.years)}"
        found.append(
            Headline(
                f"{route}_trend_{row.series}_{measure}",
                span,
                row.rate_ratio_per_year,
                row.low,
                row.high,
                "rate_ratio",
                f"{row.number_of_years} years, {row.residual_df} residual df",
            )
        )
    return found


def ccf_share(shares: pd.DataFrame) -> list[Headline]:
    """The latest published share of reviewed complaints that ended with deletion (every outcome)."""
    if shares.empty:
        return []
    rows = shares[(shares["series"] == ccf_shares.HEADLINE.key) & (shares["status"] == "published")]
    if rows.empty:
        return []
    last = rows.sort_values("year").iloc[-1]
    return [
        Headline(
            "ccf_deletion_share",
            last["period"],
            last["share"],
            last["low"],
            last["high"],
            "share",
            last["figure_ids"],
            "of every outcome of the admissible complaints reviewed",
        )
    ]


def ccf_share_trends(trends: dict) -> list[Headline]:
    """The odds ratio per year of each share series with a trend."""
    return [
        Headline(
            f"ccf_share_trend_{key}",
            f"{trend['years'][0]}-{trend['years'][-1]}",
            trend["odds_ratio_per_year"],
            trend["low"],
            trend["high"],
            "odds_ratio",
            f"{trend['number_of_years']} years, {trend['model']}",
        )
        for key, trend in trends.items()
        if trend is not None
    ]


def ccf_latest(series: pd.DataFrame) -> list[Headline]:
    found = []
    for measure in ("deleted_after_complaint", "requests_admissible"):
        rows = series[(series["measure"] == measure) & series["status"].eq(Status.PUBLISHED)]
        if len(rows):
            last = rows.sort_values("period").iloc[-1]
            found.append(
                Headline(
                    f"ccf_latest_{measure}",
                    last["period"],
                    last["value"],
                    last["low"],
                    last["high"],
                    "count",
                    last["figure_ids"],
                )
            )
    return found
