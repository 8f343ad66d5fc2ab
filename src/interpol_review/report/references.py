"""Chapter 8, sources a reader can follow: the references (every source a link), the glossary, and the
appendix that lists every figure of the report with the words that state it and its source."""

from __future__ import annotations

import pandas as pd

from interpol_review.core.formatting import number, period_text
from interpol_review.report.links import Link, Target, Words, anchor, source_link
from interpol_review.report.words import BODIES, INSTRUMENTS, MEASURES, SHORT_SERIES

GLOSSARY = {
    "Red Notice": "INTERPOL's request to police worldwide to locate and provisionally arrest a person pending "
    "extradition, published by INTERPOL's General Secretariat at a member country's request after review.",
    "diffusion": "a wanted-person alert that a member country's bureau sends directly to other countries "
    "through INTERPOL's systems; checked by INTERPOL, but circulated without the review a Red Notice gets "
    "before publication.",
    "NDTF": "the Notices and Diffusions Task Force of INTERPOL's General Secretariat, which reviews Red Notice "
    "requests and diffusions for compliance with INTERPOL's rules (thirty to forty people, per the briefing).",
    "CCF": "the Commission for the Control of INTERPOL's Files: an independent body that handles requests from "
    "people about INTERPOL's data on them (access, correction or deletion, revision) and can order data deleted.",
    "Article 2": "Article 2 of INTERPOL's Constitution: cooperation in the spirit of the Universal Declaration "
    "of Human Rights.",
    "Article 3": "Article 3 of INTERPOL's Constitution: INTERPOL may not intervene in matters of a political, "
    "military, religious or racial character.",
    "refused or cancelled": "INTERPOL's published count mixes requests refused before publication with alerts "
    "cancelled after publication, some issued years earlier.",
    "deleted after a complaint": "data the CCF found not compliant with INTERPOL's rules and had deleted.",
    "issued": "alerts published in a year: a flow.",
    "in circulation": "alerts valid at a date: a stock, several times the yearly flow.",
    "NCB": "a National Central Bureau: a member country's INTERPOL office, the source of its alerts.",
    "published": "a source stated the number itself.",
    "bounded": "a source stated a bound, an approximate value or a rounded share for the number, or sources "
    "disagree and the truth is taken to lie between them.",
    "reconstructed": "no source stated the number, but published totals, averages and shares pin it within a range.",
    "missing": "nothing published constrains the number.",
}


def references_table(analysis, numbering):
    ledger = analysis.ledger
    used = ledger.sources[
        ledger.sources["source_id"].isin(ledger.figures["source_id"])
        | ledger.sources["source_id"].isin(ledger.claims["made_by"])
    ]
    counts = ledger.figures["source_id"].value_counts()
    frame = pd.DataFrame(
        {
            "Source": [Target(s, anchor("source", s)) for s in used["source_id"]],
            "Publisher and author": [
                p + (f" ({a})" if a else "") for p, a in zip(used["publisher"], used["author"], strict=True)
            ],
            "Title": [Link(title, url) for title, url in zip(used["title"], used["url"], strict=True)],
            "Date": used["date"],
            "Figures public by": used["figures_public_by"],
            "Reports on": used["reports_on"],
            "Figures": [number(counts.get(s, 0)) for s in used["source_id"]],
        }
    )
    return numbering.table(
        frame,
        "References: every source of the report, with its address (the stored copy "
        "that was read), its date, the month by which its figures were public, and whose "
        "figures it reports.",
        numeric=["Figures"],
    )


def glossary_table(numbering):
    frame = pd.DataFrame(
        {
            "Term": [Target(term, anchor("glossary", term)) for term in GLOSSARY],
            "Meaning": list(GLOSSARY.values()),
        }
    )
    return numbering.table(frame, "Glossary: the words of this report.")


def figure_description(row) -> str:
    measure = MEASURES.get(row.measure, row.measure)
    parts = [BODIES.get(row.body, row.body) + ":", measure]
    if row.instrument:
        parts.append(f"({INSTRUMENTS.get(row.instrument, row.instrument)})")
    if row.grounds and row.grounds != "all":
        parts.append(f"on {SHORT_SERIES.get(row.grounds, row.grounds.replace('_', ' '))} grounds")
    return " ".join(parts)


def as_published(row) -> str:
    if row.kind == "trend_statement":
        return row.qualifier.replace("_", " ").replace(":", " ")
    value = f"{row.value:,.10g}"
    words = {
        "count": value,
        "approximate": f"about {value}",
        "lower_bound": f"over {value}",
        "upper_bound": f"at most {value}",
        "average_per_year": f"{value} a year on average",
        "percent_of_issued": f"{value}% of alerts issued",
        "percent_of_total": f"{value}%",
        "change_percent_vs_previous_year": f"{value}% on the year before",
        "change_percent_vs_earlier_year": f"{value}% on an earlier year",
    }
    return words.get(row.kind, value)


def ledger_appendix(analysis, numbering):
    """Every figure of the ledger this report may use, with its source's words where they were recorded."""
    figures = analysis.ledger.figures.sort_values("figure_id")
    # a figure may carry several wordings (two stored copies of one statement): all of them, in order
    quotes = analysis.ledger.quotations.groupby("figure_id", sort=False)["quotation"].agg(" / ".join)
    frame = pd.DataFrame(
        {
            "Figure": [Target(fid, anchor("ledger", fid)) for fid in figures["figure_id"]],
            "Period": figures["period"].map(period_text),
            "What": [figure_description(row) for row in figures.itertuples()],
            "As published": [as_published(row) for row in figures.itertuples()],
            "The source's words": [
                Words(f"“{quotes[fid]}”") if fid in quotes.index else f"(words not recorded; paraphrase) {statement}"
                for fid, statement in zip(figures["figure_id"], figures["statement"], strict=True)
            ],
            "Source": [source_link(s) for s in figures["source_id"]],
        }
    )
    quoted = int(figures["figure_id"].isin(quotes.index).sum())
    text = (
        f"Appendix {numbering.next_table()} lists all {len(figures)} figures of the ledger this report may use. "
        f"For {quoted} of them the source's own words were recorded; for the others the ledger holds a "
        "paraphrase, marked as such."
    )
    return text, numbering.table(
        frame,
        "Every figure of the ledger: what it counts, how it was published, the source's words, and the source.",
        row_header=True,
    )
