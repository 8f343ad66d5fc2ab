"""Cross-source checks: every place where two published figures can be compared, and what they say.

Each check returns rows of one tidy table (see ``CHECK_COLUMNS``). A disagreement is data: it is listed,
never resolved here; the analysis resolves it by an explicit, parameterized rule.
"""

from __future__ import annotations

import pandas as pd

from interpol_review.ledger.published import rounding_interval

CHECK_COLUMNS = ["check", "period", "figure_ids", "published", "implied", "verdict", "detail"]
AGREES, DISAGREES, NOT_CHECKABLE = "agrees", "disagrees", "not checkable"
AGREES_UNDER_RULE = "agrees under recorded rounding"

QUANTITY = ["body", "instrument", "measure", "grounds", "period"]
LEVEL_KINDS = ["count", "approximate", "lower_bound", "upper_bound"]


def cross_source_checks(figures: pd.DataFrame) -> pd.DataFrame:
    """All checks on the typed figures of a Ledger, disagreements first."""
    rows = [
        *same_quantity(figures),
        *sum_of_grounds(figures),
        *parts_of_instrument(figures),
        *shares_against_counts(figures),
        *changes_against_counts(figures),
        *peak_markers(figures),
    ]
    table = pd.DataFrame(rows, columns=CHECK_COLUMNS)
    order = {DISAGREES: 0, AGREES_UNDER_RULE: 1, NOT_CHECKABLE: 2, AGREES: 3}
    return table.sort_values(
        ["verdict", "check", "period"], key=lambda c: c.map(order) if c.name == "verdict" else c, kind="stable"
    ).reset_index(drop=True)


