"""Coverage of the report's intervals in simulated data shaped like the data they are fitted to.

Each design mimics one series of the report: its years, which of them are published counts, ranges (with
the widths the real figures leave), totals over two years or lower bounds, a scope break, and a mean and
growth like the real series'. Counts are drawn with and without overdispersion, the report's method is
run on what the figures would have said, and the share of replications whose interval contains the truth
is recorded: for the trend's rate ratio, the next year's count, the yearly rates and the changes between
two years.

    python benchmarks/coverage.py --replications 150 --processes 2      # writes docs/coverage.csv (about 1 h)
    python benchmarks/coverage.py --replications 20 --designs "CCF four years" --no-write   # a quick look

The table is printed in docs/methods.md (between the coverage markers) and in the report's methods
chapter; an interval more than two points from its nominal level is labelled there with its measured
coverage.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import multiprocessing
import re
import time
from dataclasses import dataclass
from pathlib import Path

from interpol_review.core.threads import one_thread_each

one_thread_each()  # before numpy: see core/threads.py

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from interpol_review.report.coverage import SHARE_DESIGN, SHARE_MODEL  # noqa: E402
from interpol_review.stats import ccf_shares, censored, changes, rates, trends  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DONE = ROOT / "build" / "coverage"  # one file per finished row, so an interrupted run resumes where it stopped
NOMINAL = 0.95
BOOTSTRAP = 200  # the report's default (parameter bootstrap)
OVERDISPERSION = 10.0  # NB1 d: variance = 11 x mean, about the dispersion the real series show


@dataclass(frozen=True)
class Design:
    name: str
    years: tuple[int, ...]
    members: tuple[tuple[int, ...], ...]  # observations, as indices into years
    widths: tuple[float, ...]  # relative width of each observation's range (0: a published count)
    lower_bound: tuple[bool, ...]  # an observation published as "at least" (80% of the truth)
    scope_break: tuple[bool, ...]  # per year
    mean: float  # expected count in the first year
    growth: float  # true rate ratio per year
    exposure: float = 1.0
    scope_level: float = 1.0


def single(years, widths, lower=None, scope=None, **kwargs) -> Design:
    n = len(years)
    return Design(
        years=tuple(years),
        members=tuple((i,) for i in range(n)),
        widths=tuple(widths),
        lower_bound=tuple(lower or [False] * n),
        scope_break=tuple(scope or [False] * n),
        **kwargs,
    )


DESIGNS = [
    single(
        (2017, 2018, 2019, 2020, 2021, 2023, 2024),
        (0.10, 0.45, 0.45, 0.035, 0, 0, 0),
        scope=[False] * 6 + [True],
        name="task force count",
        mean=800,
        growth=1.10,
        scope_level=1.3,
    ),
    single(
        (2017, 2018, 2019, 2020, 2021),
        (0.05, 0.45, 0.45, 0.03, 0),
        name="task force rate",
        mean=800,
        growth=1.19,
        exposure=27_000,
    ),
    single(
        (2017, 2018, 2021, 2022, 2023, 2024),
        (0.10, 0.10, 0.10, 0.10, 0.10, 0),
        name="CCF chart readings",
        mean=1000,
        growth=1.15,
    ),
    single((2011, 2018, 2021, 2024), (0, 0, 0, 0), name="CCF four years", mean=260, growth=1.16),
    Design(
        name="CCF deletions",
        years=(2011, 2015, 2016, 2019, 2020, 2021, 2022, 2024),
        members=((0,), (1,), (2,), (3, 4), (5,), (6,), (7,)),
        widths=(0, 0, 0.06, 0, 0, 0, 0),
        lower_bound=(False, True, False, False, False, False, True),
        scope_break=(False,) * 8,
        mean=32,
        growth=1.16,
    ),
]
MODELS = {"task force count": ("quasi_poisson", "negative_binomial", "poisson")}


def true_means(design: Design) -> np.ndarray:
    years = np.array(design.years, dtype=float)
    means = design.mean * design.growth ** (years - years[0])
    return means * np.where(design.scope_break, design.scope_level, 1.0)


def draw(means: np.ndarray, dispersion: float, rng) -> np.ndarray:
    if dispersion == 0:
        return rng.poisson(means)
    return rng.negative_binomial(means / dispersion, 1 / (1 + dispersion))


def observed(design: Design, counts: np.ndarray, rng) -> censored.Observations:
    """What the published figures would say: ranges of the design's widths around the truth, placed at
    random, and lower bounds at 80% of it."""
    low, high = [], []
    for members, width, lower in zip(design.members, design.widths, design.lower_bound, strict=True):
        total = float(sum(counts[list(members)]))
        if lower:
            low.append(math.floor(0.8 * total))
            high.append(math.inf)
            continue
        span = width * total
        start = total - rng.uniform(0, 1) * span
        low.append(math.floor(start))
        high.append(math.ceil(start + span))
    exposure = np.full(len(design.years), design.exposure)
    return censored.Observations(
        years=np.array(design.years, dtype=float),
        exposure=exposure,
        scope_break=np.array(design.scope_break),
        members=design.members,
        low=np.maximum(np.array(low), 0),
        high=np.array(high),
    )


def one_replication(task: tuple) -> dict | None:
    design, model, dispersion, seed = task
    rng = np.random.default_rng(seed)
    means = true_means(design)
    counts = draw(means, dispersion, rng)
    next_year = max(design.years) + 1
    true_next_mean = design.mean * design.growth ** (next_year - design.years[0])
    data = observed(design, counts, rng)
    fit = trends.fit_trend(
        data,
        "simulated",
        model,
        design.exposure > 1,
        any(design.scope_break),
        NOMINAL,
        BOOTSTRAP,
        4000,
        int(seed % 2**31),
        next_exposure=design.exposure,
    )
    if fit is None:
        return None
    next_count = draw(np.array([true_next_mean]), dispersion, rng)[0]
    return {
        "trend": fit.low <= design.growth <= fit.high,
        "prediction": fit.prediction["low"] <= next_count <= fit.prediction["high"],
    }


def code_key() -> str:
    """Rows measured by other code are measured again: this file and the statistics it runs."""
    sources = [Path(__file__), *sorted((ROOT / "src" / "interpol_review" / "stats").glob("*.py"))]
    return hashlib.sha256(b"".join(path.read_bytes() for path in sources)).hexdigest()[:16]


def finished_rows(design: Design, model: str, dispersion: float, replications: int, processes: int) -> list[dict]:
    name = re.sub(r"\W+", "-", f"{design.name} {model} {dispersion:g} {replications} {code_key()}")
    done = DONE / f"{name}.json"
    if done.exists():
        return json.loads(done.read_text(encoding="utf-8"))
    rows = trend_rows(design, model, dispersion, replications, processes)
    DONE.mkdir(parents=True, exist_ok=True)
    done.write_text(json.dumps(rows), encoding="utf-8")
    return rows


def trend_rows(design: Design, model: str, dispersion: float, replications: int, processes: int) -> list[dict]:
    tasks = [(design, model, dispersion, 1_000_003 * k + int(dispersion * 7) + 11) for k in range(replications)]
    with multiprocessing.get_context("fork").Pool(processes) as pool:
        outcomes = [o for o in pool.map(one_replication, tasks, chunksize=4) if o is not None]
    rows = []
    for interval in ("trend", "prediction"):
        share = float(np.mean([o[interval] for o in outcomes])) if outcomes else math.nan
        rows.append(row(design.name, model, dispersion, interval, share, len(outcomes)))
    return rows


def row(design: str, model: str, dispersion: float, interval: str, share: float, count: int) -> dict:
    return {
        "design": design,
        "model": model,
        "dispersion": dispersion,
        "interval": interval,
        "nominal": NOMINAL,
        "coverage": round(share, 3),
        "replications": count,
        "mc_se": round(math.sqrt(NOMINAL * (1 - NOMINAL) / max(count, 1)), 3),
    }


def year_means(mean: float, dispersion: float, size: int, rng) -> np.ndarray:
    """Each year's own expected count. Overdispersion is a year-to-year gamma mixture (NB1: variance
    (1 + d) x mean), so a year's count is Poisson around its own mean, which is what a yearly rate or a
    change between two published years estimates; the long-run mean is the trend's business."""
    if dispersion == 0:
        return np.full(size, mean)
    return rng.gamma(mean / dispersion, dispersion, size)


