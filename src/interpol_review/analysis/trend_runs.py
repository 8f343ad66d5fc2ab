"""Every trend of a report, and for series with too few years the changes between years instead.

A series gets a model only with at least four informative years (stats/trends.py); the main fit is
calibrated by its own bootstrap, and the sensitivity refits (the simple fit, the other scope-break rules,
the other count models, the panels under the other rules) borrow its calibration.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import pandas as pd

from interpol_review.analysis import inputs
from interpol_review.analysis.cache import cached
from interpol_review.analysis.settings import Settings
from interpol_review.core.choices import COUNT_MODELS, RISING_SHARE_RULES, SCOPE_BREAK_RULES
from interpol_review.stats import changes, trends
from interpol_review.stats.trends import INFORMATIVE_RATIO

# The settings a trend depends on, beside its data: the key under which fits are shared between variants.
TREND_SETTINGS = ("count_model", "scope_break", "confidence", "bootstrap", "simulations", "seed")
SENSITIVITY_COLUMNS = ["series", "with_exposure", "variant", "rate_ratio", "low", "high", "years", "residual_df"]


@dataclass
class TrendResults:
    fits: dict[tuple[str, bool], trends.Trend] = field(default_factory=dict)  # (series, with_exposure) -> fit
    changes: dict[tuple[str, bool], pd.DataFrame] = field(default_factory=dict)  # where no model is warranted
    sensitivity: list[dict] = field(default_factory=list)

    def table(self) -> pd.DataFrame:
        return pd.DataFrame([fit.summary() for fit in self.fits.values()])

    def bands(self) -> pd.DataFrame:
        frames = [
            fit.band.assign(series=series, with_exposure=with_exposure)
            for (series, with_exposure), fit in self.fits.items()
        ]
        return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()

    def changes_table(self) -> pd.DataFrame:
        frames = [
            table.assign(series=series, with_exposure=with_exposure)
            for (series, with_exposure), table in self.changes.items()
            if len(table)
        ]
        return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


def fit_series(
    rows: pd.DataFrame, series: str, with_exposure: bool, settings: Settings, results: TrendResults, **options
) -> trends.Trend | None:
    """The main fit of one series with its sensitivity refits, or its changes between informative years;
    kept on disk by data and settings (see cache.py)."""
    relevant = {name: getattr(settings, name) for name in TREND_SETTINGS}
    fit, changed, sensitivity = cached(
        "trend",
        (rows, series, with_exposure, relevant, options),
        lambda: fitted_series(rows, series, with_exposure, settings, **options),
    )
    if fit is not None:
        results.fits[(series, with_exposure)] = fit
        results.sensitivity += sensitivity
    elif changed is not None:
        results.changes[(series, with_exposure)] = changed
    return fit


def fitted_series(rows: pd.DataFrame, series: str, with_exposure: bool, settings: Settings, **options):
    """(fit, None, sensitivity rows) where a model is warranted, (None, changes, []) where not."""
    data = inputs.observations(rows)
    if data is None:
        return None, None, []
    fit = trends.fit_trend(
        data,
        series,
        settings.count_model,
        with_exposure,
        settings.scope_break == "own_level",
        settings.confidence,
        settings.bootstrap,
        settings.simulations,
        settings.seed,
        **options,
    )
    if fit is not None:
        return fit, None, sensitivity_rows(rows, fit, settings)
    points = inputs.informative_points(rows, INFORMATIVE_RATIO)
    return None, changes.changes_between_years(points, settings.confidence), []


def sensitivity_rows(rows: pd.DataFrame, fit: trends.Trend, settings: Settings) -> list[dict]:
    """Refits of one series: the simple fit, the other scope-break rules and the other count models."""
    found = []
    data = inputs.observations(rows)

    def row(variant: str, rate_ratio: float, low: float, high: float, years, residual_df) -> dict:
        return dict(
            zip(
                SENSITIVITY_COLUMNS,
                [fit.series, fit.with_exposure, variant, rate_ratio, low, high, list(years), residual_df],
                strict=True,
            )
        )

    simple = trends.simple_fit(data, settings.scope_break == "own_level", settings.confidence)
    found.append(row("simple fit: a GLM on the middle of each range", *simple, fit.years, fit.residual_df))
    for rule in SCOPE_BREAK_RULES:
        if rule == settings.scope_break or not data.scope_break.any():
            continue
        chosen = rows[~rows["scope_break"]] if rule == "exclude" else rows
        refit = trends.fit_trend(
            inputs.observations(chosen),
            fit.series,
            settings.count_model,
            fit.with_exposure,
            rule == "own_level",
            settings.confidence,
            0,
            0,
            settings.seed,
            calibration=fit.calibration,
        )
        if refit is not None:
            found.append(
                row(
                    f"2024: {rule.replace('_', ' ')}",
                    refit.rate_ratio,
                    refit.low,
                    refit.high,
                    refit.years,
                    refit.residual_df,
                )
            )
    for model in COUNT_MODELS:
        if model == settings.count_model:
            continue
        refit = trends.fit_trend(
            data,
            fit.series,
            model,
            fit.with_exposure,
            settings.scope_break == "own_level",
            settings.confidence,
            0,
            0,
            settings.seed,
            calibration=fit.calibration,
        )
        if refit is not None:
            found.append(
                row(
                    f"count model: {model.replace('_', '-')}",
                    refit.rate_ratio,
                    refit.low,
                    refit.high,
                    refit.years,
                    refit.residual_df,
                )
            )
    return found


def alternative_rows(rows: pd.DataFrame, fit: trends.Trend, settings: Settings, label: str) -> dict | None:
    """The same series on a panel built under another rule, with the main fit's calibration."""
    data = inputs.observations(rows)
    if data is None:
        return None
    refit = trends.fit_trend(
        data,
        fit.series,
        settings.count_model,
        fit.with_exposure,
        settings.scope_break == "own_level",
        settings.confidence,
        0,
        0,
        settings.seed,
        calibration=fit.calibration,
    )
    if refit is None:
        return None
    values = [
        fit.series,
        fit.with_exposure,
        label,
        refit.rate_ratio,
        refit.low,
        refit.high,
        refit.years,
        refit.residual_df,
    ]
    return dict(zip(SENSITIVITY_COLUMNS, values, strict=True))


def other_rules(settings: Settings) -> list[tuple[str, Settings]]:
    """The settings of the sensitivity panels: the other disagreement rule and the other rising-share rule."""
    from interpol_review.analysis.settings import DISAGREEMENT_RULES

    rule = next(r for r in DISAGREEMENT_RULES if r != settings.disagreement_rule)
    rising = next(r for r in RISING_SHARE_RULES if r != settings.rising_share)
    return [
        (f"disagreement rule: {rule.replace('_', ' ')}", replace(settings, disagreement_rule=rule)),
        (f"rising share: {rising}", replace(settings, rising_share=rising)),
    ]
