"""Chapter 4, the CCF route: if a person complains, how likely is deletion, how long does it take, and is it
getting better or worse? Caseload, the deletion share among decided complaints, how deletions happened,
time to decide, and the two routes side by side."""

from __future__ import annotations

import pandas as pd

from interpol_review.core.formatting import (
    interval,
    level,
    listing,
    number,
    percent,
    percent_interval,
    period_text,
    plural,
    ratio,
)
from interpol_review.ledger.status import Status
from interpol_review.report import plots
from interpol_review.report.coverage import measured_label
from interpol_review.report.links import figure_ids
from interpol_review.report.wording import trend_sentence
from interpol_review.report.words import MEASURES
from interpol_review.stats.ccf import CASELOAD, COMPLIANT, DELETED, DELETION_ROUTES

# Requests and complaints in two tables: together, ten columns of long words do not fit an A4 page.
REQUESTS_SHOWN = ("requests_received", "requests_admissible", "requests_finalised", "requests_unspecified")
COMPLAINTS_SHOWN = tuple(m for m in CASELOAD if m not in REQUESTS_SHOWN) + (DELETED, COMPLIANT)


def caseload_tables(analysis, numbering) -> list:
    """Requests to the CCF, then complaints and what it decided, by year as published."""
    kinds = [
        (REQUESTS_SHOWN, "Requests of every kind to the CCF, by year as published"),
        (COMPLAINTS_SHOWN, "Complaints to the CCF and what it decided, by year as published"),
    ]
    return [table for shown, title in kinds if (table := caseload_table(analysis, numbering, shown, title))]


def caseload_table(analysis, numbering, shown: tuple[str, ...], title: str):
    series = analysis.complaints.series
    series = series[series["measure"].isin(shown)]
    if series.empty:
        return None
    measures = [m for m in shown if m in set(series["measure"])]
    rows = []
    for period in sorted(set(series["period"])):
        cells = series[series["period"] == period].set_index("measure")
        row = {"Period": period_text(period)}
        for measure in measures:
            row[MEASURES[measure].capitalize()] = (
                interval(cells.loc[measure, "low"], cells.loc[measure, "high"]) if measure in cells.index else ""
            )
        rows.append(row)
    frame = pd.DataFrame(rows)
    ids = ", ".join(sorted({i for ids in series["figure_ids"] for i in ids.split(", ")}))
    return numbering.table(
        frame,
        f"{title} (a range where the figure was read from a chart or rounded, where sources disagree, or where "
        "only a part was published).",
        numeric=list(frame.columns[1:]),
        source=figure_ids(ids),
    )


def caseload_sentences(analysis) -> list[str]:
    trends = analysis.complaints.trends
    sentences = []
    for fit in trends.itertuples():
        subject = MEASURES[fit.series].capitalize()
        span = f"{min(fit.years)}–{max(fit.years)}"
        measured = measured_label("ccf", fit, "trend", analysis.settings.confidence)
        sentences.append(trend_sentence(subject, fit, analysis.settings.confidence, span, measured))
    changes = analysis.complaints.changes
    for series, group in changes.groupby("series") if len(changes) else []:
        steps = [f"{row.from_year} to {row.to_year}: {change_text(row)}" for row in group.itertuples()]
        sentences.append(
            f"{MEASURES[series].capitalize()}: too few years for a trend; between published years, {listing(steps)}."
        )
    return sentences


def caseload_finding(yearly: pd.DataFrame, measures: list[str]) -> str:
    """The chart's title: each series from its first to its latest published year."""
    parts = []
    for measure in measures:
        published = yearly[(yearly["measure"] == measure) & (yearly["status"] == Status.PUBLISHED)].sort_values("year")
        if len(published) >= 2:
            first, last = published.iloc[0], published.iloc[-1]
            parts.append(
                f"{MEASURES[measure]} from {number(first['value'])} ({first['year']}) to "
                f"{number(last['value'])} ({last['year']})"
            )
    return ("The CCF's caseload as published: " + "; ".join(parts)) if parts else "The CCF's caseload as published"


