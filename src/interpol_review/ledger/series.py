"""The yearly series the statistics work on, and which ledger rows belong to each.

The task force's series: alerts issued (Red Notices plus diffusions) and refused-or-cancelled alerts by
grounds. The 2024 review figures (scope possibly wider than Red Notices and diffusions) are mapped onto
the same series and flagged, so that the scope-break rule can give them their own level or drop them.
"""

from __future__ import annotations

import pandas as pd

ISSUED = "issued"
REFUSED_ALL = "refused_all"
ARTICLE_2 = "article_2"
ARTICLE_3 = "article_3"
ARTICLE_2_OR_3 = "article_2_or_3"
OTHER = "other"
SERIES = (ISSUED, REFUSED_ALL, ARTICLE_2, ARTICLE_3, ARTICLE_2_OR_3, OTHER)
REFUSAL_SERIES = (REFUSED_ALL, ARTICLE_2, ARTICLE_3, ARTICLE_2_OR_3, OTHER)

REVIEW_INSTRUMENTS = ("red_notice_and_diffusion", "notices_and_diffusions_scope_unclear")
SCOPE_BREAK_INSTRUMENT = "notices_and_diffusions_scope_unclear"
GROUNDS_SERIES = {
    "all": REFUSED_ALL,
    "article_2": ARTICLE_2,
    "article_3": ARTICLE_3,
    "article_2_or_3": ARTICLE_2_OR_3,
    "other": OTHER,
}


def series_of(figures: pd.DataFrame) -> pd.Series:
    """The series each figure belongs to, or "" for figures outside the review series."""
    review = (figures["body"] == "ndtf_review") & figures["instrument"].isin(REVIEW_INSTRUMENTS)
    issued = review & (figures["measure"] == "issued")
    refused = review & (figures["measure"] == "refused_or_cancelled")
    named = figures["grounds"].map(GROUNDS_SERIES).fillna("")
    return pd.Series("", index=figures.index).mask(issued, ISSUED).mask(refused, named)


def review_figures(figures: pd.DataFrame, include_scope_break: bool = True) -> pd.DataFrame:
    """The figures of the review series, with a ``series`` column and a ``scope_break`` flag."""
    tagged = figures.assign(series=series_of(figures), scope_break=figures["instrument"] == SCOPE_BREAK_INSTRUMENT)
    tagged = tagged[tagged["series"] != ""]
    if not include_scope_break:
        tagged = tagged[~tagged["scope_break"]]
    return tagged
