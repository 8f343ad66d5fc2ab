"""Reader-facing tables and sentences of the report chapters, computed from one Analysis.

Notebooks stay thin: each table and each number in the prose comes from a function here.
"""

from __future__ import annotations

import math
from dataclasses import asdict

import pandas as pd

from interpol_review.analysis.run import Analysis
from interpol_review.core import provenance
from interpol_review.ledger.series import REFUSED_ALL, SHORT_LABELS
from interpol_review.stats.claims import CONTRADICTED, PARTLY, SUPPORTED, UNDETERMINED

DASH = "–"
# Short status marks for dense tables; the caption spells them out.
STATUS_MARKS = {"observed": "(p)", "bounded": "(b)", "reconstructed": "(r)", "missing": ""}
STATUS_KEY = "p: published count; b: published bound; r: reconstructed from published aggregates"


def number(value: float, digits: int = 0) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, float) and math.isinf(value):
        return "no upper bound"
    return f"{value:,.{digits}f}"


def interval(low: float, high: float, digits: int = 0) -> str:
    if math.isinf(high):
        return f"at least {number(low, digits)}" if low > 0 else "unknown"
    if round(low, digits) == round(high, digits):
        return number(low, digits)
    return f"{number(low, digits)}{DASH}{number(high, digits)}"


def panel_table(analysis: Analysis, series: list[str]) -> pd.DataFrame:
    """Years by series, each cell the value or interval with its status in words."""
    table = analysis.panel.table[analysis.panel.table["series"].isin(series)]
    cells = table.assign(
        text=[
            f"{interval(r.low, r.high)} {STATUS_MARKS[r.status]}" if r.status != "missing" else "not published"
            for r in table.itertuples()
        ]
    )
    wide = cells.pivot(index="year", columns="series", values="text")[series]
    wide.columns = [SHORT_LABELS[s] for s in series]
    wide.index.name = "Year"
    return wide


def rates_table(analysis: Analysis, series: list[str]) -> pd.DataFrame:
    rates = analysis.rates[analysis.rates["series"].isin(series) & analysis.rates["high"].map(math.isfinite)]
    rows = [
        {
            "Year": r.year,
            "Grounds": SHORT_LABELS[r.series],
            "Status": r.status,
            "Per 1,000 issued": number(r.rate_per_1000, 1),
            "Interval": interval(r.low, r.high, 1),
        }
        for r in rates.itertuples()
    ]
    return pd.DataFrame(rows)


def trends_table(analysis: Analysis) -> pd.DataFrame:
    rows = []
    for r in analysis.trends.itertuples():
        rows.append(
            {
                "Series": SHORT_LABELS[r.series],
                "Measure": "rate per alert issued" if r.with_exposure else "count",
                "Years": ", ".join(str(y) for y in r.years),
                "Change per year": percent_change(r.rate_ratio_per_year),
                "Interval": f"{percent_change(r.low)} to {percent_change(r.high)}"
                if math.isfinite(r.high)
                else "none (too few years)",
                "Dispersion": r.dispersion_verdict.split(":")[0].split(" (")[0],
                "Next year, 95% prediction": f"{r.prediction_year}: {interval(r.prediction_low, r.prediction_high)}"
                if math.isfinite(r.prediction_low)
                else "",
            }
        )
    return pd.DataFrame(rows)


def percent_change(rate_ratio: float) -> str:
    if not math.isfinite(rate_ratio):
        return "unbounded"
    return f"{100 * (rate_ratio - 1):+.0f}%"


def sensitivity_table(analysis: Analysis) -> pd.DataFrame:
    main = analysis.trends.set_index(["series", "with_exposure"])
    rows = []
    for r in analysis.sensitivity.itertuples():
        base = (
            main.loc[(r.series, r.with_exposure), "rate_ratio_per_year"]
            if (r.series, r.with_exposure) in main.index
            else math.nan
        )
        estimate = (
            percent_change(r.rate_ratio_low)
            if r.rate_ratio_low == r.rate_ratio_high
            else f"{percent_change(r.rate_ratio_low)} to {percent_change(r.rate_ratio_high)}"
        )
        rows.append(
            {
                "Series": SHORT_LABELS[r.series],
                "Measure": "rate" if r.with_exposure else "count",
                "Variant": r.variant,
                "Main estimate": percent_change(base),
                "Variant estimate": estimate,
                "Years": ", ".join(str(y) for y in r.years),
            }
        )
    return pd.DataFrame(rows)


