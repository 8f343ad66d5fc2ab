"""The reports as a reader gets them: every variant in HTML and PDF with its data files, numbers that match
results.json, links that lead somewhere, and a PDF whose text stays inside the page."""

from __future__ import annotations

import html
import json
import re
import subprocess
from pathlib import Path

import pytest
from helpers import ROOT

VARIANTS = sorted(path.stem for path in (ROOT / "params").glob("*.yaml"))
A4_WIDTH, TEXT_LEFT, TEXT_RIGHT = 595.3, 66.0, 530.0  # points: the template's 16.2 cm text block, and a little


def text_of(pdf: Path, *options: str) -> str:
    return subprocess.run(["pdftotext", *options, str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def visible_text(page: str) -> str:
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body)))


def headline(results: dict, key: str) -> dict:
    return next(item for item in results["headlines"] if item["key"] == key)


@pytest.mark.parametrize("variant", VARIANTS)
def test_every_variant_has_its_html_pdf_results_and_tables(reports, variant):
    folder = reports / variant
    for name in ("report.html", "report.pdf", "results.json"):
        assert (folder / name).stat().st_size > 1000, name
    tables = sorted((folder / "tables").glob("table-*.csv"))
    assert len(tables) >= 10
    page = (folder / "report.html").read_text(encoding="utf-8")
    for table in tables:
        assert f'href="tables/{table.name}"' in page  # each table links its data


def test_the_index_links_every_report(reports):
    page = (reports / "index.html").read_text(encoding="utf-8")
    for variant in VARIANTS:
        assert f'href="{variant}/report.html"' in page and f'href="{variant}/report.pdf"' in page


def test_the_main_points_state_the_numbers_of_results_json(latest_report):
    results = json.loads((latest_report / "results.json").read_text())
    text = visible_text((latest_report / "report.html").read_text(encoding="utf-8"))
    points = text[text.index("Main points") :][:4000]
    count = headline(results, "task_force_latest_comparable_count")
    assert f"refused or cancelled {count['value']:,.0f} Red Notices and diffusions in {count['year']}" in points
    rate = headline(results, "task_force_latest_rate")
    assert f"{rate['value']:.1f} per 1,000 alerts issued" in points and f"In {rate['year']}," in points
    share = headline(results, "ccf_deletion_share")
    assert f"reviewed in {share['year']}, {100 * share['value']:.0f}% ended with the data deleted" in points
    # the CCF's direction with its interval, from the share series of results.json
    series = next(s for s in results["ccf"]["share_series"] if s["series"] == "deleted_every_outcome")
    trend = series["trend"]
    assert series["denominator"] == "every_outcome" and trend["high"] < 1
    assert f"the share fell from {100 * series['years'][0]['share']:.0f}% in {series['years'][0]['period']}" in points
    assert f"odds ratio {trend['odds_ratio_per_year']:.2f} a year, 95% interval {trend['low']:.2f}" in points


def test_every_link_inside_the_html_report_has_a_target(latest_report):
    page = (latest_report / "report.html").read_text(encoding="utf-8")
    targets = set(re.findall(r'\bid="([^"]+)"', page))
    links = set(re.findall(r'href="#([^"]+)"', page))
    assert links and links <= targets, sorted(links - targets)[:10]
    assert "ledger-F026" in links and "source-s01" in links  # figures and sources are reachable


def test_the_html_report_shows_no_code_and_no_warnings(latest_report):
    text = visible_text((latest_report / "report.html").read_text(encoding="utf-8"))
    for leak in ("import ", "Traceback", "Warning:", "analysis, numbering", "display("):
        assert leak not in text, leak


def test_the_pdf_has_metadata_bookmarks_and_the_same_main_points(latest_report):
    pdf = latest_report / "report.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "Title:           What INTERPOL publishes about the alerts it refuses and deletes" in info
    assert "Author:" in info and "Subject:" in info and "Keywords:" in info
    outline = subprocess.run(
        ["pdftohtml", "-xml", "-i", "-stdout", "-q", str(pdf)], capture_output=True, text=True
    ).stdout
    chapters = re.findall(r'<item page="\d+">(\d) ', outline)
    assert chapters == [str(n) for n in range(1, 9)]
    results = json.loads((latest_report / "results.json").read_text())
    count = headline(results, "task_force_latest_comparable_count")
    assert f"{count['value']:,.0f}" in " ".join(text_of(pdf, "-f", "3", "-l", "4").split())


@pytest.mark.parametrize("variant", VARIANTS)
def test_pdf_text_stays_inside_the_text_block(reports, variant):
    """No table or line runs into the margin: every word of every page lies within the text block."""
    boxes = text_of(reports / variant / "report.pdf", "-bbox")
    page, outside = 0, []
    for line in boxes.splitlines():
        if "<page " in line:
            page += 1
        match = re.search(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">(.*)</word>', line)
        if match and (float(match[1]) < TEXT_LEFT or float(match[2]) > TEXT_RIGHT):
            outside.append((page, match[3]))
    assert not outside, outside[:10]


@pytest.mark.parametrize("variant", VARIANTS)
def test_the_pdf_has_a_title_embeds_every_font_and_misses_no_glyph(reports, variant):
    pdf = reports / variant / "report.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Title:\s+\S", info)
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
    rows = [line.split() for line in fonts.splitlines()[2:] if line.strip()]
    assert rows and all("yes" in row[-5:-2] for row in rows), fonts  # the "emb" column
    assert "\ufffd" not in text_of(pdf)


def test_every_source_the_report_uses_is_listed_with_its_address(latest_report, ledger):
    page = (latest_report / "report.html").read_text(encoding="utf-8")
    sources = ledger.sources.set_index("source_id")
    for source_id in sorted(set(ledger.figures["source_id"])):
        match = re.search(rf'id="source-{source_id.lower()}".{{0,3000}}?href="(https?://[^"]+)"', page, flags=re.S)
        assert match, source_id
        assert match[1] == html.escape(sources.loc[source_id, "url"], quote=True), source_id


def test_the_report_date_comes_from_the_commit_not_the_clock(reports):
    dates = {
        re.search(
            r"CreationDate:\s+(.+)",
            subprocess.run(["pdfinfo", str(reports / v / "report.pdf")], capture_output=True, text=True).stdout,
        )[1]
        for v in VARIANTS
    }
    commit_time = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True)
    assert len(dates) == 1, dates  # one date for every variant of one build
    assert commit_time.returncode != 0 or dates


def test_the_briefing_edition_keeps_to_what_was_public_in_november_2022(reports):
    results = json.loads((reports / "briefing-2022" / "results.json").read_text())
    assert results["data_date"] <= "2022-11" and results["years"]["end"] == 2021
    assert results["parameters"]["published_by"] == "2022-11"


def test_the_build_prints_one_line_per_step_and_no_warning(build_output):
    lines = build_output.splitlines()
    for variant in VARIANTS:
        assert f"{variant}: parameters checked" in lines
        # a chapter cache filled by an earlier `make report` lets the variant reuse every chapter's output
        chapters = sum(line.startswith(f"{variant}: chapter ") for line in lines)
        reused = f"{variant}: chapters unchanged: outputs reused" in lines
        assert (chapters, reused) in ((8, False), (0, True)), (chapters, reused)
        assert f"{variant}: PDF written (latex)" in lines
    noisy = [line for line in lines if re.search(r"warn|without encryption|Traceback", line, flags=re.I)]
    assert noisy == []
