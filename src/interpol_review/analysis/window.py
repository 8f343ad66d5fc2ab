"""The years a report covers: its parameters, with `end_year: latest` resolved from the ledger it may use,
and checked against the years that hold data (a window with no figure is a parameter error, not an empty
report)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from interpol_review.analysis.settings import LATEST, Settings
from interpol_review.core.errors import ParameterError
from interpol_review.ledger.load import Ledger
from interpol_review.ledger.series import series_of
from interpol_review.ledger.vocabulary import CCF_BODY, CCF_MEASURES, LEVEL_KINDS


@dataclass(frozen=True)
class Window:
    start: int  # first year of the task force's figures
    end: int  # last year of every figure
    ccf_start: int  # first year of the CCF's figures

    def years(self) -> list[int]:
        return list(range(self.start, self.end + 1))


def task_force_years(figures: pd.DataFrame) -> pd.Series:
    """The years of the task force's own figures (the review series)."""
    review = figures[(series_of(figures) != "") & (figures["kind"] != "trend_statement")]
    return review["period_end"]


def ccf_years(figures: pd.DataFrame) -> pd.Series:
    rows = figures[(figures["body"] == CCF_BODY) & figures["measure"].isin(CCF_MEASURES)]
    return rows.loc[rows["kind"].isin(LEVEL_KINDS), "period_end"]


def latest_year(ledger: Ledger) -> int:
    """The last year with a figure of the task force or of the CCF: a figure for a new year extends every
    report that may use it, with no parameter to edit."""
    years = pd.concat([task_force_years(ledger.figures), ccf_years(ledger.figures)])
    if years.empty:
        raise ParameterError("the ledger holds no task force or CCF figure for the report's published_by month")
    return int(years.max())


def resolve(settings: Settings, ledger: Ledger) -> Window:
    """The report's years; ParameterError when they hold no task force figure."""
    end = latest_year(ledger) if settings.end_year == LATEST else int(settings.end_year)
    problems = []
    if end < settings.start_year:
        problems.append(f"end_year resolves to {end}, before start_year ({settings.start_year})")
    task_force = task_force_years(ledger.figures)
    if not ((task_force >= settings.start_year) & (task_force <= end)).any() and not task_force.empty:
        problems.append(
            f"start_year..end_year = {settings.start_year}-{end} holds no task force figure; the ledger's task "
            f"force figures cover {int(task_force.min())}-{int(task_force.max())}"
        )
    if settings.ccf_start_year > end:
        problems.append(f"ccf_start_year ({settings.ccf_start_year}) is after the last year ({end})")
    if problems:
        raise ParameterError("; ".join(problems))
    return Window(start=settings.start_year, end=end, ccf_start=settings.ccf_start_year)
