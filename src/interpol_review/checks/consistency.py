"""Cross-source checks: every place where published figures can be compared, and what they say.

Each check returns rows of one tidy table (``CHECK_COLUMNS``). A disagreement is data: it is listed, and
``documented_by`` names the recorded disagreement (data/raw/disagreements.csv) that explains it; one that
no record explains is an undocumented disagreement, which `make data` reports.
"""

from __future__ import annotations

import pandas as pd

from interpol_review.checks.ccf_parts import ccf_parts_of_totals
from interpol_review.checks.cells import (
    AGREES,
    AGREES_UNDER_RULE,
    DISAGREES,
    NOT_CHECKABLE,
    fmt,
    interval_of,
    interval_text,
    level_figures,
    single_count,
)
from interpol_review.ledger.figure_rules import qualifier_items, qualifier_span
from interpol_review.ledger.published import rounding_interval

CHECK_COLUMNS = ["check", "period", "figure_ids", "published", "implied", "verdict", "detail", "documented_by"]
VERDICT_ORDER = {DISAGREES: 0, AGREES_UNDER_RULE: 1, NOT_CHECKABLE: 2, AGREES: 3}
QUANTITY = ["body", "instrument", "measure", "grounds", "period"]


def cross_source_checks(figures: pd.DataFrame, disagreements: pd.DataFrame | None = None) -> pd.DataFrame:
    """All checks on the typed figures of a Ledger, disagreements first."""
    rows = [
        *same_quantity(figures),
        *sum_of_grounds(figures),
        *parts_of_instrument(figures),
        *ccf_parts_of_totals(figures),
        *shares_against_counts(figures),
        *changes_against_counts(figures),
        *peak_markers(figures),
    ]
    table = pd.DataFrame(rows, columns=CHECK_COLUMNS[:-1])
    table["documented_by"] = [
        documenting(ids, verdict, disagreements)
        for ids, verdict in zip(table["figure_ids"], table["verdict"], strict=True)
    ]
    return table.sort_values(
        ["verdict", "check", "period"], key=lambda c: c.map(VERDICT_ORDER) if c.name == "verdict" else c, kind="stable"
    ).reset_index(drop=True)


def documenting(figure_ids: str, verdict: str, disagreements: pd.DataFrame | None) -> str:
    """The recorded disagreements that name a figure of a disagreeing check."""
    if verdict != DISAGREES or disagreements is None:
        return ""
    ids = set(figure_ids.replace(",", " ").split())
    found = [row.disagreement_id for row in disagreements.itertuples() if ids & set(row.figure_ids.split())]
    return " ".join(found)


def undocumented(checks: pd.DataFrame) -> pd.DataFrame:
    return checks[(checks["verdict"] == DISAGREES) & (checks["documented_by"] == "")]


def same_quantity(figures: pd.DataFrame) -> list[list]:
    """Figures of the same quantity (same body, instrument, measure, grounds, period) must overlap."""
    rows = []
    for key, group in level_figures(figures).groupby(QUANTITY, sort=True):
        if len(group) < 2:
            continue
        overlap = group["low"].max() <= group["high"].min()
        published = "; ".join(
            f"{interval_text(r.low, r.high)} ({r.figure_id}, {r.source_id})" for r in group.itertuples()
        )
        label = " ".join(part for part in (key[0], *key[1:4]) if part)
        rows.append(
            [
                "same quantity",
                key[4],
                ", ".join(group["figure_id"]),
                published,
                "one value for all sources",
                AGREES if overlap else DISAGREES,
                label,
            ]
        )
    return rows


