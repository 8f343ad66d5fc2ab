"""Verdicts on the briefing's claims: each claim of data/raw/claims.csv tested against the evidence.

A claim asserts that a quantity lies in [low, high]. The evidence for a year is an interval too (published,
bounded or reconstructed). Per year: the claim is supported when the evidence lies inside the claimed range,
contradicted when the two do not overlap, and undetermined when they overlap only partly or nothing was
published. Over the claim's years: contradicted years and no supporting ones make it contradicted; both
make it partly supported; supporting years and no contradicting ones make it supported; otherwise it cannot
be determined from published data. A claim about an average uses the average, not the years.
"""

from __future__ import annotations

import math

import pandas as pd

from interpol_review.ledger.series import GROUNDS_SERIES, ISSUED

SUPPORTED, PARTLY, CONTRADICTED, UNDETERMINED = (
    "supported",
    "partly supported",
    "contradicted",
    "cannot be determined from published data",
)
LEVEL_KINDS = ("count", "approximate", "lower_bound", "upper_bound")
# The briefing's own statements (source FT22) cannot be evidence for the briefing's claims.
BRIEFING_SOURCE = "FT22"
COMPONENTS = {"red_notice_and_diffusion": ("red_notice", "diffusion")}


def compare(low: float, high: float, claim_low: float, claim_high: float) -> str:
    claim_low = -math.inf if math.isnan(claim_low) else claim_low
    claim_high = math.inf if math.isnan(claim_high) else claim_high
    if not (math.isfinite(low) or math.isfinite(high)) or (low <= 0 and not math.isfinite(high)):
        return UNDETERMINED
    if claim_low <= low and high <= claim_high:
        return SUPPORTED
    if high < claim_low or low > claim_high:
        return CONTRADICTED
    return UNDETERMINED


def interval_text(low: float, high: float, percent: bool = False) -> str:
    def number(value: float) -> str:
        return f"{100 * value:.1f}%" if percent else f"{value:,.0f}"

    if low == high:
        return number(low)
    if not math.isfinite(high):
        return f"at least {number(low)}"
    return f"{number(low)} to {number(high)}"


def panel_series(claim) -> str | None:
    """The panel series a claim is about, or None when it concerns a measure outside the panel."""
    if claim.body != "ndtf_review" or claim.instrument != "red_notice_and_diffusion":
        return None
    if claim.measure == "issued":
        return ISSUED
    if claim.measure == "refused_or_cancelled":
        return GROUNDS_SERIES.get(claim.grounds)
    return None


def direct_interval(figures: pd.DataFrame, claim, year: int) -> tuple[float, float, str] | None:
    """The interval the ledger gives for the claim's measure in one year, from the figures themselves."""
    rows = figures[
        (figures["measure"] == claim.measure)
        & (figures["period_start"] == year)
        & (figures["period_type"] != "span")
        & figures["kind"].isin(LEVEL_KINDS)
    ]
    if claim.grounds:
        rows = rows[rows["grounds"] == claim.grounds]
    own = rows[rows["instrument"] == claim.instrument]
    if len(own):
        low, high = own["low"].max(), own["high"].min()
        if low > high:  # sources disagree: the evidence is everything they say
            low, high = own["low"].min(), own["high"].max()
        return low, high, ", ".join(own["figure_id"])
    parts = rows[rows["instrument"].isin(COMPONENTS.get(claim.instrument, ()))]
    if len(parts):  # a part bounds the whole from below (Red Notices alone, for Red Notices + diffusions)
        best = parts.loc[parts["low"].idxmax()]
        return best["low"], math.inf, f"{best['figure_id']} ({best['instrument'].replace('_', ' ')} alone)"
    return None


def year_evidence(claim, panel: pd.DataFrame, figures: pd.DataFrame, year: int) -> tuple[float, float, str] | None:
    series = panel_series(claim)
    if series is not None:
        cell = panel[(panel["series"] == series) & (panel["year"] == year)]
        if cell.empty or cell["status"].iloc[0] == "missing":
            return None
        cell = cell.iloc[0]
        return cell["low"], cell["high"], f"{cell['status']}{' ' + cell['figure_ids'] if cell['figure_ids'] else ''}"
    return direct_interval(figures, claim, year)