def caseload_figure(analysis, numbering):
    series = analysis.complaints.series
    yearly = series[series["period"].str.fullmatch(r"\d{4}")].copy()
    yearly["year"] = yearly["period"].astype(int)
    measures = [
        m
        for m in ("requests_received", "requests_admissible", "requests_finalised", DELETED)
        if m in set(yearly["measure"])
    ]
    table = yearly.rename(columns={"measure": "series"})
    years = list(range(analysis.window.ccf_start, analysis.window.end + 1))
    panels = [(m, MEASURES[m].capitalize()) for m in measures]
    alt = "; ".join(
        f"{MEASURES[m]}: "
        + ", ".join(f"{r.year} {interval(r.low, r.high)}" for r in table[table.series == m].itertuples())
        for m in measures
    )
    return numbering.figure(
        plots.panels_over_time,
        (table, panels, years, "A year"),
        caseload_finding(yearly, measures) + ". Dots are published counts, bars ranges (chart readings, "
        "disagreeing sources); totals published for two years together are not drawn.",
        alt,
    )


def shares_table(analysis, numbering):
    shares = analysis.complaints.shares
    if shares.empty:
        return None
    confidence = level(analysis.settings.confidence)
    frame = pd.DataFrame(
        {
            "Period": shares["period"].map(period_text),
            "Deleted as a share of": shares["meaning"],
            "Deleted": shares["deleted"].map(number),
            "Of": [interval(a, b) for a, b in zip(shares["trials_low"], shares["trials_high"], strict=True)],
            "Share": shares["share"].map(lambda s: percent(s, 1)),
            f"{confidence} interval": [
                percent_interval(a, b, 1) for a, b in zip(shares["low"], shares["high"], strict=True)
            ],
            "Figures": [figure_ids(ids) for ids in shares["figure_ids"]],
        }
    )
    method = "Jeffreys" if analysis.settings.interval_method == "jeffreys" else "Wilson"
    return numbering.table(
        frame,
        f"Data deleted after a complaint as a share of each published denominator, with {method} {confidence} "
        "intervals. The share among decided complaints answers 'if the CCF decides my complaint, how likely is "
        "deletion'; the others divide by complaints or requests that were never decided on the merits.",
        numeric=["Deleted", "Of", "Share", f"{confidence} interval"],
    )


def change_text(row) -> str:
    """'2.05 times (1.61–2.63)': the ratio, or the range the published figures allow, then its interval."""
    known = ratio(row.ratio) if row.ratio == row.ratio else interval(row.set_low, row.set_high, 2) + " times"
    return f"{known} ({interval(row.low, row.high, 2)})"


def shares_text(analysis, numbering) -> str:
    complaints = analysis.complaints
    decided = complaints.shares[complaints.shares["denominator"] == "decided"] if len(complaints.shares) else []
    if len(decided) == 0:
        return (
            "No year has both data deleted and data found compliant published, so no share among decided "
            "complaints can be computed."
        )
    parts = [
        f"{row.period}: {percent(row.share, 1)} ({percent_interval(row.low, row.high, 1)})"
        for row in decided.itertuples()
    ]
    text = (
        f"Among the complaints the CCF decided, the share that ended with the data deleted is published for "
        f"{plural(len(decided), 'year')}: {listing(parts)} ({numbering.next_table()})."
    )
    if complaints.share_trend is not None:
        trend = complaints.share_trend
        text += (
            f" A {trend['model']} trend gives an odds ratio of {number(trend['odds_ratio_per_year'], 2)} a year "
            f"({interval(trend['low'], trend['high'], 2)})."
        )
    else:
        text += " With fewer than four years, no trend is fitted."
    if len(complaints.share_changes):
        row = complaints.share_changes.iloc[-1]
        points = 100 * row["difference"]
        text += (
            f" From {row['from_period']} to {row['to_period']} the share changed by {number(points, 1)} points "
            f"({level(analysis.settings.confidence)} interval {number(100 * row['low'], 1)} to "
            f"{number(100 * row['high'], 1)}): "
            + ("no change that the numbers can distinguish." if row["low"] <= 0 <= row["high"] else "a real change.")
        )
    return text


def shares_figure(analysis, numbering):
    shares = analysis.complaints.shares
    decided = shares[(shares["denominator"] == "decided")] if len(shares) else shares
    if len(decided) == 0:
        return None
    frame = decided.assign(label=decided["period"])
    alt = "; ".join(
        f"{r.period}: {percent(r.share, 1)} ({percent_interval(r.low, r.high, 1)})" for r in decided.itertuples()
    )
    return numbering.figure(
        plots.shares_plot,
        (frame, "Deleted, % of decided"),
        f"About two in three complaints the CCF decided ended with the data deleted, with "
        f"{level(analysis.settings.confidence)} intervals.",
        alt,
    )


def disagreements_about(disagreements: pd.DataFrame, figure_ids: set[str]) -> pd.DataFrame:
    """The recorded disagreements that concern any of these figures."""
    return disagreements[disagreements["figure_ids"].map(lambda ids: bool(set(ids.split()) & figure_ids))]