def sum_of_grounds(figures: pd.DataFrame) -> list[list]:
    """Task force counts by grounds against a published total of those grounds, year by year."""
    # Each total with the words the table shows for it (the ledger's codes are not for readers).
    comparisons = [
        (("article_2", "article_3"), "article_2_or_3", "Article 2 or 3"),
        (("article_2", "article_3", "other"), "all", "all grounds"),
    ]
    where = dict(measure="refused_or_cancelled", body="ndtf_review")
    rows = []
    for parts, total_grounds, total_words in comparisons:
        counts = level_figures(figures, grounds=total_grounds, **where)
        for period in sorted(set(counts.loc[counts["kind"] == "count", "period"])):
            total, total_ids = single_count(figures, period, grounds=total_grounds, **where)
            found = [single_count(figures, period, grounds=grounds, **where) for grounds in parts]
            if total is None or any(value is None for value, _ in found):
                continue
            implied = sum(value for value, _ in found)
            ids = total_ids + [figure_id for _, part_ids in found for figure_id in part_ids]
            rows.append(
                [
                    "sum of grounds",
                    period,
                    ", ".join(ids),
                    f"{total_words}: {fmt(total)}",
                    f"{' + '.join(fmt(v) for v, _ in found)} = {fmt(implied)}",
                    AGREES if implied == total else DISAGREES,
                    " + ".join(parts),
                ]
            )
    return rows


def parts_of_instrument(figures: pd.DataFrame) -> list[list]:
    """Red Notices plus diffusions against the published total of both."""
    rows = []
    diffusions = level_figures(figures, measure="issued", instrument="diffusion")
    for period in sorted(set(diffusions.loc[diffusions["kind"] == "count", "period"])):
        total, total_ids = single_count(figures, period, measure="issued", instrument="red_notice_and_diffusion")
        notices, notice_ids = single_count(figures, period, measure="issued", instrument="red_notice")
        parts, part_ids = single_count(figures, period, measure="issued", instrument="diffusion")
        if None in (total, notices, parts):
            continue
        rows.append(
            [
                "parts of instrument",
                period,
                ", ".join(total_ids + notice_ids + part_ids),
                f"issued: {fmt(total)}",
                f"{fmt(notices)} + {fmt(parts)} = {fmt(notices + parts)}",
                AGREES if notices + parts == total else DISAGREES,
                "Red Notices + diffusions",
            ]
        )
    return rows


def shares_against_counts(figures: pd.DataFrame) -> list[list]:
    """A published share of alerts issued against the share computed from published counts."""
    rows = []
    for share in figures[figures["kind"] == "percent_of_issued"].itertuples():
        where = dict(instrument=share.instrument, body=share.body)
        if share.period_type == "span":
            numerator = average(figures, share.period, measure=share.measure, grounds=share.grounds, **where)
            denominator = average(figures, share.period, measure="issued", **where)
        else:
            numerator = count_interval(figures, share.period, measure=share.measure, grounds=share.grounds, **where)
            denominator = count_interval(figures, share.period, measure="issued", **where)
        if numerator is None or denominator is None:
            rows.append(
                [
                    "share against counts",
                    share.period,
                    share.figure_id,
                    f"{share.value:g}%",
                    "counts not published",
                    NOT_CHECKABLE,
                    share.grounds,
                ]
            )
            continue
        rows.append(share_row(share, numerator, denominator))
    return rows


def share_row(share, numerator: tuple, denominator: tuple) -> list:
    (num_low, num_high, num_ids), (den_low, den_high, den_ids) = numerator, denominator
    implied_low, implied_high = 100 * num_low / den_high, 100 * num_high / den_low
    point = 100 * (num_low + num_high) / (den_low + den_high)
    ids = ", ".join([share.figure_id, *num_ids, *den_ids])
    implied = f"{implied_low:.2f}%" if implied_low == implied_high else f"{implied_low:.2f}% to {implied_high:.2f}%"
    overlaps_recorded = implied_low <= share.high and implied_high >= share.low
    step = 0.1 if share.precision == "one_decimal" else 1.0
    nearest_low, nearest_high = rounding_interval(share.value, step, "nearest")
    overlaps_nearest = implied_low <= nearest_high and implied_high >= nearest_low
    if "just_below" in qualifier_items(share.qualifier) or overlaps_nearest:
        verdict = AGREES if overlaps_recorded else DISAGREES
        detail = f"published as {share.precision.replace('_', ' ')}"
    elif overlaps_recorded:
        verdict = AGREES_UNDER_RULE
        detail = (
            f"{point:.2f}% rounds to {round(point / step) * step:g}%, not {share.value:g}%; "
            f"consistent with rounding '{share.rounding}' recorded for {share.figure_id}"
        )
    else:
        verdict, detail = DISAGREES, f"rounding '{share.rounding}' recorded for {share.figure_id}"
    return ["share against counts", share.period, ids, f"{share.value:g}%", implied, verdict, detail]


