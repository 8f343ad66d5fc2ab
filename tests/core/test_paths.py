"""Paths in messages as a user would type them."""

from __future__ import annotations

from pathlib import Path

from interpol_review.core.paths import shown_path


def test_inside_the_current_folder_a_path_is_relative(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    assert shown_path(tmp_path / "data" / "raw" / "figures.csv") == "data/raw/figures.csv"


def test_outside_it_or_from_the_root_folder_a_path_is_absolute(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    assert shown_path(Path("/etc/hosts")) == "/etc/hosts"
    monkeypatch.chdir("/")
    assert shown_path(tmp_path / "x.csv") == str(tmp_path / "x.csv")
