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
from interpol_review.report.coverage import measured_label, measured_share_label
from interpol_review.report.links import figure_ids
from interpol_review.report.wording import direction, trend_sentence
from interpol_review.report.words import MEASURES, SHARE_SERIES, SHARE_SERIES_SHORT
from interpol_review.stats import ccf_shares
from interpol_review.stats.ccf import CASELOAD, DELETION_ROUTES
from interpol_review.stats.ccf_shares import COMPLIANT, DELETED

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


def change_text(row) -> str:
    """'2.05 times (1.61–2.63)': the ratio, or the range the published figures allow, then its interval."""
    known = ratio(row.ratio) if row.ratio == row.ratio else interval(row.set_low, row.set_high, 2) + " times"
    return f"{known} ({interval(row.low, row.high, 2)})"


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


def share_counts(row) -> str:
    """'276 of 346', '272 of 485–490', or the share alone where its denominator is not published."""
    if row.status == "share only":
        return "not published"
    return f"{interval(row.successes_low, row.successes_high)} of {interval(row.trials_low, row.trials_high)}"


def share_value(row) -> str:
    return percent(row.share, 1) if row.status == "published" else percent_interval(row.share_low, row.share_high, 1)


def shares_table(analysis, numbering):
    """Every year of every share series: the counts, the share and its interval, and the figures."""
    shares = analysis.complaints.shares
    if shares.empty:
        return None
    confidence = level(analysis.settings.confidence)
    ordered = shares.assign(order=shares["series"].map(list(SHARE_SERIES).index)).sort_values(["order", "year"])
    frame = pd.DataFrame(
        {
            "Share of complaints": [SHARE_SERIES_SHORT[key] for key in ordered["series"]],
            "Year": ordered["period"],
            "Counts": [share_counts(row) for row in ordered.itertuples()],
            "Share": [share_value(row) for row in ordered.itertuples()],
            f"{confidence} interval": [
                percent_interval(a, b, 1) if b == b else "no interval: the count is not published"
                for a, b in zip(ordered["low"], ordered["high"], strict=True)
            ],
            "Figures": [figure_ids(ids) for ids in ordered["figure_ids"]],
        }
    )
    method = "Jeffreys" if analysis.settings.interval_method == "jeffreys" else "Wilson"
    return numbering.table(
        frame,
        f"How the CCF's reviews of complaints ended, by year, under each denominator, with {method} {confidence} "
        "intervals. Every outcome: of the admissible complaints reviewed (2024: the deletion requests decided); "
        "decided on the merits: deleted or found compliant. A share given as a range comes from a count published "
        "as a rounded share (2024: 40% of 539 found compliant); its interval covers every count the figures allow.",
        numeric=["Share", f"{confidence} interval"],
    )


def trend_words(trend: dict, confidence: float, measured: str) -> str:
    """'it fell: an odds ratio of 0.81 a year (95% interval 0.70–0.93; quasi-binomial, 4 years)'."""
    word = direction(trend["low"], trend["high"])
    inside = "; ".join(
        part
        for part in (
            f"{level(confidence)} interval {interval(trend['low'], trend['high'], 2)}",
            f"{trend['model']}, {plural(trend['number_of_years'], 'year')}",
            f"{measured} in simulations" if measured else "",
        )
        if part
    )
    size = f"an odds ratio of {number(trend['odds_ratio_per_year'], 2)} a year ({inside})"
    return f"it {word}: {size}" if word else f"no change is established: {size}, which includes no change"


def first_and_last(rows) -> str:
    ordered = rows[rows["status"] != "share only"].sort_values("year")
    first, last = ordered.iloc[0], ordered.iloc[-1]
    return f"from {share_value(first)} in {first['period']} to {share_value(last)} in {last['period']}"


