"""The ledger loads the real data, and rejects each kind of bad input with file, line, column and fix."""

from __future__ import annotations

import csv
import math
import subprocess
from pathlib import Path

import pandas as pd
import pytest
from helpers import RAW, ROOT, edit_cell

from interpol_review.core.errors import LedgerError
from interpol_review.ledger import checksums
from interpol_review.ledger.load import FILES, load_ledger

RAW_FILES = [name for name, _ in FILES.values()]

SHARED_FIGURES = ROOT.parent / "shared" / "sources" / "figures.csv"


def problems_of(raw_dir: Path) -> list:
    with pytest.raises(LedgerError) as caught:
        load_ledger(raw_dir)
    return caught.value.problems


def only_problem(raw_dir: Path):
    problems = problems_of(raw_dir)
    assert len(problems) == 1, [str(problem) for problem in problems]
    return problems[0]


def test_real_ledger_is_valid_and_typed():
    ledger = load_ledger()
    figures = ledger.figures
    assert figures["figure_id"].is_unique
    assert figures.loc[figures["figure_id"] == "F003", "value"].item() == 23716
    span = figures.loc[figures["figure_id"] == "F001"].iloc[0]
    assert (span.period_type, span.period_start, span.period_end) == ("span", 2017, 2021)
    assert len(ledger.sha256) == 64


# Corrections the December 2026 supplement made to rows of the earlier compilations (its README).
CORRECTED_KINDS = {"F068": "count", "N059": "count", "N060": "count"}
# Its words the ledger maps onto its own (data/raw/README.md): measures, and periods it could not write.
MAPPED_MEASURES = {
    "deleted_article_2_or_3_by_year_published": "cancelled_after_publication",
    "cases_finalised": "requests_finalised",
    "cases_concluded": "requests_concluded",
    "inadmissible": "requests_inadmissible",
    "requests_received_access": "access_requests_received",
    "requests_received_complaints": "complaints_received",
    "requests_received_revision": "revision_requests_received",
}
MAPPED_PERIODS = {"N096": "2021", "N097": "2014-2021"}
COMPILATIONS = ["figures.csv", "supplement-2026-11/figures.csv", "supplement-2026-12/figures.csv"]


@pytest.mark.parametrize("compilation", COMPILATIONS)
@pytest.mark.skipif(not SHARED_FIGURES.exists(), reason="needs ../shared/sources beside the checkout")
def test_every_published_figure_is_in_the_ledger_with_its_source(compilation):
    shared = pd.read_csv(SHARED_FIGURES.parent / compilation, dtype=str, keep_default_na=False)
    ours = load_ledger().figures.set_index("figure_id")
    for row in shared.itertuples():
        assert row.figure_id in ours.index, row.figure_id
        mine = ours.loc[row.figure_id]
        assert mine.source_id == row.source_id
        assert mine.period == MAPPED_PERIODS.get(row.figure_id, row.period)
        assert mine.measure == MAPPED_MEASURES.get(row.measure, row.measure)
        assert mine.kind == CORRECTED_KINDS.get(row.figure_id, row.kind), row.figure_id
        if row.kind == "range":
            low, high = (float(bound) for bound in row.value.split("-"))
            assert (mine.low, mine.high) == (low, high) and math.isnan(mine.value)
        elif row.value:
            assert mine.value == float(row.value), row.figure_id
        else:
            assert math.isnan(mine.value)


def test_every_source_cited_by_a_figure_exists_and_claims_have_statements():
    ledger = load_ledger()
    assert set(ledger.figures["source_id"]) <= set(ledger.sources["source_id"])
    assert (ledger.claims["statement"].str.len() > 0).all()