def yearly_rate_rows(replications: int) -> list[dict]:
    """A year's rate per alert issued with a published exposure, for each interval method."""
    rng = np.random.default_rng(20221111)
    exposure = 24_000
    rows = []
    for dispersion in (0.0, OVERDISPERSION):
        means = year_means(1200.0, dispersion, replications, rng)
        counts = rng.poisson(means)
        for method in rates.INTERVAL_METHODS:
            hits = [rates.count_interval(k, exposure, NOMINAL, method) for k in counts]
            share = float(np.mean([low <= m / exposure <= high for (low, high), m in zip(hits, means, strict=True)]))
            rows.append(row("yearly rate", method, dispersion, "rate", share, replications))
    return rows


def change_rows(replications: int) -> list[dict]:
    """The ratio of two published years (changes between years), exact conditional interval."""
    rng = np.random.default_rng(20221112)
    rows = []
    for dispersion in (0.0, OVERDISPERSION):
        first = year_means(150.0, dispersion, replications, rng)
        second = year_means(300.0, dispersion, replications, rng)
        counts = zip(rng.poisson(first), rng.poisson(second), strict=True)
        hits = [changes.ratio_interval(a, b, NOMINAL) for a, b in counts]
        truth = second / first
        share = float(np.mean([low <= t <= high for (low, high), t in zip(hits, truth, strict=True)]))
        rows.append(row("change between two years", "exact conditional", dispersion, "ratio", share, replications))
    return rows