def share_series_sentence(analysis, key: str) -> str:
    """One series: its years, first and last share, and its trend or its changes."""
    complaints = analysis.complaints
    rows = complaints.shares[complaints.shares["series"] == key]
    trend = complaints.share_trends.get(key)
    subject = f"Of {SHARE_SERIES[key].split(', of ', 1)[1]}, the share that {ccf_shares.SERIES_BY_KEY[key].subject}"
    counted = rows[rows["status"] != "share only"]
    if len(counted) < 2:
        return ""
    text = f"{subject} went {first_and_last(rows)}"
    if trend is not None:
        measured = measured_share_label(analysis.settings.confidence)
        return f"{text}; {trend_words(trend, analysis.settings.confidence, measured)}."
    changes = complaints.share_changes[complaints.share_changes["series"] == key]
    steps = [
        f"{row.from_period} to {row.to_period}: odds ratio {interval(row.low, row.high, 2)}"
        for row in changes.itertuples()
    ]
    return (
        f"{text}; too few years for a trend; exact {level(analysis.settings.confidence)} intervals: {listing(steps)}."
    )


def shares_text(analysis, numbering) -> str:
    complaints = analysis.complaints
    shares = complaints.shares
    if shares.empty:
        return (
            "No year has both a count of data deleted and a count of the complaints decided, so no share can be "
            "computed."
        )
    every = shares[(shares["series"] == "deleted_every_outcome")]
    decided_years = listing(sorted(every.loc[every["denominator_measure"] == "complaints_decided", "period"]))
    reviewed_years = listing(sorted(every.loc[every["denominator_measure"] == "complaints_admissible", "period"]))
    parts = [
        "How likely is deletion once the CCF reviews a complaint? The share depends on what it is a share of, "
        "and the sources use two denominators that must not be mixed: every outcome of the admissible complaints "
        "the CCF reviewed (closures because the country's bureau did not cooperate included), and the complaints "
        "it decided on the merits, with the data deleted or found compliant."
    ]
    if reviewed_years and decided_years:
        parts.append(
            f"For every outcome, {reviewed_years} count the admissible complaints reviewed and {decided_years} the "
            "deletion requests decided, its source's word; in 2022 the two were the same thing (271 deleted + 124 "
            "compliant + 75 closed = 470)."
        )
    parts += [share_series_sentence(analysis, share.key) for share in ccf_shares.SERIES]
    parts.append(f"{numbering.next_table()} gives every year with its counts.")
    return " ".join(part for part in parts if part)


def changes_table(analysis, numbering):
    changes = analysis.complaints.share_changes
    if changes.empty:
        return None
    confidence = level(analysis.settings.confidence)
    frame = pd.DataFrame(
        {
            "Share of complaints": [SHARE_SERIES_SHORT[key] for key in changes["series"]],
            "From": changes["from_period"],
            "To": changes["to_period"],
            "Change, points": [
                number(d, 1) if d == d else f"{number(low, 1)} to {number(high, 1)}"
                for d, low, high in zip(
                    changes["difference_points"], changes["difference_low"], changes["difference_high"], strict=True
                )
            ],
            "Odds ratio": [number(r, 2) if r == r else "" for r in changes["odds_ratio"]],
            f"Exact {confidence} interval": [
                interval(low, high, 2) for low, high in zip(changes["low"], changes["high"], strict=True)
            ],
        }
    )
    return numbering.table(
        frame,
        f"Changes between published years, with the exact conditional (Fisher) {confidence} interval of the odds "
        "ratio: below 1, a lower share in the later year. Where a year's counts are ranges, the interval covers "
        "every end.",
        numeric=["Change, points", "Odds ratio", f"Exact {confidence} interval"],
    )


def other_shares_table(analysis, numbering):
    """Deletions over wider denominators: complaints received or processed, requests of every kind."""
    shares = analysis.complaints.other_shares
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
    return numbering.table(
        frame,
        "Data deleted after a complaint as a share of wider denominators: complaints received or processed, and "
        "requests of every kind. Many of these were never decided on the merits, so each share is lower than the "
        "share of complaints reviewed.",
        numeric=["Deleted", "Of", "Share", f"{confidence} interval"],
    )