def routes_table(analysis, numbering):
    routes = analysis.complaints.routes
    if routes.empty:
        return None, None
    measures = [DELETED, *DELETION_ROUTES]
    series = analysis.complaints.series
    rows = []
    figures = analysis.used_figures
    for row in routes.itertuples():
        entry = {"Period": period_text(row.period)}
        for measure in measures:
            cells = figures[
                (figures["body"] == "ccf_annual_report")
                & (figures["measure"] == measure)
                & (figures["period"] == row.period)
            ]
            if measure == DELETED:
                total = series[(series["measure"] == DELETED) & (series["period"] == row.period)]
                entry[MEASURES[measure].capitalize()] = (
                    interval(total["low"].iloc[0], total["high"].iloc[0]) if len(total) else ""
                )
                continue
            values = [f"{number(c.value)} ({c.figure_id})" for c in cells.itertuples()]
            entry[MEASURES[measure].capitalize()] = "; ".join(values)
        rows.append(entry)
    frame = pd.DataFrame(rows)
    shown = set(figures.loc[(figures["body"] == "ccf_annual_report") & figures["measure"].isin(measures), "figure_id"])
    notes = disagreements_about(analysis.ledger.disagreements, shown)
    text = (
        "How did deletions happen? The CCF's reports split them into data deleted after the CCF considered the "
        "legal issues raised (including cases where the country's bureau did not answer) and data the General "
        "Secretariat or the source deleted before the CCF decided "
        f"({numbering.next_table()}). The parts do not add up to the published totals "
        + listing([f"{row.disagreement_id}: {row.what}" for row in notes.itertuples()])
        + "; the categories may overlap, and the report shows them as published."
    )
    table = numbering.table(
        frame,
        "How deletions after a complaint happened, as published; figures from sources "
        "with different bases are shown side by side.",
        numeric=[MEASURES[DELETED].capitalize()],
    )
    return text, table


def time_table(analysis, numbering):
    times = analysis.complaints.time_to_decide
    if times.empty:
        return None, None
    frame = pd.DataFrame(
        {
            "Year": times["year"],
            "Requests": times["requests"],
            "Statutory limit": times["limit"],
            "As published": times["published"],
            "Within the limit": times["within_limit"].map(lambda v: f"{v:.0f}%"),
            "Figure": [figure_ids(f) for f in times["figure_id"]],
        }
    )
    notes = disagreements_about(analysis.ledger.disagreements, set(times["figure_id"]))
    text = (
        "The CCF's rules give it four months to answer an access request and nine months to decide a complaint. "
        f"{numbering.next_table()} shows the published shares."
        + "".join(f" Disagreement {row.disagreement_id}: {row.what}; {row.reason}." for row in notes.itertuples())
    )
    table = numbering.table(
        frame, "Time to decide against the statutory limits, as published.", numeric=["Within the limit"]
    )
    return text, table


def two_routes_table(analysis, numbering):
    both = analysis.complaints.two_routes
    if both.empty:
        return None, None
    frame = pd.DataFrame(
        {
            "Period": both["period"].map(period_text),
            "Task force: refused or cancelled": [
                interval(a, b) + (" (scope may be wider)" if s else "") + ("" if st == "published" else f" ({st})")
                for a, b, s, st in zip(
                    both["task_force_low"],
                    both["task_force_high"],
                    both["scope_break"],
                    both["task_force_status"],
                    strict=True,
                )
            ],
            "CCF: deleted after a complaint": [
                interval(a, b) for a, b in zip(both["ccf_low"], both["ccf_high"], strict=True)
            ],
            "CCF deletions per 100 task force": [
                interval(a, b, 1)
                for a, b in zip(both["ccf_per_100_task_force_low"], both["ccf_per_100_task_force_high"], strict=True)
            ],
        }
    )
    text = (
        "The two routes count different things: the task force's figure counts requests refused before "
        "publication and alerts cancelled after it, on its own review; the CCF's counts data deleted after a "
        "person complained (mostly Red Notices and diffusions, but not only). The CCF's deletions may or may not "
        f"be inside the task force's cancellations. {numbering.next_table()} sets them side by side for the "
        "periods both were published."
    )
    table = numbering.table(
        frame,
        "The two deletion routes side by side, with the CCF's deletions per 100 of the "
        "task force's refusals and cancellations.",
        numeric=[
            "Task force: refused or cancelled",
            "CCF: deleted after a complaint",
            "CCF deletions per 100 task force",
        ],
    )
    return text, table