@pytest.mark.parametrize(
    ("figure_id", "column", "value", "expected_rule"),
    [
        ("F024", "value", "-26", "cannot be negative"),
        ("F024", "value", "2,6", "plain, finite number"),
        ("F024", "value", "twenty", "plain, finite number"),
        ("F024", "value", "inf", "plain, finite number"),
        ("F024", "value", "nan", "plain, finite number"),
        ("F024", "source_id", "S99", "not in data/raw/sources.csv"),
        ("F024", "grounds", "article_9", "not in the vocabulary"),
        ("F024", "kind", "guess", "not in the vocabulary"),
        ("F024", "period", "20177", "a year, a span of years or a date"),
        ("F024", "period", "2030", "later than the month its source's figures were public"),
        ("F001", "period", "2021-2017", "run forwards"),
        ("F013", "value", "280", "between 0 and 100"),
        ("F013", "rounding", "", "needs a rounding rule"),
        ("F009", "value", "12", "carries no value"),
        ("F024", "value", "", "value is required"),
        ("F024", "grounds", "", "need grounds"),
        ("F024", "statement", " ", "needs statement"),
        ("F024", "figure_id", "X24", "a capital letter and three digits"),
        ("F024", "figure_id", "F025", "not unique"),
        ("F011", "period", "2021", "needs a span of years"),
    ],
)
def test_a_bad_figure_is_named_by_file_line_and_column(raw_copy, figure_id, column, value, expected_rule):
    line = edit_cell(raw_copy / "figures.csv", figure_id, column, value)
    problems = problems_of(raw_copy)
    matching = [p for p in problems if expected_rule in p.rule and p.column == column]
    assert matching, [str(p) for p in problems]
    problem = matching[0]
    assert problem.file.endswith("figures.csv")
    assert problem.line == line
    assert problem.fix
    message = str(problem)
    assert f"line {line}" in message and f"column '{column}'" in message and "Fix:" in message


def test_every_problem_is_reported_at_once(raw_copy):
    edit_cell(raw_copy / "figures.csv", "F024", "value", "-1")
    edit_cell(raw_copy / "figures.csv", "F030", "source_id", "NOPE")
    edit_cell(raw_copy / "claim_readings.csv", "C01", "low", "2000")
    lines = {(p.file.split("/")[-1], p.column) for p in problems_of(raw_copy)}
    assert lines == {("figures.csv", "value"), ("figures.csv", "source_id"), ("claim_readings.csv", "high")}


@pytest.mark.parametrize(
    ("file", "row_id", "column", "value", "expected_rule"),
    [
        ("sources.csv", "S05", "url", "rednoticemonitor.com", "needs a web address"),
        ("claims.csv", "C03", "made_by", "ZZ", "not in sources.csv"),
        ("claim_readings.csv", "C02", "statistic", "mostly", "not in the vocabulary"),
        ("disagreements.csv", "D03", "rule", "prefer:F999", "prefer: names figures of the row"),
        ("quotations.csv", "F001", "address", "ftp://x", "needs the address"),
    ],
)
def test_a_bad_row_of_every_other_file_is_named(raw_copy, file, row_id, column, value, expected_rule):
    line = edit_cell(raw_copy / file, row_id, column, value)
    problems = problems_of(raw_copy)
    assert any(
        p.file.endswith(file) and p.line == line and p.column == column and expected_rule in p.rule for p in problems
    ), [str(p) for p in problems]


def test_a_quotation_of_an_unknown_figure_is_named(raw_copy):
    line = edit_cell(raw_copy / "figures.csv", "F024", "figure_id", "F999")
    problems = [p for p in problems_of(raw_copy) if p.file.endswith("quotations.csv")]
    assert problems and problems[0].column == "figure_id" and problems[0].found == "F024"
    assert line == 25


def test_a_ragged_row_is_named_by_line(raw_copy):
    path = raw_copy / "figures.csv"
    lines = path.read_text().splitlines()
    lines[4] = lines[4] + ",extra"
    path.write_text("\n".join(lines) + "\n")
    problem = only_problem(raw_copy)
    assert problem.line == 5 and "fields" in problem.rule


def test_a_missing_column_is_named(raw_copy):
    frame = pd.read_csv(raw_copy / "figures.csv", dtype=str, keep_default_na=False)
    frame.drop(columns="confidence").to_csv(raw_copy / "figures.csv", index=False)
    problem = only_problem(raw_copy)
    assert problem.line == 1 and "missing column(s) confidence" in problem.rule


