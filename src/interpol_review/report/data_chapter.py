"""Chapter 2, the data: who published what, for which years, where sources disagree and by which rule the
report decides, and what was never published at all."""

from __future__ import annotations

import pandas as pd

from interpol_review.analysis.cache import cached
from interpol_review.checks import consistency
from interpol_review.checks.coverage import coverage, never_published
from interpol_review.core.formatting import listing, period_text, plural, years
from interpol_review.ledger.status import Status
from interpol_review.report import plots
from interpol_review.report.links import Link, anchor, figure_ids
from interpol_review.report.words import CHECK_VERDICTS, series_key_label


def sources_table(analysis, numbering):
    ledger = analysis.ledger
    counts = ledger.figures.groupby("source_id").agg(
        figures=("figure_id", "count"), first=("period_start", "min"), last=("period_end", "max")
    )
    sources = ledger.sources.set_index("source_id").join(counts, how="inner").reset_index()
    sources = sources.sort_values(["figures_public_by", "source_id"])
    frame = pd.DataFrame(
        {
            "Source": [Link(s, "#" + anchor("source", s)) for s in sources["source_id"]],
            "Publisher": sources["publisher"],
            "Public by": sources["figures_public_by"],
            "Figures": sources["figures"].astype(int).map(str),
            "Years": [str(a) if a == b else f"{a}–{b}" for a, b in zip(sources["first"], sources["last"], strict=True)],
        }
    )
    text = (
        f"The ledger behind this report holds {plural(len(ledger.figures), 'figure')} from "
        f"{plural(len(sources), 'source')} ({numbering.next_table()}); each source's title, date and address are in "
        "the references, and each figure's words in the appendix. Where two sources state the same number, both "
        "rows are kept; where they differ, both are kept and a recorded rule decides which the analysis uses."
    )
    table = numbering.table(
        frame,
        "The sources of the figures: publisher, the month by which their figures were "
        "public, how many figures each gives and for which years.",
        numeric=["Figures"],
    )
    return text, table


# The outcomes of a search as the table names them.
LEFT = {"not_stored": "not readable", "excluded": "left out"}


def search_section(analysis, numbering):
    """How complete the ledger is, where it could not look, and the flow of its searches: how many found
    something, nothing, or a page that is not stored; and every page not read or figure left out, with why."""
    ledger = analysis.ledger
    searches, figures = ledger.searches, ledger.figures
    quoted = figures["figure_id"].isin(ledger.quotations["figure_id"])
    primary = figures["source_id"].isin(ledger.sources.loc[ledger.sources["role"] == "primary", "source_id"])
    by_outcome = searches.groupby("outcome")["search_id"].nunique()
    found = searches[searches["outcome"] == "found"]
    found_sources = sorted({sid for ids in found["source_ids"] for sid in ids.split()})
    added = ledger.sources[ledger.sources["found_by"].str.startswith("search")]
    added_figures = figures[figures["source_id"].isin(added["source_id"])]
    text = (
        f"The ledger holds {plural(len(figures), 'figure')} from {plural(figures['source_id'].nunique(), 'source')}; "
        f"for {int(quoted.sum())} of them the source's own words are recorded, and the build checks each value "
        'against them. It could not look where the figures start: INTERPOL\'s own "Review and compliance" page '
        "is not among the stored public pages and the CCF's annual reports are stored only as their openings, so "
        f"every figure but {int(primary.sum())} (from INTERPOL's own publications) reaches it through a law firm, "
        "a newspaper, a parliament or an NGO quoting them. "
        f"Of the {plural(searches['search_id'].nunique(), 'search', 'searches')} of the stored public pages made "
        f"on {listing(sorted(set(searches['date'])))} (data/raw/search_log.csv gives each with its words), "
        f"{by_outcome.get('found', 0)} found a source or a figure's words ({plural(len(found_sources), 'source')}), "
        f"{by_outcome.get('nothing', 0)} found nothing, {by_outcome.get('not_stored', 0)} met a page that is "
        f"not stored or only as its opening, and {by_outcome.get('excluded', 0)} found figures the ledger leaves "
        f"out; they added {plural(len(added), 'source')} ({listing(list(added['source_id']))}) with "
        f"{plural(len(added_figures), 'figure')}. {numbering.next_table()} lists what could not be read and what "
        "was left out, with the reasons."
    )
    left = searches[searches["outcome"].isin(LEFT)]
    frame = pd.DataFrame(
        {
            "Search": left["search_id"],
            "Outcome": left["outcome"].map(LEFT),
            "What, and why": left["note"],
            "Figures": [figure_ids(ids.replace(" ", ", ")) if ids else "" for ids in left["figure_ids"]],
        }
    )
    table = numbering.table(
        frame,
        "What the searches of the stored public pages could not read, and the figures they found and left out, "
        "with the reasons: the reach of the ledger.",
    )
    return text, table


def coverage_table(analysis) -> pd.DataFrame:
    window = analysis.window
    return coverage(analysis.ledger.figures, min(window.start, window.ccf_start), window.end)


def coverage_matrix(table: pd.DataFrame) -> pd.DataFrame:
    table = table.assign(
        series=[
            series_key_label(*key)
            for key in zip(table["body"], table["instrument"], table["measure"], table["grounds"], strict=True)
        ]
    )
    order = list(dict.fromkeys(table["series"]))
    matrix = table.pivot(index="series", columns="year", values="status").reindex(order)
    matrix.columns = [str(year) for year in matrix.columns]
    return matrix


