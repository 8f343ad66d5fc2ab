"""Trends in refused or cancelled alerts: log-link GLMs with alerts issued as exposure.

``count ~ year`` with ``log(issued)`` as offset: exp(slope) is the rate ratio per year (how much the
rate per alert issued is multiplied each year). Three count models: Poisson; quasi-Poisson (Poisson
estimates, standard errors scaled by the Pearson dispersion); negative binomial (NB2, its alpha estimated
by maximum likelihood). A series whose denominator is unknown (2023, 2024) gets the same model without
exposure: the trend of the count itself. With three to six points per series these fits say little, and
the report says so: the dispersion check often has no degrees of freedom left.
"""

from __future__ import annotations

import itertools
import math
import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd
import statsmodels.api as sm
import statsmodels.formula.api as smf
from scipy import stats

from interpol_review.ledger.series import ISSUED

COUNT_MODELS = {
    "poisson": "Poisson GLM, log link",
    "quasi_poisson": "Poisson GLM with standard errors scaled by the Pearson dispersion",
    "negative_binomial": "negative binomial (NB2) GLM, alpha by maximum likelihood",
}
MAX_RELATIVE_WIDTH = 0.25  # a reconstructed cell enters a fit only if (high - low) / mid is at most this


@dataclass
class TrendFit:
    series: str
    model: str
    with_exposure: bool
    data: pd.DataFrame  # year, count, exposure, count_status, exposure_status
    rate_ratio: float
    low: float
    high: float
    p_value: float
    dispersion: float
    dispersion_p: float
    verdict: str
    alpha: float
    result: object  # the statsmodels results

    @property
    def years(self) -> list[int]:
        return [int(year) for year in self.data["year"]]

    def summary(self) -> dict:
        return {
            "series": self.series,
            "model": self.model,
            "with_exposure": self.with_exposure,
            "years": self.years,
            "rate_ratio_per_year": self.rate_ratio,
            "low": self.low,
            "high": self.high,
            "p_value": self.p_value,
            "dispersion": self.dispersion,
            "dispersion_p": self.dispersion_p,
            "dispersion_verdict": self.verdict,
            "negative_binomial_alpha": self.alpha,
        }


def usable(low: float, high: float) -> bool:
    if not (math.isfinite(low) and math.isfinite(high)) or high <= 0:
        return False
    return low == high or (high - low) / ((high + low) / 2) <= MAX_RELATIVE_WIDTH


def pick(low: float, high: float, at: str) -> float:
    return {"low": low, "high": high, "mid": (low + high) / 2}[at]


def trend_data(
    panel_table: pd.DataFrame,
    series: str,
    with_exposure: bool,
    at: dict[tuple[int, str], str] | None = None,
) -> pd.DataFrame:
    """The points a fit uses: years whose count (and exposure) is known or narrowly bounded.

    ``at`` chooses, per (year, "count" or "exposure"), where inside its interval a bounded cell is
    taken ("low", "mid", "high"; default "mid"): the sensitivity analysis sweeps it.
    """
    at = at or {}
    counts = panel_table[panel_table["series"] == series].set_index("year")
    issued = panel_table[panel_table["series"] == ISSUED].set_index("year")
    rows = []
    for year, cell in counts.iterrows():
        if not usable(cell["low"], cell["high"]):
            continue
        row = {
            "year": int(year),
            "count": pick(cell["low"], cell["high"], at.get((year, "count"), "mid")),
            "count_status": cell["status"],
            "exposure": 1.0,
            "exposure_status": "",
        }
        if with_exposure:
            exposure = issued.loc[year]
            if not usable(exposure["low"], exposure["high"]):
                continue
            row["exposure"] = pick(exposure["low"], exposure["high"], at.get((year, "exposure"), "mid"))
            row["exposure_status"] = exposure["status"]
        rows.append(row)
    return pd.DataFrame(rows, columns=["year", "count", "count_status", "exposure", "exposure_status"])


def fit_trend(data: pd.DataFrame, series: str, model: str, with_exposure: bool, confidence: float) -> TrendFit | None:
    """Fit ``count ~ year`` (with log exposure as offset); None with fewer than two points."""
    if model not in COUNT_MODELS:
        raise ValueError(f"unknown count model {model!r}; expected one of {sorted(COUNT_MODELS)}")
    if len(data) < 2:
        return None
    frame = data.assign(year_c=data["year"] - data["year"].mean())
    exposure = frame["exposure"] if with_exposure else None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # perfect fits with two points warn; the report shows df = 0
        poisson = smf.glm("count ~ year_c", data=frame, family=sm.families.Poisson(), exposure=exposure).fit()
        dispersion, dispersion_p, verdict = dispersion_check(poisson)
        alpha = math.nan
        if model == "poisson":
            result = poisson
        elif model == "quasi_poisson" and poisson.df_resid < 1:
            result = poisson  # no residual degrees of freedom: the dispersion, hence the interval, is unknown
        elif model == "quasi_poisson":
            # Student t with the residual degrees of freedom, as for any estimated scale (McCullagh & Nelder):
            # with normal quantiles, five years cover a nominal 95% only about 85% of the time.
            result = smf.glm("count ~ year_c", data=frame, family=sm.families.Poisson(), exposure=exposure).fit(
                scale="X2", use_t=True
            )
        else:
            alpha = negative_binomial_alpha(frame, exposure)
            family = sm.families.NegativeBinomial(alpha=max(alpha, 1e-8))
            result = smf.glm("count ~ year_c", data=frame, family=family, exposure=exposure).fit()
    slope, (low, high) = result.params["year_c"], result.conf_int(alpha=1 - confidence).loc["year_c"]
    if model == "quasi_poisson" and poisson.df_resid < 1:
        low, high = -np.inf, np.inf
    p_value = float(result.pvalues["year_c"]) if np.isfinite(result.bse["year_c"]) else math.nan
    return TrendFit(
        series,
        model,
        with_exposure,
        data,
        float(np.exp(slope)),
        float(np.exp(low)),
        float(np.exp(high)),
        p_value,
        dispersion,
        dispersion_p,
        verdict,
        alpha,
        result,
    )


