"""A CCF total against the parts its annual report breaks it into (one of the cross-source checks of
checks/consistency.py)."""

from __future__ import annotations

import pandas as pd

from interpol_review.checks.cells import AGREES, DISAGREES, fmt, level_figures, single_count

# Totals of the CCF and the parts its reports break them into (each a published breakdown).
CCF_BREAKDOWNS = [
    ("deleted_after_complaint", ("deleted_after_legal_consideration", "deleted_by_gs_or_ncb_before_decision")),
    ("requests_received", ("access_requests_received", "complaints_received", "revision_requests_received")),
    ("requests_finalised", ("requests_concluded", "deleted_by_gs_or_ncb_before_decision", "requests_inadmissible")),
    (
        "requests_finalised",
        (
            "access_requests_processed",
            "complaints_processed",
            "revision_requests_processed",
            "other_requests_processed",
        ),
    ),
]


def ccf_parts_of_totals(figures: pd.DataFrame) -> list[list]:
    """A CCF total against the parts its report breaks it into, parts taken from the total's own source
    where it gives them, else from any source that states them once."""
    ccf = figures[figures["body"] == "ccf_annual_report"]
    rows = []
    for total_measure, part_measures in CCF_BREAKDOWNS:
        totals = level_figures(ccf, measure=total_measure)
        for total in totals[totals["kind"] == "count"].itertuples():
            found = []
            for measure in part_measures:
                own = level_figures(ccf, total.period, measure=measure, source_id=total.source_id)
                own = own[own["kind"] == "count"]
                value, ids = (
                    (float(own["value"].iloc[0]), own["figure_id"].tolist())
                    if len(own) == 1
                    else (single_count(ccf, total.period, measure=measure))
                )
                found.append((value, ids))
            if any(value is None for value, _ in found):
                continue
            implied = sum(value for value, _ in found)
            ids = [total.figure_id] + [figure_id for _, part_ids in found for figure_id in part_ids]
            rows.append(
                [
                    "parts of a CCF total",
                    total.period,
                    ", ".join(ids),
                    f"{total_measure}: {fmt(total.value)} ({total.source_id})",
                    f"{' + '.join(fmt(v) for v, _ in found)} = {fmt(implied)}",
                    AGREES if implied == total.value else DISAGREES,
                    " + ".join(part_measures),
                ]
            )
    return rows
