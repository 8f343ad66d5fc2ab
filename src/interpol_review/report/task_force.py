"""Chapter 3, the task force route: counts, rates per 1,000 alerts issued, what the figures pin down
together, trends where the data carry one, changes between years where they do not, a second count of
deletions on Articles 2 and 3 (the German government's), and how much the choices of the report matter."""

from __future__ import annotations

import math

import pandas as pd

from interpol_review.core.formatting import (
    change,
    change_interval,
    interval,
    level,
    listing,
    number,
    percent,
    ratio,
)
from interpol_review.ledger.series import ARTICLE_2, ARTICLE_2_OR_3, ARTICLE_3, ISSUED, REFUSED_ALL
from interpol_review.ledger.status import Status
from interpol_review.report import plots
from interpol_review.report.coverage import measured_label, measured_text
from interpol_review.report.links import figure_ids
from interpol_review.report.wording import direction, scope_break_years, trend_sentence
from interpol_review.report.words import COUNT_MODELS, SHORT_SERIES

COUNT_SERIES = [REFUSED_ALL, ARTICLE_2, ARTICLE_3, ARTICLE_2_OR_3]


def counts_figure(analysis, numbering):
    table = analysis.panel.table
    years = analysis.window.years()
    panels = [(series, SHORT_SERIES[series]) for series in COUNT_SERIES]
    chosen = table[table["series"].isin(COUNT_SERIES)]
    alt = "; ".join(
        f"{SHORT_SERIES[s]}: "
        + ", ".join(f"{row.year} {interval(row.low, row.high)}" for row in chosen[chosen["series"] == s].itertuples())
        for s in COUNT_SERIES
    )
    published = chosen[(chosen["series"] == REFUSED_ALL) & (chosen["status"] == Status.PUBLISHED)]
    finding = "Refusals and cancellations on all grounds were published for " + (
        listing([f"{row.year} ({number(row.value)})" for row in published.itertuples()]) or "no year"
    )
    return numbering.figure(
        plots.panels_over_time,
        (chosen, panels, years, "Alerts"),
        f"{finding}; other years and grounds are known only as ranges. One scale for all panels; ranges too wide to "
        "draw end in an arrow with their upper end.",
        alt,
        figure_ids(", ".join(sorted({i for ids in chosen["figure_ids"] for i in ids.split(", ") if i}))),
    )


def panel_frame(analysis, series: list[str]) -> pd.DataFrame:
    """Years by series, each cell a value or range and its status in words."""
    table = analysis.panel.table[analysis.panel.table["series"].isin(series)]
    rows = []
    for year, group in table.groupby("year"):
        row = {"Year": str(year)}
        for cell in group.itertuples():
            text = (
                "not published" if cell.status == Status.MISSING else f"{interval(cell.low, cell.high)} ({cell.status})"
            )
            row[SHORT_SERIES[cell.series]] = text
        rows.append(row)
    return pd.DataFrame(rows)[["Year", *[SHORT_SERIES[s] for s in series]]]


def counts_table(analysis, numbering):
    frame = panel_frame(analysis, [ISSUED, *COUNT_SERIES])
    return numbering.table(
        frame,
        "Alerts issued and refused or cancelled by grounds, each year: the published value, or the range the "
        "published figures allow, with its status.",
    )


def rates_figure(analysis, numbering):
    rates = analysis.rates[analysis.rates["series"].isin(COUNT_SERIES)]
    frame = rates.assign(value=rates["rate_per_1000"], status=rates["status"])
    years = sorted(set(rates["year"]))
    panels = [(series, SHORT_SERIES[series]) for series in COUNT_SERIES if series in set(rates["series"])]
    confidence = level(analysis.settings.confidence)
    alt = "; ".join(
        f"{SHORT_SERIES[s]}: "
        + ", ".join(f"{r.year} {interval(r.low, r.high, 1)}" for r in frame[frame.series == s].itertuples())
        for s, _ in panels
    )
    return numbering.figure(
        plots.panels_over_time,
        (frame, panels, years, "Per 1,000 issued"),
        f"Refused or cancelled per 1,000 alerts issued, {years[0]}–{years[-1]}, with {confidence} intervals that add "
        "the randomness of yearly counts to the range of rates the published figures allow.",
        alt,
    )


