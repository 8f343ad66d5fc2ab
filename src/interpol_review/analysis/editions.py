"""What changed since the last edition: the same report computed from the ledger as it stood at an earlier
data date (Ledger.as_of), compared figure by figure, verdict by verdict and headline by headline."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import pandas as pd

from interpol_review.analysis.headlines import Headline, headlines
from interpol_review.ledger.load import Ledger


@dataclass
class EditionChanges:
    since: str  # the earlier data date (YYYY-MM)
    figures_added: pd.DataFrame  # the ledger rows public after it
    verdicts_moved: pd.DataFrame  # claim_id, reading, before, now
    headlines_moved: list[tuple[Headline, Headline]]  # (before, now) for each headline that moved


def previous_month(ledger: Ledger, compare_with: str) -> str | None:
    """The data date to compare with: "previous" is the last month before this ledger's data date in
    which any figure became public; "none" compares with nothing."""
    if compare_with == "none":
        return None
    months = sorted(set(ledger.figures["public_by"]))
    if compare_with != "previous":
        return compare_with if compare_with < ledger.data_date else None
    earlier = [month for month in months if month < ledger.data_date]
    return earlier[-1] if earlier else None


def edition_changes(current, previous, since: str) -> EditionChanges:
    """Compare two Analyses of the same report."""
    known = set(previous.ledger.figures["figure_id"])
    added = current.ledger.figures[~current.ledger.figures["figure_id"].isin(known)]
    before = previous.claims.set_index(["claim_id", "reading"])["verdict"]
    now = current.claims.set_index(["claim_id", "reading"])["verdict"]
    moved = [
        {"claim_id": key[0], "reading": key[1], "before": before.get(key, "not tested"), "now": verdict}
        for key, verdict in now.items()
        if before.get(key) != verdict
    ]
    old = {item.key: item for item in headlines(previous)}
    changed = [(old[item.key], item) for item in headlines(current) if item.key in old and differs(old[item.key], item)]
    changed += [(Headline.absent(item), item) for item in headlines(current) if item.key not in old]
    return EditionChanges(
        since=since,
        figures_added=added.reset_index(drop=True),
        verdicts_moved=pd.DataFrame(moved, columns=["claim_id", "reading", "before", "now"]),
        headlines_moved=changed,
    )


def differs(before: Headline, now: Headline) -> bool:
    def same(a: float, b: float) -> bool:
        return (
            (math.isnan(a) and math.isnan(b))
            or (math.isfinite(a) and math.isfinite(b) and abs(a - b) <= 1e-6 * max(1, abs(a)))
            or a == b
        )

    return before.year != now.year or not (
        same(before.value, now.value) and same(before.low, now.low) and same(before.high, now.high)
    )


def previous_settings(settings, month: str):
    return replace(settings, published_by=month, compare_with="none")
