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
from interpol_review.core.choices import COUNT_MODELS, DISAGREEMENT_RULES, RISING_SHARE_RULES, SCOPE_BREAK_RULES
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
        """One row per fit; with no fit, the columns all the same (the chapters select by them)."""
        rows = [fit.summary() for fit in self.fits.values()]
        return pd.DataFrame(rows, columns=list(trends.Trend.SUMMARY_COLUMNS))

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


def refit_row(data, fit: trends.Trend, settings: Settings, label: str, model: str = "", own_level=None) -> dict | None:
    """One sensitivity row: the series refitted (another model, scope rule or panel) with the main fit's
    calibration, so that no refit needs a bootstrap of its own."""
    if data is None:
        return None
    own_level = settings.scope_break == "own_level" if own_level is None else own_level
    refit = trends.fit_trend(
        data,
        fit.series,
        model or settings.count_model,
        fit.with_exposure,
        own_level,
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


def sensitivity_rows(rows: pd.DataFrame, fit: trends.Trend, settings: Settings) -> list[dict]:
    """Refits of one series: the simple fit, the other scope-break rules and the other count models."""
    data = inputs.observations(rows)
    simple = trends.simple_fit(data, settings.scope_break == "own_level", settings.confidence)
    label = "simple fit: a GLM on the middle of each range"
    found = [
        dict(
            zip(
                SENSITIVITY_COLUMNS,
                [fit.series, fit.with_exposure, label, *simple, fit.years, fit.residual_df],
                strict=True,
            )
        )
    ]
    if data.scope_break.any():
        for rule in (r for r in SCOPE_BREAK_RULES if r != settings.scope_break):
            chosen = inputs.observations(rows[~rows["scope_break"]] if rule == "exclude" else rows)
            found.append(
                refit_row(
                    chosen, fit, settings, f"scope break: {rule.replace('_', ' ')}", own_level=rule == "own_level"
                )
            )
    for model in (m for m in COUNT_MODELS if m != settings.count_model):
        found.append(refit_row(data, fit, settings, f"count model: {model.replace('_', '-')}", model=model))
    return [row for row in found if row is not None]


def alternative_rows(rows: pd.DataFrame, fit: trends.Trend, settings: Settings, label: str) -> dict | None:
    """The same series on a panel built under another rule, with the main fit's calibration."""
    return refit_row(inputs.observations(rows), fit, settings, label)


def other_rules(settings: Settings) -> list[tuple[str, Settings]]:
    """The settings of the sensitivity panels: the other disagreement rule and the other rising-share rule."""
    rule = next(r for r in DISAGREEMENT_RULES if r != settings.disagreement_rule)
    rising = next(r for r in RISING_SHARE_RULES if r != settings.rising_share)
    return [
        (f"disagreement rule: {rule.replace('_', ' ')}", replace(settings, disagreement_rule=rule)),
        (f"rising share: {rising}", replace(settings, rising_share=rising)),
    ]
