"""Chapter 1: the main points first, as a statistics bulletin opens: each a plain number, a comparison and
its caveat, for both deletion routes; then one chart whose title states the finding."""

from __future__ import annotations

import math

import pandas as pd

from interpol_review.core.formatting import (
    change,
    interval,
    level,
    listing,
    number,
    percent,
    percent_interval,
    period_text,
    plural,
    years,
)
from interpol_review.ledger.series import REFUSED_ALL
from interpol_review.ledger.status import Status
from interpol_review.report import plots
from interpol_review.report.coverage import measured_label, measured_share_label
from interpol_review.report.links import glossary
from interpol_review.report.wording import direction, scope_break_years, trend_sentence
from interpol_review.stats import ccf_shares
from interpol_review.stats.claims import CONTRADICTED, DEPENDS, NOT_FOUND, SUPPORTED


def headline(analysis, key: str):
    return next((item for item in analysis.headlines if item.key == key), None)


def about_the_data(analysis) -> str:
    """The box: where the numbers come from."""
    figures = analysis.ledger.figures
    primary = analysis.ledger.sources.loc[analysis.ledger.sources["role"] == "primary", "source_id"]
    direct = int(figures["source_id"].isin(primary).sum())
    sources = figures["source_id"].nunique()
    return (
        f"**Where the numbers come from.** This report rests on {plural(len(figures), 'published figure')} from "
        f"{plural(sources, 'source')}. Of these figures, {number(direct) if direct else 'none'} "
        f"{'comes' if direct <= 1 else 'come'} from INTERPOL's own publications: INTERPOL's statistics page "
        "and the CCF's annual reports could not be retrieved, so every other figure is a quotation by a law "
        "firm, a newspaper, a parliament or an NGO. Each figure can be followed to its source and its words in "
        "the appendix."
    )


def task_force_point(analysis) -> str | None:
    latest = headline(analysis, "task_force_latest_comparable_count") or headline(analysis, "task_force_latest_count")
    if latest is None:
        return None
    table = analysis.panel.table
    first = table[(table["series"] == REFUSED_ALL) & (table["year"] == analysis.window.start)]
    text = (
        f"INTERPOL's {glossary('NDTF', 'task force')} refused or cancelled **{number(latest.value)}** "
        f"{glossary('Red Notice', 'Red Notices')} and {glossary('diffusion', 'diffusions')} in {latest.year}"
    )
    if len(first) and math.isfinite(first["high"].iloc[0]) and str(analysis.window.start) != latest.year:
        low, high = first["low"].iloc[0], first["high"].iloc[0]
        times = interval(latest.value / high, latest.value / low, 1)
        text += f", {times} times the {interval(low, high)} of {analysis.window.start}"
    scope = headline(analysis, "task_force_latest_count")
    if scope is not None and scope.note and scope.year != latest.year:
        text += f"; the {number(scope.value)} of {scope.year} may include other notice colours"
    return text + "."


def rate_point(analysis) -> str | None:
    latest = headline(analysis, "task_force_latest_rate")
    if latest is None:
        return None
    rates = analysis.rates
    first = rates[(rates["series"] == REFUSED_ALL) & (rates["year"] == rates["year"].min())]
    text = (
        f"In {latest.year}, the latest year whose counts of refusals and of alerts issued were both published, "
        f"**{number(latest.value, 1)} per 1,000 alerts issued** were refused or cancelled "
        f"({level(analysis.settings.confidence)} interval {interval(latest.low, latest.high, 1)})"
    )
    if len(first) and str(first["year"].iloc[0]) != latest.year:
        row = first.iloc[0]
        text += f", against {interval(row['low'], row['high'], 1)} in {row['year']}"
    return text + (
        ". The count includes cancellations of alerts issued in earlier years, and requests are not published, "
        "so this is not a refusal rate among requests."
    )


def trend_point(analysis) -> str | None:
    trends = analysis.trends
    rows = trends[(trends["series"] == REFUSED_ALL) & ~trends["with_exposure"]] if len(trends) else trends
    if rows.empty:
        return None
    fit = rows.iloc[0]
    span = f"{min(fit.years)}–{max(fit.years)}"
    confidence = analysis.settings.confidence
    measured = measured_label("task_force", fit, "trend", confidence)
    sentence = trend_sentence("Refusals and cancellations", fit, confidence, span, measured)
    if analysis.settings.scope_break == "own_level" and fit.scope_level == fit.scope_level:
        years = scope_break_years(analysis.panel.table)
        sentence += (
            f" The figures of {years}, whose scope may be wider, have their own level and do not steer the trend."
        )
    return sentence