def rates_table(analysis, numbering):
    rates = analysis.rates[analysis.rates["series"].isin(COUNT_SERIES)].sort_values(["year", "series"])
    confidence = level(analysis.settings.confidence)
    frame = pd.DataFrame(
        {
            "Year": rates["year"].astype(str),
            "Grounds": rates["series"].map(SHORT_SERIES),
            "Status": rates["status"],
            "Per 1,000 issued": rates["rate_per_1000"].map(lambda v: number(v, 1)),
            "Figures allow": [interval(a, b, 1) for a, b in zip(rates["set_low"], rates["set_high"], strict=True)],
            f"{confidence} interval": [interval(a, b, 1) for a, b in zip(rates["low"], rates["high"], strict=True)],
        }
    )
    return numbering.table(
        frame,
        f"Refused or cancelled per 1,000 alerts issued: the point where both counts were published, the rates the "
        f"published figures allow together, and the {confidence} interval that adds counting noise.",
        numeric=["Per 1,000 issued", "Figures allow", f"{confidence} interval"],
    )


def joint_table(analysis, numbering):
    joint = analysis.panel.joint
    if joint.empty:
        return None, None
    frame = pd.DataFrame(
        {
            "Series": joint["series"].map(SHORT_SERIES),
            "Years": [
                f"{years[0]}–{years[-1]}" if len(years) > 2 else " and ".join(map(str, years))
                for years in joint["years"]
            ],
            "Together": [interval(a, b) for a, b in zip(joint["low"], joint["high"], strict=True)],
            "Years one by one, summed": [interval(*pair) for pair in joint["sum_of_single_ranges"]],
        }
    )
    text = (
        "A range for each year alone can mislead: the figures often pin several years down together much more "
        f"tightly than one by one ({numbering.next_table()})."
    )
    table = numbering.table(
        frame,
        "What the published figures allow for several years together, against the sum of each year's own range.",
        numeric=["Together", "Years one by one, summed"],
    )
    return text, table


def trend_points(analysis, series: str, with_exposure: bool) -> pd.DataFrame:
    if with_exposure:
        rates = analysis.rates[analysis.rates["series"] == series]
        return pd.DataFrame(
            {
                "year": rates["year"],
                "status": rates["status"],
                "value": rates["rate_per_1000"],
                "low": rates["set_low"],
                "high": rates["set_high"],
            }
        )
    table = analysis.panel.table
    return table[table["series"] == series][["year", "status", "value", "low", "high"]]


def trend_figures(analysis, numbering) -> list:
    """For all grounds: the count and the rate, each with its fitted trend and prediction."""
    found = []
    for with_exposure, label in ((False, "Alerts refused or cancelled"), (True, "Per 1,000 alerts issued")):
        trends = analysis.trends
        rows = (
            trends[(trends["series"] == REFUSED_ALL) & (trends["with_exposure"] == with_exposure)]
            if len(trends)
            else []
        )
        if len(rows):
            found.append(trend_figure(analysis, numbering, rows.iloc[0], with_exposure, label))
    return found


def trend_figure(analysis, numbering, fit, with_exposure: bool, label: str):
    confidence = level(analysis.settings.confidence)
    bands = analysis.bands
    band = bands[(bands["series"] == REFUSED_ALL) & (bands["with_exposure"] == with_exposure)]
    points = trend_points(analysis, REFUSED_ALL, with_exposure)
    prediction = {}
    if not with_exposure:
        prediction = {"year": int(fit.prediction_year), "low": fit.prediction_low, "high": fit.prediction_high}
    years = sorted(set(points["year"]))
    measured = measured_label("task_force", fit, "trend", analysis.settings.confidence)
    sentence = trend_sentence(label, fit, analysis.settings.confidence, f"{min(fit.years)}–{max(fit.years)}", measured)
    digits = 1 if with_exposure else 0
    alt = f"{sentence} Points: " + "; ".join(f"{r.year} {interval(r.low, r.high, digits)}" for r in points.itertuples())
    caption = f"{sentence} The shaded band is the {confidence} band of the fitted trend."
    if prediction:
        alt += f". Prediction for {prediction['year']}: {interval(prediction['low'], prediction['high'])}."
        measured = measured_label("task_force", fit, "prediction", analysis.settings.confidence)
        caption = caption[:-1] + (
            f"; the dashed bar is where the count of {prediction['year']} would fall with {confidence} "
            f"probability if the trend held{f' ({measured} in simulations)' if measured else ''}, which adds "
            "the year-to-year randomness of counts and is wider."
        )
    return numbering.figure(
        plots.trend_plot,
        (points, band, prediction, list(fit.years), years, label, confidence),
        caption,
        alt,
    )


