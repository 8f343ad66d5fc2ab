"""One run of the analysis: from the validated ledger and the report's settings to every table the
chapters show. Chapters call ``run_analysis`` once and read its fields; results.py turns it into JSON."""

from __future__ import annotations

import hashlib
import math
import pickle
import re
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

import pandas as pd

from interpol_review.core.atomic import write_bytes
from interpol_review.ledger.load import Ledger
from interpol_review.ledger.series import ARTICLE_2, ARTICLE_2_OR_3, ARTICLE_3, ISSUED, REFUSED_ALL
from interpol_review.stats import capacity, claims, rates, scenarios, trends
from interpol_review.stats.panel import DISAGREEMENT_RULES, RISING_SHARE_RULES, Panel, build_panel

FIRST_YEAR, LAST_YEAR = 2005, 2030  # the ledger's review figures span 2017-2024; older years hold notices only
TREND_SERIES = (REFUSED_ALL, ARTICLE_2, ARTICLE_3, ARTICLE_2_OR_3)


@dataclass(frozen=True)
class Settings:
    """The analysis' parameters; the chapters' parameter cells use the same names and defaults."""

    start_year: int = 2017
    end_year: int = 2024
    confidence: float = 0.95
    interval_method: str = "exact_poisson"
    count_model: str = "quasi_poisson"
    disagreement_rule: str = "sum_of_parts"
    include_2024: bool = True
    rising_share: str = "impose"
    requests_low: int = 25000
    requests_high: int = 40000
    staff_low: int = 30
    staff_high: int = 40
    seed: int = 20221111
    simulations: int = 10000
    published_by: str = ""

    @classmethod
    def from_values(cls, values: dict) -> Settings:
        """The settings named in ``values`` (other names are ignored), defaults for the rest; unchecked."""
        return cls(**{name: value for name, value in values.items() if name in cls.__dataclass_fields__})

    def check(self) -> None:
        """Raise ValueError naming the first setting out of its accepted values."""
        choices = {
            "interval_method": rates.INTERVAL_METHODS,
            "count_model": trends.COUNT_MODELS,
            "disagreement_rule": DISAGREEMENT_RULES,
            "rising_share": RISING_SHARE_RULES,
        }
        for name, accepted in choices.items():
            if getattr(self, name) not in accepted:
                raise ValueError(f"{name} = {getattr(self, name)!r}; accepted values: {', '.join(accepted)}")
        if not 0 < self.confidence < 1:
            raise ValueError(f"confidence = {self.confidence}; it must lie strictly between 0 and 1")
        for name in ("start_year", "end_year"):
            if not FIRST_YEAR <= getattr(self, name) <= LAST_YEAR:
                raise ValueError(f"{name} = {getattr(self, name)} is outside {FIRST_YEAR}-{LAST_YEAR}")
        if self.end_year < self.start_year:
            raise ValueError(f"end_year ({self.end_year}) is before start_year ({self.start_year})")
        if not 0 < self.requests_low <= self.requests_high:
            raise ValueError("requests_low and requests_high must satisfy 0 < requests_low <= requests_high")
        if not 0 < self.staff_low <= self.staff_high:
            raise ValueError("staff_low and staff_high must satisfy 0 < staff_low <= staff_high")
        if self.published_by and not re.fullmatch(r"(19|20)\d\d-(0[1-9]|1[0-2])", self.published_by):
            raise ValueError(f"published_by = {self.published_by!r}; write a month as YYYY-MM, or leave it empty")
        if self.simulations < 100:
            raise ValueError(f"simulations = {self.simulations}; use at least 100")


@dataclass
class Analysis:
    settings: Settings
    ledger: Ledger
    panel: Panel
    rates: pd.DataFrame
    trends: pd.DataFrame
    bands: pd.DataFrame
    sensitivity: pd.DataFrame
    claims: pd.DataFrame
    scenarios: dict[str, pd.DataFrame] = field(default_factory=dict)
    capacity: pd.DataFrame | None = None


