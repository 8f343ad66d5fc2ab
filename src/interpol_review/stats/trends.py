"""Trends in yearly counts and rates, with honest uncertainty: a model only where the data carry one.

- Fewer than ``MIN_YEARS`` informative years: no model. The changes between published years are reported
  with their intervals instead (changes.py).
- Otherwise: the interval-censored likelihood of censored.py, every year the figures bound in one fit. The
  interval for the rate ratio per year is a profile-likelihood interval whose critical value is calibrated
  by a parametric bootstrap: with this few years the likelihood-ratio statistic is larger than chi-square
  says, and the bootstrap measures by how much: the critical value is the statistic's quantile over samples
  simulated from the fit (never below chi-square's). Not its mean (a Bartlett scaling): with so few years
  a handful of samples whose dispersion estimate collapses give enormous statistics, which would dominate a
  mean and make every interval open. The same bootstrap refits give
  the band of the fitted mean and, with counts drawn from the model for each, the prediction interval for
  the next year: parameter uncertainty (including the dispersion's) and year-to-year randomness together,
  so the prediction is wider than the band.
- Sensitivity refits borrow the calibration of the main fit of the same series (no bootstrap of their own).
- The simple fit of earlier versions (a GLM on the middle of each range, t quantiles) stays as a
  sensitivity row.
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd
import statsmodels.api as sm
import statsmodels.formula.api as smf
from scipy import stats

from interpol_review.stats import censored

MIN_YEARS = 4  # fewer informative years than this: changes between years, never a model
INFORMATIVE_RATIO = 3.0  # a range informs a trend when its upper end is at most three times its lower end


@dataclass
class Trend:
    series: str
    with_exposure: bool
    model: str
    years: list[int]
    informative_years: int
    residual_df: int
    rate_ratio: float
    low: float
    high: float
    p_value: float
    critical_value: float  # calibrated; chi-square's would be 3.84 at 95%
    calibration: float  # the bootstrap's critical value over chi-square's (at least 1)
    dispersion: float
    overdispersion_p: float
    scope_level: float  # the 2024 level relative to the trend (own_level), NaN otherwise
    band: pd.DataFrame  # year, fitted, conf_low, conf_high (per 1,000 alerts issued when with_exposure)
    prediction: dict  # year, exposure, median, low, high
    bootstrap: int

    SUMMARY_COLUMNS = (
        "series", "with_exposure", "model", "method", "years", "number_of_years", "informative_years",
        "residual_df", "rate_ratio_per_year", "low", "high", "p_value", "critical_value", "calibration",
        "dispersion", "overdispersion_p", "scope_level", "prediction_year", "prediction_exposure",
        "prediction_median", "prediction_low", "prediction_high", "bootstrap",
    )  # fmt: skip

    def summary(self) -> dict:
        return {
            "series": self.series,
            "with_exposure": self.with_exposure,
            "model": self.model,
            "method": "interval-censored likelihood, profile interval calibrated by parametric bootstrap",
            "years": self.years,
            "number_of_years": len(self.years),
            "informative_years": self.informative_years,
            "residual_df": self.residual_df,
            "rate_ratio_per_year": self.rate_ratio,
            "low": self.low,
            "high": self.high,
            "p_value": self.p_value,
            "critical_value": self.critical_value,
            "calibration": self.calibration,
            "dispersion": self.dispersion,
            "overdispersion_p": self.overdispersion_p,
            "scope_level": self.scope_level,
            "prediction_year": self.prediction["year"],
            "prediction_exposure": self.prediction["exposure"],
            "prediction_median": self.prediction["median"],
            "prediction_low": self.prediction["low"],
            "prediction_high": self.prediction["high"],
            "bootstrap": self.bootstrap,
        }


def informative(observations: censored.Observations, own_level: bool = True) -> int:
    """Published figures narrow enough to say something about a trend: a range whose upper end is at most
    INFORMATIVE_RATIO times its lower end; a total over two years counts once. A year with its own level (a
    scope break under own_level) informs only that level, not the trend; pooled, it counts like the rest."""
    count = 0
    for members, low, high in zip(observations.members, observations.low, observations.high, strict=True):
        if own_level and any(observations.scope_break[m] for m in members):
            continue
        if math.isfinite(high) and high <= INFORMATIVE_RATIO * max(low, 1.0):
            count += 1
    return count


# Long: one recipe in order (fit, bootstrap, calibrated interval, test, band, prediction); its steps
# share a dozen values, and split up they would be read out of order.
def fit_trend(
    observations: censored.Observations,
    series: str,
    model_name: str,
    with_exposure: bool,
    own_level: bool,
    confidence: float,
    bootstrap: int,
    simulations: int,
    seed: int,
    next_exposure: float = 1.0,
    calibration: float | None = None,
) -> Trend | None:
    """The calibrated trend, or None when fewer than MIN_YEARS informative years exist. With
    ``calibration`` given (a main fit's), no bootstrap runs and there is no band or prediction."""
    if informative(observations, own_level) < MIN_YEARS:
        return None
    model = censored.Model(observations, model_name, own_level)
    if len(observations.members) - model.width < 1:
        return None  # no degrees of freedom left to measure the model's own error
    best = censored.best_fit(model)
    rng = np.random.default_rng(seed)
    truth = adjusted(model, best)
    replicates = [] if calibration is not None else [replicate(model, best, truth, rng) for _ in range(bootstrap)]
    chi_square = float(stats.chi2.ppf(confidence, 1))
    if calibration is None:
        statistics = np.array([lr for lr, _ in replicates])
        calibration = max(float(np.quantile(statistics, confidence)) / chi_square, 1.0)
    critical = chi_square * calibration
    low, high = censored.profile_interval(model, best, critical)
    at_zero = censored.maximise(model, fixed_slope=0.0, start=best.parameters)
    lr_zero = 2 * (best.loglik - at_zero.loglik)
    refits = [fitted for _, fitted in replicates]
    band, prediction = band_and_prediction(
        model, best, refits, confidence, simulations, with_exposure, next_exposure, rng
    )
    return Trend(
        series=series,
        with_exposure=with_exposure,
        model=model_name,
        years=[int(year) for year in observations.years],
        informative_years=informative(observations, own_level),
        residual_df=len(observations.members) - model.width,
        rate_ratio=float(math.exp(best.parameters[1])),
        low=float(math.exp(low)) if math.isfinite(low) else 0.0,
        high=float(math.exp(high)) if math.isfinite(high) else math.inf,
        p_value=float(stats.chi2.sf(max(lr_zero, 0.0) / calibration, 1)),
        critical_value=critical,
        calibration=calibration,
        dispersion=model.dispersion(best.parameters),
        overdispersion_p=overdispersion_p(observations, own_level, best, model_name),
        scope_level=float(math.exp(best.parameters[2])) if model.design.shape[1] == 3 else math.nan,
        band=band,
        prediction=prediction,
        bootstrap=len(replicates),
    )


NARROW = 0.05  # a range at most this wide (relative to its middle) counts as a published count for dispersion
PEARSON_MIN_DF = 2  # from one degree of freedom the Pearson estimate is too noisy to take the larger of


def pearson_dispersion(model: censored.Model, best: censored.Fit) -> float:
    """The dispersion from the Pearson statistic of the published counts (and ranges no wider than 5%),
    over their degrees of freedom: unbiased where maximum likelihood, with few exact years, is not."""
    data = model.data
    yearly = model.means(best.parameters)
    mean = model.sum @ yearly
    middle = (data.low + np.where(np.isfinite(data.high), data.high, data.low)) / 2
    narrow = np.isfinite(data.high) & (data.high - data.low <= NARROW * np.maximum(middle, 1))
    # A year with its own level (a scope break) is fitted exactly and says nothing about dispersion.
    own = np.array([bool(data.scope_break[list(m)].any()) for m in data.members]) & (model.design.shape[1] == 3)
    used = narrow & ~own
    degrees = int(used.sum()) - 2
    if degrees < PEARSON_MIN_DF:
        return 0.0
    pearson = float(np.sum((middle[used] - mean[used]) ** 2 / mean[used])) / degrees
    return pearson - 1 if model.family == "quasi_poisson" else (pearson - 1) / float(np.mean(mean[used]))


def adjusted(model: censored.Model, best: censored.Fit) -> np.ndarray:
    """The fit with the dispersion the bootstrap draws from: the larger of the maximum-likelihood value
    scaled by n / (n - p) (estimated from a few years it is too small by about that factor) and the
    Pearson estimate from the published counts. Samples drawn with too little dispersion would make every
    interval too narrow."""
    parameters = best.parameters.copy()
    if model.family != "poisson":
        observations, mean_parameters = len(model.data.members), model.design.shape[1]
        scaled = math.exp(parameters[-1]) * observations / (observations - mean_parameters)
        parameters[-1] = math.log(max(scaled, pearson_dispersion(model, best), 1e-7))
    return parameters


def replicate(
    model: censored.Model, best: censored.Fit, truth: np.ndarray, rng: np.random.Generator
) -> tuple[float, np.ndarray]:
    """One parametric bootstrap sample drawn from ``truth`` (the fit, dispersion adjusted): the
    likelihood-ratio statistic at the true slope, and the refit."""
    counts = censored.simulate(model, truth, rng)
    likelihood = model.for_counts(*censored.observe_like(model, truth, counts, rng))
    fitted = censored.maximise(model, start=best.parameters, likelihood=likelihood)
    held = censored.maximise(model, fixed_slope=best.parameters[1], start=fitted.parameters, likelihood=likelihood)
    refit = fitted.parameters.copy()
    if model.family != "poisson":
        refit[-1] = truth[-1] - best.parameters[-1] + refit[-1]  # the same adjustment for each refit
    return max(2 * (fitted.loglik - held.loglik), 0.0), refit


def band_and_prediction(model, best, refits, confidence, simulations, with_exposure, next_exposure, rng):
    """From the bootstrap refits: the band of the fitted mean and the next year's prediction (empty
    without refits, as in a sensitivity fit)."""
    next_year = int(max(model.data.years)) + 1
    if not refits:
        empty = pd.DataFrame(columns=["year", "fitted", "conf_low", "conf_high"])
        return empty, dict.fromkeys(("year", "exposure", "median", "low", "high"), math.nan)
    parameters = np.array(refits)
    band = mean_band(model, parameters, best, confidence, next_year, with_exposure)
    return band, predict(model, parameters, confidence, simulations, next_year, next_exposure, rng)


def mean_band(
    model: censored.Model,
    parameters: np.ndarray,
    best: censored.Fit,
    confidence: float,
    next_year: int,
    with_exposure: bool,
) -> pd.DataFrame:
    """Fitted expected count (or rate per 1,000) per year, with the bootstrap's percentile band."""
    years = np.arange(int(model.data.years.min()), next_year + 1)
    centre = model.data.centre
    columns = 2 + (model.design.shape[1] == 3)

    def line(coefficients: np.ndarray) -> np.ndarray:
        return np.exp(coefficients[0] + coefficients[1] * (years - centre))

    draws = np.array([line(values[:columns]) for values in parameters])
    tail = (1 - confidence) / 2
    scale = 1000.0 if with_exposure else 1.0
    return pd.DataFrame(
        {
            "year": years,
            "fitted": line(best.parameters[:columns]) * scale,
            "conf_low": np.quantile(draws, tail, axis=0) * scale,
            "conf_high": np.quantile(draws, 1 - tail, axis=0) * scale,
        }
    )


def predict(
    model: censored.Model,
    parameters: np.ndarray,
    confidence: float,
    simulations: int,
    year: int,
    exposure: float,
    rng: np.random.Generator,
) -> dict:
    """Next year's count: for each bootstrap refit, counts drawn from the model at its mean (on the trend
    line, not at a scope-break level)."""
    per_fit = max(1, simulations // len(parameters))
    centre = model.data.centre
    draws = []
    for values in parameters:
        mean = exposure * math.exp(min(values[0] + values[1] * (year - centre), 50))
        dispersion = model.dispersion(values)
        if model.family == "poisson" or dispersion < 1e-7:
            draws.append(rng.poisson(mean, per_fit))
        elif model.family == "quasi_poisson":
            draws.append(rng.negative_binomial(mean / dispersion, 1 / (1 + dispersion), per_fit))
        else:
            draws.append(rng.negative_binomial(1 / dispersion, 1 / (1 + dispersion * mean), per_fit))
    counts = np.concatenate(draws)
    tail = (1 - confidence) / 2
    low, median, high = np.quantile(counts, [tail, 0.5, 1 - tail])
    return {"year": year, "exposure": exposure, "median": float(median), "low": float(low), "high": float(high)}


def overdispersion_p(observations, own_level: bool, best: censored.Fit, model_name: str) -> float:
    """Likelihood-ratio test of Poisson against the fitted family (the boundary makes it a 50:50 mixture of
    chi-square with 0 and 1 degree of freedom); NaN for the Poisson model itself."""
    if model_name == "poisson":
        return math.nan
    poisson = censored.best_fit(censored.Model(observations, "poisson", own_level))
    statistic = max(2 * (best.loglik - poisson.loglik), 0.0)
    return float(0.5 * stats.chi2.sf(statistic, 1)) if statistic > 0 else 1.0


def simple_fit(observations: censored.Observations, own_level: bool, confidence: float) -> tuple[float, float, float]:
    """The earlier method, kept as a sensitivity row: a quasi-Poisson GLM on the middle of each range,
    intervals with t quantiles on the residual degrees of freedom. (rate ratio, low, high)."""
    single = [i for i, members in enumerate(observations.members) if len(members) == 1]
    finite = [i for i in single if math.isfinite(observations.high[i])]
    rows = pd.DataFrame(
        {
            "count": [(observations.low[i] + observations.high[i]) / 2 for i in finite],
            "year_c": [observations.years[observations.members[i][0]] - observations.centre for i in finite],
            "level": [float(observations.scope_break[observations.members[i][0]]) for i in finite],
            "exposure": [observations.exposure[observations.members[i][0]] for i in finite],
        }
    )
    formula = "count ~ year_c + level" if own_level and rows["level"].any() else "count ~ year_c"
    terms = 2 + (formula.endswith("level"))
    if len(rows) - terms < 1:
        return math.nan, math.nan, math.nan
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = smf.glm(formula, data=rows, family=sm.families.Poisson(), exposure=rows["exposure"]).fit(
            scale="X2", use_t=True
        )
    low, high = result.conf_int(alpha=1 - confidence).loc["year_c"]
    return float(np.exp(result.params["year_c"])), float(np.exp(low)), float(np.exp(high))