def trends_table(analysis, numbering):
    confidence = level(analysis.settings.confidence)
    rows = []
    for fit in analysis.trends.itertuples():
        rows.append(
            {
                "Series": SHORT_SERIES[fit.series],
                "Measure": "per 1,000 issued" if fit.with_exposure else "count",
                "Years": f"{min(fit.years)}–{max(fit.years)} ({fit.number_of_years})",
                "Change a year": change(fit.rate_ratio_per_year, 1),
                f"{confidence} interval": change_interval(fit.low, fit.high, 1),
                "Direction": direction(fit.low, fit.high) or "not established",
                "Residual df": str(fit.residual_df),
                f"Next year, {confidence} prediction": (
                    f"{int(fit.prediction_year)}: {interval(fit.prediction_low, fit.prediction_high)}"
                    if math.isfinite(fit.prediction_low) and not fit.with_exposure
                    else ""
                ),
                "Measured coverage": measured_text("task_force", fit, analysis.settings.confidence),
            }
        )
    frame = pd.DataFrame(rows)
    model = COUNT_MODELS[analysis.settings.count_model]
    return numbering.table(
        frame,
        f"Trends where at least four informative years exist: change a year with its {confidence} interval "
        f"(profile likelihood, {model} model, calibrated by a parametric bootstrap), residual degrees of freedom, "
        "and the prediction for the year after the data; the last column is how often such intervals contained "
        "the truth in simulations shaped like this series (methods: coverage).",
        numeric=["Change a year", f"{confidence} interval", "Residual df"],
    )


def changes_table(analysis, numbering):
    changes = analysis.changes
    if changes.empty:
        return None, None
    confidence = level(analysis.settings.confidence)
    frame = pd.DataFrame(
        {
            "Series": changes["series"].map(SHORT_SERIES),
            "Measure": changes["with_exposure"].map({True: "per 1,000 issued", False: "count"}),
            "From": changes["from_year"].astype(str),
            "To": changes["to_year"].astype(str),
            "Ratio": [
                ratio(r) if r == r else interval(a, b, 2) + " times"
                for r, a, b in zip(changes["ratio"], changes["set_low"], changes["set_high"], strict=True)
            ],
            f"{confidence} interval": [interval(a, b, 2) for a, b in zip(changes["low"], changes["high"], strict=True)],
        }
    )
    series = listing(sorted({SHORT_SERIES[s] for s in changes["series"]}))
    text = (
        f"For {series}, fewer than four years are informative, too few for a trend model: a model fitted to them "
        f"would have no degrees of freedom left to measure its own error. {numbering.next_table()} gives instead "
        "each published year against the one before, with an exact interval for the ratio (counting noise only)."
    )
    table = numbering.table(
        frame,
        "Changes between informative years where no trend can be estimated: the ratio "
        "of the later year to the earlier, and its interval.",
        numeric=["Ratio", f"{confidence} interval"],
        row_header=False,
    )
    return text, table


