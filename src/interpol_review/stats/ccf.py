"""The second deletion route: complaints to the Commission for the Control of INTERPOL's Files (CCF).

A person who learns of an alert can ask the CCF for access to INTERPOL's data on them, complain and ask
for its correction or deletion, or ask for a decision to be revised. The CCF finds the data compliant or
not and has non-compliant data deleted. Its annual reports are not available; the figures reach us through
law firms and blogs that quote them, so each series has gaps and some years disagree.

The series here are yearly intervals built from the ledger after the recorded disagreement rules: a
published count is a point, a chart reading or a rounded figure an interval, a total over two years (the
CCF's 2019-2020 report) a constraint on the sum of the two years, and a count of a part (Red Notices
only) a lower bound for all data deleted.
"""

from __future__ import annotations

import math

import pandas as pd

from interpol_review.ledger.figure_rules import qualifier_items
from interpol_review.ledger.status import Status
from interpol_review.ledger.vocabulary import CCF_BODY, LEVEL_KINDS
from interpol_review.stats.ccf_shares import DELETED, interval

CCF = CCF_BODY
CASELOAD = (
    "requests_received",
    "requests_admissible",
    "requests_finalised",
    "complaints_received",
    "complaints_processed",
    "complaints_admissible",
    "complaints_decided",
)
DELETION_ROUTES = (
    "deleted_after_legal_consideration",
    "deleted_ncb_no_answer",
    "deleted_by_gs_or_ncb_before_decision",
    "closed_ncb_non_cooperation",
)
TIME_MEASURES = ("share_decided_within_deadline", "share_exceeding_deadline")
# Counts a deletion count is also divided by, beyond the share series of ccf_shares.py: wider
# denominators, of which many were never decided on the merits.
OTHER_DENOMINATORS = {
    "complaints_processed": "complaints processed",
    "complaints_received": "complaints received",
    "requests_finalised": "requests of every type finalised",
}
SERIES_COLUMNS = ["measure", "period", "years", "status", "value", "low", "high", "figure_ids", "note"]


def measure_series(figures: pd.DataFrame, measure: str) -> pd.DataFrame:
    """One row per period of one CCF measure (counts only): a year, or a span for a total over years."""
    rows = figures[
        (figures["body"] == CCF)
        & (figures["measure"] == measure)
        & (figures["kind"].isin(LEVEL_KINDS))
        & (figures["period_type"] != "date")
    ]
    found = []
    for period, group in rows.groupby("period", sort=True):
        totals = group[group["instrument"].isin(["", "red_notice_and_diffusion"])]
        parts = group[~group.index.isin(totals.index)]
        years = tuple(range(int(group["period_start"].iloc[0]), int(group["period_end"].iloc[0]) + 1))
        if len(totals):
            counts = totals[totals["kind"] == "count"]
            published = len(counts) and counts["value"].nunique() == 1 and (counts["low"] == counts["high"]).all()
            low, high = float(totals["low"].min()), float(totals["high"].max())
            if len(totals) > 1 and not published:
                low, high = max(totals["low"].max(), low), min(totals["high"].min(), high)
                if low > high:  # disagreeing counts kept by a span rule: the range covers both
                    low, high = float(totals["low"].min()), float(totals["high"].max())
            status = Status.PUBLISHED if published else Status.BOUNDED
            value = float(counts["value"].iloc[0]) if published else math.nan
            note = "" if totals["instrument"].eq("").all() else "Red Notices and diffusions, taken as all data"
            ids = totals["figure_id"]
        else:
            low, high, value = float(parts["low"].sum()), math.inf, math.nan
            status, ids = Status.BOUNDED, parts["figure_id"]
            note = "only parts published (" + ", ".join(sorted(set(parts["instrument"]))) + "): a lower bound"
        found.append(
            {
                "measure": measure,
                "period": period,
                "years": years,
                "status": status.value,
                "value": value,
                "low": low,
                "high": high,
                "figure_ids": ", ".join(ids),
                "note": note,
            }
        )
    return pd.DataFrame(found, columns=SERIES_COLUMNS)


