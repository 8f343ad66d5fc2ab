"""README's "Add a newly published figure", followed as a user would: the example rows, saved the way a
spreadsheet saves them, `checksums`, and the figure in the analysis chapter 4 shows."""

from __future__ import annotations

import csv
import io
import re

import pytest
from helpers import ROOT, cli, project_copy

from interpol_review.analysis.complaints import complaints_analysis
from interpol_review.analysis.settings import Settings
from interpol_review.analysis.window import resolve
from interpol_review.checks.disagreements import resolve as resolve_disagreements
from interpol_review.ledger.load import load_ledger


def readme_example() -> dict[str, list[str]]:
    """The rows of the README's example, by the file each goes to."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- example: start -->(.*?)<!-- example: end -->", readme, re.S).group(1)
    rows: dict[str, list[str]] = {}
    current = None
    for line in block.splitlines():
        line = line.strip()
        if line.startswith("# data/raw/"):
            current = line.removeprefix("# data/raw/")
        elif current and line and not line.startswith("```"):
            rows.setdefault(current, []).append(line)
    return rows


def without(path, figure_id: str) -> None:
    """The file as it was before the figure existed (its id also leaves the search log)."""
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    if path.name == "search_log.csv":
        column = rows[0].index("figure_ids")
        for row in rows[1:]:
            row[column] = " ".join(fid for fid in row[column].split() if fid != figure_id)
    else:
        rows = [row for row in rows if row[0] != figure_id]
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


@pytest.mark.slow  # a copy of the project and three commands of its own
def test_the_readme_example_adds_a_figure_end_to_end(tmp_path):
    copy = project_copy(tmp_path / "project")
    raw = copy / "data" / "raw"
    example = readme_example()
    assert set(example) == {"figures.csv", "quotations.csv"}
    for name in ("figures.csv", "quotations.csv", "search_log.csv"):
        without(raw / name, "N080")
    assert cli("checksums", root=copy).returncode == 0
    for name, lines in example.items():  # appended as a spreadsheet program saves: CRLF
        with (raw / name).open("ab") as handle:
            handle.write("".join(line + "\r\n" for line in lines).encode("utf-8"))
    refused = cli("data", "--raw-dir", str(raw), "--out-dir", str(tmp_path / "processed"), root=copy)
    assert refused.returncode == 2 and "make checksums" in refused.stderr
    recorded = cli("checksums", root=copy)
    assert recorded.returncode == 0, recorded.stderr
    ledger = load_ledger(raw)
    assert ledger.figures.set_index("figure_id").loc["N080", "value"] == 164
    settings = Settings()
    used = resolve_disagreements(ledger.figures, ledger.disagreements, settings.disagreement_rule).used
    routes = complaints_analysis(used, settings, resolve(settings, ledger)).routes.set_index("period")
    assert routes.loc["2024", "deleted_by_gs_or_ncb_before_decision"] == 164
