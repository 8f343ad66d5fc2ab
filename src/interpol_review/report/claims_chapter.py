"""Chapter 6, claims as a fact check: the claim's own words, the verdict under each reading, what a reader
can safely say instead, and whether the report's other rule for disagreeing figures changes it."""

from __future__ import annotations

import math

import pandas as pd

from interpol_review.core.formatting import interval, listing, percent_interval, period_text
from interpol_review.ledger.vocabulary import SHARE_STATISTICS
from interpol_review.report.links import Link, anchor
from interpol_review.report.words import INSTRUMENTS, MEASURES, SHARE_DENOMINATOR_WORDS, SHORT_SERIES

INFORMATIVE = 3.0  # an evidence range informs when its top is at most three times its bottom


def subject(row) -> str:
    measure = row.measure
    grounds = row.grounds if hasattr(row, "grounds") else ""
    if measure == "refused_or_cancelled":
        return "refusals and cancellations" + (
            f" on {SHORT_SERIES.get(grounds, grounds)} grounds" if grounds and grounds != "all" else ""
        )
    if measure == "issued":
        return f"{INSTRUMENTS.get(row.instrument, 'alerts')} issued" if hasattr(row, "instrument") else "alerts issued"
    if measure == "valid_in_circulation":
        return "alerts valid in circulation"
    if measure == "staff":
        return "the task force's staff"
    return MEASURES.get(measure, measure.replace("_", " "))


def informative(evidence: dict) -> bool:
    return math.isfinite(evidence["high"]) and evidence["low"] > 0 and evidence["high"] <= INFORMATIVE * evidence["low"]


def share_wording(readings: pd.DataFrame, ledger_readings: pd.DataFrame) -> str:
    """A CCF share under every denominator its readings name: '2018: 51.5% of the complaints processed; ...'."""
    parts = []
    for row in readings.itertuples():
        source = ledger_readings[
            (ledger_readings["claim_id"] == row.claim_id) & (ledger_readings["reading"] == row.reading)
        ].iloc[0]
        shares = listing([f"{e['label']}: {percent_interval(e['low'], e['high'], 1)}" for e in row.evidence])
        if shares:
            parts.append(f"{shares} of {SHARE_DENOMINATOR_WORDS[source.denominator]}")
    if not parts:
        return "The published counts do not give the share for these years without the claim's own figures."
    what = subject(ledger_readings[ledger_readings["claim_id"] == readings.iloc[0]["claim_id"]].iloc[0])
    return f"{what.capitalize()}: {'; '.join(dict.fromkeys(parts))}."


def safe_wording(readings: pd.DataFrame, ledger_readings: pd.DataFrame) -> str:
    """What a reader can say instead, with the numbers: from the reading whose evidence is fullest."""
    if readings["statistic"].isin(SHARE_STATISTICS).all():
        return share_wording(readings, ledger_readings)
    for row in readings.itertuples():
        source = ledger_readings[
            (ledger_readings["claim_id"] == row.claim_id) & (ledger_readings["reading"] == row.reading)
        ].iloc[0]
        what = subject(source)
        evidence = [e for e in row.evidence if e["label"] != ""]
        stat = row.statistic
        if stat == "not_published":
            return (
                f"No source in this report's ledger gives {what} for {row.period}; that the figure is absent "
                "here does not prove that INTERPOL never published it."
            )
        useful = [e for e in evidence if informative(e) or stat in ("highest_in_period", "change_ratio")]
        if not useful:
            continue
        if stat == "average_per_year":
            e = useful[0]
            return (
                f"{what.capitalize()} averaged {interval(e['low'], e['high'])} a year over {row.period} ({e['basis']})."
            )
        if stat in ("share_of_issued_each_year", "share_of_stock_each_year"):
            base = (
                "alerts issued in the same year"
                if stat == "share_of_issued_each_year"
                else "alerts valid in circulation"
            )
            parts = [f"{e['label']}: {percent_interval(e['low'], e['high'], 1)}" for e in useful]
            return f"{what.capitalize()} were a small share of {base}: {listing(parts)}."
        if stat == "highest_in_period":
            last = useful[-1]
            others = ", ".join(f"{e['label']}: {interval(e['low'], e['high'])}" for e in useful[:-1])
            verb = (
                "is the highest published" if row.verdict == "supported" else "may or may not be the highest published"
            )
            return f"The {last['label']} figure, {interval(last['low'], last['high'])}, {verb} ({others})."
        if stat == "change_ratio":
            first, last, ratio = useful[0], useful[1], useful[-1]
            times = interval(ratio["low"], ratio["high"], 2)
            return (
                f"{what.capitalize()} went from {interval(first['low'], first['high'])} in {first['label']} to "
                f"{interval(last['low'], last['high'])} in {last['label']}: {times} times."
            )
        parts = [f"{e['label']}: {interval(e['low'], e['high'])}" for e in useful]
        return f"{what.capitalize()} in the years with informative figures: {listing(parts)}."
    return "The published figures do not allow a statement with numbers."