def series_table(figures: pd.DataFrame, measures: tuple[str, ...], first: int, last: int) -> pd.DataFrame:
    tables = [measure_series(figures, measure) for measure in measures]
    table = pd.concat([t for t in tables if len(t)], ignore_index=True) if any(len(t) for t in tables) else None
    if table is None:
        return pd.DataFrame(columns=SERIES_COLUMNS)
    inside = table["years"].map(lambda years: first <= years[0] and years[-1] <= last)
    return table[inside].reset_index(drop=True)


def other_shares(series: pd.DataFrame, confidence: float, interval_method: str) -> pd.DataFrame:
    """Data deleted as a share of the wider denominators published for the same period (a two-year total
    against a two-year count too). Where a count is a range, the interval covers every pair allowed."""
    by_period = {measure: group.set_index("period") for measure, group in series.groupby("measure")}
    deleted = by_period.get(DELETED)
    if deleted is None:
        return pd.DataFrame()
    rows = []
    for period, cell in deleted.iterrows():
        for denominator, meaning in OTHER_DENOMINATORS.items():
            table = by_period.get(denominator)
            if not math.isfinite(cell["high"]) or table is None or period not in table.index:
                continue
            other = table.loc[period]
            trials_low, trials_high = other["low"], other["high"]
            if not math.isfinite(trials_high):
                continue
            pairs = ((cell["low"], max(trials_high, cell["low"])), (min(cell["high"], trials_low), trials_low))
            exact = cell["low"] == cell["high"] and trials_low == trials_high
            rows.append(
                {
                    "period": period,
                    "denominator": denominator,
                    "meaning": meaning,
                    "deleted": cell["value"] if cell["low"] == cell["high"] else math.nan,
                    "trials_low": trials_low,
                    "trials_high": trials_high,
                    "share": cell["low"] / trials_low if exact else math.nan,
                    "low": interval(*pairs[0], confidence, interval_method)[0],
                    "high": interval(*pairs[1], confidence, interval_method)[1],
                    "figure_ids": f"{cell['figure_ids']}, {other['figure_ids']}",
                }
            )
    return pd.DataFrame(rows)


def deletion_routes(figures: pd.DataFrame, first: int, last: int) -> pd.DataFrame:
    """How deletions happened, per period: the total and each route as published, with the sum of the
    routes beside the total (they need not add up: the categories may overlap, D07 and D08)."""
    series = series_table(figures, (DELETED, *DELETION_ROUTES), first, last)
    if series.empty:
        return series
    wide = series.pivot_table(index="period", columns="measure", values="low", aggfunc="first")
    ids = series.groupby("period")["figure_ids"].apply(", ".join)
    wide["figure_ids"] = ids
    return wide.reset_index()


def time_to_decide(figures: pd.DataFrame) -> pd.DataFrame:
    """Per year and type of request: the share decided within the statutory limit (4 months for access
    requests, 9 for complaints) as published, directly or as the share beyond it, and how long the late
    ones took, in months. One row per year and type, every figure that states it named."""
    ccf = figures[figures["body"] == CCF]
    shares = ccf[ccf["measure"].isin(TIME_MEASURES)]
    months = ccf[ccf["measure"] == "time_to_decide_months"]
    kind = lambda frame: frame["qualifier"].map(lambda q: qualifier_items(q).get("type", ""))  # noqa: E731
    found = []
    for (year, requests), group in shares.groupby([shares["period"], kind(shares)], sort=True):
        within = group["measure"] == "share_decided_within_deadline"
        within_share = group["value"].where(within, 100 - group["value"])
        late = months[(months["period"] == year) & (kind(months) == requests)]
        found.append(
            {
                "year": year,
                "requests": requests,
                "limit": qualifier_items(group["qualifier"].iloc[0]).get("deadline", "").replace("_", " "),
                "published": "; ".join(
                    f"{value:g}% {'within' if is_within else 'beyond'} the limit"
                    for value, is_within in zip(group["value"], within, strict=True)
                ),
                "within_limit": float(within_share.iloc[0]),
                "agree": bool(within_share.nunique() == 1),
                "late_months_low": float(late["low"].min()) if len(late) else math.nan,
                "late_months_high": float(late["high"].max()) if len(late) else math.nan,
                "figure_id": ", ".join([*group["figure_id"], *late["figure_id"]]),
            }
        )
    columns = ["year", "requests", "limit", "published", "within_limit", "agree", "late_months_low"]
    return pd.DataFrame(found, columns=[*columns, "late_months_high", "figure_id"])
