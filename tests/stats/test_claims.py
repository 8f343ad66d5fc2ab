"""Claims: the comparison rules on known intervals, and the verdicts on the real ledger checked against
the published figures by hand (each expected value below is computed from the figures the test names)."""

from __future__ import annotations

import math

import pytest

from interpol_review.stats import claims


@pytest.mark.parametrize(
    ("evidence", "claimed", "expected"),
    [
        ((150, 150), (135, 165), claims.SUPPORTED),
        ((26, 26), (135, 165), claims.CONTRADICTED),
        ((609, 1539), (500, 700), claims.UNDETERMINED),
        ((57347, math.inf), (22500, 27500), claims.CONTRADICTED),
        ((0, math.inf), (0, 10), claims.UNDETERMINED),
        ((2500, 2600), (2000, math.nan), claims.SUPPORTED),  # "more than 2,000": no upper end
    ],
)
def test_an_interval_supports_contradicts_or_leaves_open(evidence, claimed, expected):
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
def test_years_combine_into_one_verdict(results, verdict):
    assert claims.combine(results) == verdict


def readings(analysis, claim_id: str):
    return analysis.claims[analysis.claims["claim_id"] == claim_id].set_index("reading")


def value(ledger, figure_id: str) -> float:
    return float(ledger.figures.set_index("figure_id").loc[figure_id, "value"])


def test_about_1000_a_year_is_contradicted_by_the_published_average(latest, ledger):
    # C01 reads "about 1,000" as 900-1,100; F011 says "approximately 1,200": 1,150-1,250.
    assert value(ledger, "F011") == 1200
    row = readings(latest, "C01").loc["a"]
    assert row["verdict"] == claims.CONTRADICTED and "F011" in row["evidence"][0]["basis"]
    # flips: contradicted while 1,000 (1 + t) < 1,150, i.e. t < 15%; supported once 1,000 (1 - t) <= ... 1,250
    assert row["flips_at"] == "contradicted for a tolerance under 15%; supported from 25%"


def test_a_claim_read_two_ways_depends_on_the_reading(latest, ledger):
    # C05: "25,000 Red Notices" as a stock is contradicted by 52,103 valid Red Notices alone at the end of
    # 2017 (N086) and 57,347 at the end of 2018 (F055); as the yearly flow of alerts issued it fits the
    # average of 26,980 (F001).
    c05 = readings(latest, "C05")
    assert c05.loc["a", "verdict"] == claims.CONTRADICTED and c05.loc["b", "verdict"] == claims.SUPPORTED
    assert (c05["claim_verdict"] == claims.DEPENDS).all()
    evidence = {item["label"]: item["low"] for item in c05.loc["a", "evidence"]}
    assert (evidence["2017"], evidence["2018"]) == (value(ledger, "N086"), value(ledger, "F055"))
    assert c05.loc["b", "claimed_low"] <= value(ledger, "F001") <= c05.loc["b", "claimed_high"]


def test_a_ratio_between_two_years_is_the_ratio_of_the_published_figures(latest, ledger):
    # C14 (S22): "a 70% increase since 2021"; requests received 1,417 in 2021 (N070), 2,743 or 2,793 in 2023.
    ratio = readings(latest, "C14").loc["a", "evidence"][-1]
    assert ratio["low"] == pytest.approx(value(ledger, "F082") / value(ledger, "N070"))
    assert ratio["high"] == pytest.approx(value(ledger, "F081") / value(ledger, "N070"))
    assert readings(latest, "C14").loc["a", "verdict"] == claims.CONTRADICTED  # 1.94-1.97, not 1.70
    # C17 (S11): Red Notices issued "doubled" 2010-2015: 11,492 / 6,344 = 1.81, outside 1.9-2.1.
    assert readings(latest, "C17").loc["a", "evidence"][-1]["low"] == pytest.approx(11_492 / 6_344)
    assert readings(latest, "C17").loc["a", "verdict"] == claims.CONTRADICTED