def sensitivity_table(analysis, numbering):
    confidence = level(analysis.settings.confidence)
    main = analysis.trends.set_index(["series", "with_exposure"]) if len(analysis.trends) else None
    rows = []
    for row in analysis.sensitivity.itertuples():
        base = main.loc[(row.series, row.with_exposure)] if main is not None else None
        rows.append(
            {
                "Series": SHORT_SERIES[row.series],
                "Measure": "per 1,000 issued" if row.with_exposure else "count",
                "Variant": row.variant,
                "Main estimate": f"{change(base.rate_ratio_per_year, 1)} ({change_interval(base.low, base.high, 1)})",
                "Variant estimate": f"{change(row.rate_ratio, 1)} ({change_interval(row.low, row.high, 1)})",
                "Years": f"{min(row.years)}–{max(row.years)}",
            }
        )
    text = (
        f"{numbering.next_table()} refits every trend under the other choices: the simple fit of earlier versions "
        f"(a model on the middle of each range), the other treatments of the {scope_break_years(analysis.panel.table)} "
        "figures, the other count models, the other rule for disagreeing figures and the rising-share statement only "
        "checked."
    )
    table = numbering.table(
        pd.DataFrame(rows),
        f"Sensitivity of the trends: change a year ({confidence} interval) under each variant.",
        row_header=False,
    )
    return text, table


def scope_note(analysis) -> str | None:
    if analysis.settings.scope_break == "exclude" or not analysis.panel.table["scope_break"].any():
        return None
    fit = analysis.trends[(analysis.trends["series"] == REFUSED_ALL) & ~analysis.trends["with_exposure"]]
    years = scope_break_years(analysis.panel.table)
    level_text = ""
    if len(fit) and fit.iloc[0].scope_level == fit.iloc[0].scope_level:
        level_text = f" In the count model {years} sits at {ratio(fit.iloc[0].scope_level, 2)} the trend's value."
    rule = {
        "own_level": f"gives {years} its own level, so it cannot steer the slope",
        "pooled": f"treats {years} as comparable with the earlier years",
    }[analysis.settings.scope_break]
    return (
        f"The {years} figures may cover green, yellow and blue notices as well as Red Notices and diffusions. This "
        f"report {rule}; the sensitivity table shows the trend under the other treatments.{level_text}"
    )


def second_count_section(analysis, numbering):
    """The German government's count of alerts deleted on Articles 2 and 3, by the year they were published,
    beside the task force's Article 2 and 3 figures: why they differ and whether they are consistent."""
    second = analysis.second_count
    if not second:
        return None, None
    yearly, task_force, check = second["yearly"], second["task_force"].set_index("year"), second["consistency"]
    frame = pd.DataFrame(
        {
            "Year": [
                str(year) + (" (to 24 February)" if part else "")
                for year, part in zip(yearly["year"], yearly["part_of_year"], strict=True)
            ],
            "German government: alerts published that year, later deleted": [
                f"{number(count)} ({fid})" for count, fid in zip(yearly["count"], yearly["figure_id"], strict=True)
            ],
            "Task force: refused or cancelled that year, Article 2 or 3": [
                (
                    interval(task_force.loc[year, "low"], task_force.loc[year, "high"])
                    + f" ({task_force.loc[year, 'status']})"
                )
                if year in task_force.index
                else "before the task force's figures"
                for year in yearly["year"]
            ],
        }
    )
    years = check["german_years"]
    verdict = (
        "consistent: it is below the most the task force's figures allow"
        if check["consistent"]
        else "not consistent: it exceeds the most the task force's figures allow, so the two cannot count the same "
        "deletions"
    )
    text = (
        "A second count of alerts deleted on Articles 2 and 3 comes from the German government, which was told "
        "by INTERPOL's General Secretariat how many alerts seeking a person it had deleted for breaching them "
        f"since 2014 ({numbering.next_table()}). It is not the task force's series: it counts alerts by the year "
        "they were published, not the year they were deleted; it counts deletions of published alerts only, "
        "not refusals of new requests; and it probably covers only the alerts Germany was notified of. "
        f"Every alert it counts as published in {years[0]}–{years[-1]} was deleted by 24 February 2021, so "
        f"its {number(check['german_total'])} deletions ({check['german_figure_ids']}) are among the task force's "
        f"refusals and cancellations on Articles 2 and 3 of {check['task_force_years'][0]}–"
        f"{check['task_force_years'][-1]}, which its figures put at "
        f"{interval(check['task_force_low'], check['task_force_high'])} "
        f"together. The German count is {verdict}; it is at most {percent(check['largest_share'])} of them."
    )
    table = numbering.table(
        frame,
        "Alerts deleted on Articles 2 and 3: the German government's count by the year the alerts were published, "
        "beside the task force's count by the year of its decision (not the same series).",
    )
    return text, table
