"""If a person complains to the CCF, how likely is deletion, and is it getting better or worse?

The CCF's outcomes reach us as counts of one year each (data deleted, data found compliant, admissible
complaints reviewed or requests decided) and as rounded shares. A share is only meaningful with its
denominator, and the sources use several, so each is its own series:

- ``decided_on_merits``: deleted / (deleted + found compliant), the complaints the CCF decided either way;
- ``every_outcome``: deleted / every outcome of the admissible complaints reviewed (where only the
  requests decided are published, those: 2024), closures for a bureau's non-cooperation included;
- the share found compliant over every outcome, the other side of the same coin.

A series joins only years whose denominator means the same thing. A count known only within a range
(found compliant in 2024 is 40% of 539, rounded) makes the share a range; its interval covers every pair
of counts the figures allow. Intervals are Wilson's (or Jeffreys') at the report's level. With at least
MIN_YEARS years, a logistic trend: binomial, or quasi-binomial (Pearson dispersion, t quantiles) where
the years vary more than binomial counts would; with a ranged year, the interval covers the fits at
every end of its range. Changes between published years carry the exact conditional interval of their
odds ratio (Fisher's), beside the difference in points.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats
from scipy.stats.contingency import odds_ratio
from statsmodels.stats.proportion import proportion_confint

from interpol_review.ledger.vocabulary import SHARE_DENOMINATORS

DELETED, COMPLIANT = "deleted_after_complaint", "found_compliant_after_complaint"
COMPLIANT_SHARE = "share_found_compliant"
ADMISSIBLE, DECIDED = "complaints_admissible", "complaints_decided"
MIN_YEARS = 4  # the task force's rule too: fewer informative years, changes between years only


@dataclass(frozen=True)
class ShareSeries:
    """One share: a numerator over a denominator, with the words a reader sees."""

    key: str
    numerator: str
    denominator: str
    subject: str  # "ended with the data deleted"


SERIES = (
    ShareSeries("deleted_every_outcome", DELETED, "every_outcome", "ended with the data deleted"),
    ShareSeries("deleted_decided_on_merits", DELETED, "decided_on_merits", "ended with the data deleted"),
    ShareSeries("compliant_every_outcome", COMPLIANT, "every_outcome", "ended with the data found compliant"),
)
HEADLINE = SERIES[0]
SERIES_BY_KEY = {share.key: share for share in SERIES}
SHARE_COLUMNS = [
    "series",
    "period",
    "year",
    "numerator",
    "denominator",
    "meaning",
    "denominator_measure",
    "successes_low",
    "successes_high",
    "trials_low",
    "trials_high",
    "share",
    "share_low",
    "share_high",
    "low",
    "high",
    "status",
    "figure_ids",
]


def interval(successes: float, trials: float, confidence: float, method: str) -> tuple[float, float]:
    """Wilson's interval (Jeffreys' when the report asks for it) for successes out of trials."""
    method = "jeffreys" if method == "jeffreys" else "wilson"
    low, high = proportion_confint(successes, trials, alpha=1 - confidence, method=method)
    return float(low), float(high)


def year_cells(series: pd.DataFrame) -> dict[tuple[str, str], pd.Series]:
    """The CCF series' cells of single years with a finite range, by (measure, year)."""
    single = series[series["years"].map(len) == 1]
    single = single[np.isfinite(single["high"].astype(float))]
    return {(row["measure"], row["period"]): row for _, row in single.iterrows()}


def compliant_from_shares(shares: pd.DataFrame, outcomes: dict[str, pd.Series]) -> dict[str, tuple]:
    """Found compliant as a count where only its share of every outcome was published: the share's range
    times the year's count of outcomes, rounded outwards to whole complaints."""
    found = {}
    for row in shares.itertuples():
        total = outcomes.get(row.period)
        if total is None or total["low"] != total["high"]:
            continue
        low, high = math.ceil(row.low / 100 * total["low"] - 1e-9), math.floor(row.high / 100 * total["high"] + 1e-9)
        found[row.period] = (float(low), float(high), f"{row.figure_id}, {total['figure_ids']}")
    return found


def outcome_totals(cells: dict) -> dict[str, pd.Series]:
    """Every outcome of a year's complaints: the admissible complaints reviewed, else the requests decided."""
    totals = {period: cell for (measure, period), cell in cells.items() if measure == DECIDED}
    totals.update({period: cell for (measure, period), cell in cells.items() if measure == ADMISSIBLE})
    return totals


