"""The rules of the ledger's other files: sources, quotations, disagreements, claims and their readings."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa

from interpol_review.ledger import vocabulary as vocab
from interpol_review.ledger.csvfile import LINE
from interpol_review.ledger.rules import (
    SPAN_PATTERN,
    RuleBook,
    as_number,
    ids_known,
    is_finite_number_or_empty,
    span_in_order,
    words,
)

SOURCE_COLUMNS = [
    "source_id",
    "publisher",
    "author",
    "title",
    "url",
    "date",
    "figures_public_by",
    "role",
    "type",
    "reports_on",
    "found_by",
    "read_on",
]
QUOTATION_COLUMNS = ["figure_id", "quotation", "address"]
DISAGREEMENT_COLUMNS = ["disagreement_id", "figure_ids", "kind", "rule", "what", "reason"]
SEARCH_COLUMNS = ["search_id", "date", "where", "words", "outcome", "source_ids", "figure_ids", "note"]
CLAIM_COLUMNS = ["claim_id", "made_by", "quote", "statement", "own_figures", "note"]
READING_COLUMNS = [
    "claim_id",
    "reading",
    "period",
    "body",
    "instrument",
    "measure",
    "grounds",
    "denominator",
    "statistic",
    "low",
    "high",
    "interpretation",
]
WEB_ADDRESS = r"https?://[^\s<>\"']+"


def sources_schema() -> tuple[pa.DataFrameSchema, RuleBook]:
    book = RuleBook()
    columns = {
        "source_id": pa.Column(
            str,
            book.pattern(
                "source_id_form", "source_id", r"[A-Z]+\d+", "a source id is capitals then digits", "e.g. P19"
            ),
            unique=True,
        ),
        "publisher": pa.Column(str, book.required("publisher_given", "publisher", "publisher")),
        "author": pa.Column(str),
        "title": pa.Column(str, book.required("title_given", "title", "title")),
        "url": pa.Column(
            str,
            book.pattern("url_form", "url", WEB_ADDRESS, "a source needs a web address", "give the https:// address"),
        ),
        "date": pa.Column(str, book.required("date_given", "date", "date (or 'date not visible')")),
        "figures_public_by": pa.Column(
            str,
            book.pattern(
                "public_by_form",
                "figures_public_by",
                r"(19|20)\d\d-(0[1-9]|1[0-2])",
                "the month by which the quoted figures were certainly public, as YYYY-MM",
                "give the source's month, or December of its year when only the year is known",
            ),
        ),
        "role": pa.Column(str, book.vocabulary_check("role_word", "role", vocab.ROLES)),
        "type": pa.Column(str),
        "reports_on": pa.Column(
            str, book.required("reports_on_given", "reports_on", "note of whose figures it reports")
        ),
        "found_by": pa.Column(
            str,
            book.required("found_by_given", "found_by", "note of how the source was found (a search id, a supplement)"),
        ),
        "read_on": pa.Column(
            str,
            book.pattern(
                "read_on_form",
                "read_on",
                r"((19|20)\d\d-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01]))?",
                "the day the stored copy was read, as YYYY-MM-DD, or empty when it was not recorded",
                "give the day, e.g. 2026-12-04",
            ),
        ),
        LINE: pa.Column(int),
    }
    return pa.DataFrameSchema(columns, strict=True), book


def quotations_schema(known_figures: set[str]) -> tuple[pa.DataFrameSchema, RuleBook]:
    book = RuleBook()
    columns = {
        "figure_id": pa.Column(
            str,
            book.check(
                "quoted_figure_known",
                "figure_id",
                "the figure id is not in figures.csv",
                "add the figure first, or correct the id",
                lambda c: c.isin(known_figures),
            ),
        ),
        "quotation": pa.Column(str, book.required("quotation_given", "quotation", "the source's words")),
        "address": pa.Column(
            str,
            book.pattern(
                "address_form", "address", WEB_ADDRESS, "a quotation needs the address it is at", "https://..."
            ),
        ),
        LINE: pa.Column(int),
    }
    # A figure has one quotation per stored copy: two reports of one statement may word it differently.
    checks = [
        book.check(
            "quotation_once_per_address",
            "address",
            "a figure has one quotation per address",
            "merge the two quotations, or give the second its own address",
            lambda f: ~f.duplicated(["figure_id", "address"]),
        )
    ]
    return pa.DataFrameSchema(columns, checks=checks, strict=True), book


def rule_well_formed(frame: pd.DataFrame) -> pd.Series:
    """parameter:<name>, prefer:<ids among figure_ids>, or a bare word of the vocabulary."""

    def ok(rule: str, figure_ids: str) -> bool:
        word, _, argument = rule.partition(":")
        if word not in vocab.DISAGREEMENT_RULES:
            return False
        if word == "prefer":
            return bool(argument) and set(argument.split("+")) <= set(figure_ids.split())
        if word == "parameter":
            return argument == "disagreement_rule"
        return argument == ""

    return pd.Series([ok(r, f) for r, f in zip(frame["rule"], frame["figure_ids"], strict=True)], index=frame.index)


def disagreements_schema(known_figures: set[str]) -> tuple[pa.DataFrameSchema, RuleBook]:
    book = RuleBook()
    columns = {
        "disagreement_id": pa.Column(
            str,
            book.pattern("disagreement_id_form", "disagreement_id", r"D\d{2}", "an id is D and two digits", "e.g. D15"),
            unique=True,
        ),
        "figure_ids": pa.Column(
            str,
            [
                book.required("disagreement_figures_given", "figure_ids", "the figures that disagree"),
                book.check(
                    "disagreement_figures_known",
                    "figure_ids",
                    "every figure id must be in figures.csv",
                    "separate ids by spaces and check each",
                    lambda c: ids_known(c, known_figures),
                ),
            ],
        ),
        "kind": pa.Column(str, book.vocabulary_check("disagreement_kind_word", "kind", vocab.DISAGREEMENT_KINDS)),
        "rule": pa.Column(str),
        "what": pa.Column(str, book.required("disagreement_what_given", "what", "what disagrees")),
        "reason": pa.Column(str, book.required("disagreement_reason_given", "reason", "reason for the rule")),
        LINE: pa.Column(int),
    }
    checks = [
        book.check(
            "disagreement_rule_form",
            "rule",
            "the rule is a word of the vocabulary; prefer: names figures of the row, parameter: a parameter",
            "e.g. prefer:N030, span, no_sum, both, none or parameter:disagreement_rule",
            rule_well_formed,
        )
    ]
    return pa.DataFrameSchema(columns, checks=checks, strict=True), book


def claims_schema(known_sources: set[str], known_figures: set[str]) -> tuple[pa.DataFrameSchema, RuleBook]:
    book = RuleBook()
    columns = {
        "claim_id": pa.Column(
            str,
            book.pattern("claim_id_form", "claim_id", r"C\d{2}", "a claim id is C and two digits", "e.g. C18"),
            unique=True,
        ),
        "made_by": pa.Column(
            str,
            book.check(
                "claim_source_known",
                "made_by",
                "the claim's source is not in sources.csv",
                "add the source first, or correct the id",
                lambda c: c.isin(known_sources),
            ),
        ),
        "quote": pa.Column(str, book.required("claim_quote_given", "quote", "the claim's words")),
        "statement": pa.Column(str, book.required("claim_statement_given", "statement", "testable statement")),
        "own_figures": pa.Column(
            str,
            book.check(
                "own_figures_known",
                "own_figures",
                "every id must be in figures.csv",
                "separate ids by spaces",
                lambda c: ids_known(c, known_figures),
            ),
        ),
        "note": pa.Column(str),
        LINE: pa.Column(int),
    }
    return pa.DataFrameSchema(columns, strict=True), book


# Long by design: a declaration, one rule per entry.
def readings_schema(known_claims: set[str]) -> tuple[pa.DataFrameSchema, RuleBook]:
    book = RuleBook()
    number = lambda key, column: book.check(  # noqa: E731
        key,
        column,
        "the bound must be a plain, finite number or empty",
        "write digits, e.g. 0.10 or 1100",
        is_finite_number_or_empty,
    )
    columns = {
        "claim_id": pa.Column(
            str,
            book.check(
                "reading_claim_known",
                "claim_id",
                "the claim id is not in claims.csv",
                "add the claim first, or correct the id",
                lambda c: c.isin(known_claims),
            ),
        ),
        "reading": pa.Column(
            str, book.pattern("reading_form", "reading", r"[a-z]", "a reading is one small letter", "a, b, c ...")
        ),
        "period": pa.Column(
            str,
            [
                book.pattern("reading_period_form", "period", SPAN_PATTERN, "a claim's period is a span", "2017-2021"),
                book.check(
                    "reading_period_order", "period", "a span must run forwards", "swap the years", span_in_order
                ),
            ],
        ),
        "body": pa.Column(str, book.vocabulary_check("reading_body_word", "body", vocab.BODIES)),
        "instrument": pa.Column(str, book.vocabulary_check("reading_instrument_word", "instrument", vocab.INSTRUMENTS)),
        "measure": pa.Column(str, book.vocabulary_check("reading_measure_word", "measure", vocab.MEASURES)),
        "grounds": pa.Column(str, book.vocabulary_check("reading_grounds_word", "grounds", vocab.GROUNDS)),
        "denominator": pa.Column(
            str, book.vocabulary_check("denominator_word", "denominator", vocab.SHARE_DENOMINATORS)
        ),
        "statistic": pa.Column(str, book.vocabulary_check("statistic_word", "statistic", vocab.CLAIM_STATISTICS)),
        "low": pa.Column(str, number("low_number", "low")),
        "high": pa.Column(str, number("high_number", "high")),
        "interpretation": pa.Column(
            str, book.required("interpretation_given", "interpretation", "how the words became numbers")
        ),
        LINE: pa.Column(int),
    }
    unbounded = ("not_published", "highest_in_period", "share_rising_each_year")
    checks = [
        book.check(
            "bounds_order",
            "high",
            "low must not exceed high",
            "swap or correct the bounds",
            lambda f: ~(as_number(f["low"]) > as_number(f["high"])),
        ),
        book.check(
            "bounds_given",
            "low",
            "a reading with a value needs low or high",
            "give the range the claim asserts, or use statistic not_published or highest_in_period",
            lambda f: f["statistic"].isin(unbounded) | (f["low"] != "") | (f["high"] != ""),
        ),
        book.check(
            "denominator_given",
            "denominator",
            "a share needs its denominator, and only a share has one",
            f"use one of {words({w: '' for w in vocab.SHARE_DENOMINATORS if w})} "
            f"with {' or '.join(vocab.SHARE_STATISTICS)}",
            lambda f: f["statistic"].isin(vocab.SHARE_STATISTICS) == (f["denominator"] != ""),
        ),
        book.check(
            "reading_unique",
            "reading",
            "a claim's readings need different letters",
            "letter them a, b, c",
            lambda f: ~f.duplicated(["claim_id", "reading"]),
        ),
    ]
    return pa.DataFrameSchema(columns, checks=checks, strict=True), book


def search_log_schema(known_sources: set[str], known_figures: set[str]) -> tuple[pa.DataFrameSchema, RuleBook]:
    """One row per outcome of a search: what was looked for, where, when, and what it gave."""
    book = RuleBook()
    columns = {
        "search_id": pa.Column(
            str, book.pattern("search_id_form", "search_id", r"Q\d{2,3}", "a search id is Q and digits", "e.g. Q32")
        ),
        "date": pa.Column(
            str,
            book.pattern(
                "search_date_form",
                "date",
                r"(19|20)\d\d-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])",
                "the day of the search, as YYYY-MM-DD",
                "e.g. 2026-12-04",
            ),
        ),
        "where": pa.Column(str, book.required("search_where_given", "where", "place searched")),
        "words": pa.Column(str, book.required("search_words_given", "words", "words searched")),
        "outcome": pa.Column(str, book.vocabulary_check("search_outcome_word", "outcome", vocab.SEARCH_OUTCOMES)),
        "source_ids": pa.Column(
            str,
            book.check(
                "search_sources_known",
                "source_ids",
                "every source id must be in sources.csv",
                "separate ids by spaces and check each",
                lambda c: ids_known(c, known_sources),
            ),
        ),
        "figure_ids": pa.Column(
            str,
            book.check(
                "search_figures_known",
                "figure_ids",
                "every figure id must be in figures.csv",
                "separate ids by spaces and check each",
                lambda c: ids_known(c, known_figures),
            ),
        ),
        "note": pa.Column(str),
        LINE: pa.Column(int),
    }
    checks = [
        book.check(
            "search_note_given",
            "note",
            "an excluded page needs the reason in note",
            "say why the figure is left out (another series, one country's count, ...)",
            lambda f: (f["outcome"] != "excluded") | (f["note"].str.strip() != ""),
        )
    ]
    return pa.DataFrameSchema(columns, checks=checks, strict=True), book
