"""Coverage of nominal 95% intervals on series like ours, by simulation (seeded).

    .venv/bin/python benchmarks/coverage.py [--replications 1000]

Counts of 20 to 2,000 a year, 5 or 8 years, with and without overdispersion (negative binomial, alpha 0.05:
a coefficient of variation of about 22% on top of Poisson noise). Prints the share of replications whose
interval contains the true value, for the yearly rate intervals and for the trend's rate ratio.
"""

from __future__ import annotations

import argparse
import itertools
import warnings

import numpy as np
import pandas as pd

from interpol_review.stats import rates, trends

EXPOSURE = 25000
TRUE_RATE_RATIO = 1.10
OVERDISPERSION = 0.05


def draw(rng: np.random.Generator, mean: np.ndarray, alpha: float) -> np.ndarray:
    return rng.negative_binomial(1 / alpha, 1 / (1 + alpha * mean)) if alpha else rng.poisson(mean)


def rate_coverage(replications: int, seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    rows = []
    for mean, alpha, method in itertools.product((20, 200, 2000), (0.0, OVERDISPERSION), rates.INTERVAL_METHODS):
        rate = mean / EXPOSURE
        counts = draw(rng, np.full(replications, float(mean)), alpha)
        hits = [rates.count_interval(k, EXPOSURE, 0.95, method) for k in counts]
        covered = np.mean([low <= rate <= high for low, high in hits])
        rows.append(
            {
                "what": "yearly rate",
                "method": method,
                "mean_count": mean,
                "overdispersed": bool(alpha),
                "years": 1,
                "coverage": covered,
            }
        )
    return pd.DataFrame(rows)


def trend_coverage(
    replications: int, seed: int, lengths=(5, 8), means=(20, 200, 2000), alphas=(0.0, OVERDISPERSION), models=None
) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    rows = []
    for years, mean, alpha, model in itertools.product(lengths, means, alphas, models or trends.COUNT_MODELS):
        year = np.arange(2017, 2017 + years)
        expected = mean * TRUE_RATE_RATIO ** (year - year.mean())
        hits = []
        for _ in range(replications):
            data = pd.DataFrame(
                {
                    "year": year,
                    "count": draw(rng, expected, alpha).astype(float),
                    "exposure": float(EXPOSURE),
                    "count_status": "observed",
                    "exposure_status": "observed",
                }
            )
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                fit = trends.fit_trend(data, "s", model, True, 0.95)
            hits.append(fit.low <= TRUE_RATE_RATIO <= fit.high)
        rows.append(
            {
                "what": "trend rate ratio",
                "method": model,
                "mean_count": mean,
                "overdispersed": bool(alpha),
                "years": years,
                "coverage": float(np.mean(hits)),
            }
        )
    return pd.DataFrame(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replications", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=20221111)
    arguments = parser.parse_args()
    table = pd.concat(
        [rate_coverage(arguments.replications, arguments.seed), trend_coverage(arguments.replications, arguments.seed)]
    )
    wide = table.pivot_table(
        index=["what", "method", "years", "overdispersed"], columns="mean_count", values="coverage"
    )
    print(f"coverage of nominal 95% intervals, {arguments.replications} replications each")
    print(wide.to_string(float_format="{:.3f}".format))


if __name__ == "__main__":
    main()