def count_interval(figures: pd.DataFrame, period: str, **where: str) -> tuple[float, float, list[str]] | None:
    value, ids = single_count(figures, period, **where)
    return None if value is None else (value, value, ids)


def average(figures: pd.DataFrame, period: str, **where: str) -> tuple[float, float, list[str]] | None:
    mask = (figures["kind"] == "average_per_year") & (figures["period"] == period)
    for column, value in where.items():
        mask &= figures[column] == value
    rows = figures[mask]
    if rows.empty:
        return None
    return rows["low"].max(), rows["high"].min(), rows["figure_id"].tolist()


def changes_against_counts(figures: pd.DataFrame) -> list[list]:
    """A published change (on the previous year, or on the year in base:) against the two years' figures,
    each taken as the interval its figures allow (a chart reading is wide, a count exact)."""
    rows = []
    changes = figures[figures["kind"].isin(["change_percent_vs_previous_year", "change_percent_vs_earlier_year"])]
    for change in changes.itertuples():
        base = int(qualifier_items(change.qualifier).get("base") or change.period_start - 1)
        where = dict(measure=change.measure, instrument=change.instrument, body=change.body, grounds=change.grounds)
        this_year = interval_of(figures, change.period, **where)
        last_year = interval_of(figures, str(base), **where)
        detail = change.measure
        if last_year is None and change.instrument:  # the source may compare across a change of scope (2024)
            where.pop("instrument")
            last_year = interval_of(figures, str(base), **where)
            detail += " (the two years differ in instrument scope)"
        if this_year is None or last_year is None:
            rows.append(
                [
                    "change against counts",
                    change.period,
                    change.figure_id,
                    f"{change.value:+g}% on {base}",
                    f"{base} or {change.period} not published",
                    NOT_CHECKABLE,
                    detail,
                ]
            )
            continue
        low, high = 100 * (this_year[0] / last_year[1] - 1), 100 * (this_year[1] / last_year[0] - 1)
        implied = f"{low:+.2f}%" if abs(high - low) < 0.005 else f"{low:+.1f}% to {high:+.1f}%"
        rows.append(
            [
                "change against counts",
                change.period,
                ", ".join([change.figure_id, *this_year[2], *last_year[2]]),
                f"{change.value:+g}% on {base}",
                implied,
                AGREES if low <= change.high and high >= change.low else DISAGREES,
                detail,
            ]
        )
    return rows


def peak_markers(figures: pd.DataFrame) -> list[list]:
    """A figure marked as the peak of a span must be at least every other published year of the span."""
    rows = []
    for peak in figures[figures["qualifier"].str.contains("peak_of:", regex=False)].itertuples():
        start, end = qualifier_span(peak.qualifier, "peak_of")
        others = level_figures(figures, measure=peak.measure, instrument=peak.instrument, grounds=peak.grounds)
        others = others[
            (others["kind"] == "count") & others["period_start"].between(start, end) & (others["period"] != peak.period)
        ]
        highest = others["value"].max() if not others.empty else None
        implied = "no other year published" if highest is None else f"highest other year: {fmt(highest)}"
        verdict = NOT_CHECKABLE if highest is None else AGREES if highest <= peak.value else DISAGREES
        rows.append(
            [
                "peak marker",
                peak.period,
                ", ".join([peak.figure_id, *others["figure_id"]]),
                f"{fmt(peak.value)}, peak of {start}-{end}",
                implied,
                verdict,
                f"{peak.measure} {peak.grounds}".strip(),
            ]
        )
    return rows
