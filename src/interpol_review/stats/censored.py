"""Count trends from every year the figures bound, in one likelihood.

A year whose count was published enters as the probability of that count; a year known only within a
range (reconstructed from aggregates, rounded, read off a chart, "over 1,000") enters as the probability
of its range; a total published for two years together enters as the probability of the sum. The mean is
log-linear in the year, ``log mu_t = log exposure_t + b0 + b1 (t - centre) [+ g * scope_break_t]``, so
exp(b1) is the rate ratio per year. Three count families, by the report's count_model:

- ``quasi_poisson``: variance proportional to the mean, (1 + d) mu. As a likelihood this is the NB1
  (negative binomial with a common probability), so ranges and sums have exact probabilities;
- ``negative_binomial``: NB2, variance mu + a mu^2 (a sum of NB2 years is matched by its two moments);
- ``poisson``: variance equal to the mean.

Everything here is numpy and scipy; statsmodels' GenericLikelihoodModel would add nothing but overhead to
the thousands of refits the bootstrap needs.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import numpy as np
from scipy import optimize, special

FAMILIES = ("quasi_poisson", "negative_binomial", "poisson")
MIN_LOG_DISPERSION, MAX_LOG_DISPERSION = -16.0, 6.0  # d or a between 1e-7 (Poisson) and 400


@dataclass(frozen=True)
class Observations:
    """What the figures say, one observation per row of ``members``.

    ``members[i]`` lists the years (indices into ``years``) whose counts sum to observation i (one year
    for most, two for a total over 2019-2020); its count lies in [low[i], high[i]] (equal when published,
    high infinite for a lower bound). ``exposure`` and ``scope_break`` are per year.
    """

    years: np.ndarray
    exposure: np.ndarray
    scope_break: np.ndarray
    members: tuple[tuple[int, ...], ...]
    low: np.ndarray
    high: np.ndarray

    @property
    def centre(self) -> float:
        return float(np.mean(self.years))

    def design(self, own_level: bool) -> np.ndarray:
        columns = [np.ones(len(self.years)), self.years - self.centre]
        if own_level and self.scope_break.any():
            columns.append(self.scope_break.astype(float))
        return np.column_stack(columns)

    def with_counts(self, low: np.ndarray, high: np.ndarray) -> Observations:
        return replace(self, low=low, high=high)


def nb_parameters(family: str, mean: np.ndarray, squares: np.ndarray, dispersion):
    """(size, probability) of the negative binomial with this mean; for NB2 a sum of years is matched by
    its mean and variance (``squares`` is the sum of the years' squared means)."""
    if family == "quasi_poisson":
        return mean / dispersion, 1 / (1 + dispersion) + 0 * mean
    variance = mean + dispersion * squares
    return mean**2 / np.maximum(variance - mean, 1e-300), mean / variance


def range_log_probability(family: str, mean, squares, dispersion, low, high) -> np.ndarray:
    """log P(low <= Y <= high), from the tails on the far side of the mean: above the mean the upper
    tails, below it the lower tails, so that a range far from the mean is the difference of two small
    numbers, not of two numbers near 1. ``dispersion`` may be an array (one value per element), so that
    several points of a numerical derivative are evaluated in one call. A lower end of 0 has P(Y >= 0) = 1
    (the tail functions give exactly 1 there); an infinite upper end is replaced by a count so large that
    its tail is 0."""
    lower = np.maximum(low, 1e-300)  # the tail at 0 is exactly 1
    upper = np.minimum(high, 1e15) + 1
    if family == "poisson" or np.all(dispersion < 1e-7):
        above = special.gammainc(lower, mean) - special.gammainc(upper, mean)  # P(Y >= low) - P(Y > high)
        below = special.gammaincc(upper, mean) - special.gammaincc(lower, mean)  # P(Y <= high) - P(Y < low)
    else:
        size, probability = nb_parameters(family, mean, squares, dispersion)
        above = special.betaincc(size, lower, probability) - special.betaincc(size, upper, probability)
        below = special.betainc(size, upper, probability) - special.betainc(size, lower, probability)
    probability = np.where(mean * (1 + 0 * lower) > (low + np.minimum(high, 1e15)) / 2, below, above)
    return np.log(np.maximum(probability, 1e-300))


class Likelihood:
    """The log-likelihood of one set of (low, high) observations as a function of the yearly means and
    the dispersion, with its gradient. Published single-year counts have closed-form derivatives; ranges
    and sums are differenced numerically (there are a handful of them)."""

    def __init__(self, family: str, sums: np.ndarray, low: np.ndarray, high: np.ndarray):
        self.family, self.sums = family, sums
        single = sums.sum(axis=1) == 1
        exact = single & (low == high)
        self.exact_years = sums[exact].argmax(axis=1)
        self.k = low[exact]
        self.log_factorial = special.gammaln(self.k + 1)
        self.other = ~exact
        self.other_sums, self.other_low, self.other_high = sums[~exact], low[~exact], high[~exact]

    def value_and_gradient(self, yearly: np.ndarray, dispersion: float, gradient: bool = True):
        """(log-likelihood, d / d log mu_t for every year, d / d log dispersion)."""
        mu, k = yearly[self.exact_years], self.k
        d_mu = np.zeros(len(yearly))
        poisson = self.family == "poisson" or dispersion < 1e-7
        if poisson:
            value = float(np.sum(k * np.log(mu) - mu - self.log_factorial))
            per_log_mu, per_log_dispersion = k - mu, 0.0
        elif self.family == "quasi_poisson":
            r, log_p, log_q = mu / dispersion, -math.log1p(dispersion), math.log(dispersion) - math.log1p(dispersion)
            value = float(
                np.sum(special.gammaln(k + r) - special.gammaln(r) - self.log_factorial + r * log_p + k * log_q)
            )
            digammas = special.digamma(k + r) - special.digamma(r)
            per_log_mu = r * (digammas + log_p)
            per_log_dispersion = float(
                np.sum(-r * (digammas + log_p) - r * dispersion / (1 + dispersion) + k / (1 + dispersion))
            )
        else:
            r, am = 1 / dispersion, dispersion * mu
            log_p, log_q = -np.log1p(am), np.log(am) - np.log1p(am)
            value = float(
                np.sum(special.gammaln(k + r) - special.gammaln(r) - self.log_factorial + r * log_p + k * log_q)
            )
            per_log_mu = k - (k + r) * am / (1 + am)
            digammas = special.digamma(k + r) - special.digamma(r)
            per_log_dispersion = float(np.sum(-r * (digammas + log_p) + k - (k + r) * am / (1 + am)))
        np.add.at(d_mu, self.exact_years, per_log_mu)
        if self.other.any():
            value_other, d_other, d_dispersion = self.other_terms(yearly, dispersion, gradient)
            value += value_other
            d_mu += d_other
            per_log_dispersion += d_dispersion
        return value, d_mu, (0.0 if self.family == "poisson" else per_log_dispersion)

    def other_terms(self, yearly: np.ndarray, dispersion: float, gradient: bool):
        """Ranges and sums: the value, and by forward differences (all points in one call) the derivatives
        by each observation's log mean and by the log dispersion. The incomplete beta function dominates
        the cost of a fit, so each extra point counts."""
        mean, squares = self.other_sums @ yearly, self.other_sums @ yearly**2
        if not gradient:
            value = range_log_probability(self.family, mean, squares, dispersion, self.other_low, self.other_high)
            return float(value.sum()), 0.0, 0.0
        step, log_step = 1e-7, 1e-6
        with_dispersion = self.family != "poisson" and dispersion >= 1e-7
        # NB2 matches a sum by its mean and its sum of squared means; a year moves the two differently
        with_squares = self.family == "negative_binomial" and with_dispersion
        mean_scale = [1.0, 1 + step] + [1.0] * (with_squares + with_dispersion)
        square_scale = [1.0, 1.0] + [1 + step] * with_squares + [1.0] * with_dispersion
        log_dispersions = [0.0, 0.0] + [0.0] * with_squares + [log_step] * with_dispersion
        points = len(mean_scale)
        rows = range_log_probability(
            self.family,
            mean * np.array(mean_scale)[:, None],
            squares * np.array(square_scale)[:, None],
            dispersion * np.exp(np.array(log_dispersions))[:, None] + 0 * mean,
            np.broadcast_to(self.other_low, (points, len(mean))),
            np.broadcast_to(self.other_high, (points, len(mean))),
        )
        # d/d log mu_t = d/d log M * mu_t / M + d/d log S * 2 mu_t^2 / S
        per_log_mean = (rows[1] - rows[0]) / step
        shares = self.other_sums * yearly / np.maximum(mean, 1e-300)[:, None]
        d_mu = per_log_mean @ shares
        if with_squares:
            per_log_squares = (rows[2] - rows[0]) / step
            d_mu += per_log_squares @ (2 * self.other_sums * yearly**2 / np.maximum(squares, 1e-300)[:, None])
        d_dispersion = float((rows[-1].sum() - rows[0].sum()) / log_step) if with_dispersion else 0.0
        return float(rows[0].sum()), d_mu, d_dispersion


class Model:
    """The log-likelihood of one set of observations under one family, with or without a scope-break level."""

    def __init__(self, observations: Observations, family: str, own_level: bool):
        if family not in FAMILIES:
            raise ValueError(f"unknown count model {family!r}; expected one of {', '.join(FAMILIES)}")
        self.data, self.family = observations, family
        self.design = observations.design(own_level)
        self.log_exposure = np.log(observations.exposure)
        self.width = self.design.shape[1] + (0 if family == "poisson" else 1)
        self.sum = np.zeros((len(observations.members), len(observations.years)))
        for number, members in enumerate(observations.members):
            self.sum[number, list(members)] = 1.0
        self.likelihood = Likelihood(family, self.sum, observations.low, observations.high)

    def means(self, parameters: np.ndarray) -> np.ndarray:
        """Expected count of every year."""
        coefficients = parameters[: self.design.shape[1]]
        return np.exp(np.clip(self.log_exposure + self.design @ coefficients, -50, 50))

    def dispersion(self, parameters: np.ndarray) -> float:
        return 0.0 if self.family == "poisson" else float(np.exp(parameters[-1]))

    def for_counts(self, low: np.ndarray, high: np.ndarray) -> Likelihood:
        return Likelihood(self.family, self.sum, low, high)

    def loglik(self, parameters: np.ndarray, likelihood: Likelihood | None = None) -> float:
        likelihood = likelihood or self.likelihood
        return likelihood.value_and_gradient(self.means(parameters), self.dispersion(parameters), False)[0]

    def value_and_gradient(self, parameters: np.ndarray, likelihood: Likelihood | None = None):
        likelihood = likelihood or self.likelihood
        value, d_mu, d_dispersion = likelihood.value_and_gradient(self.means(parameters), self.dispersion(parameters))
        gradient = d_mu @ self.design
        if self.family != "poisson":
            gradient = np.append(gradient, d_dispersion)
        return value, gradient

    def start(self) -> np.ndarray:
        """Least squares on the log of each observation's midpoint: a start near the optimum."""
        mid = np.where(np.isfinite(self.data.high), (self.data.low + self.data.high) / 2, self.data.low * 1.2)
        per_year = np.zeros(len(self.data.years))
        for number, members in enumerate(self.data.members):
            per_year[list(members)] = max(mid[number], 0.5) / len(members)
        coefficients, *_ = np.linalg.lstsq(self.design, np.log(per_year) - self.log_exposure, rcond=None)
        return coefficients if self.family == "poisson" else np.append(coefficients, math.log(0.05))


@dataclass(frozen=True)
class Fit:
    parameters: np.ndarray
    loglik: float


def best_fit(model: Model, fixed_slope: float | None = None) -> Fit:
    """The maximum over several starting dispersions: with ranges in the data the likelihood can have a
    second, lower peak (little dispersion against much), and a single start may stop at it."""
    fits = []
    for log_dispersion in (None, -6.0, 0.0, 3.0):
        start = model.start()
        if log_dispersion is not None:
            if model.family == "poisson":
                continue
            start[-1] = log_dispersion
        fits.append(maximise(model, fixed_slope=fixed_slope, start=start))
    return max(fits, key=lambda fit: fit.loglik)


def maximise(
    model: Model,
    fixed_slope: float | None = None,
    start: np.ndarray | None = None,
    likelihood: Likelihood | None = None,
) -> Fit:
    """Maximum likelihood, optionally with the slope held at ``fixed_slope`` (a point of the profile)."""
    start = model.start() if start is None else start
    free = [i for i in range(model.width) if fixed_slope is None or i != 1]

    def full(values: np.ndarray) -> np.ndarray:
        parameters = np.array(start, dtype=float)
        parameters[free] = values
        if fixed_slope is not None:
            parameters[1] = fixed_slope
        return parameters

    def negative(values: np.ndarray) -> tuple[float, np.ndarray]:
        value, gradient = model.value_and_gradient(full(values), likelihood)
        if not math.isfinite(value) or not np.all(np.isfinite(gradient)):
            return 1e300, np.zeros(len(values))
        return -value, -gradient[free]

    bounds = [(None, None)] * model.width
    if model.family != "poisson":
        bounds[-1] = (MIN_LOG_DISPERSION, MAX_LOG_DISPERSION)
    result = optimize.minimize(
        negative,
        np.asarray(start, dtype=float)[free],
        jac=True,
        method="L-BFGS-B",
        bounds=[bounds[i] for i in free],
        # A thousandth of a unit of log-likelihood is far below what moves an interval; tighter costs time.
        options={"ftol": 1e-12, "gtol": 1e-4},
    )
    return Fit(parameters=full(result.x), loglik=-float(result.fun))


def profile_interval(model: Model, best: Fit, critical: float) -> tuple[float, float]:
    """The slopes whose profile log-likelihood is within critical / 2 of the maximum: the
    likelihood-ratio interval. Open (infinite) on a side where the profile never falls that far."""
    slope = best.parameters[1]

    def excess(value: float) -> float:
        profile = maximise(model, fixed_slope=value, start=best.parameters)
        return 2 * (best.loglik - profile.loglik) - critical

    found = []
    for direction in (-1.0, 1.0):
        step, inner = 0.02, slope
        edge = None
        while abs(inner - slope) < 3.0:  # a factor of 20 a year: further is no longer an interval
            outer = inner + direction * step
            if excess(outer) > 0:
                edge = optimize.brentq(excess, min(inner, outer), max(inner, outer), xtol=1e-5)
                break
            inner, step = outer, step * 2
        found.append(edge if edge is not None else direction * math.inf)
    return found[0], found[1]


def simulate(model: Model, parameters: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """One count per year from the model."""
    mean = model.means(parameters)
    dispersion = model.dispersion(parameters)
    if model.family == "poisson" or dispersion < 1e-7:
        return rng.poisson(mean)
    if model.family == "quasi_poisson":
        return rng.negative_binomial(mean / dispersion, 1 / (1 + dispersion))
    return rng.negative_binomial(1 / dispersion, 1 / (1 + dispersion * mean))


def observe_like(
    model: Model, parameters: np.ndarray, counts: np.ndarray, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """What the published figures would have said about simulated counts: each range keeps its width,
    placed at random around the simulated value; a lower bound keeps its proportion of the fitted mean."""
    data = model.data
    totals = model.sum @ counts
    bounded = np.isfinite(data.high)
    width = np.where(bounded, data.high - data.low, 0.0)
    low = np.maximum(totals - np.floor(rng.uniform(0, 1, len(totals)) * (width + 1)), 0)
    high = np.where(bounded, low + width, np.inf)
    if (~bounded).any():
        fitted = model.sum @ model.means(parameters)
        share = np.minimum(data.low / np.maximum(fitted, 1e-9), 1.0)
        low = np.where(bounded, low, np.floor(share * totals))
    return low, high
