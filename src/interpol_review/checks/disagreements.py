"""Apply the ledger's recorded disagreements (data/raw/disagreements.csv): which figures the analysis
uses where sources disagree, and which it sets aside (the audit shows both).

A rule is data, not code: ``prefer:N030`` uses N030 and sets aside the other figures of the row;
``span`` takes the true value to lie between the disagreeing figures; ``none`` keeps the figures out of
every number; ``both`` and ``no_sum`` change nothing (they record that two figures measure different
things, or that parts need not add up). ``parameter:disagreement_rule`` leaves the choice to the report.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from interpol_review.core.choices import DISAGREEMENT_RULES

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
    set_aside = pd.DataFrame(set_aside, columns=SET_ASIDE_COLUMNS)
    used = used[~used["figure_id"].isin(set_aside["figure_id"])].reset_index(drop=True)
    return Resolution(used=used, set_aside=set_aside)


def widen(figures: pd.DataFrame, ids: list[str]) -> None:
    """Give each figure of a span group the interval that covers them all (in place)."""
    rows = figures["figure_id"].isin(ids)
    if rows.any():
        figures.loc[rows, "low"] = figures.loc[rows, "low"].min()
        figures.loc[rows, "high"] = figures.loc[rows, "high"].max()