def coverage_figure(analysis, numbering):
    table = coverage_table(analysis)
    refused = table[
        (table["measure"] == "refused_or_cancelled") & (table["grounds"] == "all") & (table["body"] == "ndtf_review")
    ]
    published = refused[refused["status"] == Status.PUBLISHED]
    matrix = coverage_matrix(table)
    text = (
        f"{numbering.next_figure()} maps what was published for each series and year. Of "
        f"{plural(len(refused), 'year')}, {len(published)} have a published total of alerts refused or cancelled "
        f"({years(published['year']) or 'none'}); the other years are known only through averages, shares and "
        "statements, which the analysis turns into reconstructed ranges, never into published values."
    )
    alt = "; ".join(
        f"{series}: published in {years([int(y) for y, s in row.items() if s == Status.PUBLISHED]) or 'no year'}"
        for series, row in matrix.iterrows()
    )
    figure = numbering.figure(
        plots.coverage_map,
        (matrix,),
        f"What was published for each series and year, {matrix.columns[0]}–{matrix.columns[-1]}: published counts, "
        "bounded values, values constrained only by aggregates (reconstructed) and gaps (missing).",
        alt,
        page_share=0.88,
    )
    return text, figure


def disagreements_table(analysis, numbering):
    records = analysis.ledger.disagreements
    set_aside = analysis.panel.set_aside
    frame = pd.DataFrame(
        {
            "Id": records["disagreement_id"],
            "What disagrees": records["what"],
            "Figures": [figure_ids(ids.replace(" ", ", ")) for ids in records["figure_ids"]],
            "Rule": [rule_words(rule, analysis.settings.disagreement_rule) for rule in records["rule"]],
            "Why": records["reason"],
        }
    )
    text = (
        f"Sources disagree in {plural(len(records), 'recorded place')} ({numbering.next_table()}). Each "
        "disagreement is data with a rule: the report uses one figure, takes the truth to lie between them, or "
        f"keeps both because they measure different things. {plural(len(set_aside), 'figure')} "
        f"{'is' if len(set_aside) == 1 else 'are'} set aside in this report "
        f"({listing(list(set_aside['figure_id'])) or 'none'})."
    )
    table = numbering.table(
        frame, "Recorded disagreements between sources, the rule that decides each, and why.", row_header=True
    )
    return text, table


def rule_words(rule: str, parameter_value: str) -> str:
    word, _, argument = rule.partition(":")
    if word == "prefer":
        return f"use {argument.replace('+', ' and ')}"
    if word == "parameter":
        return f"parameter disagreement_rule ({parameter_value.replace('_', ' ')} in this report)"
    return {
        "span": "the truth lies between them",
        "no_sum": "parts need not add up",
        "both": "keep both",
        "none": "never used as a count",
    }.get(word, word)


def checks_table(analysis, numbering):
    figures, disagreements = analysis.ledger.figures, analysis.ledger.disagreements
    # Kept with the analyses (same key rules): half a second of every report build otherwise.
    checks = cached("checks", (figures, disagreements), lambda: consistency.cross_source_checks(figures, disagreements))
    counted = checks["verdict"].value_counts()
    shown = checks[checks["verdict"] != consistency.AGREES]
    text = (
        f"Every pair of figures that can be compared was compared: {plural(len(checks), 'check')}, of which "
        f"{counted.get(consistency.AGREES, 0)} agree, {counted.get(consistency.DISAGREES, 0)} disagree, "
        f"{counted.get(consistency.AGREES_UNDER_RULE, 0)} agree only under the rounding recorded for the figure and "
        f"{counted.get(consistency.NOT_CHECKABLE, 0)} cannot be checked ({numbering.next_table()} lists all but the "
        "agreements). Every disagreement is explained by a recorded one."
        + ("" if consistency.undocumented(checks).empty else " Some are not: they are marked.")
    )
    frame = pd.DataFrame(
        {
            "Check": shown["check"],
            "Period": shown["period"].map(period_text),
            "Figures": [figure_ids(ids) for ids in shown["figure_ids"]],
            "Published": shown["published"],
            "Implied by the others": shown["implied"],
            "Result": shown["verdict"].map(CHECK_VERDICTS),
            "Recorded as": shown["documented_by"].replace("", "not recorded"),
        }
    )
    table = numbering.table(
        frame,
        "Cross-source checks that do not simply agree: what was published and what the other figures imply.",
        row_header=False,
    )
    return text, table


def never_published_table(analysis, numbering):
    table = never_published(coverage_table(analysis))
    table = table[table["share_missing"] > 0]
    all_missing = table[table["share_missing"] == 1]
    frame = pd.DataFrame(
        {
            "Series": [
                series_key_label(*key)
                for key in zip(table["body"], table["instrument"], table["measure"], table["grounds"], strict=True)
            ],
            "Years with nothing published": table["missing_years"].map(years),
            "Share of years": table["share_missing"].map(lambda s: f"{100 * s:.0f}%"),
        }
    )
    never = listing(
        [
            series_key_label(*key)
            for key in zip(
                all_missing["body"],
                all_missing["instrument"],
                all_missing["measure"],
                all_missing["grounds"],
                strict=True,
            )
        ]
    )
    text = (
        f"{numbering.next_table()} lists, series by series, the years with nothing published. Nothing at all was "
        f"published for: {never or 'no series'}. Without the number of requests received, no refusal rate among "
        "requests can be computed: the rates divide by alerts issued, and say so."
    )
    return text, numbering.table(frame, "Years with nothing published, by series.", numeric=["Share of years"])
