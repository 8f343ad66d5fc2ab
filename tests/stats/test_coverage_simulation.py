"""Coverage by simulation: intervals contain the truth about as often as they say (benchmarks/coverage.py
measures the full table; these are seeded spot checks of it)."""

from __future__ import annotations

import math
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
import coverage  # noqa: E402


def monte_carlo_band(replications: int, sigmas: float = 4.0) -> float:
    return sigmas * math.sqrt(0.95 * 0.05 / replications)


def test_yearly_rate_intervals_cover_each_years_own_rate():
    table = pd.DataFrame(coverage.yearly_rate_rows(4000))
    band = monte_carlo_band(4000)
    for row in table.itertuples():
        assert abs(row.coverage - 0.95) < band, row
    exact = table[table["model"] == "exact_poisson"]
    assert (exact["coverage"] >= 0.95 - band / 2).all()  # Garwood is conservative


def test_the_change_between_two_years_covers_the_true_ratio():
    table = pd.DataFrame(coverage.change_rows(4000))
    for row in table.itertuples():
        assert abs(row.coverage - 0.95) < monte_carlo_band(4000), row


def replications(design_name: str, model: str, dispersion: float, count: int) -> list[dict]:
    design = next(d for d in coverage.DESIGNS if d.name == design_name)
    seeds = [1_000_003 * k + 17 for k in range(count)]
    return [o for o in map(coverage.one_replication, [(design, model, dispersion, s) for s in seeds]) if o]


@pytest.mark.slow
def test_the_calibrated_trend_interval_covers_in_a_short_series():
    outcomes = replications("CCF four years", "quasi_poisson", 0.0, 80)
    share = np.mean([o["trend"] for o in outcomes])
    assert share >= 0.95 - monte_carlo_band(len(outcomes))


@pytest.mark.slow
def test_a_poisson_trend_undercovers_overdispersed_counts():
    """The failure the quasi-Poisson default guards against: with counts eleven times as variable as
    Poisson, Poisson's intervals are far too narrow."""
    outcomes = replications("CCF four years", "poisson", coverage.OVERDISPERSION, 60)
    assert np.mean([o["trend"] for o in outcomes]) < 0.75
