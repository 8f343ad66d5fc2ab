"""Claim verdicts: the comparison rule on known intervals, and the verdicts on the real ledger."""

import math

import pytest

from interpol_review.ledger.load import load_ledger
from interpol_review.stats import claims
from interpol_review.stats.panel import build_panel


@pytest.mark.parametrize(
    ("evidence", "claimed", "expected"),
    [
        ((150, 150), (135, 165), claims.SUPPORTED),
        ((26, 26), (135, 165), claims.CONTRADICTED),
        ((609, 1539), (500, 700), claims.UNDETERMINED),
        ((57347, math.inf), (22500, 27500), claims.CONTRADICTED),
        ((0, math.inf), (0, 10), claims.UNDETERMINED),
        ((2500, 2600), (2000, math.nan), claims.SUPPORTED),
    ],
)
def test_compare(evidence, claimed, expected):
    assert claims.compare(*evidence, *claimed) == expected


@pytest.mark.parametrize(
    ("results", "verdict"),
    [
        ([claims.SUPPORTED, claims.CONTRADICTED], claims.PARTLY),
        ([claims.CONTRADICTED, claims.UNDETERMINED], claims.CONTRADICTED),
        ([claims.SUPPORTED, claims.UNDETERMINED], claims.SUPPORTED),
        ([claims.UNDETERMINED], claims.UNDETERMINED),
        ([], claims.UNDETERMINED),
    ],
)
def test_verdict_over_years(results, verdict):
    assert claims.verdict_of(results) == verdict


@pytest.fixture(scope="module")
def verdicts():
    ledger = load_ledger()
    table = claims.check_claims(ledger.claims, build_panel(ledger, 2017, 2024).table, ledger.figures)
    return table.set_index("claim_id")


def test_the_average_claim_is_checked_against_the_published_average(verdicts):
    # "about 1,000" (900 to 1,100) against INTERPOL's "approximately 1,200" (1,150 to 1,250).
    assert verdicts.loc["C01", "verdict"] == claims.CONTRADICTED
    assert "F011" in verdicts.loc["C01", "decided_by"]


def test_each_year_claims_check_each_year(verdicts):
    # Article 2: 26 in 2017 is far from "around 150"; 150 in 2021 matches.
    assert verdicts.loc["C02", "verdict"] == claims.PARTLY
    assert verdicts.loc["C02", "years_contradicting"] == 1 and verdicts.loc["C02", "years_supporting"] == 1


def test_the_stock_claim_is_contradicted_by_red_notices_alone(verdicts):
    assert verdicts.loc["C05", "verdict"] == claims.CONTRADICTED
    assert "57,347" in verdicts.loc["C05", "decided_by"]


def test_unpublished_measures_are_confirmed_unpublished(verdicts):
    assert verdicts.loc["C09", "verdict"] == claims.SUPPORTED
    assert verdicts.loc["C10", "verdict"] == claims.SUPPORTED


def test_every_claim_gets_a_verdict_and_evidence(verdicts):
    allowed = {claims.SUPPORTED, claims.PARTLY, claims.CONTRADICTED, claims.UNDETERMINED}
    assert set(verdicts["verdict"]) <= allowed
    assert (verdicts["evidence"].str.len() > 0).all()
