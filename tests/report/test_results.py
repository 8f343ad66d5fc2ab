"""The results contract: complete, JSON-valid, and identical across two runs with the same inputs."""

import json

import pytest

from interpol_review.analysis.run import Settings, run_analysis
from interpol_review.ledger.load import load_ledger
from interpol_review.report.results import results_json

FAST = Settings(simulations=500)


@pytest.fixture(scope="module")
def ledger():
    return load_ledger()


@pytest.fixture(scope="module")
def results(ledger):
    return json.loads(results_json(run_analysis(ledger, FAST)))


def test_results_carry_every_headline_section(results, ledger):
    for key in (
        "parameters",
        "data_sha256",
        "panel",
        "reconstructed_bounds",
        "rates_per_1000",
        "trends",
        "trend_sensitivity",
        "claims",
        "review_capacity",
    ):
        assert results[key], key
    assert results["data_sha256"] == ledger.sha256
    assert results["parameters"]["simulations"] == 500


def test_two_runs_give_identical_results(ledger):
    assert results_json(run_analysis(ledger, FAST)) == results_json(run_analysis(ledger, FAST))


def test_bad_settings_are_rejected_before_any_computation(ledger):
    with pytest.raises(ValueError, match="count_model"):
        run_analysis(ledger, Settings(count_model="linear"))
    with pytest.raises(ValueError, match="confidence"):
        run_analysis(ledger, Settings(confidence=1.5))
