"""How many variants the build runs at once when not told: every variant due, up to twice the cores."""

from __future__ import annotations

import pytest

from interpol_review.build import reports


@pytest.mark.parametrize(
    ("cores", "due", "expected"),
    [(2, 3, 3), (2, 1, 1), (2, 10, 4), (8, 3, 3), (None, 5, 2), (1, 0, 1)],
)
def test_every_variant_due_at_once_up_to_twice_the_cores(monkeypatch, cores, due, expected):
    monkeypatch.setattr(reports.os, "cpu_count", lambda: cores)
    assert reports.default_processes(due) == expected
