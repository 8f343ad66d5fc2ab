"""What the published figures say about one cell (a year of one series): the one status vocabulary of
the project, used by the coverage map, the panel, the tables, the figures' legends and results.json."""

from __future__ import annotations

from enum import StrEnum


class Status(StrEnum):
    """Ordered from most to least informative."""

    PUBLISHED = "published"
    BOUNDED = "bounded"
    RECONSTRUCTED = "reconstructed"
    MISSING = "missing"

    @property
    def meaning(self) -> str:
        return MEANINGS[self]

    @property
    def rank(self) -> int:
        return list(Status).index(self)


MEANINGS = {
    Status.PUBLISHED: "a source published the number itself (a count)",
    Status.BOUNDED: "a source published an approximate value, a bound or a rounded share for it",
    Status.RECONSTRUCTED: "never published, but published totals, averages and shares pin it within a range",
    Status.MISSING: "nothing published constrains it",
}


def weakest(*statuses: str) -> Status:
    """The least informative of several statuses: a rate is only as good as its weaker input."""
    return max((Status(status) for status in statuses), key=lambda status: status.rank)
