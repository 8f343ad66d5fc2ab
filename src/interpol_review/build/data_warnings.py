"""What `make data` warns about without refusing the ledger: disagreements between sources that no
recorded disagreement explains, and figures that no report shows because they fall outside the years of
every report (a newly published year should extend at least one report by itself, through end_year
latest)."""

from __future__ import annotations

from interpol_review.analysis.window import resolve
from interpol_review.build.params import read_params_file
from interpol_review.checks import consistency
from interpol_review.core.paths import project_root
from interpol_review.ledger.load import Ledger


def outside_every_report(ledger: Ledger) -> list[str]:
    windows = []
    for path in sorted((project_root() / "params").glob("*.yaml")):
        _, settings = read_params_file(path)
        known = ledger.as_of(settings.published_by)
        window = resolve(settings, known)
        windows.append((min(window.start, window.ccf_start), window.end))
    if not windows:
        return []
    figures = ledger.figures
    relevant = figures[figures["body"].isin(["ndtf_review", "ccf_annual_report"])]
    outside = relevant[
        [
            all(row.period_end < first or row.period_start > last for first, last in windows)
            for row in relevant.itertuples()
        ]
    ]
    return [f"{row.figure_id} ({row.period}) is outside the years of every report" for row in outside.itertuples()]


def warnings_for(ledger: Ledger) -> list[str]:
    checks = consistency.cross_source_checks(ledger.figures, ledger.disagreements)
    found = [
        f"figures {row.figure_ids} disagree ({row.check}, {row.period}) and no recorded disagreement explains it: "
        "add a row to data/raw/disagreements.csv"
        for row in consistency.undocumented(checks).itertuples()
    ]
    return found + outside_every_report(ledger)
