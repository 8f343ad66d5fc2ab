"""What each trend is fitted to: the yearly intervals of the panel, the rates and the CCF's series, as
observations for the interval-censored likelihood (stats/censored.py), and as points for the changes
between years where a model is not warranted."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from interpol_review.ledger.series import ISSUED
from interpol_review.ledger.status import Status
from interpol_review.stats.censored import Observations


def observations(rows: pd.DataFrame) -> Observations | None:
    """``rows``: members (tuple of years), low, high, exposure (per observation), scope_break (bool)."""
    if rows.empty:
        return None
    years = sorted({year for members in rows["members"] for year in members})
    position = {year: number for number, year in enumerate(years)}
    exposure = np.ones(len(years))
    scope_break = np.zeros(len(years), dtype=bool)
    for row in rows.itertuples():
        for year in row.members:
            exposure[position[year]] = row.exposure / len(row.members)
            scope_break[position[year]] |= bool(row.scope_break)
    return Observations(
        years=np.array(years, dtype=float),
        exposure=exposure,
        scope_break=scope_break,
        members=tuple(tuple(position[year] for year in row.members) for row in rows.itertuples()),
        low=np.floor(rows["low"].to_numpy(dtype=float) + 1e-9),
        high=np.ceil(rows["high"].to_numpy(dtype=float) - 1e-9),
    )


def count_rows(panel: pd.DataFrame, series: str) -> pd.DataFrame:
    """Every year of one task force series whose count the figures bound."""
    cells = panel[(panel["series"] == series) & (panel["status"] != Status.MISSING) & np.isfinite(panel["high"])]
    return pd.DataFrame(
        {
            "members": [(int(year),) for year in cells["year"]],
            "low": cells["low"].to_numpy(),
            "high": cells["high"].to_numpy(),
            "exposure": 1.0,
            "scope_break": cells["scope_break"].to_numpy(),
        }
    )


def rate_rows(panel: pd.DataFrame, rates: pd.DataFrame, series: str) -> pd.DataFrame:
    """Years with a rate: the count range implied by the allowed rates at the middle of the year's alerts
    issued (the exposure's own range is a few percent; the rate set already carries the link between
    count and exposure)."""
    issued = panel[panel["series"] == ISSUED].set_index("year")
    chosen = rates[rates["series"] == series]
    rows = []
    for rate in chosen.itertuples():
        alerts = issued.loc[rate.year]
        exposure = (alerts["low"] + alerts["high"]) / 2
        rows.append(
            {
                "members": (int(rate.year),),
                "low": rate.set_low * exposure / 1000,
                "high": rate.set_high * exposure / 1000,
                "exposure": exposure,
                "scope_break": bool(rate.scope_break),
            }
        )
    return pd.DataFrame(rows, columns=["members", "low", "high", "exposure", "scope_break"])


def ccf_rows(series: pd.DataFrame, measure: str) -> pd.DataFrame:
    """One observation per period of a CCF measure; a two-year total is one observation of two years."""
    cells = series[series["measure"] == measure]
    return pd.DataFrame(
        {
            "members": list(cells["years"]),
            "low": cells["low"].to_numpy(),
            "high": cells["high"].to_numpy(),
            "exposure": [float(len(years)) for years in cells["years"]],
            "scope_break": False,
        }
    )


def points(rows: pd.DataFrame) -> pd.DataFrame:
    """Single-year, bounded observations as the points of the changes between years."""
    single = rows[rows["members"].map(len) == 1]
    single = single[np.isfinite(single["high"])]
    table = pd.DataFrame({"year": single["members"].map(lambda m: m[0]), "low": single["low"], "high": single["high"]})
    if "exposure" in single and (single["exposure"] != 1.0).any():
        table["exposure_low"] = table["exposure_high"] = single["exposure"]
    return table.reset_index(drop=True)


def informative_points(rows: pd.DataFrame, ratio: float) -> pd.DataFrame:
    table = points(rows)
    return table[(table["low"] > 0) & (table["high"] <= ratio * table["low"].clip(lower=1))]


def last_exposure(panel: pd.DataFrame) -> float:
    """Alerts issued assumed for the year after the data: the latest year whose count was published or
    bounded, at the middle of its range."""
    issued = panel[(panel["series"] == ISSUED) & panel["status"].isin([Status.PUBLISHED, Status.BOUNDED])]
    issued = issued[np.isfinite(issued["high"])]
    if issued.empty:
        return math.nan
    last = issued.sort_values("year").iloc[-1]
    return float((last["low"] + last["high"]) / 2)