@pytest.mark.parametrize("content", ["", "figure_id,period\n"])
def test_an_empty_file_is_rejected(raw_copy, content):
    (raw_copy / "figures.csv").write_text(content)
    problem = only_problem(raw_copy)
    assert problem.file.endswith("figures.csv")


def test_a_header_without_rows_is_rejected(raw_copy):
    header = (raw_copy / "figures.csv").read_text().splitlines()[0]
    (raw_copy / "figures.csv").write_text(header + "\n")
    assert "no rows" in only_problem(raw_copy).rule


def test_a_missing_file_is_named(raw_copy):
    (raw_copy / "claims.csv").unlink()
    problem = only_problem(raw_copy)
    assert problem.file.endswith("claims.csv") and "missing" in problem.rule


def test_a_changed_byte_fails_the_checksum_and_names_the_file(raw_copy):
    edit_cell(raw_copy / "figures.csv", "F024", "note", "checked again")  # still valid: only the checksum can tell
    problem = only_problem(raw_copy)
    assert problem.file.endswith("figures.csv") and "checksum" in problem.rule
    assert "make checksums" in problem.fix


def test_in_a_git_checkout_a_changed_byte_is_located_by_line_and_column(raw_copy):
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@t", "-C", str(raw_copy)]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-qm", "ledger"], check=True)
    line = edit_cell(raw_copy / "figures.csv", "F031", "confidence", "low")
    problem = only_problem(raw_copy)
    assert (problem.line, problem.column, problem.found) == (line, "confidence", "low")
    assert "was 'high'" in problem.rule


def test_recording_checksums_accepts_an_intended_edit(raw_copy):
    """A corrected value with the corrected words of its source (the words are checked too)."""
    edit_cell(raw_copy / "figures.csv", "F024", "value", "27")
    edit_cell(raw_copy / "quotations.csv", "F024", "quotation", "27 were not compliant with Article 2")
    checksums.write_manifest(raw_copy, RAW_FILES)
    assert load_ledger(raw_copy).figures.set_index("figure_id").loc["F024", "value"] == 27


def test_loading_never_writes_to_the_raw_folder(raw_copy):
    before = {path.name: path.read_bytes() for path in raw_copy.iterdir()}
    load_ledger(raw_copy)
    assert {path.name: path.read_bytes() for path in raw_copy.iterdir()} == before


def test_the_repository_checksums_match_the_raw_files():
    expected = checksums.read_manifest(RAW)
    for name in RAW_FILES:
        assert checksums.sha256_of(RAW / name) == expected[name]
    with (RAW / "SHA256SUMS").open() as handle:
        assert len(list(csv.reader(handle))) == len(FILES)


def test_the_data_readme_documents_every_word_of_the_vocabulary():
    from interpol_review.ledger import vocabulary

    readme = (RAW / "README.md").read_text()
    for words in (
        vocabulary.BODIES,
        vocabulary.INSTRUMENTS,
        vocabulary.MEASURES,
        vocabulary.GROUNDS,
        vocabulary.KINDS,
        vocabulary.PRECISIONS,
        vocabulary.ROUNDINGS,
        vocabulary.CONFIDENCES,
        vocabulary.ROLES,
        vocabulary.CLAIM_STATISTICS,
        vocabulary.DISAGREEMENT_KINDS,
        vocabulary.DISAGREEMENT_RULES,
        vocabulary.QUALIFIER_FLAGS,
        vocabulary.QUALIFIER_KEYS,
        vocabulary.SEARCH_OUTCOMES,
        vocabulary.SHARE_DENOMINATORS,
    ):
        for word in words:
            if word:
                # a rule or qualifier key is documented with an example of its argument: `prefer:N030`
                assert f"`{word}`" in readme or f"`{word}:" in readme, f"data/raw/README.md does not document `{word}`"
