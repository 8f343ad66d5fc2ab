"""Verdicts on claims about the figures: each reading of each claim tested against the evidence.

A reading asserts that a quantity lies in [low, high] (claim_readings.csv says how words became numbers).
The evidence for a year is an interval too (published, bounded or reconstructed). Per year: supported
when the evidence lies inside the claimed range, contradicted when the two do not overlap, undetermined
when they overlap only partly. Over the years: contradicted and supported years make the reading partly
supported; contradicted years only, contradicted; supported years only, supported; else it cannot be
determined. A claim that something is not published is never "supported" by the absence of a figure: the
verdict is that no figure was found in the ledger's sources. The verdict a reader may repeat holds under
every reading; where readings disagree, it depends on the reading, and both are shown.

A claim is never evidence for itself: the figures that state it (claims.csv, own_figures) are left out.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import pandas as pd

from interpol_review.ledger.series import GROUNDS_SERIES, ISSUED
from interpol_review.ledger.vocabulary import LEVEL_KINDS
from interpol_review.stats import ccf as ccf_series
from interpol_review.stats import ccf_shares

SUPPORTED, PARTLY, CONTRADICTED, UNDETERMINED = (
    "supported",
    "partly supported",
    "contradicted",
    "cannot be determined",
)
NOT_FOUND = "not found in the sources"
DEPENDS = "depends on the reading"
VERDICTS = (SUPPORTED, PARTLY, CONTRADICTED, UNDETERMINED, NOT_FOUND, DEPENDS)
COMPONENTS = {"red_notice_and_diffusion": ("red_notice", "diffusion")}


@dataclass
class Evidence:
    """What the figures say about one year (or the average) of a reading."""

    label: str  # the year, or the span of an average
    low: float
    high: float
    basis: str  # how the interval was obtained, with figure ids
    result: str = ""


@dataclass
class Reading:
    claim_id: str
    reading: str
    statistic: str
    claimed_low: float
    claimed_high: float
    interpretation: str
    measure: str
    period: str
    evidence: list[Evidence] = field(default_factory=list)
    verdict: str = UNDETERMINED
    flips_at: str = ""  # for "about N" readings: the tolerances at which the verdict changes


def compare(low: float, high: float, claim_low: float, claim_high: float) -> str:
    claim_low = -math.inf if math.isnan(claim_low) else claim_low
    claim_high = math.inf if math.isnan(claim_high) else claim_high
    if low <= 0 and not math.isfinite(high):
        return UNDETERMINED
    if claim_low <= low and high <= claim_high:
        return SUPPORTED
    if high < claim_low or low > claim_high:
        return CONTRADICTED
    return UNDETERMINED


def combine(results: list[str]) -> str:
    supported, contradicted = results.count(SUPPORTED), results.count(CONTRADICTED)
    if contradicted and supported:
        return PARTLY
    if contradicted:
        return CONTRADICTED
    if supported:
        return SUPPORTED
    return UNDETERMINED


class EvidenceFinder:
    """Intervals for a reading's quantity, from the task force's panel or straight from the figures."""

    def __init__(self, figures: pd.DataFrame, panel: pd.DataFrame, ccf: pd.DataFrame):
        self.figures, self.panel, self.ccf = figures, panel, ccf
        self._shares = None

    def shares(self) -> pd.DataFrame:
        """The CCF's shares from this finder's figures (a claim's own figures left out), every year."""
        if self._shares is None:
            measures = (*ccf_series.CASELOAD, ccf_shares.DELETED, ccf_shares.COMPLIANT)
            series = ccf_series.series_table(self.figures, measures, 1900, 2100)
            published = self.figures[
                (self.figures["measure"] == ccf_shares.COMPLIANT_SHARE) & (self.figures["period_type"] == "year")
            ]
            yearly = ccf_shares.share_rows(series, published, 0.95, "wilson")
            other = ccf_series.other_shares(series, 0.95, "wilson")
            if len(other):
                other = other.assign(
                    numerator=ccf_shares.DELETED,
                    share_low=other["share"],
                    share_high=other["share"],
                    status="published",
                )
            self._shares = pd.concat([yearly, other], ignore_index=True)
        return self._shares

    def share(self, reading, year: int) -> Evidence | None:
        """The share the published counts give for one year (a point, or the range they allow)."""
        rows = self.shares()
        rows = rows[
            (rows["numerator"] == reading.measure)
            & (rows["denominator"] == reading.denominator)
            & (rows["period"] == str(year))
            & rows["share_low"].notna()
        ]
        if rows.empty:
            return None
        row = rows.iloc[0]
        basis = f"{row['status']} {row['figure_ids']}"
        return Evidence(str(year), float(row["share_low"]), float(row["share_high"]), basis)

    def panel_series(self, reading) -> str | None:
        if reading.body != "ndtf_review" or reading.instrument != "red_notice_and_diffusion":
            return None
        if reading.measure == "issued":
            return ISSUED
        if reading.measure == "refused_or_cancelled":
            return GROUNDS_SERIES.get(reading.grounds)
        return None

    def year(self, reading, year: int) -> Evidence | None:
        series = self.panel_series(reading)
        if series is not None:
            cell = self.panel[(self.panel["series"] == series) & (self.panel["year"] == year)]
            if cell.empty or cell["status"].iloc[0] == "missing":
                return None
            cell = cell.iloc[0]
            ids = f" {cell['figure_ids']}" if cell["figure_ids"] else ""
            return Evidence(str(year), cell["low"], cell["high"], f"{cell['status']}{ids}")
        if reading.body == "ccf_annual_report":
            rows = self.ccf[(self.ccf["measure"] == reading.measure) & (self.ccf["period"] == str(year))]
            if len(rows):
                row = rows.iloc[0]
                return Evidence(str(year), row["low"], row["high"], f"{row['status']} {row['figure_ids']}")
            return None
        return self.direct(reading, year)

    def direct(self, reading, year: int) -> Evidence | None:
        """From the figures themselves: those of the reading's instrument, else its parts as a lower bound."""
        figures = self.figures
        rows = figures[
            (figures["measure"] == reading.measure)
            & (figures["body"] == reading.body)
            & (figures["period_start"] == year)
            & (figures["period_type"] != "span")
            & figures["kind"].isin(LEVEL_KINDS)
        ]
        if reading.grounds:
            rows = rows[rows["grounds"] == reading.grounds]
        own = rows[rows["instrument"] == reading.instrument]
        if len(own):
            low, high = own["low"].max(), own["high"].min()
            if low > high:  # disagreeing figures: the evidence is everything they say
                low, high = own["low"].min(), own["high"].max()
            return Evidence(str(year), low, high, "published " + ", ".join(own["figure_id"]))
        parts = rows[rows["instrument"].isin(COMPONENTS.get(reading.instrument, ()))]
        if len(parts):
            best = parts.loc[parts["low"].idxmax()]
            what = best["instrument"].replace("_", " ")
            return Evidence(str(year), best["low"], math.inf, f"{best['figure_id']} ({what} alone: a lower bound)")
        return None

    def average(self, reading) -> Evidence | None:
        figures = self.figures
        published = figures[
            (figures["kind"] == "average_per_year")
            & (figures["period"] == reading.period)
            & (figures["measure"] == reading.measure)
            & (figures["instrument"] == reading.instrument)
        ]
        if reading.grounds:
            published = published[published["grounds"] == reading.grounds]
        if len(published):
            return Evidence(
                reading.period,
                published["low"].max(),
                published["high"].min(),
                "published average " + ", ".join(published["figure_id"]),
            )
        found = [self.year(reading, year) for year in range(reading.period_start, reading.period_end + 1)]
        if any(item is None for item in found):
            return None
        low = sum(item.low for item in found) / len(found)
        high = sum(item.high for item in found) / len(found)
        return Evidence(reading.period, low, high, "mean of the yearly values")

    def denominator(self, year: int, kind: str) -> tuple[float, float, str] | None:
        if kind == "issued":
            cell = self.panel[(self.panel["series"] == ISSUED) & (self.panel["year"] == year)]
            if cell.empty or not math.isfinite(cell["high"].iloc[0]) or cell["low"].iloc[0] <= 0:
                return None
            return cell["low"].iloc[0], cell["high"].iloc[0], f"alerts issued ({cell['status'].iloc[0]})"
        stocks = self.figures[
            (self.figures["measure"] == "valid_in_circulation")
            & (self.figures["period_start"] == year)
            & self.figures["instrument"].isin(["red_notice", "red_notice_and_diffusion"])
        ]
        if stocks.empty:
            return None
        # Red Notices alone bound the stock of all alerts from below: the share's upper end.
        best = stocks.loc[stocks["low"].idxmax()]
        return best["low"], math.inf, f"valid alerts in circulation, at least {best['figure_id']}"


def judge_reading(reading, finder: EvidenceFinder) -> Reading:
    result = Reading(
        reading.claim_id,
        reading.reading,
        reading.statistic,
        reading.low,
        reading.high,
        reading.interpretation,
        reading.measure,
        reading.period,
    )
    years = range(reading.period_start, reading.period_end + 1)
    if reading.statistic == "not_published":
        found = finder.figures[
            (finder.figures["measure"] == reading.measure)
            & (finder.figures["instrument"] == reading.instrument)
            & finder.figures["period_start"].between(reading.period_start, reading.period_end)
        ]
        basis = (
            "no figure in any source of the ledger" if found.empty else "published: " + ", ".join(found["figure_id"])
        )
        result.evidence = [Evidence(reading.period, math.nan, math.nan, basis)]
        result.verdict = NOT_FOUND if found.empty else CONTRADICTED
        return result
    if reading.statistic == "average_per_year":
        evidence = finder.average(reading)
        result.evidence = [] if evidence is None else [evidence]
    elif reading.statistic in ("share_of_issued_each_year", "share_of_stock_each_year"):
        kind = "issued" if reading.statistic == "share_of_issued_each_year" else "stock"
        for year in years:
            count, denominator = finder.year(reading, year), finder.denominator(year, kind)
            if count is None or denominator is None:
                continue
            low = count.low / denominator[1] if math.isfinite(denominator[1]) else 0.0
            result.evidence.append(
                Evidence(str(year), low, count.high / denominator[0], f"{count.basis} over {denominator[2]}")
            )
    elif reading.statistic == "share_each_year":
        result.evidence = [item for item in (finder.share(reading, year) for year in years) if item is not None]
    elif reading.statistic == "share_rising_each_year":
        found = [item for item in (finder.share(reading, year) for year in years) if item is not None]
        return rising(result, found)
    elif reading.statistic in ("highest_in_period", "change_ratio"):
        found = [item for item in (finder.year(reading, year) for year in years) if item is not None]
        return tested_relation(result, found, reading)
    else:
        result.evidence = [item for item in (finder.year(reading, year) for year in years) if item is not None]
    for item in result.evidence:
        item.result = compare(item.low, item.high, reading.low, reading.high)
    result.verdict = combine([item.result for item in result.evidence])
    result.flips_at = flip_tolerances(result)
    return result


def rising(result: Reading, found: list[Evidence]) -> Reading:
    """Rose from each published year to the next: supported when every later year lies wholly above the
    one before, contradicted when one lies wholly below; with fewer than two years, undetermined."""
    results = []
    for earlier, later in zip(found[:-1], found[1:], strict=True):
        results.append(
            SUPPORTED if later.low > earlier.high else CONTRADICTED if later.high < earlier.low else UNDETERMINED
        )
        later.result = results[-1]
    result.evidence = found
    if len(found) < 2 or UNDETERMINED in results and CONTRADICTED not in results:
        result.verdict = UNDETERMINED
    else:
        result.verdict = CONTRADICTED if CONTRADICTED in results else SUPPORTED
    return result


def tested_relation(result: Reading, found: list[Evidence], reading) -> Reading:
    """Highest of the period, or the ratio of its last year to its first."""
    last = [item for item in found if item.label == str(reading.period_end)]
    if not last:
        result.evidence, result.verdict = found, UNDETERMINED
        return result
    last = last[0]
    others = [item for item in found if item is not last]
    if reading.statistic == "highest_in_period":
        highest_other = max((item.high for item in others), default=-math.inf)
        lowest_needed = max((item.low for item in others), default=-math.inf)
        verdict = (
            SUPPORTED if last.low >= highest_other else CONTRADICTED if last.high < lowest_needed else UNDETERMINED
        )
        result.evidence, result.verdict = found, verdict if others else UNDETERMINED
        return result
    first = [item for item in others if item.label == str(reading.period_start)]
    if not first:
        result.evidence, result.verdict = found, UNDETERMINED
        return result
    first = first[0]
    low = last.low / first.high if math.isfinite(first.high) else 0.0
    high = last.high / first.low if first.low > 0 else math.inf
    ratio = Evidence(f"{reading.period_start} to {reading.period_end}", low, high, f"{last.basis} over {first.basis}")
    ratio.result = compare(low, high, reading.low, reading.high)
    result.evidence, result.verdict = [first, last, ratio], ratio.result
    return result


def flip_tolerances(result: Reading) -> str:
    """For a reading of "about N" (a range symmetric around N) whose evidence is informative, the
    tolerances at which its verdict flips: contradicted below one, supported from the other."""
    low, high = result.claimed_low, result.claimed_high
    single = result.statistic == "average_per_year" or (result.statistic == "each_year" and len(result.evidence) == 1)
    if not single or not result.evidence:
        return ""
    if not (math.isfinite(low) and math.isfinite(high)) or low <= 0:
        return ""
    centre = (low + high) / 2
    if abs((high - centre) - (centre - low)) > 1e-9 * centre:
        return ""
    evidence = result.evidence
    if not all(math.isfinite(e.high) and e.low > 0 and e.high <= 3 * e.low for e in evidence):
        return ""
    lows, highs = [e.low for e in evidence], [e.high for e in evidence]
    supported_from = max(1 - min(lows) / centre, max(highs) / centre - 1, 0.0)
    contradicted_below = max(max(0.0, 1 - max(highs) / centre), max(0.0, min(lows) / centre - 1))
    if result.verdict == SUPPORTED:
        return f"supported for a tolerance of {supported_from:.0%} or more"
    if contradicted_below <= 0:
        return f"contradicted at no tolerance; supported from {supported_from:.0%}"
    return f"contradicted for a tolerance under {contradicted_below:.0%}; supported from {supported_from:.0%}"


def check_claims(ledger, panel: pd.DataFrame, ccf_series: pd.DataFrame, figures: pd.DataFrame) -> pd.DataFrame:
    """One row per reading of each claim, with the claim's overall verdict (``claim_verdict``)."""
    rows = []
    for claim in ledger.claims.itertuples(index=False):
        own = set(claim.own_figures.split())
        finder = EvidenceFinder(figures[~figures["figure_id"].isin(own)], panel, ccf_series)
        readings = ledger.readings[ledger.readings["claim_id"] == claim.claim_id]
        tested = [judge_reading(reading, finder) for reading in readings.itertuples(index=False)]
        verdicts = {item.verdict for item in tested}
        overall = verdicts.pop() if len(verdicts) == 1 else DEPENDS
        for item in tested:
            rows.append(
                {
                    "claim_id": claim.claim_id,
                    "made_by": claim.made_by,
                    "quote": claim.quote,
                    "statement": claim.statement,
                    "reading": item.reading,
                    "interpretation": item.interpretation,
                    "statistic": item.statistic,
                    "measure": item.measure,
                    "period": item.period,
                    "claimed_low": item.claimed_low,
                    "claimed_high": item.claimed_high,
                    "verdict": item.verdict,
                    "claim_verdict": overall,
                    "flips_at": item.flips_at,
                    "evidence": [
                        {"label": e.label, "low": e.low, "high": e.high, "basis": e.basis, "result": e.result}
                        for e in item.evidence
                    ],
                }
            )
    return pd.DataFrame(rows)
