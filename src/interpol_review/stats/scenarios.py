"""What the published figures cannot tell, as explicit scenarios.

INTERPOL does not publish the requests it receives, nor how many of the "refused or cancelled" alerts
were refusals of new requests rather than cancellations of alerts published earlier. Each function here
takes those unknowns as stated assumptions (ranges) and returns a tidy table of what follows.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

NEW_REQUEST_SHARES = (0.25, 0.5, 0.75, 1.0)  # share of "refused or cancelled" that are refusals of requests


def requests_scenarios(
    refused: pd.DataFrame, issued: pd.DataFrame, requests_low: float, requests_high: float, points: int = 5
) -> pd.DataFrame:
    """Implied refusal rate among requests, by year, requests received and share of new-request refusals.

    ``refused`` and ``issued``: panel rows (year, low, high) of the all-grounds total and of alerts issued.
    Assumptions: a share f of the refused-or-cancelled total are refusals of requests received that year;
    requests received Q lie in [requests_low, requests_high]. Then the refusal rate among requests is
    f * refused / Q. Whatever Q is, every request was issued or refused (or is pending), so
    Q >= issued + f * refused, and the rate is at most f * refused / (issued + f * refused): a scenario
    below that floor is impossible and is flagged.
    """
    if not 0 < requests_low <= requests_high:
        raise ValueError(f"requests range must satisfy 0 < low <= high, got [{requests_low}, {requests_high}]")
    issued_by_year = issued.set_index("year")
    rows = []
    for cell in refused.itertuples(index=False):
        if not math.isfinite(cell.high) or cell.year not in issued_by_year.index:
            continue
        alerts = issued_by_year.loc[cell.year]
        for share in NEW_REQUEST_SHARES:
            for requests in np.linspace(requests_low, requests_high, points):
                floor = alerts["low"] + share * cell.low
                rows.append(
                    {
                        "year": cell.year,
                        "new_request_share": share,
                        "requests": float(requests),
                        "refusal_rate_low": share * cell.low / requests,
                        "refusal_rate_high": share * cell.high / requests,
                        "possible": bool(requests >= floor) if math.isfinite(floor) else True,
                        "refusal_rate_ceiling": ceiling(share, cell.high, alerts["low"]),
                    }
                )
    return pd.DataFrame(rows)


def ceiling(share: float, refused_high: float, issued_low: float) -> float:
    """The largest refusal rate among requests compatible with the published counts, for a share f."""
    if not math.isfinite(issued_low) or issued_low <= 0:
        return math.nan
    refusals = share * refused_high
    return refusals / (issued_low + refusals)


def cancellation_scenarios(refused: pd.DataFrame, in_circulation: float) -> pd.DataFrame:
    """Cancellations of earlier alerts implied by each share of new-request refusals, as a count and per
    1,000 valid alerts in circulation (a stock; the most recent published figure is the assumption)."""
    rows = []
    for cell in refused.itertuples(index=False):
        if not math.isfinite(cell.high):
            continue
        for share in NEW_REQUEST_SHARES:
            low, high = (1 - share) * cell.low, (1 - share) * cell.high
            rows.append(
                {
                    "year": cell.year,
                    "new_request_share": share,
                    "cancellations_low": low,
                    "cancellations_high": high,
                    "per_1000_in_circulation_low": 1000 * low / in_circulation,
                    "per_1000_in_circulation_high": 1000 * high / in_circulation,
                }
            )
    return pd.DataFrame(rows)


def alternative_denominators(refused: pd.DataFrame, denominators: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Refused or cancelled per 1,000 under each denominator that was published for the same year.

    ``denominators`` maps a label to rows (year, low, high), e.g. alerts issued (Red Notices plus
    diffusions), Red Notices issued only, valid Red Notices in circulation (a stock).
    """
    rows = []
    for label, table in denominators.items():
        by_year = table.set_index("year")
        for cell in refused.itertuples(index=False):
            if cell.year not in by_year.index or not math.isfinite(cell.high):
                continue
            denominator = by_year.loc[cell.year]
            if not (math.isfinite(denominator["high"]) and denominator["low"] > 0):
                continue
            rows.append(
                {
                    "year": cell.year,
                    "denominator": label,
                    "denominator_low": denominator["low"],
                    "denominator_high": denominator["high"],
                    "per_1000_low": 1000 * cell.low / denominator["high"],
                    "per_1000_high": 1000 * cell.high / denominator["low"],
                }
            )
    return pd.DataFrame(rows)


def scope_break_scenarios(count_2024: float, count_2023: float, shares=(1.0, 0.9, 0.75, 0.5)) -> pd.DataFrame:
    """If only a share of the 2024 total concerns Red Notices and diffusions (the rest other notice
    colours), the comparable 2024 count and its change on 2023."""
    return pd.DataFrame(
        [
            {
                "red_and_diffusion_share": share,
                "comparable_2024": share * count_2024,
                "change_on_2023_percent": 100 * (share * count_2024 / count_2023 - 1),
            }
            for share in shares
        ]
    )
