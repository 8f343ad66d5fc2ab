"""Figures are drawn once per content: a second chapter asking for the same plot of the same data gets the
same bytes from the cache, and a change to the data or to matplotlib's settings draws afresh."""

from __future__ import annotations

import matplotlib as mpl
import matplotlib.pyplot as plt
import pandas as pd
import pytest

from interpol_review.report import figures

CALLS: list[float] = []


def bars(frame: pd.DataFrame, label: str, width: float) -> plt.Figure:
    CALLS.append(width)
    figure, axes = plt.subplots(figsize=(width, 2))
    axes.bar(frame["year"].astype(str), frame["value"])
    axes.set_ylabel(label)
    return figure


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setattr("interpol_review.analysis.cache.cache_dir", lambda: tmp_path)
    CALLS.clear()
    with mpl.rc_context():
        figures.use_project_style()
        yield tmp_path


FRAME = pd.DataFrame({"year": [2020, 2021], "value": [3, 5]})


def test_the_cache_gives_the_bytes_a_fresh_drawing_gives(cache):
    fresh = figures.draw(bars, (FRAME, "Alerts"))
    first = figures.drawings(bars, (FRAME, "Alerts"))
    again = figures.drawings(bars, (FRAME.copy(), "Alerts"))
    assert first == fresh == again
    assert CALLS == [figures.WIDE, figures.NARROW] * 2  # drawn for `fresh` and for the first `drawings` only
    assert first.wide_svg.startswith(b"<?xml") and first.pdf.startswith(b"%PDF")
    assert first.wide_svg != first.narrow_svg


def test_other_data_or_another_style_draws_afresh(cache):
    figures.drawings(bars, (FRAME, "Alerts"))
    figures.drawings(bars, (FRAME.assign(value=[3, 6]), "Alerts"))
    figures.drawings(bars, (FRAME, "Per 1,000"))
    mpl.rcParams["axes.titlesize"] = 14
    figures.drawings(bars, (FRAME, "Alerts"))
    assert len(CALLS) == 2 * 4


def test_the_session_state_of_matplotlib_does_not_redraw(cache):
    """Jupyter's inline backend turns interactive mode on at the first figure it sees."""
    mpl.interactive(False)
    figures.drawings(bars, (FRAME, "Alerts"))
    mpl.interactive(True)
    figures.drawings(bars, (FRAME, "Alerts"))
    assert len(CALLS) == 2
