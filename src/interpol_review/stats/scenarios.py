"""What the published figures cannot tell, as explicit scenarios, each ratio pairing numerator and
denominator of the same year and scope, or saying in its row why not.

INTERPOL does not publish the requests it receives, nor how many of the "refused or cancelled" alerts were
refusals of new requests rather than alerts published earlier and cancelled later. Each function takes
those unknowns as stated assumptions (ranges) and returns a tidy table of what follows.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

NEW_REQUEST_SHARES = (0.25, 0.5, 0.75, 1.0)  # share of "refused or cancelled" that are refusals of requests
SCOPE_SHARES = (1.0, 0.9, 0.75, 0.5)  # share of the 2024 total that is Red Notices and diffusions


def requests_scenarios(
    refused: pd.DataFrame, issued: pd.DataFrame, requests_low: float, requests_high: float, points: int = 5
) -> pd.DataFrame:
    """Implied refusal rate among requests, by year, requests received and share of new-request refusals.

    ``refused`` and ``issued``: panel rows (year, low, high) of the all-grounds total and of alerts issued.
    Assumptions: a share f of the refused-or-cancelled total are refusals of requests received that year;
    requests received Q lie in [requests_low, requests_high]. Then the refusal rate among requests is
    f * refused / Q. Every request was issued or refused (or is pending), so Q >= issued + f * refused:
    a scenario below that floor is impossible and is flagged, and the rate is at most
    f * refused / (issued + f * refused) whatever Q is.
    """
    if not 0 < requests_low <= requests_high:
        raise ValueError(f"requests range must satisfy 0 < low <= high, got [{requests_low}, {requests_high}]")
    issued_by_year = issued.set_index("year")
    rows = []
    for cell in refused.itertuples(index=False):
        if not math.isfinite(cell.high) or cell.year not in issued_by_year.index:
            continue
        alerts = issued_by_year.loc[cell.year]
        if not math.isfinite(alerts["high"]) or alerts["low"] <= 0:
            continue  # same-year alerts issued are needed for the floor and the ceiling
        for share in NEW_REQUEST_SHARES:
            for requests in np.linspace(requests_low, requests_high, points):
                rows.append(
                    {
                        "year": cell.year,
                        "new_request_share": share,
                        "requests": float(requests),
                        "refusal_rate_low": share * cell.low / requests,
                        "refusal_rate_high": share * cell.high / requests,
                        "possible": bool(requests >= alerts["low"] + share * cell.low),
                        "refusal_rate_ceiling": share * cell.high / (alerts["low"] + share * cell.high),
                    }
                )
    return pd.DataFrame(rows)


def stock_at_year_end(stocks: pd.DataFrame, year: int) -> pd.Series | None:
    """The stock of valid alerts published for a date in ``year`` (the latest such date), or None."""
    found = stocks[stocks["period_start"] == year]
    return found.sort_values("period").iloc[-1] if len(found) else None


def cancellation_scenarios(refused: pd.DataFrame, stocks: pd.DataFrame) -> pd.DataFrame:
    """Cancellations of earlier alerts implied by each share of new-request refusals, as a count and per
    1,000 valid Red Notices in circulation in the same year.

    ``stocks``: ledger rows of valid Red Notices in circulation (period a date, low, high, figure_id).
    The stock counts Red Notices only (no stock of diffusions is published) while the cancellations count
    both, so the rate overstates the true share of alerts cancelled; each row says so.
    """
    rows = []
    for cell in refused.itertuples(index=False):
        if not math.isfinite(cell.high):
            continue
        stock = stock_at_year_end(stocks, cell.year)
        for share in NEW_REQUEST_SHARES:
            low, high = (1 - share) * cell.low, (1 - share) * cell.high
            row = {"year": cell.year, "new_request_share": share, "cancellations_low": low, "cancellations_high": high}
            if stock is None:
                row |= {
                    "per_1000_low": math.nan,
                    "per_1000_high": math.nan,
                    "stock_date": "",
                    "why_not": f"no stock of valid alerts was published for {cell.year}",
                }
            else:
                row |= {
                    "per_1000_low": 1000 * low / stock["high"],
                    "per_1000_high": 1000 * high / stock["low"],
                    "stock_date": stock["period"],
                    "stock_figure": stock["figure_id"],
                    "why_not": "the stock counts Red Notices only, the cancellations diffusions too",
                }
            rows.append(row)
    return pd.DataFrame(rows)


def denominators(refused: pd.DataFrame, issued: pd.DataFrame, stocks: pd.DataFrame) -> pd.DataFrame:
    """Refused or cancelled per 1,000 under each published denominator of the same year: alerts issued
    (Red Notices and diffusions: the same scope) and the stock of valid Red Notices (a different scope,
    and a stock, not a flow: said in the row)."""
    issued_by_year = issued.set_index("year")
    rows = []
    for cell in refused.itertuples(index=False):
        if not math.isfinite(cell.high):
            continue
        if cell.year in issued_by_year.index:
            alerts = issued_by_year.loc[cell.year]
            if math.isfinite(alerts["high"]) and alerts["low"] > 0:
                rows.append(
                    {
                        "year": cell.year,
                        "denominator": "alerts issued in the year (Red Notices and diffusions)",
                        "denominator_low": alerts["low"],
                        "denominator_high": alerts["high"],
                        "per_1000_low": 1000 * cell.low / alerts["high"],
                        "per_1000_high": 1000 * cell.high / alerts["low"],
                        "caveat": "same year and scope; the count includes cancellations of older alerts",
                    }
                )
        stock = stock_at_year_end(stocks, cell.year)
        if stock is not None:
            rows.append(
                {
                    "year": cell.year,
                    "denominator": f"valid Red Notices in circulation ({stock['period']})",
                    "denominator_low": stock["low"],
                    "denominator_high": stock["high"],
                    "per_1000_low": 1000 * cell.low / stock["high"],
                    "per_1000_high": 1000 * cell.high / stock["low"],
                    "caveat": "a stock, not a flow, of Red Notices only: overstates the share of all alerts",
                }
            )
    return pd.DataFrame(rows)


def scope_break_scenarios(count_scope_break: float, count_before: float) -> pd.DataFrame:
    """If only a share of the 2024 total concerns Red Notices and diffusions (the rest other notice
    colours), the comparable count and its change on the year before."""
    return pd.DataFrame(
        [
            {
                "red_and_diffusion_share": share,
                "comparable_count": share * count_scope_break,
                "change_percent": 100 * (share * count_scope_break / count_before - 1),
            }
            for share in SCOPE_SHARES
        ]
    )