def share_rows(series: pd.DataFrame, published_shares: pd.DataFrame, confidence: float, method: str) -> pd.DataFrame:
    """One row per year and share series: the counts, the share (a point, or the range the figures
    allow), and its interval covering every pair of counts in their ranges."""
    cells = year_cells(series)
    outcomes = outcome_totals(cells)
    counted = {period: cell for (measure, period), cell in cells.items() if measure == COMPLIANT}
    from_shares = compliant_from_shares(published_shares, outcomes)
    rows = []
    for share in SERIES:
        for period in sorted({p for (m, p) in cells if m == share.numerator} | set(from_shares)):
            row = share_row(share, period, cells, outcomes, counted, from_shares, confidence, method)
            if row is not None:
                rows.append(row)
    rows += share_only_rows(published_shares, outcomes)
    return pd.DataFrame(rows, columns=SHARE_COLUMNS).sort_values(["series", "period"]).reset_index(drop=True)


def compliant_cell(period, counted, from_shares) -> tuple[float, float, str] | None:
    if period in counted:
        cell = counted[period]
        return float(cell["low"]), float(cell["high"]), cell["figure_ids"]
    return from_shares.get(period)


# Long: the two denominators differ only in how the pair of counts is formed, side by side here.
def share_row(share, period, cells, outcomes, counted, from_shares, confidence, method) -> dict | None:
    if share.numerator == DELETED:
        numerator = cells.get((DELETED, period))
        if numerator is None:
            return None
        k_low, k_high, k_ids = float(numerator["low"]), float(numerator["high"]), numerator["figure_ids"]
    else:
        found = compliant_cell(period, counted, from_shares)
        if found is None:
            return None
        k_low, k_high, k_ids = found
    if share.denominator == "decided_on_merits":
        other = compliant_cell(period, counted, from_shares)
        if other is None:
            return None
        c_low, c_high, c_ids = other
        n_low, n_high, n_ids, measure = k_low + c_low, k_high + c_high, c_ids, "deleted plus found compliant"
        # the numerator is in both terms: the extremes are (fewest deleted, most compliant) and the reverse
        pairs = ((k_low, k_low + c_high), (k_high, k_high + c_low))
    else:
        total = outcomes.get(period)
        if total is None:
            return None
        n_low, n_high, n_ids = float(total["low"]), float(total["high"]), total["figure_ids"]
        measure = total["measure"]
        pairs = ((k_low, max(n_high, k_low)), (min(k_high, n_low), n_low))
    exact = k_low == k_high and n_low == n_high
    return {
        "series": share.key,
        "period": period,
        "year": int(period),
        "numerator": share.numerator,
        "denominator": share.denominator,
        "meaning": SHARE_DENOMINATORS[share.denominator],
        "denominator_measure": measure,
        "successes_low": k_low,
        "successes_high": k_high,
        "trials_low": n_low,
        "trials_high": n_high,
        "share": k_low / n_low if exact else math.nan,
        "share_low": pairs[0][0] / pairs[0][1],
        "share_high": pairs[1][0] / pairs[1][1],
        "low": interval(*pairs[0], confidence, method)[0],
        "high": interval(*pairs[1], confidence, method)[1],
        "status": "published" if exact else "bounded",
        "figure_ids": ", ".join(dict.fromkeys(", ".join([k_ids, n_ids]).replace(" × ", ", ").split(", "))),
    }


def share_only_rows(published_shares: pd.DataFrame, outcomes: dict) -> list[dict]:
    """A share found compliant published without the count of its year's outcomes: no interval."""
    rows = []
    for row in published_shares.itertuples():
        if row.period in outcomes:
            continue
        rows.append(
            {
                "series": "compliant_every_outcome",
                "period": row.period,
                "year": int(row.period),
                "numerator": COMPLIANT,
                "denominator": "every_outcome",
                "meaning": SHARE_DENOMINATORS["every_outcome"],
                "denominator_measure": "not published",
                "successes_low": math.nan,
                "successes_high": math.nan,
                "trials_low": math.nan,
                "trials_high": math.nan,
                "share": math.nan,
                "share_low": row.low / 100,
                "share_high": row.high / 100,
                "low": math.nan,
                "high": math.nan,
                "status": "share only",
                "figure_ids": row.figure_id,
            }
        )
    return rows


