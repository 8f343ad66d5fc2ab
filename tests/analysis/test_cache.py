"""The cache's keys: equal content gives one key, any change a table could hide gives another."""

from __future__ import annotations

import multiprocessing
import time
from pathlib import Path

import pandas as pd

from interpol_review.analysis.cache import cached, key_of


def test_the_same_content_built_twice_has_one_key():
    first = pd.DataFrame({"year": [2019, 2020], "value": [1.5, 2.0]})
    second = pd.DataFrame({"year": [2019, 2020], "value": [1.5, 2.0]})
    assert key_of("figure", first, ("a", 1)) == key_of("figure", second, ("a", 1))


def test_tables_that_differ_only_in_their_row_labels_have_different_keys():
    """A pivoted table (the coverage map) carries its series in the index."""
    values = {"2019": ["published", "missing"]}
    first = pd.DataFrame(values, index=["refused", "cancelled"])
    second = pd.DataFrame(values, index=["cancelled", "refused"])
    assert key_of("figure", first) != key_of("figure", second)


def test_a_long_series_that_differs_in_its_middle_has_another_key():
    """repr() cuts a long series to its ends; the key must see every value."""
    first = pd.Series(range(1000))
    second = first.copy()
    second[500] = -1
    assert key_of("figure", first) != key_of("figure", second)


def test_a_kept_result_is_read_back_instead_of_computed(tmp_path):
    calls = []

    def compute():
        calls.append(1)
        return {"answer": 42}

    assert cached("test", ("one",), compute, folder=tmp_path) == {"answer": 42}
    assert cached("test", ("one",), compute, folder=tmp_path) == {"answer": 42}
    assert cached("test", ("two",), compute, folder=tmp_path) == {"answer": 42}
    assert len(calls) == 2


def compute_slowly(marker: Path) -> int:
    with marker.open("a") as handle:
        handle.write("computed\n")
    time.sleep(1.0)
    return 7


def ask(folder: Path, marker: Path) -> int:
    return cached("test", ("shared",), lambda: compute_slowly(marker), folder=folder)


def test_two_processes_that_need_the_same_result_compute_it_once(tmp_path):
    marker = tmp_path / "marker.txt"
    with multiprocessing.get_context("fork").Pool(2) as pool:
        answers = pool.starmap(ask, [(tmp_path, marker)] * 2)
    assert answers == [7, 7]
    assert marker.read_text().splitlines() == ["computed"]
