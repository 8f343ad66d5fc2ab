"""`make data` warns, without refusing the ledger, about figures no report shows and about disagreements no
record explains."""

from __future__ import annotations

from helpers import cli, edit_cell, project_copy

from interpol_review.build.data_warnings import warnings_for


def test_the_real_ledger_warns_only_about_the_2002_figure(ledger):
    assert warnings_for(ledger) == ["N001 (2002) is outside the years of every report"]


def test_a_figure_before_every_report_and_an_unexplained_disagreement_are_listed(tmp_path):
    copy = project_copy(tmp_path / "project")
    raw = copy / "data" / "raw"
    edit_cell(raw / "figures.csv", "N038", "value", "480")  # 2021 admissible complaints: 480 against 478 (N027)
    assert cli("checksums", root=copy).returncode == 0
    result = cli("data", root=copy)
    assert result.returncode == 0, result.stderr
    assert "warning: N001 (2002) is outside the years of every report" in result.stderr
    assert "N027, N038 disagree" in result.stderr and "no recorded disagreement explains it" in result.stderr
