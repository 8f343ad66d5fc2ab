"""results.json: the numbers of the report as data, strict JSON, the same bytes for the same inputs, and
every published number traceable to its ledger rows."""

from __future__ import annotations

import json

from interpol_review.report.results import SCHEMA_VERSION, results_json


def test_results_are_strict_json_with_every_section(latest, ledger):
    results = json.loads(results_json(latest))
    assert results["schema_version"] == SCHEMA_VERSION
    assert results["data_sha256"] == ledger.sha256 and results["data_date"] == ledger.data_date
    for key in ("headlines", "panel", "rates_per_1000", "trends", "claims", "ccf", "scenarios", "review_capacity"):
        assert results[key], key
    assert results["years"] == {"start": 2017, "end": 2024, "ccf_start": 2011}


def test_the_same_analysis_gives_the_same_bytes(latest):
    assert results_json(latest) == results_json(latest)


def test_every_published_cell_names_figures_of_the_ledger(latest, ledger):
    known = set(ledger.figures["figure_id"])
    results = json.loads(results_json(latest))
    for cell in results["panel"]:
        if cell["status"] == "published":
            ids = {part.strip() for part in cell["figure_ids"].replace("+", ",").split(",") if part.strip()}
            assert ids and ids <= known, cell


def test_each_trend_carries_its_measured_coverage_or_says_it_was_not_measured(latest):
    results = json.loads(results_json(latest))
    for trend in results["trends"] + results["ccf"]["trends"]:
        assert "measured_coverage" in trend
