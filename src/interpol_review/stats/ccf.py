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

import numpy as np
import pandas as pd
from statsmodels.stats.proportion import confint_proportions_2indep, proportion_confint

from interpol_review.ledger.figure_rules import qualifier_items
from interpol_review.ledger.status import Status
from interpol_review.ledger.vocabulary import CCF_BODY, LEVEL_KINDS

CCF = CCF_BODY
CASELOAD = (
    "requests_received",
    "requests_admissible",
    "requests_finalised",
    "complaints_received",
    "complaints_processed",
    "complaints_admissible",
)
DELETED, COMPLIANT = "deleted_after_complaint", "found_compliant_after_complaint"
DELETION_ROUTES = ("deleted_after_legal_consideration", "deleted_ncb_no_answer", "deleted_by_gs_or_ncb_before_decision")
TIME_MEASURES = ("share_decided_within_deadline", "share_exceeding_deadline")
# Denominators a deletion count can be divided by, in the order of the report, with what each counts.
DENOMINATORS = {
    "decided": "complaints decided: deleted plus found compliant",
    "complaints_admissible": "admissible complaints",
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


def share_interval(successes: float, trials: float, confidence: float, method: str) -> tuple[float, float]:
    method = "jeffreys" if method == "jeffreys" else "wilson"
    low, high = proportion_confint(successes, trials, alpha=1 - confidence, method=method)
    return float(low), float(high)


# Long: the two kinds of denominator differ only in how the pair of counts is formed, side by side here.
def deletion_shares(series: pd.DataFrame, confidence: float, interval_method: str) -> pd.DataFrame:
    """Data deleted as a share of each denominator published for the same period: the share among
    complaints decided (deleted / (deleted + found compliant)) first, then the others. Where a count is a
    range, the interval covers every pair the figures allow."""
    by_period = {measure: group.set_index("period") for measure, group in series.groupby("measure")}
    deleted = by_period.get(DELETED)
    if deleted is None:
        return pd.DataFrame()
    rows = []
    for period, cell in deleted.iterrows():
        if not math.isfinite(cell["high"]):
            continue
        for denominator, meaning in DENOMINATORS.items():
            if denominator == "decided":
                compliant = by_period.get(COMPLIANT)
                if compliant is None or period not in compliant.index:
                    continue
                other = compliant.loc[period]
                trials_low, trials_high = cell["low"] + other["low"], cell["high"] + other["high"]
                # deleted is in both numerator and denominator: the extreme pairs are (fewest deleted,
                # most found compliant) and (most deleted, fewest found compliant)
                pairs = ((cell["low"], cell["low"] + other["high"]), (cell["high"], cell["high"] + other["low"]))
                ids = f"{cell['figure_ids']}, {other['figure_ids']}"
            else:
                table = by_period.get(denominator)
                if table is None or period not in table.index:
                    continue
                other = table.loc[period]
                trials_low, trials_high = other["low"], other["high"]
                pairs = ((cell["low"], max(trials_high, cell["low"])), (min(cell["high"], trials_low), trials_low))
                ids = f"{cell['figure_ids']}, {other['figure_ids']}"
            if not math.isfinite(trials_high):
                continue
            point = cell["low"] / trials_low if cell["low"] == cell["high"] and trials_low == trials_high else math.nan
            low = share_interval(*pairs[0], confidence, interval_method)[0]
            high = share_interval(*pairs[1], confidence, interval_method)[1]
            rows.append(
                {
                    "period": period,
                    "denominator": denominator,
                    "meaning": meaning,
                    "deleted": cell["value"] if cell["low"] == cell["high"] else math.nan,
                    "trials_low": trials_low,
                    "trials_high": trials_high,
                    "share": point,
                    "low": low,
                    "high": high,
                    "figure_ids": ids,
                }
            )
    return pd.DataFrame(rows)


def share_change(shares: pd.DataFrame, confidence: float) -> pd.DataFrame:
    """Change in the deletion share among decided complaints between consecutive published years, with
    Newcombe's interval for a difference of two independent proportions."""
    decided = shares[(shares["denominator"] == "decided") & shares["share"].notna()].sort_values("period")
    rows = []
    for earlier, later in zip(decided.iloc[:-1].itertuples(), decided.iloc[1:].itertuples(), strict=True):
        low, high = confint_proportions_2indep(
            later.deleted,
            later.trials_low,
            earlier.deleted,
            earlier.trials_low,
            method="newcomb",
            alpha=1 - confidence,
        )
        rows.append(
            {
                "from_period": earlier.period,
                "to_period": later.period,
                "from_share": earlier.share,
                "to_share": later.share,
                "difference": later.share - earlier.share,
                "low": float(low),
                "high": float(high),
            }
        )
    return pd.DataFrame(
        rows, columns=["from_period", "to_period", "from_share", "to_share", "difference", "low", "high"]
    )


def binomial_trend(years, successes, trials, confidence: float) -> dict:
    """Logistic trend of a share (deleted among decided) over at least four years: binomial GLM, or
    quasi-binomial (standard errors scaled by the Pearson dispersion, t quantiles) where overdispersed."""
    import statsmodels.api as sm

    years = np.asarray(years, dtype=float)
    design = sm.add_constant(years - years.mean())
    response = np.column_stack([successes, np.asarray(trials) - np.asarray(successes)])
    binomial = sm.GLM(response, design, family=sm.families.Binomial()).fit()
    dispersion = float(binomial.pearson_chi2 / binomial.df_resid)
    overdispersed = dispersion > 1
    result = (
        sm.GLM(response, design, family=sm.families.Binomial()).fit(scale="X2", use_t=True)
        if overdispersed
        else binomial
    )
    low, high = result.conf_int(alpha=1 - confidence)[1]
    return {
        "odds_ratio_per_year": float(np.exp(result.params[1])),
        "low": float(np.exp(low)),
        "high": float(np.exp(high)),
        "model": "quasi-binomial" if overdispersed else "binomial",
        "dispersion": dispersion,
        "residual_df": int(binomial.df_resid),
    }


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
    """The published shares decided within, or beyond, the statutory limits (4 months for access requests,
    9 months for complaints)."""
    rows = figures[(figures["body"] == CCF) & figures["measure"].isin(TIME_MEASURES)]
    found = []
    for row in rows.itertuples():
        items = qualifier_items(row.qualifier)
        within = row.measure == "share_decided_within_deadline"
        found.append(
            {
                "year": row.period,
                "requests": items.get("type", ""),
                "limit": items.get("deadline", "").replace("_", " "),
                "published": f"{row.value:g}% {'within' if within else 'beyond'} the limit",
                "within_limit": row.value if within else 100 - row.value,
                "figure_id": row.figure_id,
            }
        )
    return pd.DataFrame(found, columns=["year", "requests", "limit", "published", "within_limit", "figure_id"])