def ccf_share_point(analysis) -> str | None:
    """If the CCF reviews my complaint, how likely is deletion, and is it getting better or worse? The
    direction follows the trend's interval; the denominator is named."""
    share = headline(analysis, "ccf_deletion_share")
    if share is None:
        return None
    complaints = analysis.complaints
    confidence = analysis.settings.confidence
    key = ccf_shares.HEADLINE.key
    trend = complaints.share_trends.get(key)
    rows = complaints.shares[(complaints.shares["series"] == key) & (complaints.shares["status"] == "published")]
    first = rows.sort_values("year").iloc[0]
    text = (
        f"Of the admissible complaints the {glossary('CCF')} reviewed in {share.year}, **{percent(share.value)}** "
        f"ended with the data deleted ({level(confidence)} interval {percent_interval(share.low, share.high)}), "
        "counting every outcome"
    )
    if trend is not None:
        word = direction(trend["low"], trend["high"])
        measured = measured_share_label(confidence)
        odds = (
            f"odds ratio {number(trend['odds_ratio_per_year'], 2)} a year, {level(confidence)} interval "
            f"{interval(trend['low'], trend['high'], 2)}, {plural(trend['number_of_years'], 'year')}"
            + (f"; {measured} in simulations" if measured else "")
        )
        if word:
            text += f"; the share {word} from {percent(first['share'])} in {first['period']} ({odds})"
        else:
            text += f"; no change from {percent(first['share'])} in {first['period']} is established ({odds})"
    decided = complaints.shares[
        (complaints.shares["series"] == "deleted_decided_on_merits") & (complaints.shares["period"] == share.year)
    ]
    if len(decided):
        row = decided.iloc[0]
        value = (
            percent(row["share"])
            if row["status"] == "published"
            else percent_interval(row["share_low"], row["share_high"])
        )
        text += f". Of those decided on the merits (deleted or found compliant), {value} ended with deletion"
    return text + "."


def ccf_caseload_point(analysis) -> str | None:
    latest = headline(analysis, "ccf_latest_requests_admissible")
    trends = analysis.complaints.trends
    fit = trends[trends["series"] == "requests_admissible"] if len(trends) else trends
    if latest is None:
        return None
    text = f"Admissible requests to the CCF reached **{number(latest.value)}** in {latest.year}"
    if len(fit):
        fit = fit.iloc[0]
        confidence = analysis.settings.confidence
        span = f"{min(fit.years)}–{max(fit.years)}"
        text = trend_sentence(text + "; they", fit, confidence, span, measured_label("ccf", fit, "trend", confidence))
        return text
    return text + "."


def claims_point(analysis) -> str | None:
    claims = analysis.claims[analysis.claims["made_by"] == "FT22"].drop_duplicates("claim_id")
    if claims.empty:
        return None
    counts = claims["claim_verdict"].value_counts()
    parts = [
        f"{counts.get(verdict, 0)} {label}"
        for verdict, label in (
            (SUPPORTED, "hold"),
            (CONTRADICTED, "are contradicted"),
            (DEPENDS, "depend on how they are read"),
            (NOT_FOUND, "concern figures not found in any source"),
        )
        if counts.get(verdict, 0)
    ]
    rest = len(claims) - sum(counts.get(v, 0) for v in (SUPPORTED, CONTRADICTED, DEPENDS, NOT_FOUND))
    if rest:
        parts.append(f"{rest} cannot be determined from the published figures")
    return f"Of the {len(claims)} quantitative claims of Fair Trials' November 2022 briefing, {listing(parts)}."


def main_points(analysis) -> list[str]:
    points = [
        task_force_point(analysis),
        rate_point(analysis),
        trend_point(analysis),
        ccf_share_point(analysis),
        ccf_caseload_point(analysis),
        claims_point(analysis),
    ]
    return [point for point in points if point]


