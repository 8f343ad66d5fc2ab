"""The ledger grows: a figure for a new year, recorded with `checksums`, reaches every report whose
end_year is `latest` with no other edit, and leaves the editions fixed to an earlier month as they were."""

from __future__ import annotations

import csv
import json

import pytest
from helpers import cli, project_copy


def add_figure(raw, row: dict) -> None:
    path = raw / "figures.csv"
    with path.open(newline="", encoding="utf-8") as handle:
        header = next(csv.reader(handle))
    with path.open("a", newline="", encoding="utf-8") as handle:
        csv.DictWriter(handle, header, lineterminator="\n").writerow(row)


@pytest.mark.slow  # a build or a kernel of its own: `make test-slow`
def test_a_2025_figure_reaches_latest_and_not_the_briefing_edition(tmp_path, reports):
    copy = project_copy(tmp_path / "project")
    raw = copy / "data" / "raw"
    with (raw / "sources.csv").open("a", encoding="utf-8") as handle:
        handle.write(
            "T01,Test publisher,,A 2025 statement,https://example.org/2025,2026-11,2026-11,"
            "secondary,secondary: test,the CCF's 2025 figures,a test,2026-03-02\n"
        )
    add_figure(
        raw,
        dict(
            figure_id="T001",
            period="2025",
            body="ccf_annual_report",
            instrument="",
            measure="requests_admissible",
            grounds="",
            value="2900",
            kind="count",
            precision="exact",
            rounding="",
            qualifier="",
            source_id="T01",
            confidence="medium",
            statement="2,900 admissible requests in 2025",
            note="",
        ),
    )
    with (raw / "quotations.csv").open("a", encoding="utf-8") as handle:
        handle.write('T001,"In 2025, the CCF received 2,900 admissible requests.",https://example.org/2025\n')
    before = cli("build", "--variant", "latest", "--reports-dir", str(tmp_path / "r0"), root=copy)
    assert before.returncode == 2 and "figures.csv" in before.stderr and "make checksums" in before.stderr
    recorded = cli("checksums", root=copy)
    assert recorded.returncode == 0, recorded.stderr
    out = tmp_path / "reports"
    for variant in ("latest", "briefing-2022"):
        result = cli("build", "--variant", variant, "--reports-dir", str(out), "--chapters", "01", root=copy)
        assert result.returncode == 0, result.stderr + result.stdout
    latest = json.loads((out / "latest" / "results.json").read_text())
    assert latest["years"]["end"] == 2025 and latest["data_date"] == "2026-11"
    assert "T001" in latest["changes_since"]["figures_added"]
    admissible = next(h for h in latest["headlines"] if h["key"] == "ccf_latest_requests_admissible")
    assert (admissible["year"], admissible["value"]) == ("2025", 2900)
    briefing = json.loads((out / "briefing-2022" / "results.json").read_text())
    original = json.loads((reports / "briefing-2022" / "results.json").read_text())
    for part in ("years", "headlines", "panel", "claims", "trends"):
        assert briefing[part] == original[part], part
