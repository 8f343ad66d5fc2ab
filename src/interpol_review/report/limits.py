"""Chapter 5, what the data cannot tell: each unknown as a stated range of assumptions, and what follows;
every ratio pairs numerator and denominator of the same year and scope, or says in its row why not."""

from __future__ import annotations

import math

import pandas as pd

from interpol_review.core.formatting import interval, listing, number, percent


def scenario_year(analysis) -> int | None:
    """The latest year whose requests scenarios are complete (same-year alerts issued are needed)."""
    requests = analysis.scenarios["requests"]
    return int(requests["year"].max()) if len(requests) else None


def requests_table(analysis, numbering, year: int):
    table = analysis.scenarios["requests"]
    table = table[table["year"] == year]
    wide = table.assign(
        rate=[
            "impossible" if not r.possible else interval(100 * r.refusal_rate_low, 100 * r.refusal_rate_high, 1) + "%"
            for r in table.itertuples()
        ]
    ).pivot(index="new_request_share", columns="requests", values="rate")
    frame = pd.DataFrame({"Share that are refusals of new requests": [percent(s) for s in wide.index]})
    for requests in wide.columns:
        frame[f"{number(requests)} requests"] = list(wide[requests])
    ceiling = table.groupby("new_request_share")["refusal_rate_ceiling"].first()
    frame["Largest possible rate"] = [percent(c, 1) for c in ceiling]
    columns = list(frame.columns[1:])
    return numbering.table(
        frame,
        f"Implied refusal rate among requests in {year}, for assumed numbers of requests "
        "and shares of refusals (not published figures).",
        numeric=columns,
    )


def requests_text(analysis, numbering, year: int) -> str:
    settings = analysis.settings
    return (
        f"{numbering.next_table()} assumes, for {year}, a share of the refused-or-cancelled total that were "
        f"refusals of new requests, and a number of requests between {number(settings.requests_low)} and "
        f"{number(settings.requests_high)} (assumptions, not published figures). Every request was issued or "
        "refused, so requests were at least alerts issued plus refusals: scenarios below that floor are marked "
        "impossible, and the last column is the largest refusal rate the published counts allow whatever the "
        "number of requests."
    )


def cancellations_table(analysis, numbering, year: int):
    table = analysis.scenarios["cancellations"]
    table = table[table["year"] == year]
    if table.empty:
        return None
    per_1000 = [
        interval(a, b, 1) if math.isfinite(a) else "no stock published"
        for a, b in zip(table["per_1000_low"], table["per_1000_high"], strict=True)
    ]
    frame = pd.DataFrame(
        {
            "Share that are refusals of new requests": table["new_request_share"].map(percent),
            "Cancellations of earlier alerts": [
                interval(a, b) for a, b in zip(table["cancellations_low"], table["cancellations_high"], strict=True)
            ],
            "Per 1,000 valid Red Notices": per_1000,
            "Why the ratio is only approximate": table["why_not"],
        }
    )
    stock = table["stock_date"].iloc[0] if "stock_date" in table and table["stock_date"].iloc[0] else "none"
    return numbering.table(
        frame,
        f"Cancellations of alerts issued before {year} implied by each share, and per 1,000 valid Red Notices in "
        f"circulation in the same year (stock published for {stock}).",
        numeric=["Cancellations of earlier alerts", "Per 1,000 valid Red Notices"],
    )


def denominators_table(analysis, numbering):
    table = analysis.scenarios["denominators"]
    frame = pd.DataFrame(
        {
            "Year": table["year"].astype(str),
            "Denominator": table["denominator"],
            "Denominator value": [
                interval(a, b) for a, b in zip(table["denominator_low"], table["denominator_high"], strict=True)
            ],
            "Per 1,000": [
                interval(a, b, 1) for a, b in zip(table["per_1000_low"], table["per_1000_high"], strict=True)
            ],
            "Caveat": table["caveat"],
        }
    )
    return numbering.table(
        frame,
        "Refused or cancelled per 1,000 under each denominator published for the same "
        "year, with what makes each comparison imperfect.",
        numeric=["Denominator value", "Per 1,000"],
    )


def scope_table(analysis, numbering):
    table = analysis.scenarios.get("scope_break")
    if table is None:
        return None, None
    years, before = sorted(set(table["year"])), int(table["compared_with"].iloc[0])
    shares = table[table["year"] == years[0]]["red_and_diffusion_share"]
    frame = pd.DataFrame({"Share that is Red Notices and diffusions": shares.map(percent).to_numpy()})
    for year in years:
        rows = table[table["year"] == year]
        frame[f"Comparable {year} count"] = rows["comparable_count"].map(number).to_numpy()
        frame[f"{year}: change on {before}"] = (
            rows["change_percent"].map(lambda v: (number(v) if v < 0 else "+" + number(v)) + "%").to_numpy()
        )
    shown = listing([str(year) for year in years])
    text = (
        f"The figures of {shown} may include green, yellow and blue notices as well as Red Notices and diffusions "
        "(their source compares them directly). If only part of each total concerns Red Notices and diffusions, "
        f"its rise on {before}, the last year whose scope is not in doubt, shrinks or reverses "
        f"({numbering.next_table()})."
    )
    return text, numbering.table(
        frame,
        f"The {shown} totals under assumed shares of Red Notices and diffusions.",
        numeric=list(frame.columns[1:]),
    )


def staff_sources(analysis, capacity: pd.DataFrame) -> str:
    """What the sources say about staff, and whether any year has an independent staff figure (not a
    claimant's own statement) together with published counts of the alerts reviewed."""
    figures = analysis.ledger.figures
    staff = figures[figures["measure"] == "staff"]
    if staff.empty:
        return "No source gives the task force's staff."
    said = [
        f"“{group['statement'].iloc[0]}” ({group['source_id'].iloc[0]}, {period}; "
        + ", ".join(f"[{fid}](#ledger-{fid})" for fid in group["figure_id"])
        + ")"
        for period, group in staff.groupby("period", sort=True)
    ]
    claimants = set(analysis.ledger.claims["made_by"])
    independent = {int(year) for year in staff.loc[~staff["source_id"].isin(claimants), "period_start"]}
    text = f"The sources give its staff as {listing(said)}"
    if independent & set(capacity["year"]):
        return text + "."
    return text + "; no year has both an independent staff figure and published counts of the alerts reviewed."


def capacity_table(analysis, numbering):
    table = analysis.capacity
    if table is None or table.empty:
        return None, None
    settings = analysis.settings
    frame = pd.DataFrame(
        {
            "Year": table["year"].astype(str),
            "Alerts reviewed": [interval(a, b) for a, b in zip(table["alerts_low"], table["alerts_high"], strict=True)],
            "Per person per working day": [
                interval(a, b, 1)
                for a, b in zip(table["per_person_day_low"], table["per_person_day_high"], strict=True)
            ],
            "Minutes per alert": [
                interval(a, b)
                for a, b in zip(table["minutes_per_alert_low"], table["minutes_per_alert_high"], strict=True)
            ],
            "Staff figure published for the year": table["staff"],
        }
    )
    text = (
        f"How much time could the task force give each alert? {staff_sources(analysis, table)} "
        f"{numbering.next_table()} is therefore a scenario: with {settings.staff_low} to {settings.staff_high} "
        "people working 220 to 230 days of 7.5 hours, and each alert reviewed once, the alerts of each year would "
        "leave this much time; re-reviews and other duties would leave less."
    )
    return text, numbering.table(
        frame,
        "Review capacity under assumed staff (a scenario, not published figures).",
        numeric=["Alerts reviewed", "Per person per working day", "Minutes per alert"],
    )