def claims_table(analysis: Analysis) -> pd.DataFrame:
    table = analysis.claims
    return pd.DataFrame(
        {
            "Claim": table["claim_id"],
            "Statement": table["statement"],
            "Claimed": table["claimed"],
            "Verdict": table["verdict"],
            "Evidence that decided it": table["decided_by"],
        }
    )


def verdict_counts(analysis: Analysis) -> str:
    counts = analysis.claims["verdict"].value_counts()
    parts = [f"{counts.get(v, 0)} {v}" for v in (SUPPORTED, PARTLY, CONTRADICTED, UNDETERMINED) if counts.get(v, 0)]
    return ", ".join(parts)


def requests_table(analysis: Analysis, year: int) -> pd.DataFrame:
    table = analysis.scenarios["requests"]
    table = table[table["year"] == year]
    wide = table.assign(
        rate=[
            ("impossible" if not r.possible else interval(100 * r.refusal_rate_low, 100 * r.refusal_rate_high, 1) + "%")
            for r in table.itertuples()
        ]
    )
    wide = wide.pivot(index="new_request_share", columns="requests", values="rate")
    wide.columns = [f"{number(c)} requests" for c in wide.columns]
    ceiling = table.groupby("new_request_share")["refusal_rate_ceiling"].first()
    wide["Ceiling (any number of requests)"] = [f"{100 * c:.1f}%" for c in ceiling]
    wide.index = [f"{100 * s:.0f}%" for s in wide.index]
    wide.index.name = "Share that are refusals of new requests"
    return wide


def scenario_year(analysis: Analysis) -> int | None:
    """The latest year whose scenarios are complete: a count of alerts issued is needed for the ceiling."""
    requests = analysis.scenarios["requests"]
    complete = requests[requests["refusal_rate_ceiling"].notna()]
    return int(complete["year"].max()) if len(complete) else None


def denominators_table(analysis: Analysis) -> pd.DataFrame:
    table = analysis.scenarios["denominators"]
    return pd.DataFrame(
        {
            "Year": table["year"],
            "Denominator": table["denominator"],
            "Denominator value": [
                interval(a, b) for a, b in zip(table["denominator_low"], table["denominator_high"], strict=True)
            ],
            "Refused or cancelled per 1,000": [
                interval(a, b, 1) for a, b in zip(table["per_1000_low"], table["per_1000_high"], strict=True)
            ],
        }
    )


def cancellations_table(analysis: Analysis, year: int) -> pd.DataFrame:
    table = analysis.scenarios["cancellations"]
    table = table[table["year"] == year]
    return pd.DataFrame(
        {
            "Share that are refusals of new requests": [f"{100 * s:.0f}%" for s in table["new_request_share"]],
            "Cancellations of earlier alerts": [
                interval(a, b) for a, b in zip(table["cancellations_low"], table["cancellations_high"], strict=True)
            ],
            "Per 1,000 valid Red Notices": [
                interval(a, b, 1)
                for a, b in zip(
                    table["per_1000_in_circulation_low"], table["per_1000_in_circulation_high"], strict=True
                )
            ],
        }
    )


def scope_table(analysis: Analysis) -> pd.DataFrame | None:
    table = analysis.scenarios.get("scope_break")
    if table is None:
        return None
    return pd.DataFrame(
        {
            "Share of the 2024 total that is Red Notices and diffusions": [
                f"{100 * s:.0f}%" for s in table["red_and_diffusion_share"]
            ],
            "Comparable 2024 count": [number(v) for v in table["comparable_2024"]],
            "Change on 2023": [f"{v:+.0f}%" for v in table["change_on_2023_percent"]],
        }
    )


def capacity_table(analysis: Analysis) -> pd.DataFrame:
    table = analysis.capacity
    return pd.DataFrame(
        {
            "Year": table["year"],
            "Alerts reviewed": [interval(a, b) for a, b in zip(table["alerts_low"], table["alerts_high"], strict=True)],
            "Per person per working day": [
                interval(a, b, 1)
                for a, b in zip(table["per_person_day_low"], table["per_person_day_high"], strict=True)
            ],
            "Minutes per alert": [
                interval(a, b)
                for a, b in zip(table["minutes_per_alert_low"], table["minutes_per_alert_high"], strict=True)
            ],
        }
    )


def parameters_table(analysis: Analysis) -> pd.DataFrame:
    values = asdict(analysis.settings)
    return pd.DataFrame({"Parameter": list(values), "Value": [str(v) for v in values.values()]})


def provenance_table(analysis: Analysis) -> pd.DataFrame:
    rows = [
        ("Data SHA-256", analysis.ledger.sha256),
        ("Commit", provenance.commit()),
        ("Report date (last commit)", provenance.report_date(provenance.commit_epoch())),
        ("Run time", "kept out of the report so that two builds are identical: build/reports/<variant>/timing.json"),
    ]
    rows += [(f"{name} version", version) for name, version in provenance.package_versions().items()]
    return pd.DataFrame(rows, columns=["Item", "Value"])


