"""Errors a user can act on: each names where the problem is, the rule broken and the fix."""

from __future__ import annotations

from dataclasses import dataclass

SHOWN_PROBLEMS = 20  # a broken file can have thousands of problems; the first ones say what to fix


@dataclass(frozen=True)
class Problem:
    """One broken rule at one place in one input file.

    ``line`` is the line number in the file as an editor shows it (the header is line 1), or None when
    the problem concerns the whole file or several lines (``lines``); ``column`` is the CSV column, or None.
    """

    file: str
    line: int | None
    column: str | None
    rule: str
    fix: str
    found: str | None = None
    lines: tuple[int, ...] = ()

    def __str__(self) -> str:
        place = self.file
        if self.line is not None:
            place += f", line {self.line}"
        if self.lines:
            place += f", lines {listing([str(line) for line in self.lines])}"
        if self.column is not None:
            place += f", column '{self.column}'"
        found = f" (found {shorten(self.found)!r})" if self.found is not None else ""
        return f"{place}: {self.rule}{found}. Fix: {self.fix}"


def listing(items: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def shorten(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


class UserError(Exception):
    """An error in the user's input (data, parameters, command line, machine): shown without a traceback."""


class LedgerError(UserError):
    """The raw data ledger breaks one or more rules; every problem found is listed, up to SHOWN_PROBLEMS."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        count = len(problems)
        header = f"the data ledger has {count:,} problem{'s' if count != 1 else ''}:"
        lines = [f"  - {problem}" for problem in problems[:SHOWN_PROBLEMS]]
        if count > SHOWN_PROBLEMS:
            lines.append(f"  ... and {count - SHOWN_PROBLEMS:,} more (fix these first, then run again)")
        super().__init__("\n".join([header, *lines]))


class ParameterError(UserError):
    """A report parameter is unknown, of the wrong type or out of range."""


def os_error_message(error: OSError) -> str:
    """One sentence for an operating system error: the path, what happened, and the fix."""
    import errno

    path = error.filename or "a file"
    fixes = {
        errno.ENOSPC: "the disk is full. Fix: free some space, then run the same command again",
        errno.EDQUOT: "the disk quota is used up. Fix: free some space, then run again",
        errno.EACCES: "permission denied. Fix: make it writable (or run as its owner)",
        errno.EPERM: "operation not permitted. Fix: check the folder's permissions",
        errno.EROFS: "the file system is read-only. Fix: build into a writable folder (--reports-dir)",
        errno.EFBIG: "a file grew beyond the allowed size (ulimit -f?). Fix: lift the limit and run again",
        errno.ENOENT: "no such file or folder. Fix: check the path",
    }
    return f"{path}: {fixes.get(error.errno, (error.strerror or str(error)) + '. Fix: check the path and run again')}"