def shares_figure(analysis, numbering):
    shares = analysis.complaints.shares
    counted = shares[shares["low"].notna()] if len(shares) else shares
    if counted.empty:
        return None
    confidence = level(analysis.settings.confidence)
    alt = "; ".join(
        f"{SHARE_SERIES[r.series]}, {r.period}: {share_value(r)} ({percent_interval(r.low, r.high, 1)})"
        for r in counted.itertuples()
    )
    headline = analysis.complaints.share_trends.get(ccf_shares.HEADLINE.key)
    word = direction(headline["low"], headline["high"]) if headline else ""
    finding = (
        f"The share of reviewed complaints that ended with deletion {word} over "
        f"{headline['years'][0]}–{headline['years'][-1]}"
        if word
        else "How the CCF's reviews of complaints ended"
    )
    years = list(range(int(counted["year"].min()), int(counted["year"].max()) + 1))
    return numbering.figure(
        plots.shares_plot,
        (counted, {key: SHARE_SERIES[key].capitalize() for key in SHARE_SERIES}, years),
        f"{finding}. Dots are shares of published counts, open dots the middle of a range; bars are "
        f"{confidence} intervals.",
        alt,
    )


def share_follow_ups(analysis, numbering) -> list[tuple[str, object]]:
    """After the share table and figure: the changes between years and the wider denominators, each a
    sentence and its table."""
    found = []
    if not analysis.complaints.share_changes.empty:
        text = f"{numbering.next_table()} gives the changes between published years."
        found.append((text, changes_table(analysis, numbering)))
    if not analysis.complaints.other_shares.empty:
        text = (
            "A share of every complaint received, or of every request, would be lower still: many complaints are "
            f"never decided on the merits ({numbering.next_table()})."
        )
        found.append((text, other_shares_table(analysis, numbering)))
    return found


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
    before = figures[
        (figures["body"] == "ccf_annual_report") & (figures["measure"] == "deleted_by_gs_or_ncb_before_decision")
    ]
    before_text = listing(
        [f"{number(row.value)} in {period_text(row.period)} ({row.figure_id})" for row in before.itertuples()]
    )
    text = (
        "How did deletions happen? A complaint ends with the data deleted in three ways: the CCF finds the data "
        "not compliant after considering the legal issues the applicant raised; it has them deleted because the "
        "country's bureau did not answer its questions (a part of the first); or the General Secretariat or the "
        "source deletes them before the CCF decides, the third way, which the shares of decided complaints "
        f"do not count: {before_text}. In 2022, 75 admissible complaints were closed because the bureau did not "
        f"cooperate; whether their data were deleted is not stated ({numbering.next_table()}). The parts do not "
        "add up to the published totals "
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
            "The late ones took": [
                interval(a, b) + " months" if a == a else "not published"
                for a, b in zip(times["late_months_low"], times["late_months_high"], strict=True)
            ],
            "Figures": [figure_ids(f) for f in times["figure_id"]],
        }
    )
    notes = disagreements_about(analysis.ledger.disagreements, set(times["figure_id"]))
    months = times[times["late_months_low"].notna()]
    late = listing(
        [
            f"{'access requests' if row.requests == 'access' else 'complaints'} "
            f"{interval(row.late_months_low, row.late_months_high)} months ({row.year})"
            for row in months.itertuples()
        ]
    )
    text = (
        "The CCF's rules give it four months to answer an access request and nine months to decide a complaint. "
        f"{numbering.next_table()} shows the published shares"
        + (f" and, where published, how long the late ones took: {late}" if late else "")
        + ". These are the only figures in months; no average time to decide every complaint is published."
        + "".join(f" Disagreement {row.disagreement_id}: {row.what}; {row.reason}." for row in notes.itertuples())
    )
    table = numbering.table(
        frame,
        "Time to decide against the statutory limits, as published, and the time the late ones took.",
        numeric=["Within the limit"],
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
