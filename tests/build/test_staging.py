"""A report folder is replaced in one step: a reader sees the old complete report or the new one."""

from __future__ import annotations

from interpol_review.build import staging


def test_publishing_swaps_the_whole_folder(tmp_path):
    target = tmp_path / "latest"
    target.mkdir()
    (target / "report.html").write_text("old")
    (target / "stale.csv").write_text("old")
    new = staging.staging_folder(tmp_path, "latest")
    (new / "report.html").write_text("new")
    staging.publish(new, target)
    assert (target / "report.html").read_text() == "new"
    assert not (target / "stale.csv").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["latest"]


def test_the_first_publication_is_a_rename(tmp_path):
    new = staging.staging_folder(tmp_path, "fresh")
    (new / "report.pdf").write_bytes(b"%PDF")
    staging.publish(new, tmp_path / "fresh")
    assert (tmp_path / "fresh" / "report.pdf").read_bytes() == b"%PDF"


def test_the_fallback_without_an_atomic_exchange_gives_the_same_result(tmp_path, monkeypatch):
    monkeypatch.setattr(staging, "exchange", lambda first, second: False)
    target = tmp_path / "latest"
    target.mkdir()
    (target / "report.html").write_text("old")
    new = staging.staging_folder(tmp_path, "latest")
    (new / "report.html").write_text("new")
    staging.publish(new, target)
    assert (target / "report.html").read_text() == "new" and len(list(tmp_path.iterdir())) == 1


def test_leftovers_of_a_killed_build_are_removed_and_reports_kept(tmp_path):
    (tmp_path / "latest").mkdir()
    staging.staging_folder(tmp_path, "latest")
    (tmp_path / ".previous-latest-abc").mkdir()
    staging.remove_leftovers(tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == ["latest"]
