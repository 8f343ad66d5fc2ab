"""Coverage of nominal 95% intervals by simulation (seeded; the full table: benchmarks/coverage.py)."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
import coverage  # noqa: E402

pytestmark = pytest.mark.slow


def test_exact_poisson_intervals_cover_poisson_counts():
    table = coverage.rate_coverage(1000, seed=1)
    exact = table[(table["method"] == "exact_poisson") & ~table["overdispersed"]]
    assert (exact["coverage"] >= 0.93).all()  # Garwood is conservative: 0.95 or more, less Monte Carlo error


def test_quasi_poisson_trend_keeps_its_coverage_under_overdispersion():
    table = coverage.trend_coverage(
        200, seed=2, lengths=(5,), alphas=(coverage.OVERDISPERSION,), models=["quasi_poisson"]
    )
    assert (table["coverage"] >= 0.89).all()  # 0.95 less four Monte Carlo standard errors


def test_poisson_trend_undercovers_when_counts_are_overdispersed():
    # The failure the report guards against by defaulting to quasi-Poisson.
    table = coverage.trend_coverage(150, seed=3, means=(2000,), alphas=(coverage.OVERDISPERSION,), models=["poisson"])
    assert (table["coverage"] < 0.5).all()