def run_analysis(ledger: Ledger, settings: Settings) -> Analysis:
    settings.check()
    ledger = ledger.as_of(settings.published_by)
    panel = panel_for(ledger, settings)
    trend_table, bands, sensitivity = trend_results(ledger, panel, settings)
    return Analysis(
        settings=settings,
        ledger=ledger,
        panel=panel,
        rates=rates.rates(panel.table, settings.confidence, settings.interval_method),
        trends=trend_table,
        bands=bands,
        sensitivity=sensitivity,
        claims=claims.check_claims(ledger.claims, panel.table, ledger.figures),
        scenarios=scenario_tables(ledger, panel, settings),
        capacity=capacity_table(ledger, panel, settings),
    )


def panel_for(ledger: Ledger, settings: Settings) -> Panel:
    return build_panel(
        ledger,
        settings.start_year,
        settings.end_year,
        settings.disagreement_rule,
        settings.include_2024,
        rising_share=settings.rising_share,
    )


def next_exposure(panel: Panel) -> float:
    """Alerts issued assumed for the year after the data: the last year with a point value."""
    issued = panel.table[(panel.table["series"] == ISSUED) & panel.table["value"].notna()]
    return float(issued.sort_values("year")["value"].iloc[-1]) if len(issued) else math.nan


def trend_results(ledger: Ledger, panel: Panel, settings: Settings) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Main fits (rate with exposure, and count alone) with predictions; bands; sensitivity refits."""
    rows, bands, sensitivity = [], [], []
    years = list(range(settings.start_year, settings.end_year + 2))
    exposure_next = next_exposure(panel)
    for series in TREND_SERIES:
        for with_exposure in (True, False):
            data = trends.trend_data(panel.table, series, with_exposure)
            fit = trends.fit_trend(data, series, settings.count_model, with_exposure, settings.confidence)
            if fit is None:
                continue
            next_year = max(fit.years) + 1
            exposure = exposure_next if with_exposure else 1.0
            median, low, high = trends.prediction_interval(
                fit, next_year, exposure, settings.confidence, settings.simulations, settings.seed
            )
            rows.append(
                fit.summary()
                | {
                    "variant": "main",
                    "prediction_year": next_year,
                    "prediction_exposure": exposure,
                    "prediction_median": median,
                    "prediction_low": low,
                    "prediction_high": high,
                }
            )
            bands.append(
                trends.confidence_band(fit, settings.confidence, years).assign(
                    series=series, with_exposure=with_exposure
                )
            )
            corners = trends.reconstruction_sensitivity(panel.table, fit, settings.count_model, settings.confidence)
            if len(corners) > 1:
                sensitivity.append(
                    {
                        "series": series,
                        "with_exposure": with_exposure,
                        "variant": "reconstructed inputs at their bounds",
                        "rate_ratio_low": corners["rate_ratio"].min(),
                        "rate_ratio_high": corners["rate_ratio"].max(),
                        "low": corners["low"].min(),
                        "high": corners["high"].max(),
                        "years": fit.years,
                    }
                )
    for label, other in alternative_settings(settings):
        other_panel = panel_for(ledger, other)
        for series in TREND_SERIES:
            for with_exposure in (True, False):
                data = trends.trend_data(other_panel.table, series, with_exposure)
                fit = trends.fit_trend(data, series, other.count_model, with_exposure, other.confidence)
                if fit is not None:
                    sensitivity.append(
                        {
                            "series": series,
                            "with_exposure": with_exposure,
                            "variant": label,
                            "rate_ratio_low": fit.rate_ratio,
                            "rate_ratio_high": fit.rate_ratio,
                            "low": fit.low,
                            "high": fit.high,
                            "years": fit.years,
                        }
                    )
    return pd.DataFrame(rows), pd.concat(bands, ignore_index=True), pd.DataFrame(sensitivity)


def alternative_settings(settings: Settings) -> list[tuple[str, Settings]]:
    """The other disagreement rule, the 2024 figures switched, and the rising share only checked."""
    other_rule = next(rule for rule in DISAGREEMENT_RULES if rule != settings.disagreement_rule)
    other_rising = next(rule for rule in RISING_SHARE_RULES if rule != settings.rising_share)
    return [
        (f"disagreement rule {other_rule}", replace(settings, disagreement_rule=other_rule)),
        (
            "without 2024" if settings.include_2024 else "with 2024",
            replace(settings, include_2024=not settings.include_2024),
        ),
        (f"rising share: {other_rising}", replace(settings, rising_share=other_rising)),
    ]


def series_rows(panel: Panel, series: str) -> pd.DataFrame:
    return panel.table[panel.table["series"] == series][["year", "low", "high", "status"]]


def figure_rows(ledger: Ledger, measure: str, instrument: str) -> pd.DataFrame:
    """Yearly intervals of one measure straight from the ledger (count-like figures; dates by their year)."""
    figures = ledger.figures
    rows = figures[
        (figures["measure"] == measure)
        & (figures["instrument"] == instrument)
        & (figures["period_type"] != "span")
        & figures["kind"].isin(["count", "approximate"])
    ]
    grouped = rows.groupby("period_start").agg(low=("low", "min"), high=("high", "max")).reset_index()
    return grouped.rename(columns={"period_start": "year"})


def scenario_tables(ledger: Ledger, panel: Panel, settings: Settings) -> dict[str, pd.DataFrame]:
    refused, issued = series_rows(panel, REFUSED_ALL), series_rows(panel, ISSUED)
    stock = figure_rows(ledger, "valid_in_circulation", "red_notice")
    latest_stock = float(stock.sort_values("year")["low"].iloc[-1]) if len(stock) else math.nan
    tables = {
        "requests": scenarios.requests_scenarios(refused, issued, settings.requests_low, settings.requests_high),
        "cancellations": scenarios.cancellation_scenarios(refused, latest_stock),
        "denominators": scenarios.alternative_denominators(
            refused,
            {
                "alerts issued (Red Notices + diffusions)": issued,
                "Red Notices issued": figure_rows(ledger, "issued", "red_notice"),
                "valid Red Notices in circulation": stock,
            },
        ),
    }
    by_year = refused.set_index("year")
    if {2023, 2024} <= set(by_year.index) and settings.include_2024:
        tables["scope_break"] = scenarios.scope_break_scenarios(by_year.loc[2024, "high"], by_year.loc[2023, "high"])
    return tables


def capacity_table(ledger: Ledger, panel: Panel, settings: Settings) -> pd.DataFrame:
    """Alerts that passed review in a year: issued plus refused or cancelled (each reviewed at least once)."""
    issued = series_rows(panel, ISSUED).set_index("year")
    refused = series_rows(panel, REFUSED_ALL).set_index("year")
    workload = pd.DataFrame(
        {"year": issued.index, "low": issued["low"] + refused["low"], "high": issued["high"] + refused["high"]}
    ).reset_index(drop=True)
    return capacity.review_capacity(workload, settings.staff_low, settings.staff_high)


def settings_dict(settings: Settings) -> dict:
    return asdict(settings)


def cached_analysis(ledger: Ledger, settings: Settings, cache_dir) -> Analysis:
    """``run_analysis``, memoised on disk for the chapters of one report: they share one run.

    The key covers the data (SHA-256), every setting and the package's own source, so any change to
    one of them computes afresh. Written atomically: parallel builds never read a half-written file.
    """
    source = hashlib.sha256()
    for path in sorted(Path(__file__).parents[1].rglob("*.py")):
        source.update(path.read_bytes())
    key = hashlib.sha256(repr((ledger.sha256, asdict(settings), source.hexdigest())).encode()).hexdigest()[:24]
    path = Path(cache_dir) / f"analysis-{key}.pickle"
    if path.exists():
        return pickle.loads(path.read_bytes())
    analysis = run_analysis(ledger, settings)
    write_bytes(path, pickle.dumps(analysis))
    return analysis
