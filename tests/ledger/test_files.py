"""What an editor, a spreadsheet or git may do to a ledger file is refused with the file, the line and the fix;
the raw folder is never written to."""

from __future__ import annotations

import csv

import pytest
from helpers import edit_cell

from interpol_review.core.errors import LedgerError
from interpol_review.ledger import checksums, csvfile
from interpol_review.ledger.load import FILES, load_ledger

RAW_FILES = [name for name, _ in FILES.values()]


def only_problem(raw_dir, verify=False):
    with pytest.raises(LedgerError) as caught:
        load_ledger(raw_dir, verify_checksums=verify)
    problems = caught.value.problems
    assert len(problems) == 1, [str(problem) for problem in problems]
    return problems[0]


def test_a_byte_order_mark_is_read_as_the_same_table(raw_copy, ledger):
    path = raw_copy / "figures.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    edited = load_ledger(raw_copy, verify_checksums=False)
    assert list(edited.figures.columns) == list(ledger.figures.columns)
    assert edited.figures.equals(ledger.figures)


def test_utf16_is_refused(raw_copy):
    path = raw_copy / "sources.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("utf-16"))
    problem = only_problem(raw_copy)
    assert problem.file.endswith("sources.csv") and "UTF-16" in problem.rule


def test_invalid_utf8_is_located_by_line(raw_copy):
    path = raw_copy / "figures.csv"
    lines = path.read_bytes().split(b"\n")
    lines[6] += b" caf\xe9"  # Latin-1 é, as a spreadsheet might save it
    path.write_bytes(b"\n".join(lines))
    problem = only_problem(raw_copy)
    assert problem.line == 7 and "not valid UTF-8" in problem.rule


def test_a_ledger_saved_through_the_csv_module_defaults_with_a_bom_is_the_same_table(raw_copy, ledger):
    """What a spreadsheet program writes: CRLF line endings (the csv module's default) and a UTF-8 byte-order
    mark. The table is the same, line numbers included; `make checksums` records the new bytes."""
    for name in RAW_FILES:
        path = raw_copy / name
        with path.open(newline="", encoding="utf-8") as handle:
            rows = list(csv.reader(handle))
        with path.open("w", newline="", encoding="utf-8-sig") as handle:
            csv.writer(handle).writerows(rows)
        assert path.read_bytes().startswith(b"\xef\xbb\xbf") and b"\r\n" in path.read_bytes()
    with pytest.raises(LedgerError, match="differs from the checksummed version"):
        load_ledger(raw_copy)
    checksums.write_manifest(raw_copy, RAW_FILES)
    edited = load_ledger(raw_copy)
    for table in ("figures", "sources", "quotations", "disagreements", "claims", "readings"):
        assert getattr(edited, table).equals(getattr(ledger, table)), table


def test_an_unclosed_quote_is_located(raw_copy):
    path = raw_copy / "disagreements.csv"
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[3] = lines[3].replace(',"', ',"unclosed ', 1).rstrip('"')
    lines.append('D99,F001,conflict,span,"x",y\n"')  # a quote that never closes runs to the end of the file
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(LedgerError) as caught:
        load_ledger(raw_copy, verify_checksums=False)
    assert any(p.file.endswith("disagreements.csv") and p.line is not None for p in caught.value.problems)


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(raw_copy, monkeypatch):
    monkeypatch.setattr(csvfile, "MAX_BYTES", 200_000)
    path = raw_copy / "claims.csv"
    path.write_text(path.read_text(encoding="utf-8") + "#" * 250_000, encoding="utf-8")
    problem = only_problem(raw_copy)
    assert problem.file.endswith("claims.csv") and "bytes, over 200,000" in problem.rule


def test_too_many_rows_are_refused(raw_copy, monkeypatch):
    monkeypatch.setattr(csvfile, "MAX_RECORDS", 10)
    with pytest.raises(LedgerError) as caught:
        load_ledger(raw_copy, verify_checksums=False)
    assert any("rows, over 10" in p.rule for p in caught.value.problems)


def test_a_folder_in_place_of_a_file_is_named(raw_copy):
    (raw_copy / "quotations.csv").unlink()
    (raw_copy / "quotations.csv").mkdir()
    problem = only_problem(raw_copy)
    assert problem.file.endswith("quotations.csv") and "folder" in problem.rule


def test_a_thousand_broken_rows_show_the_first_twenty_and_a_count(raw_copy):
    path = raw_copy / "figures.csv"
    text = path.read_text(encoding="utf-8")
    row = text.splitlines()[1]
    path.write_text(text + "".join(row.replace("F001", f"f{k:03d}", 1) + "\n" for k in range(1000)), encoding="utf-8")
    with pytest.raises(LedgerError) as caught:
        load_ledger(raw_copy, verify_checksums=False)
    message = str(caught.value)
    assert len(caught.value.problems) >= 1000
    assert message.count("\n  - ") == 20 and "more (fix these first" in message


def test_a_stray_line_in_the_checksum_file_is_named(raw_copy):
    manifest = raw_copy / "SHA256SUMS"
    manifest.write_text(manifest.read_text() + "not a checksum line\n")
    problem = only_problem(raw_copy, verify=True)
    assert problem.file.endswith("SHA256SUMS") and problem.line == len(RAW_FILES) + 1
    assert "make checksums" in problem.fix


def test_a_missing_checksum_file_is_named(raw_copy):
    (raw_copy / "SHA256SUMS").unlink()
    problem = only_problem(raw_copy, verify=True)
    assert "checksum file is missing" in problem.rule


def test_a_file_without_a_checksum_is_named(raw_copy):
    manifest = raw_copy / "SHA256SUMS"
    manifest.write_text("".join(line + "\n" for line in manifest.read_text().splitlines() if "claims.csv" not in line))
    problem = only_problem(raw_copy, verify=True)
    assert problem.file.endswith("claims.csv") and "no checksum" in problem.rule


def test_a_rejected_file_is_left_as_it_was(raw_copy):
    edit_cell(raw_copy / "figures.csv", "F024", "value", "-5")
    before = {path.name: path.read_bytes() for path in raw_copy.iterdir()}
    with pytest.raises(LedgerError):
        load_ledger(raw_copy)
    assert {path.name: path.read_bytes() for path in raw_copy.iterdir()} == before


def test_writing_the_manifest_then_loading_accepts_the_edit(raw_copy):
    edit_cell(raw_copy / "figures.csv", "F024", "note", "checked against the source again")
    checksums.write_manifest(raw_copy, RAW_FILES)
    assert (
        load_ledger(raw_copy).figures.set_index("figure_id").loc["F024", "note"] == "checked against the source again"
    )
