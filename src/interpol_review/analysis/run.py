"""One run of the analysis: from the validated ledger and a report's settings to every table the chapters
show. Chapters call ``cached_analysis`` once and read its fields; report/results.py turns it into JSON."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import pandas as pd

from interpol_review.analysis import inputs, trend_runs
from interpol_review.analysis.cache import cached
from interpol_review.analysis.complaints import Complaints, complaints_analysis, joint_sum, two_routes
from interpol_review.analysis.editions import EditionChanges, edition_changes, previous_month, previous_settings
from interpol_review.analysis.headlines import Headline, headlines
from interpol_review.analysis.settings import Settings
from interpol_review.analysis.window import Window, resolve
from interpol_review.checks.disagreements import resolve as resolve_disagreements
from interpol_review.ledger.load import Ledger
from interpol_review.ledger.series import ARTICLE_2, ARTICLE_2_OR_3, ARTICLE_3, ISSUED, REFUSED_ALL
from interpol_review.stats import capacity, claims, german_count, rates, scenarios
from interpol_review.stats.panel import Panel, build_panel

TREND_SERIES = (REFUSED_ALL, ARTICLE_2, ARTICLE_3, ARTICLE_2_OR_3)


@dataclass
class Analysis:
    settings: Settings
    window: Window
    ledger: Ledger
    used_figures: pd.DataFrame  # the figures after the recorded disagreement rules
    panel: Panel
    rates: pd.DataFrame
    trends: pd.DataFrame
    bands: pd.DataFrame
    changes: pd.DataFrame
    sensitivity: pd.DataFrame
    claims: pd.DataFrame
    claims_other_rule: pd.DataFrame
    complaints: Complaints
    scenarios: dict[str, pd.DataFrame] = field(default_factory=dict)
    capacity: pd.DataFrame | None = None
    second_count: dict = field(default_factory=dict)  # the German government's count beside the task force's
    edition: EditionChanges | None = None  # what changed since the earlier data date (compare_with)

    @property
    def headlines(self) -> list[Headline]:
        return headlines(self)


def cached_analysis(ledger: Ledger, settings: Settings) -> Analysis:
    """The analysis of a report, with its comparison to the earlier edition, kept on disk by data and every
    setting that changes a number. The title and wording of the caller's settings are put back in."""
    analysis = cached("analysis", (ledger.sha256, settings.analysis_values()), lambda: with_edition(ledger, settings))
    return replace(analysis, settings=settings)


def with_edition(ledger: Ledger, settings: Settings) -> Analysis:
    analysis = run_analysis(ledger, settings)
    month = previous_month(analysis.ledger, settings.compare_with)
    if month is not None:
        previous = cached_analysis(ledger, previous_settings(settings, month))
        analysis.edition = edition_changes(analysis, previous, month)
    return analysis


def run_analysis(ledger: Ledger, settings: Settings) -> Analysis:
    """The whole analysis of one report, as a table of contents of its steps."""
    ledger = ledger.as_of(settings.published_by)
    window = resolve(settings, ledger)
    used = resolve_disagreements(ledger.figures, ledger.disagreements, settings.disagreement_rule).used
    panel = panel_for(ledger, settings, window)
    yearly_rates = rates.rates(panel.table, panel.system, settings.confidence, settings.interval_method)
    complaints = complaints_analysis(used, settings, window)
    complaints.two_routes = two_routes(panel, complaints)
    other_panels = {
        label: panel_for(ledger, other, window, with_binding_figures=False)
        for label, other in trend_runs.other_rules(settings)
    }
    task_force = task_force_trends(settings, panel, yearly_rates, other_panels)
    other_panel = next(iter(other_panels.values()))  # the other disagreement rule, for the claims
    return Analysis(
        settings=settings,
        window=window,
        ledger=ledger,
        used_figures=used,
        panel=panel,
        rates=yearly_rates,
        trends=task_force.table(),
        bands=task_force.bands(),
        changes=task_force.changes_table(),
        sensitivity=pd.DataFrame(task_force.sensitivity, columns=trend_runs.SENSITIVITY_COLUMNS),
        claims=claims.check_claims(ledger, panel.table, complaints.claims_series, used),
        claims_other_rule=claims.check_claims(ledger, other_panel.table, complaints.claims_series, used),
        complaints=complaints,
        scenarios=scenario_tables(ledger, panel, settings),
        capacity=capacity_table(ledger, panel, settings),
        second_count=second_count(used, panel),
    )


def panel_for(ledger: Ledger, settings: Settings, window: Window, with_binding_figures: bool = True) -> Panel:
    """The panel, kept on disk by the figures it reads and its rules (shared between variants and editions
    whose task force figures are the same)."""
    rules = (settings.disagreement_rule, settings.scope_break, settings.rising_share)
    figures = ledger.figures[ledger.figures["body"] == "ndtf_review"]
    disagreements = ledger.disagreements
    return cached(
        "panel",
        (figures, disagreements, window.start, window.end, rules, with_binding_figures),
        lambda: build_panel(
            ledger,
            window.start,
            window.end,
            *rules,
            with_binding_figures=with_binding_figures,
        ),
    )