def dispersion_check(poisson_result) -> tuple[float, float, str]:
    """Pearson chi-square over residual degrees of freedom, its p-value under Poisson, and a verdict."""
    df = int(round(poisson_result.df_resid))
    if df <= 0:
        return math.nan, math.nan, "cannot be checked: no residual degrees of freedom"
    ratio = float(poisson_result.pearson_chi2 / df)
    p_value = float(stats.chi2.sf(poisson_result.pearson_chi2, df))
    if p_value < 0.05:
        return ratio, p_value, f"overdispersed (Pearson ratio {ratio:.1f}): prefer quasi-Poisson or negative binomial"
    return ratio, p_value, f"consistent with Poisson (Pearson ratio {ratio:.1f}, p = {p_value:.2f})"


def negative_binomial_alpha(frame: pd.DataFrame, exposure) -> float:
    """Maximum-likelihood alpha of NB2; 0 (Poisson) where the likelihood has no interior maximum."""
    try:
        fitted = smf.negativebinomial("count ~ year_c", data=frame, exposure=exposure).fit(disp=0, maxiter=200)
        alpha = float(fitted.params["alpha"])
    except (np.linalg.LinAlgError, ValueError):
        return 0.0
    return alpha if np.isfinite(alpha) and alpha > 0 else 0.0


def confidence_band(fit: TrendFit, confidence: float, years: list[int]) -> pd.DataFrame:
    """Fitted expected count (or rate per 1,000 with exposure) per year with its confidence band."""
    centre = fit.data["year"].mean()
    frame = pd.DataFrame({"year": years, "year_c": [year - centre for year in years]})
    linear = fit.result.get_prediction(frame, which="linear").summary_frame(alpha=1 - confidence)
    scale = 1000.0 if fit.with_exposure else 1.0  # exposure 1 alert: rate per alert, shown per 1,000
    return pd.DataFrame(
        {
            "year": years,
            "fitted": np.exp(linear["predicted"].to_numpy()) * scale,
            "conf_low": np.exp(linear["ci_lower"].to_numpy()) * scale,
            "conf_high": np.exp(linear["ci_upper"].to_numpy()) * scale,
        }
    )


def prediction_interval(
    fit: TrendFit, year: int, exposure: float, confidence: float, simulations: int, seed: int
) -> tuple[float, float, float]:
    """Interval for next year's count by simulation: parameters drawn from their estimated normal
    distribution (parameter uncertainty), then a count drawn from the model's distribution (count noise).
    Returns (median, low, high)."""
    if not (math.isfinite(fit.low) and math.isfinite(fit.high)):
        return math.nan, math.nan, math.nan  # no interval for the trend, so none for its prediction
    rng = np.random.default_rng(seed)
    centre = fit.data["year"].mean()
    params = np.asarray(fit.result.params)
    covariance = np.asarray(fit.result.cov_params())
    if not np.all(np.isfinite(covariance)):
        return math.nan, math.nan, math.nan
    draws = rng.multivariate_normal(params, covariance, size=simulations, method="eigh")
    means = np.exp(draws[:, 0] + draws[:, 1] * (year - centre)) * exposure
    means = np.minimum(means, 1e12)
    if fit.model == "negative_binomial" and fit.alpha > 0:
        counts = rng.negative_binomial(1 / fit.alpha, 1 / (1 + fit.alpha * means))
    elif fit.model == "quasi_poisson" and fit.result.scale > 1:
        phi = fit.result.scale  # NB with variance phi * mean matches the quasi-Poisson variance
        counts = rng.negative_binomial(means / (phi - 1), 1 / phi)
    else:
        counts = rng.poisson(means)
    tail = (1 - confidence) / 2
    low, median, high = np.quantile(counts, [tail, 0.5, 1 - tail])
    return float(median), float(low), float(high)


def reconstruction_sensitivity(panel_table: pd.DataFrame, fit: TrendFit, model: str, confidence: float) -> pd.DataFrame:
    """Refit with every bounded input of the fit at its low and its high end (all combinations)."""
    bounded = [(int(r.year), "count") for r in fit.data.itertuples() if r.count_status != "observed"]
    if fit.with_exposure:
        bounded += [(int(r.year), "exposure") for r in fit.data.itertuples() if r.exposure_status != "observed"]
    rows = []
    for corner in itertools.product(("low", "high"), repeat=len(bounded)):
        at = dict(zip(bounded, corner, strict=True))
        data = trend_data(panel_table, fit.series, fit.with_exposure, at)
        refit = fit_trend(data, fit.series, model, fit.with_exposure, confidence)
        if refit is not None:
            rows.append(
                {
                    "corner": ", ".join(f"{y} {what} {end}" for (y, what), end in at.items()) or "as observed",
                    "rate_ratio": refit.rate_ratio,
                    "low": refit.low,
                    "high": refit.high,
                }
            )
    return pd.DataFrame(rows, columns=["corner", "rate_ratio", "low", "high"])