# The CCF's share series: four years of several hundred complaints, the deletion share falling from 80%.
SHARE_YEARS, SHARE_TRIALS = (2018, 2021, 2022, 2024), (346, 478, 470, 539)
SHARE_START, SHARE_ODDS_RATIO = 0.8, 0.81
# Overdispersion as a beta-binomial: the Pearson dispersion is 1 + (n - 1) rho; the rows record its excess
# over 1 (0: binomial; 0.75, about the real series' 1.74; 2).
SHARE_EXCESS_DISPERSIONS = (0.0, 0.75, 2.0)


def share_trend_rows(replications: int) -> list[dict]:
    """The logistic trend of a share (binomial, or quasi-binomial where overdispersed) over the CCF's four
    years: how often its interval contains the true odds ratio per year."""
    rng = np.random.default_rng(20221113)
    years, trials = np.array(SHARE_YEARS, dtype=float), np.array(SHARE_TRIALS)
    logit = math.log(SHARE_START / (1 - SHARE_START)) + math.log(SHARE_ODDS_RATIO) * (years - years[0])
    truth = 1 / (1 + np.exp(-logit))
    rows = []
    for dispersion in SHARE_EXCESS_DISPERSIONS:
        rho = dispersion / (np.mean(trials) - 1)
        hits = 0
        for _ in range(replications):
            if rho > 0:
                shape = (1 - rho) / rho
                means = rng.beta(truth * shape, (1 - truth) * shape)
            else:
                means = truth
            successes = rng.binomial(trials, means)
            fit = ccf_shares.logistic_fit(years, successes, trials, NOMINAL)
            hits += fit["low"] <= SHARE_ODDS_RATIO <= fit["high"]
        rows.append(row(SHARE_DESIGN, SHARE_MODEL, dispersion, "trend", hits / replications, replications))
    return rows


def methods_table(table: pd.DataFrame) -> str:
    lines = [
        "| design | model or method | overdispersed | interval | coverage | replications |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for r in table.itertuples():
        over = "yes" if r.dispersion > 0 else "no"
        cells = (r.design, r.model.replace("_", " "), over, r.interval, f"{r.coverage:.3f}", r.replications)
        lines.append("| " + " | ".join(map(str, cells)) + " |")
    return "\n".join(lines)


def write(table: pd.DataFrame) -> None:
    table.to_csv(ROOT / "docs" / "coverage.csv", index=False, lineterminator="\n")
    methods = ROOT / "docs" / "methods.md"
    text = methods.read_text(encoding="utf-8")
    block = f"<!-- coverage: start -->\n{methods_table(table)}\n<!-- coverage: end -->"
    text = re.sub(r"<!-- coverage: start -->.*?<!-- coverage: end -->", lambda _: block, text, flags=re.S)
    methods.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replications", type=int, default=250)
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--designs", nargs="*", help="names of the designs to run (default: all)")
    parser.add_argument("--no-write", action="store_true", help="print only; leave docs/ as it is")
    arguments = parser.parse_args()
    rows = []
    for design in DESIGNS:
        if arguments.designs and design.name not in arguments.designs:
            continue
        for model in MODELS.get(design.name, ("quasi_poisson",)):
            for dispersion in (0.0, OVERDISPERSION):
                started = time.perf_counter()
                found = finished_rows(design, model, dispersion, arguments.replications, arguments.processes)
                rows += found
                print(
                    f"{design.name}, {model}, dispersion {dispersion:g}: "
                    + ", ".join(f"{r['interval']} {r['coverage']:.3f}" for r in found)
                    + f" ({time.perf_counter() - started:.0f} s)",
                    flush=True,
                )
    extra = max(arguments.replications * 8, 2000)
    rows += yearly_rate_rows(extra) + change_rows(extra) + share_trend_rows(extra)
    table = pd.DataFrame(rows)
    print(methods_table(table))
    if not arguments.no_write:
        write(table)


if __name__ == "__main__":
    main()
