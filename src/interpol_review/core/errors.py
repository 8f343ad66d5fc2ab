"""Errors a user can act on: each names where the problem is, the rule broken and the fix."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One broken rule at one place in one input file.

    ``line`` is the line number in the file as an editor shows it (the header is line 1), or None when
    the problem concerns the whole file; ``column`` is the CSV column, or None.
    """

    file: str
    line: int | None
    column: str | None
    rule: str
    fix: str
    found: str | None = None

    def __str__(self) -> str:
        place = self.file
        if self.line is not None:
            place += f", line {self.line}"
        if self.column is not None:
            place += f", column '{self.column}'"
        found = f" (found {self.found!r})" if self.found is not None else ""
        return f"{place}: {self.rule}{found}. Fix: {self.fix}"


class UserError(Exception):
    """An error in the user's input (data, parameters, command line): shown without a traceback."""


class LedgerError(UserError):
    """The raw data ledger breaks one or more rules; every problem found is listed, not just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        count = len(problems)
        header = f"the data ledger has {count} problem{'s' if count != 1 else ''}:"
        super().__init__("\n".join([header, *(f"  - {problem}" for problem in problems)]))


class ParameterError(UserError):
    """A report parameter is unknown, of the wrong type or out of range."""