def cell(analysis: Analysis, series: str, year: int) -> pd.Series:
    table = analysis.panel.table
    return table[(table["series"] == series) & (table["year"] == year)].iloc[0]


def rate_cell(analysis: Analysis, series: str, year: int) -> pd.Series:
    rates = analysis.rates
    return rates[(rates["series"] == series) & (rates["year"] == year)].iloc[0]


def trend_row(analysis: Analysis, series: str, with_exposure: bool) -> pd.Series | None:
    rows = analysis.trends[(analysis.trends["series"] == series) & (analysis.trends["with_exposure"] == with_exposure)]
    return rows.iloc[0] if len(rows) else None


def summary_points(analysis: Analysis) -> list[str]:
    """The headline findings, each with its interval and the years it rests on."""
    s = analysis.settings
    points = []
    observed = analysis.rates[(analysis.rates["series"] == REFUSED_ALL) & (analysis.rates["status"] == "observed")]
    bounded = analysis.rates[(analysis.rates["series"] == REFUSED_ALL) & analysis.rates["high"].map(math.isfinite)]
    if len(bounded):
        first, last = bounded.iloc[0], bounded.iloc[-1]
        points.append(
            f"**Refused or cancelled per 1,000 alerts issued** rose from {interval(first.low, first.high, 1)} in "
            f"{first.year} ({first.status}) to {interval(last.low, last.high, 1)} in {last.year} ({last.status}). "
            f"Only {len(observed)} of these years rest on published counts for both numerator and denominator; "
            "the others are reconstructed from INTERPOL's averages and shares."
        )
    rate_trend = trend_row(analysis, REFUSED_ALL, True)
    if rate_trend is not None:
        points.append(
            f"**Trend in the rate** ({', '.join(map(str, rate_trend.years))}): "
            f"{percent_change(rate_trend.rate_ratio_per_year)} a year, {s.confidence:.0%} interval "
            f"{percent_change(rate_trend.low)} to {percent_change(rate_trend.high)} "
            f"({s.count_model.replace('_', '-')} model). With {len(rate_trend.years)} points the direction is "
            "suggestive, not established."
        )
    count_trend = trend_row(analysis, REFUSED_ALL, False)
    if count_trend is not None:
        points.append(
            f"**Trend in the count** ({', '.join(map(str, count_trend.years))}, no denominator needed): "
            f"{percent_change(count_trend.rate_ratio_per_year)} a year, interval {percent_change(count_trend.low)} to "
            f"{percent_change(count_trend.high)}."
            + (
                " The 2024 figure may include other notice colours; the trend without it is in the sensitivity table."
                if s.include_2024 and 2024 in count_trend.years
                else ""
            )
        )
    for series in ("article_2", "article_3"):
        cells = analysis.panel.table[
            (analysis.panel.table["series"] == series) & (analysis.panel.table["status"] == "observed")
        ]
        if len(cells):
            listed = "; ".join(f"{int(c.year)}: {number(c.value)}" for c in cells.itertuples())
            points.append(
                f"**{SHORT_LABELS[series]}** refusals and cancellations were published for {len(cells)} years "
                f"only ({listed})."
            )
    requests = analysis.scenarios.get("requests")
    if requests is not None and scenario_year(analysis) is not None:
        latest = requests[requests["year"] == scenario_year(analysis)]
        ceiling = latest[latest["new_request_share"] == 1.0]["refusal_rate_ceiling"].iloc[0]
        points.append(
            f"**Requests are not published**, so no refusal rate among requests can be computed. Even if every "
            f"refusal or cancellation of {int(latest['year'].iloc[0])} were a refusal of a new request, at most "
            f"{100 * ceiling:.1f}% of requests were refused that year."
        )
    if analysis.capacity is not None and len(analysis.capacity):
        minutes_low = analysis.capacity["minutes_per_alert_low"].min()
        minutes_high = analysis.capacity["minutes_per_alert_high"].max()
        first, last = int(analysis.capacity["year"].min()), int(analysis.capacity["year"].max())
        points.append(
            f"**Review capacity**: with {s.staff_low} to {s.staff_high} staff, the task force had roughly "
            f"{number(minutes_low)} to {number(minutes_high)} minutes per alert reviewed ({first}-{last}), if "
            "each was reviewed once."
        )
    points.append(f"**The briefing's claims**: {verdict_counts(analysis)} (of {len(analysis.claims)}).")
    return points
