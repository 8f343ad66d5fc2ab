"""Where a report came from: the commit, its date and the versions of the packages that built it."""

from __future__ import annotations

import subprocess
from datetime import UTC, datetime
from importlib import metadata

from interpol_review.core.paths import project_root

REPORTED_PACKAGES = (
    "pandas",
    "numpy",
    "scipy",
    "statsmodels",
    "seaborn",
    "matplotlib",
    "pandera",
    "papermill",
    "nbconvert",
    "interpol-review",
)


def git(*arguments: str) -> str | None:
    try:
        result = subprocess.run(["git", *arguments], cwd=project_root(), capture_output=True, text=True, check=False)
    except OSError:
        return None
    return result.stdout.strip() if result.returncode == 0 and result.stdout.strip() else None


def commit() -> str:
    """The commit the report was built from, marked '-dirty' when the working tree has changes."""
    head = git("rev-parse", "--short=12", "HEAD")
    if head is None:
        return "unknown (not a git checkout)"
    dirty = git("status", "--porcelain", "--untracked-files=no")
    return f"{head}-dirty" if dirty else head


def commit_epoch() -> int:
    """Seconds since 1970 of the last commit: the report's date, reproducible, never the wall clock.

    Outside a git checkout, 0 (1970-01-01) marks the date as unknown rather than inventing one.
    """
    stamp = git("log", "-1", "--format=%ct")
    return int(stamp) if stamp else 0


def report_date(epoch: int) -> str:
    return datetime.fromtimestamp(epoch, tz=UTC).strftime("%-d %B %Y") if epoch else "undated"


def package_versions() -> dict[str, str]:
    versions = {}
    for name in REPORTED_PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return versions
