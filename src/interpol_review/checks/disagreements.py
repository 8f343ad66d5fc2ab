"""Apply the ledger's recorded disagreements (data/raw/disagreements.csv): which figures the analysis
uses where sources disagree, and which it sets aside (the audit shows both).

A rule is data, not code: ``prefer:N030`` uses N030 and sets aside the other figures of the row;
``span`` takes the true value to lie between the disagreeing figures; ``none`` keeps the figures out of
every number; ``both`` and ``no_sum`` change nothing (they record that two figures measure different
things, or that parts need not add up). ``parameter:disagreement_rule`` leaves the choice to the report.
A figure derived from figures that are set aside (qualifier derived:, e.g. 2021's remainder on other
grounds, 1,270 - 150 - 353) is set aside with them: it holds only where they do.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from interpol_review.core.choices import DISAGREEMENT_RULES
from interpol_review.ledger.figure_rules import derivation_terms, qualifier_items

SET_ASIDE_COLUMNS = ["figure_id", "disagreement_id", "reason"]


@dataclass(frozen=True)
class Resolution:
    used: pd.DataFrame  # the figures the analysis uses, span groups widened to their common interval
    set_aside: pd.DataFrame  # figure_id, disagreement_id, reason


def resolve(figures: pd.DataFrame, disagreements: pd.DataFrame, disagreement_rule: str) -> Resolution:
    if disagreement_rule not in DISAGREEMENT_RULES:
        raise ValueError(f"disagreement_rule {disagreement_rule!r}; expected one of {', '.join(DISAGREEMENT_RULES)}")
    used = figures.copy()
    set_aside = []
    for row in disagreements.itertuples(index=False):
        ids = [figure_id for figure_id in row.figure_ids.split() if figure_id in set(used["figure_id"])]
        word, _, argument = row.rule.partition(":")
        if word == "prefer":
            dropped = [figure_id for figure_id in ids if figure_id not in argument.split("+")]
            reason = f"{row.disagreement_id}: {argument} is used instead"
        elif word == "parameter":
            grounds = used.set_index("figure_id").loc[ids, "grounds"]
            losing = ["article_2_or_3"] if disagreement_rule == "sum_of_parts" else ["article_2", "article_3"]
            dropped = list(grounds[grounds.isin(losing)].index)
            reason = f"{row.disagreement_id}: disagreement_rule = {disagreement_rule}"
        elif word == "none":
            dropped, reason = ids, f"{row.disagreement_id}: recorded only, never used as a count"
        else:
            dropped = []
            if word == "span":
                widen(used, ids)
        set_aside += [
            {"figure_id": figure_id, "disagreement_id": row.disagreement_id, "reason": reason} for figure_id in dropped
        ]
    set_aside += derived_from(used, set_aside)
    set_aside = pd.DataFrame(set_aside, columns=SET_ASIDE_COLUMNS)
    used = used[~used["figure_id"].isin(set_aside["figure_id"])].reset_index(drop=True)
    return Resolution(used=used, set_aside=set_aside)


def derived_from(figures: pd.DataFrame, set_aside: list[dict]) -> list[dict]:
    """The figures whose derivation names a figure set aside, each with the reason of the first it names."""
    reasons = {item["figure_id"]: item for item in set_aside}
    found = []
    for row in figures.itertuples(index=False):
        named = [fid for _, fid in derivation_terms(qualifier_items(row.qualifier).get("derived", ""))]
        first = next((reasons[fid] for fid in named if fid in reasons), None)
        if first is not None and row.figure_id not in reasons:
            reason = f"{first['reason']} (derived from {first['figure_id']}, which is set aside)"
            found.append({"figure_id": row.figure_id, "disagreement_id": first["disagreement_id"], "reason": reason})
    return found


def widen(figures: pd.DataFrame, ids: list[str]) -> None:
    """Give each figure of a span group the interval that covers them all (in place)."""
    rows = figures["figure_id"].isin(ids)
    if rows.any():
        figures.loc[rows, "low"] = figures.loc[rows, "low"].min()
        figures.loc[rows, "high"] = figures.loc[rows, "high"].max()