def logistic_fit(years, successes, trials, confidence: float) -> dict:
    """Binomial GLM of the share on the year (centred), or quasi-binomial where the Pearson dispersion
    exceeds 1. statsmodels' binomial with a two-column response scales the quasi fit wrongly (its X2 scale
    comes out near 0.004 for four years of several hundred complaints), so the share is the response and
    the trials are variance weights."""
    import statsmodels.api as sm

    years, successes, trials = (np.asarray(a, dtype=float) for a in (years, successes, trials))
    design = sm.add_constant(years - years.mean())
    model = sm.GLM(successes / trials, design, family=sm.families.Binomial(), var_weights=trials)
    binomial = model.fit()
    dispersion = float(binomial.pearson_chi2 / binomial.df_resid)
    overdispersed = dispersion > 1
    slope, error = float(binomial.params[1]), float(binomial.bse[1])
    if overdispersed:
        error *= math.sqrt(dispersion)
        quantile = stats.t.ppf(1 - (1 - confidence) / 2, binomial.df_resid)
    else:
        quantile = stats.norm.ppf(1 - (1 - confidence) / 2)
    return {
        "odds_ratio_per_year": math.exp(slope),
        "low": math.exp(slope - quantile * error),
        "high": math.exp(slope + quantile * error),
        "model": "quasi-binomial" if overdispersed else "binomial",
        "dispersion": dispersion,
        "residual_df": int(binomial.df_resid),
    }


def share_trend(rows: pd.DataFrame, confidence: float) -> dict | None:
    """The logistic trend of one share series over its years with counts, at least MIN_YEARS of them. A
    year whose counts are ranges is fitted at each end of each range (and in between); the interval
    covers every fit, the point is the fit at the middle."""
    usable = rows[rows["status"] != "share only"].sort_values("year")
    if len(usable) < MIN_YEARS or len(usable) - 2 < 1:
        return None
    choices = []
    for row in usable.itertuples():
        if row.status == "published":
            choices.append([(row.successes_low, row.trials_low)])
        else:
            middle = (row.share_low + row.share_high) / 2
            trials = (row.trials_low + row.trials_high) / 2
            choices.append(
                [(row.successes_low, row.trials_high), (middle * trials, trials), (row.successes_high, row.trials_low)]
            )
    fits = [
        logistic_fit(usable["year"], [k for k, _ in pick], [n for _, n in pick], confidence)
        for pick in itertools.product(*choices)
    ]
    middle = fits[len(fits) // 2] if len(fits) > 1 else fits[0]
    models = {fit["model"] for fit in fits}
    return {
        **middle,
        "low": min(fit["low"] for fit in fits),
        "high": max(fit["high"] for fit in fits),
        "model": middle["model"] if len(models) == 1 else "quasi-binomial at some ends of the ranges",
        "years": [int(year) for year in usable["year"]],
        "number_of_years": len(usable),
        "method": "logistic GLM, Wald interval (t quantiles and Pearson dispersion where overdispersed)"
        + ("; union over the ranges of bounded years" if len(fits) > 1 else ""),
    }


def change(earlier, later, confidence: float) -> dict:
    """From one published year to a later one: the difference in points and the odds ratio with its
    exact conditional interval (Fisher). With ranged counts, the interval covers every end."""
    corners = []
    for a, b in itertools.product(
        [(earlier.successes_low, earlier.trials_high), (earlier.successes_high, earlier.trials_low)],
        [(later.successes_low, later.trials_high), (later.successes_high, later.trials_low)],
    ):
        table = [[round(b[0]), round(b[1] - b[0])], [round(a[0]), round(a[1] - a[0])]]
        result = odds_ratio(table, kind="conditional")
        low, high = result.confidence_interval(confidence_level=confidence)
        corners.append((result.statistic, float(low), float(high)))
    exact = earlier.status == later.status == "published"
    return {
        "from_period": earlier.period,
        "to_period": later.period,
        "from_share": earlier.share,
        "to_share": later.share,
        "difference_points": 100 * (later.share - earlier.share) if exact else math.nan,
        "difference_low": 100 * (later.share_low - earlier.share_high),
        "difference_high": 100 * (later.share_high - earlier.share_low),
        "odds_ratio": corners[0][0] if exact else math.nan,
        "low": min(low for _, low, _ in corners),
        "high": max(high for _, _, high in corners),
        "method": "exact conditional (Fisher) interval of the odds ratio",
    }


def share_changes(rows: pd.DataFrame, confidence: float) -> pd.DataFrame:
    """Consecutive published years of each series, and its first year against its last."""
    found = []
    counted = rows[rows["status"] != "share only"]
    for key in [share.key for share in SERIES]:
        group = counted[counted["series"] == key]
        ordered = list(group.sort_values("year").itertuples())
        pairs = list(zip(ordered[:-1], ordered[1:], strict=True))
        if len(ordered) > 2:
            pairs.append((ordered[0], ordered[-1]))
        found += [{"series": key, **change(a, b, confidence)} for a, b in pairs]
    columns = ["series", "from_period", "to_period", "from_share", "to_share", "difference_points"]
    columns += ["difference_low", "difference_high", "odds_ratio", "low", "high", "method"]
    return pd.DataFrame(found, columns=columns)