def fmt(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


def interval_text(low: float, high: float) -> str:
    if low == high:
        return fmt(low)
    if high == float("inf"):
        return f"over {fmt(low)}"
    return f"{fmt(low)} to {fmt(high)}"


def counts(figures: pd.DataFrame, **where: str) -> pd.DataFrame:
    mask = (figures["kind"] == "count") & (figures["period_type"] == "year")
    for column, value in where.items():
        mask &= figures[column] == value
    return figures[mask]


def single_count(figures: pd.DataFrame, year: int, **where: str) -> tuple[float | None, list[str]]:
    """The count for one year when all sources agree on it, else None."""
    rows = counts(figures, **where)
    rows = rows[rows["period_start"] == year]
    values = rows["value"].unique()
    return (float(values[0]) if len(values) == 1 else None), rows["figure_id"].tolist()


def same_quantity(figures: pd.DataFrame) -> list[list]:
    """Figures of the same quantity (same body, instrument, measure, grounds, period) must overlap."""
    levels = figures[figures["kind"].isin(LEVEL_KINDS)]
    rows = []
    for key, group in levels.groupby(QUANTITY, sort=True):
        if len(group) < 2:
            continue
        overlap = group["low"].max() <= group["high"].min()
        published = "; ".join(
            f"{interval_text(r.low, r.high)} ({r.figure_id}, {r.source_id})" for r in group.itertuples()
        )
        label = " ".join(part for part in key[1:4] if part)
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
    """Counts by grounds against a published total of those grounds, year by year."""
    comparisons = [
        (("article_2", "article_3"), "article_2_or_3"),
        (("article_2", "article_3", "other"), "all"),
    ]
    measure = dict(measure="refused_or_cancelled", body="ndtf_review")
    rows = []
    for parts, total_grounds in comparisons:
        years = sorted(set(counts(figures, grounds=total_grounds, **measure)["period_start"]))
        for year in years:
            total, total_ids = single_count(figures, year, grounds=total_grounds, **measure)
            found = [single_count(figures, year, grounds=grounds, **measure) for grounds in parts]
            ids = total_ids + [fid for _, part_ids in found for fid in part_ids]
            if total is None or any(value is None for value, _ in found):
                continue
            implied = sum(value for value, _ in found)
            rows.append(
                [
                    "sum of grounds",
                    str(year),
                    ", ".join(ids),
                    f"{total_grounds}: {fmt(total)}",
                    f"{' + '.join(fmt(v) for v, _ in found)} = {fmt(implied)}",
                    AGREES if implied == total else DISAGREES,
                    " + ".join(parts),
                ]
            )
    return rows


def parts_of_instrument(figures: pd.DataFrame) -> list[list]:
    """Red Notices plus diffusions against the published total of both."""
    rows = []
    for year in sorted(set(counts(figures, measure="issued", instrument="diffusion")["period_start"])):
        total, total_ids = single_count(figures, year, measure="issued", instrument="red_notice_and_diffusion")
        notices, notice_ids = single_count(figures, year, measure="issued", instrument="red_notice")
        diffusions, diffusion_ids = single_count(figures, year, measure="issued", instrument="diffusion")
        if None in (total, notices, diffusions):
            continue
        rows.append(
            [
                "parts of instrument",
                str(year),
                ", ".join(total_ids + notice_ids + diffusion_ids),
                f"issued: {fmt(total)}",
                f"{fmt(notices)} + {fmt(diffusions)} = {fmt(notices + diffusions)}",
                AGREES if notices + diffusions == total else DISAGREES,
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
            numerator = interval_of(figures, share.period_start, measure=share.measure, grounds=share.grounds, **where)
            denominator = interval_of(figures, share.period_start, measure="issued", **where)
        if numerator is None or denominator is None:
            rows.append(
                [
                    "share against counts",
                    share.period,
                    share.figure_id,
                    f"{fmt(share.value)}%",
                    "counts not published",
                    NOT_CHECKABLE,
                    share.grounds,
                ]
            )
            continue
        (num_low, num_high, num_ids), (den_low, den_high, den_ids) = numerator, denominator
        implied_low, implied_high = 100 * num_low / den_high, 100 * num_high / den_low
        point = 100 * (num_low + num_high) / (den_low + den_high)
        ids = ", ".join([share.figure_id, *num_ids, *den_ids])
        implied = f"{implied_low:.2f}%" if implied_low == implied_high else f"{implied_low:.2f}% to {implied_high:.2f}%"
        overlaps_recorded = implied_low <= share.high and implied_high >= share.low
        step = 0.1 if share.precision == "one_decimal" else 1.0
        nearest_low, nearest_high = rounding_interval(share.value, step, "nearest")
        overlaps_nearest = implied_low <= nearest_high and implied_high >= nearest_low
        if share.qualifier == "just_below" or overlaps_nearest:
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
        rows.append(["share against counts", share.period, ids, f"{share.value:g}%", implied, verdict, detail])
    return rows


def interval_of(figures: pd.DataFrame, year: int, **where: str) -> tuple[float, float, list[str]] | None:
    value, ids = single_count(figures, year, **where)
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
    """A published change on the previous year against the two years' counts."""
    rows = []
    for change in figures[figures["kind"] == "change_percent_vs_previous_year"].itertuples():
        where = dict(measure=change.measure, instrument=change.instrument, body=change.body)
        if change.grounds:
            where["grounds"] = change.grounds
        this_year, this_ids = single_count(figures, change.period_start, **where)
        last_year, last_ids = single_count(figures, change.period_start - 1, **where)
        detail = change.measure
        if last_year is None:  # the source may compare across a change of scope (2024): say so
            where.pop("instrument")
            last_year, last_ids = single_count(figures, change.period_start - 1, **where)
            detail += " (the two years differ in instrument scope)"
        if this_year is None or last_year is None:
            rows.append(
                [
                    "change against counts",
                    change.period,
                    change.figure_id,
                    f"{change.value:+g}%",
                    f"{change.period_start - 1} count not published",
                    NOT_CHECKABLE,
                    detail,
                ]
            )
            continue
        implied = 100 * (this_year / last_year - 1)
        rows.append(
            [
                "change against counts",
                change.period,
                ", ".join([change.figure_id, *this_ids, *last_ids]),
                f"{change.value:+g}%",
                f"{fmt(this_year)} / {fmt(last_year)} - 1 = {implied:+.2f}%",
                AGREES if change.low <= implied <= change.high else DISAGREES,
                detail,
            ]
        )
    return rows


def peak_markers(figures: pd.DataFrame) -> list[list]:
    """A figure marked as the peak of a span must be at least every other published year of the span."""
    rows = []
    marked = figures[figures["qualifier"].str.startswith("peak_of:")]
    for peak in marked.itertuples():
        start, end = (int(year) for year in peak.qualifier.split(":")[1].split("-"))
        others = counts(figures, measure=peak.measure, instrument=peak.instrument, grounds=peak.grounds)
        others = others[others["period_start"].between(start, end) & (others["period_start"] != peak.period_start)]
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