def task_force_trends(
    settings: Settings, panel: Panel, yearly_rates: pd.DataFrame, other_panels: dict[str, Panel]
) -> trend_runs.TrendResults:
    """Main fits (count, and rate per alert issued), their sensitivity refits, and the refits on the
    panels built under the other rules."""
    results = trend_runs.TrendResults()
    exposure = inputs.last_exposure(panel.table)
    for series in TREND_SERIES:
        for with_exposure in (False, True):
            rows = (
                inputs.rate_rows(panel.table, yearly_rates, series)
                if with_exposure
                else inputs.count_rows(panel.table, series)
            )
            options = {"next_exposure": exposure} if with_exposure else {}
            trend_runs.fit_series(rows, series, with_exposure, settings, results, **options)
    for (label, other), other_panel in zip(trend_runs.other_rules(settings), other_panels.values(), strict=True):
        other_rates = rates.rates(
            other_panel.table, other_panel.system, other.confidence, other.interval_method, with_randomness=False
        )
        for (series, with_exposure), fit in results.fits.items():
            rows = (
                inputs.rate_rows(other_panel.table, other_rates, series)
                if with_exposure
                else inputs.count_rows(other_panel.table, series)
            )
            row = trend_runs.alternative_rows(rows, fit, other, label)
            if row is not None:
                results.sensitivity.append(row)
    return results


def series_rows(panel: Panel, series: str) -> pd.DataFrame:
    return panel.table[panel.table["series"] == series][["year", "low", "high", "status"]]


def scenario_tables(ledger: Ledger, panel: Panel, settings: Settings) -> dict[str, pd.DataFrame]:
    refused, issued = series_rows(panel, REFUSED_ALL), series_rows(panel, ISSUED)
    figures = ledger.figures
    stocks = figures[
        (figures["measure"] == "valid_in_circulation")
        & (figures["instrument"] == "red_notice")
        & figures["kind"].isin(["count", "approximate"])
    ]
    tables = {
        "requests": scenarios.requests_scenarios(refused, issued, settings.requests_low, settings.requests_high),
        "cancellations": scenarios.cancellation_scenarios(refused, stocks),
        "denominators": scenarios.denominators(refused, issued, stocks),
    }
    # Each year whose scope may be wider, against the last published year before the first of them.
    breaks = panel.table[(panel.table["series"] == REFUSED_ALL) & panel.table["scope_break"]]
    breaks = breaks[breaks["status"] == "published"].sort_values("year")
    if len(breaks):
        before = refused[(refused["year"] < breaks["year"].min()) & (refused["status"] == "published")]
        if len(before):
            last = before.sort_values("year").iloc[-1]
            tables["scope_break"] = pd.concat(
                [
                    scenarios.scope_break_scenarios(row.high, last["high"]).assign(
                        year=int(row.year), compared_with=int(last["year"])
                    )
                    for row in breaks.itertuples()
                ],
                ignore_index=True,
            )
    return tables


def second_count(used: pd.DataFrame, panel: Panel) -> dict:
    """The German government's count of alerts deleted on Articles 2 and 3, by year of publication, beside
    the task force's Article 2 and 3 figures and the bounds they imply for 2017-2021 together."""
    yearly = german_count.yearly(used)
    if yearly.empty:
        return {}
    table = panel.table
    task_force = table[(table["series"] == ARTICLE_2_OR_3) & table["year"].isin(yearly["year"])]
    years = list(range(german_count.FIRST_TASK_FORCE_YEAR, german_count.CUT_OFF_YEAR + 1))
    low, high = joint_sum(panel, years, ARTICLE_2_OR_3)
    return {
        "yearly": yearly,
        "task_force": task_force[["year", "status", "low", "high", "figure_ids"]].reset_index(drop=True),
        "consistency": german_count.consistency(yearly, low, high),
    }


def capacity_table(ledger: Ledger, panel: Panel, settings: Settings) -> pd.DataFrame:
    """Alerts that passed review in a year (issued plus refused or cancelled), per assumed staff."""
    issued = series_rows(panel, ISSUED).set_index("year")
    refused = series_rows(panel, REFUSED_ALL).set_index("year")
    workload = pd.DataFrame(
        {"year": issued.index, "low": issued["low"] + refused["low"], "high": issued["high"] + refused["high"]}
    ).reset_index(drop=True)
    staff = ledger.figures[(ledger.figures["measure"] == "staff") & (ledger.figures["source_id"] != "FT22")]
    published = {int(row.period_start): f"{row.statement} ({row.figure_id})" for row in staff.itertuples(index=False)}
    return capacity.review_capacity(workload, settings.staff_low, settings.staff_high, published)