def fact_check_frame(analysis) -> pd.DataFrame:
    rows = []
    ledger_readings = analysis.ledger.readings
    for claim_id, readings in analysis.claims.groupby("claim_id", sort=True):
        first = readings.iloc[0]
        made_by = Link(first["made_by"], "#" + anchor("source", first["made_by"]))
        rows.append(
            {
                "Claim": claim_id,
                "Made by": made_by,
                "Their words": f"“{first['quote']}”",
                "Verdict": first["claim_verdict"],
                "What can safely be said": safe_wording(readings, ledger_readings),
            }
        )
    return pd.DataFrame(rows)


def evidence_line(evidence: dict, statistic: str) -> str:
    """'2021: 5.3% (published): within the claimed range'."""
    result = f": {evidence['result']}" if evidence["result"] else ""
    return f"{period_text(evidence['label'])}: {evidence_text(evidence, statistic)} ({evidence['basis']}){result}"


def readings_frame(analysis) -> pd.DataFrame:
    other = analysis.claims_other_rule.set_index(["claim_id", "reading"])["verdict"]
    rows = []
    for row in analysis.claims.itertuples():
        evidence = [e for e in row.evidence if e["result"] or row.statistic in ("not_published", "average_per_year")]
        decided = "; ".join(evidence_line(e, row.statistic) for e in evidence) or "no figure decides"
        changed = other.get((row.claim_id, row.reading), row.verdict)
        # Five columns, not seven: the claimed range joins its reading and the other rule's verdict joins
        # the verdict, so that the evidence, the longest text, gets a third of an A4 page.
        other_rule = "" if changed == row.verdict else f" ({changed} under the other disagreement rule)"
        rows.append(
            {
                "Claim": f"{row.claim_id} ({row.reading})",
                "Reading (range claimed)": f"{row.interpretation} ({claimed_text(row)})",
                "Verdict": row.verdict + other_rule,
                "Evidence": decided,
                "Tolerance": row.flips_at,
            }
        )
    return pd.DataFrame(rows)


def evidence_text(evidence: dict, statistic: str) -> str:
    if statistic == "not_published":
        return evidence["basis"]
    if statistic.startswith("share"):
        return percent_interval(evidence["low"], evidence["high"], 1)
    digits = 2 if statistic == "change_ratio" and " to " in evidence["label"] else 0
    return interval(evidence["low"], evidence["high"], digits)


def claimed_text(row) -> str:
    if row.statistic == "not_published":
        return "not published"
    if row.statistic == "highest_in_period":
        return "the highest"
    low = row.claimed_low if not math.isnan(row.claimed_low) else 0.0
    high = row.claimed_high if not math.isnan(row.claimed_high) else math.inf
    if row.statistic.startswith("share"):
        return percent_interval(low, high)
    if row.statistic == "change_ratio":
        return interval(low, high, 3) + " times"
    return interval(low, high)


def other_rule_note(analysis) -> str | None:
    """A verdict that changes under the other rule for a disagreement the report's parameter decides."""
    other = analysis.claims_other_rule.set_index(["claim_id", "reading"])["verdict"]
    moved = [
        f"{row.claim_id} (reading {row.reading}) is {row.verdict} here and {other[(row.claim_id, row.reading)]} "
        "under the other rule"
        for row in analysis.claims.itertuples()
        if (row.claim_id, row.reading) in other.index and other[(row.claim_id, row.reading)] != row.verdict
    ]
    if not moved:
        return None
    disagreements = analysis.ledger.disagreements
    decided = disagreements[disagreements["rule"].str.startswith("parameter:")]
    which = listing([f"{row.disagreement_id} ({row.what})" for row in decided.itertuples()])
    return f"Some verdicts depend on the rule the report applies to disagreement {which}. " + "; ".join(moved) + "."


def verdict_summary(analysis) -> str:
    claims = analysis.claims.drop_duplicates("claim_id")
    counts = claims["claim_verdict"].value_counts()
    parts = [f"{count} {verdict}" for verdict, count in counts.items()]
    briefing = int((claims["made_by"] == "FT22").sum())
    return (
        f"{len(claims)} claims are checked: {briefing} from Fair Trials' briefing and {len(claims) - briefing} made "
        f"by the sources themselves about the CCF and about notices. Verdicts: {listing(parts)}. A verdict a "
        "reader may repeat holds under every reading; where readings disagree the claim depends on how it is "
        "read, and each reading is shown. A claim that something is not published is never 'supported' by the "
        "absence of a figure: the verdict is that no source in the ledger gives one."
    )