def test_the_highest_year_is_supported_only_when_its_lowest_value_beats_every_other_years_highest(latest):
    # C12: 2023's 2,743-2,793 requests beat every earlier published year; C13: 2024's 2,586 admissible
    # requests beat 2023's 2,470, now that the chart's labels are exact values (F079).
    assert readings(latest, "C12").loc["a", "verdict"] == claims.SUPPORTED
    assert readings(latest, "C13").loc["a", "verdict"] == claims.SUPPORTED


def test_a_claim_that_a_figure_is_unpublished_is_never_supported_by_absence(latest):
    for claim_id in ("C09", "C10"):
        row = readings(latest, claim_id).loc["a"]
        assert row["verdict"] == claims.NOT_FOUND
        assert row["evidence"][0]["basis"] == "no figure in any source of the ledger"


def test_a_claims_own_figures_are_not_evidence_for_it(latest):
    # C07: the briefing's own "thirty to forty" (F063, F064) cannot confirm itself; only F065 (G18) is used.
    evidence = readings(latest, "C07").loc["a", "evidence"]
    assert [e["basis"] for e in evidence] == ["published F065"]


def test_every_reading_has_a_verdict_from_the_vocabulary(latest):
    assert set(latest.claims["verdict"]) <= set(claims.VERDICTS)
    assert set(latest.claims["claim_verdict"]) <= set(claims.VERDICTS)


def test_a_highest_year_whose_range_overlaps_another_year_is_undetermined():
    reading = claims.Reading(
        "C13", "a", "highest_in_period", math.nan, math.nan, "", "requests_admissible", "2023-2024"
    )
    found = [claims.Evidence("2023", 2346, 2594, "a chart reading"), claims.Evidence("2024", 2586, 2586, "published")]
    source = type("Row", (), {"statistic": "highest_in_period", "period_start": 2023, "period_end": 2024})
    assert claims.tested_relation(reading, found, source).verdict == claims.UNDETERMINED


def test_share_claims_are_tested_under_every_denominator(latest):
    """C18: 'just over half' of 2018's complaints: 276 of 536 processed (51.5%) holds; 276 of 346 admissible
    (79.8%) does not. C20: the rising compliant share rests on its own figures (N077-N079): undetermined."""
    c18 = readings(latest, "C18")
    assert c18.loc["a", "verdict"] == claims.SUPPORTED and c18.loc["b", "verdict"] == claims.CONTRADICTED
    assert c18.loc["a", "evidence"][0]["low"] == pytest.approx(276 / 536)
    assert c18.loc["b", "evidence"][0]["low"] == pytest.approx(276 / 346)
    assert (c18["claim_verdict"] == claims.DEPENDS).all()
    c20 = readings(latest, "C20")
    assert c20.loc["a", "verdict"] == claims.UNDETERMINED
    assert [item["label"] for item in c20.loc["a", "evidence"]] == ["2022"]


def test_a_rising_share_is_supported_only_when_each_year_lies_above_the_one_before():
    reading = claims.Reading("C99", "a", "share_rising_each_year", math.nan, math.nan, "", "x", "2020-2022")
    rising = [
        claims.Evidence("2020", 0.2, 0.21, ""),
        claims.Evidence("2021", 0.25, 0.26, ""),
        claims.Evidence("2022", 0.3, 0.3, ""),
    ]
    assert claims.rising(reading, rising).verdict == claims.SUPPORTED
    falling = [claims.Evidence("2020", 0.3, 0.3, ""), claims.Evidence("2021", 0.2, 0.2, "")]
    assert claims.rising(reading, falling).verdict == claims.CONTRADICTED
    overlapping = [claims.Evidence("2020", 0.2, 0.3, ""), claims.Evidence("2021", 0.25, 0.26, "")]
    assert claims.rising(reading, overlapping).verdict == claims.UNDETERMINED