def share_evidence(claim, panel: pd.DataFrame, year: int) -> tuple[float, float, str] | None:
    count = year_evidence(claim, panel, pd.DataFrame(), year)
    issued = panel[(panel["series"] == ISSUED) & (panel["year"] == year)]
    if count is None or issued.empty or not math.isfinite(issued["high"].iloc[0]) or issued["low"].iloc[0] <= 0:
        return None
    low, high = count[0] / issued["high"].iloc[0], count[1] / issued["low"].iloc[0]
    return low, high, f"{count[2]} over alerts issued ({issued['status'].iloc[0]})"


def average_evidence(claim, panel: pd.DataFrame, figures: pd.DataFrame) -> tuple[float, float, str] | None:
    published = figures[
        (figures["kind"] == "average_per_year")
        & (figures["period"] == claim.period)
        & (figures["measure"] == claim.measure)
        & (figures["instrument"] == claim.instrument)
    ]
    if claim.grounds:
        published = published[published["grounds"] == claim.grounds]
    if len(published):
        return published["low"].max(), published["high"].min(), f"published average {', '.join(published['figure_id'])}"
    years = range(claim.period_start, claim.period_end + 1)
    found = [year_evidence(claim, panel, figures, year) for year in years]
    if any(item is None for item in found):
        return None
    return (sum(f[0] for f in found) / len(found), sum(f[1] for f in found) / len(found), "mean of the yearly panel")


def verdict_of(results: list[str]) -> str:
    supported, contradicted = results.count(SUPPORTED), results.count(CONTRADICTED)
    if contradicted and supported:
        return PARTLY
    if contradicted:
        return CONTRADICTED
    if supported:
        return SUPPORTED
    return UNDETERMINED


def check_claims(claims: pd.DataFrame, panel: pd.DataFrame, figures: pd.DataFrame) -> pd.DataFrame:
    """One row per claim: verdict, the evidence per year and the intervals that decided it."""
    figures = figures[figures["source_id"] != BRIEFING_SOURCE]
    rows = []
    for claim in claims.itertuples(index=False):
        evidence, decided, results = [], [], []
        percent = claim.statistic == "share_of_issued_each_year"
        claimed = (
            "not published"
            if claim.statistic == "not_published"
            else interval_text(
                0.0 if math.isnan(claim.low) else claim.low, math.inf if math.isnan(claim.high) else claim.high, percent
            )
        )
        if claim.statistic == "not_published":
            found = figures[
                (figures["measure"] == claim.measure)
                & (figures["instrument"] == claim.instrument)
                & figures["period_start"].between(claim.period_start, claim.period_end)
            ]
            results = [SUPPORTED if found.empty else CONTRADICTED]
            evidence = ["no figure in the ledger" if found.empty else f"published: {', '.join(found['figure_id'])}"]
            decided = evidence[:]
        elif claim.statistic == "average_per_year":
            found = average_evidence(claim, panel, figures)
            results = [UNDETERMINED if found is None else compare(found[0], found[1], claim.low, claim.high)]
            if found is not None:
                evidence = [f"{claim.period}: {interval_text(found[0], found[1])} ({found[2]})"]
                decided = evidence[:]
        else:
            for year in range(claim.period_start, claim.period_end + 1):
                if claim.statistic == "share_of_issued_each_year":
                    found = share_evidence(claim, panel, year)
                else:
                    found = year_evidence(claim, panel, figures, year)
                if found is None:
                    continue
                result = compare(found[0], found[1], claim.low, claim.high)
                results.append(result)
                line = f"{year}: {interval_text(found[0], found[1], percent)} ({found[2]}): {result}"
                evidence.append(line)
                if result != UNDETERMINED:
                    decided.append(line)
        rows.append(
            {
                "claim_id": claim.claim_id,
                "statement": claim.statement,
                "claimed": claimed,
                "interpretation": claim.interpretation,
                "verdict": verdict_of(results),
                "evidence": "; ".join(evidence) or "nothing published for these years",
                "decided_by": "; ".join(decided) or "no year decides",
                "years_supporting": results.count(SUPPORTED),
                "years_contradicting": results.count(CONTRADICTED),
                "years_undetermined": results.count(UNDETERMINED),
            }
        )
    return pd.DataFrame(rows)