def headline_figure(analysis, numbering):
    """The two routes over time on one scale."""
    table = analysis.panel.table
    task_force = table[table["series"] == REFUSED_ALL][["year", "status", "value", "low", "high"]]
    deleted = analysis.complaints.series
    deleted = deleted[(deleted["measure"] == "deleted_after_complaint") & deleted["period"].str.fullmatch(r"\d{4}")]
    ccf = pd.DataFrame(
        {
            "year": deleted["period"].astype(int),
            "status": deleted["status"],
            "value": deleted["value"],
            "low": deleted["low"],
            "high": deleted["high"],
        }
    )
    years = list(range(analysis.window.start, analysis.window.end + 1))
    ccf = ccf[ccf["year"].isin(years)]
    latest = task_force[task_force["status"] == Status.PUBLISHED].sort_values("year")
    finding = figure_finding(latest, ccf[ccf["status"] == Status.PUBLISHED])
    alt = (
        "Refused or cancelled by the task force per year: "
        + "; ".join(f"{row.year}: {interval(row.low, row.high)}" for row in task_force.itertuples())
        + ". Deleted after a complaint to the CCF: "
        + "; ".join(f"{row.year}: {interval(row.low, row.high)}" for row in ccf.itertuples())
        + "."
    )
    return numbering.figure(
        plots.two_series,
        (
            task_force,
            ccf,
            ("refused or cancelled by the task force", "deleted after a complaint to the CCF"),
            years,
            "Alerts a year",
        ),
        f"{finding}. Dots are published counts; bars are the ranges the published figures allow."
        + not_drawn(analysis.complaints.series),
        alt,
    )


def figure_finding(task_force: pd.DataFrame, ccf: pd.DataFrame) -> str:
    """The chart's title: the latest published count of each route, from the data."""
    parts = []
    if len(task_force):
        last = task_force.sort_values("year").iloc[-1]
        parts.append(f"The task force refused or cancelled {number(last['value'])} alerts in {int(last['year'])}")
    if len(ccf):
        deleted, span = interval(ccf["value"].min(), ccf["value"].max()), years(ccf["year"])
        yearly = f"in {span}" if ccf["year"].nunique() == 1 else f"a year ({span})"
        parts.append(f"complaints to the CCF ended in {deleted} deletions {yearly}")
    return "; ".join(parts) or "Alerts refused, cancelled or deleted a year"


def not_drawn(ccf_series: pd.DataFrame) -> str:
    """Totals published for several years together cannot be drawn as one year's dot."""
    deleted = ccf_series[ccf_series["measure"] == "deleted_after_complaint"]
    periods = sorted(set(deleted.loc[~deleted["period"].str.fullmatch(r"\d{4}"), "period"]))
    if not periods:
        return ""
    spans = listing([period_text(p) for p in periods])
    return f" The CCF's totals for {spans} cover more than one year and are not drawn."


def reading_guide() -> str:
    return (
        "**How to read the numbers.** A *published* value was stated by a source; a *bounded* value is known "
        "only within a range (an approximate figure, a bound, a rounded share, or disagreeing sources); a "
        "*reconstructed* value was never published but is pinned within a range by INTERPOL's published "
        "averages, shares and statements; *missing* means nothing constrains it. Intervals combine the "
        "randomness of yearly counts with these ranges. Words in blue link to the glossary, figure ids (F026) "
        "to the appendix that quotes each source."
    )


def edition_section(analysis) -> str | None:
    """'What changed since 2026-01': figures added, verdicts and headline numbers that moved."""
    edition = analysis.edition
    if edition is None:
        return None
    added = edition.figures_added
    lines = [f"## What changed since the data of {edition.since}", ""]
    if added.empty:
        lines.append(f"No figure was published between {edition.since} and this report's data date.")
    else:
        listed = listing([f"[{fid}](#ledger-{fid})" for fid in added["figure_id"]])
        lines.append(
            f"{plural(len(added), 'figure')} became public after {edition.since}: {listed} "
            f"({'source' if added['source_id'].nunique() == 1 else 'sources'} "
            f"{listing(sorted(set(added['source_id'])))})."
        )
    if len(edition.verdicts_moved):
        moved = [
            f"{row.claim_id} ({row.reading}): {row.before} → {row.now}" for row in edition.verdicts_moved.itertuples()
        ]
        lines.append(f"Verdicts that moved: {listing(moved)}.")
    else:
        lines.append("No verdict on a claim moved.")
    if edition.headlines_moved:
        moved = [
            f"{now.key.replace('_', ' ')}: {format_headline(before)} → {format_headline(now)}"
            for before, now in edition.headlines_moved
        ]
        lines.append(f"Headline numbers that moved: {listing(moved)}.")
    else:
        lines.append("No headline number moved.")
    return "\n".join(lines)


def format_headline(item) -> str:
    if not item.year:
        return "none"
    if item.unit == "share":
        return f"{percent(item.value)} ({item.year})"
    if item.unit == "rate_ratio":
        return f"{change(item.value)} a year ({item.year})"
    if item.unit == "odds_ratio":
        return f"odds ratio {number(item.value, 2)} a year ({item.year})"
    digits = 1 if item.unit == "per_1000" else 0
    value = number(item.value, digits) if item.value == item.value else interval(item.low, item.high, digits)
    return f"{value} ({item.year})"
