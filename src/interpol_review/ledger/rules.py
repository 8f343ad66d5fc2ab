"""The rules each ledger file must satisfy, as pandera schemas, and their translation into Problems.

Every rule has a key, a sentence saying what it requires and a sentence saying how to fix a row that
breaks it. Files are validated as text (see csvfile.py) so that a non-numeric value is reported as such
instead of failing a type conversion.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import pandera.pandas as pa

from interpol_review.core.errors import Problem
from interpol_review.ledger import vocabulary as vocab
from interpol_review.ledger.csvfile import LINE

FIGURE_COLUMNS = [
    "figure_id",
    "period",
    "body",
    "instrument",
    "measure",
    "grounds",
    "value",
    "kind",
    "precision",
    "rounding",
    "qualifier",
    "source_id",
    "confidence",
    "statement",
    "note",
]
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
]
CLAIM_COLUMNS = [
    "claim_id",
    "quote",
    "statement",
    "period",
    "body",
    "instrument",
    "measure",
    "grounds",
    "statistic",
    "low",
    "high",
    "interpretation",
    "note",
]

YEAR = r"(19|20)\d\d"
PERIOD_PATTERN = rf"^{YEAR}(-{YEAR}|-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"
SPAN_PATTERN = rf"^{YEAR}-{YEAR}$"
QUALIFIER_PATTERN = rf"^$|^just_below$|^more_than$|^at_least$|^[a-z_]+:({YEAR}-{YEAR}|\d+-\d+)$"


@dataclass(frozen=True)
class Rule:
    column: str
    requirement: str
    fix: str


def words(vocabulary: dict[str, str]) -> str:
    return ", ".join(repr(word) for word in vocabulary)


def as_number(cells: pd.Series) -> pd.Series:
    return pd.to_numeric(cells.where(cells != ""), errors="coerce")


def is_number_or_empty(cells: pd.Series) -> pd.Series:
    return (cells == "") | as_number(cells).notna()


def span_in_order(cells: pd.Series) -> pd.Series:
    spans = cells.str.extract(rf"^({YEAR})-({YEAR})$")
    start = pd.to_numeric(spans[0], errors="coerce")
    end = pd.to_numeric(spans[2], errors="coerce")
    return ~(start > end)


class RuleBook:
    """Collects rules as pandera checks and remembers how to explain each one."""

    def __init__(self) -> None:
        self.rules: dict[str, Rule] = {}

    def check(self, key: str, column: str, requirement: str, fix: str, test, element_wise=False) -> pa.Check:
        self.rules[key] = Rule(column, requirement, fix)
        return pa.Check(test, name=key, error=key, element_wise=element_wise)

    def vocabulary_check(self, key: str, column: str, vocabulary: dict[str, str]) -> pa.Check:
        return self.check(
            key,
            column,
            "the value is not in the vocabulary",
            f"use one of {words(vocabulary)} (meanings in data/raw/README.md)",
            lambda cells: cells.isin(list(vocabulary)),
        )


def figures_schema(known_sources: list[str]) -> tuple[pa.DataFrameSchema, RuleBook]:
    book = RuleBook()
    value = lambda frame: as_number(frame["value"])  # noqa: E731
    columns = {
        "figure_id": pa.Column(
            str,
            [
                book.check(
                    "figure_id_form",
                    "figure_id",
                    "a figure id is F followed by three digits",
                    "number new rows after the last one, e.g. F083",
                    lambda c: c.str.fullmatch(r"F\d{3}"),
                ),
            ],
            unique=True,
        ),
        "period": pa.Column(
            str,
            [
                book.check(
                    "period_form",
                    "period",
                    "a period is a year, a span of years or a date",
                    "write 2021, 2017-2021, 2019-03 or 2018-12-31",
                    lambda c: c.str.fullmatch(PERIOD_PATTERN),
                ),
                book.check(
                    "period_order",
                    "period",
                    "a span must run forwards",
                    "write the earlier year first, e.g. 2017-2021",
                    span_in_order,
                ),
            ],
        ),
        "body": pa.Column(str, book.vocabulary_check("body_word", "body", vocab.BODIES)),
        "instrument": pa.Column(str, book.vocabulary_check("instrument_word", "instrument", vocab.INSTRUMENTS)),
        "measure": pa.Column(str, book.vocabulary_check("measure_word", "measure", vocab.MEASURES)),
        "grounds": pa.Column(str, book.vocabulary_check("grounds_word", "grounds", vocab.GROUNDS)),
        "value": pa.Column(
            str,
            book.check(
                "value_number",
                "value",
                "the value must be a plain number",
                "write digits only, with a dot for decimals and no thousands separators or % sign",
                is_number_or_empty,
            ),
        ),
        "kind": pa.Column(str, book.vocabulary_check("kind_word", "kind", vocab.KINDS)),
        "precision": pa.Column(str, book.vocabulary_check("precision_word", "precision", vocab.PRECISIONS)),
        "rounding": pa.Column(str, book.vocabulary_check("rounding_word", "rounding", vocab.ROUNDINGS)),
        "qualifier": pa.Column(
            str,
            book.check(
                "qualifier_form",
                "qualifier",
                "a qualifier is empty, just_below, more_than, at_least or word:A-B",
                "e.g. peak_of:2017-2021 or range:30-40",
                lambda c: c.str.fullmatch(QUALIFIER_PATTERN),
            ),
        ),
        "source_id": pa.Column(
            str,
            book.check(
                "source_known",
                "source_id",
                "the source id is not in data/raw/sources.csv",
                "add the source to sources.csv first, or correct the id",
                lambda c: c.isin(known_sources),
            ),
        ),
        "confidence": pa.Column(str, book.vocabulary_check("confidence_word", "confidence", vocab.CONFIDENCES)),
        "statement": pa.Column(
            str,
            book.check(
                "statement_given",
                "statement",
                "every figure needs a statement of what the source says",
                "paraphrase the source's sentence",
                lambda c: c.str.strip() != "",
            ),
        ),
        "note": pa.Column(str),
        LINE: pa.Column(int),
    }
    checks = [
        book.check(
            "value_given",
            "value",
            "a value is required for every kind but trend_statement",
            "give the published number, or use kind trend_statement",
            lambda f: (f["kind"] == "trend_statement") | (f["value"] != ""),
        ),
        book.check(
            "value_absent",
            "value",
            "a trend statement carries no value",
            "leave value empty and spell the statement out in qualifier",
            lambda f: (f["kind"] != "trend_statement") | (f["value"] == ""),
        ),
        book.check(
            "value_nonnegative",
            "value",
            "counts, shares and bounds cannot be negative",
            "correct the sign; only change_percent_vs_previous_year may be negative",
            lambda f: f["kind"].isin(vocab.SIGNED_KINDS) | ~(value(f) < 0),
        ),
        book.check(
            "percent_range",
            "value",
            "a share of alerts issued is between 0 and 100 percent",
            "give the share in percent, e.g. 5.3 for 5.3%",
            lambda f: ~f["kind"].isin(vocab.PERCENT_KINDS) | ~(value(f) > 100),
        ),
        book.check(
            "rounding_given",
            "rounding",
            "a percentage cut to digits needs a rounding rule",
            f"use one of {words({k: v for k, v in vocab.ROUNDINGS.items() if k})}",
            lambda f: ~f["precision"].isin(vocab.PERCENT_PRECISIONS) | (f["rounding"] != ""),
        ),
        book.check(
            "grounds_given",
            "grounds",
            "refused_or_cancelled figures need grounds",
            "use all when the source gives no grounds",
            lambda f: (f["measure"] != "refused_or_cancelled") | (f["grounds"] != ""),
        ),
        book.check(
            "average_span",
            "period",
            "an average per year needs a span of years",
            "write the span, e.g. 2017-2021",
            lambda f: (f["kind"] != "average_per_year") | f["period"].str.fullmatch(SPAN_PATTERN),
        ),
    ]
    return pa.DataFrameSchema(columns, checks=checks, strict=True), book


def sources_schema() -> tuple[pa.DataFrameSchema, RuleBook]:
    book = RuleBook()
    required = lambda key, column, what: book.check(  # noqa: E731
        key, column, f"every source needs {what}", f"give the {what}", lambda c: c.str.strip() != ""
    )
    columns = {
        "source_id": pa.Column(
            str,
            book.check(
                "source_id_form",
                "source_id",
                "a source id is capital letters then digits",
                "e.g. S30",
                lambda c: c.str.fullmatch(r"[A-Z]+\d+"),
            ),
            unique=True,
        ),
        "publisher": pa.Column(str, required("publisher_given", "publisher", "publisher")),
        "author": pa.Column(str),
        "title": pa.Column(str, required("title_given", "title", "title")),
        "url": pa.Column(
            str,
            book.check(
                "url_form",
                "url",
                "a source needs a web address",
                "give the full https:// address",
                lambda c: c.str.match(r"https?://\S+$"),
            ),
        ),
        "date": pa.Column(str, required("date_given", "date", "date (or 'date not visible')")),
        "figures_public_by": pa.Column(
            str,
            book.check(
                "public_by_form",
                "figures_public_by",
                "the month by which the quoted figures were certainly public, as YYYY-MM",
                "give the source's month, or December of its year when only the year is known",
                lambda c: c.str.fullmatch(r"(19|20)\d\d-(0[1-9]|1[0-2])"),
            ),
        ),
        "role": pa.Column(str, book.vocabulary_check("role_word", "role", vocab.ROLES)),
        "type": pa.Column(str),
        "reports_on": pa.Column(str, required("reports_on_given", "reports_on", "note of whose figures it reports")),
        LINE: pa.Column(int),
    }
    return pa.DataFrameSchema(columns, strict=True), book


def claims_schema() -> tuple[pa.DataFrameSchema, RuleBook]:
    book = RuleBook()
    number = lambda key, column: book.check(  # noqa: E731
        key, column, "the bound must be a plain number or empty", "write digits, e.g. 0.10 or 1100", is_number_or_empty
    )
    columns = {
        "claim_id": pa.Column(
            str,
            book.check(
                "claim_id_form",
                "claim_id",
                "a claim id is C followed by two digits",
                "e.g. C12",
                lambda c: c.str.fullmatch(r"C\d{2}"),
            ),
            unique=True,
        ),
        "quote": pa.Column(str),
        "statement": pa.Column(
            str,
            book.check(
                "claim_statement_given",
                "statement",
                "every claim needs a testable statement",
                "state it",
                lambda c: c.str.strip() != "",
            ),
        ),
        "period": pa.Column(
            str,
            [
                book.check(
                    "claim_period_form",
                    "period",
                    "a claim's period is a span of years",
                    "e.g. 2017-2021",
                    lambda c: c.str.fullmatch(SPAN_PATTERN),
                ),
                book.check(
                    "claim_period_order",
                    "period",
                    "a span must run forwards",
                    "write the earlier year first",
                    span_in_order,
                ),
            ],
        ),
        "body": pa.Column(str, book.vocabulary_check("claim_body_word", "body", vocab.BODIES)),
        "instrument": pa.Column(str, book.vocabulary_check("claim_instrument_word", "instrument", vocab.INSTRUMENTS)),
        "measure": pa.Column(str, book.vocabulary_check("claim_measure_word", "measure", vocab.MEASURES)),
        "grounds": pa.Column(str, book.vocabulary_check("claim_grounds_word", "grounds", vocab.GROUNDS)),
        "statistic": pa.Column(str, book.vocabulary_check("statistic_word", "statistic", vocab.CLAIM_STATISTICS)),
        "low": pa.Column(str, number("low_number", "low")),
        "high": pa.Column(str, number("high_number", "high")),
        "interpretation": pa.Column(str),
        "note": pa.Column(str),
        LINE: pa.Column(int),
    }
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
            "a claim with a value needs low or high",
            "give the range the claim asserts, or use statistic not_published",
            lambda f: (f["statistic"] == "not_published") | (f["low"] != "") | (f["high"] != ""),
        ),
    ]
    return pa.DataFrameSchema(columns, checks=checks, strict=True), book


def validate(frame: pd.DataFrame, schema: pa.DataFrameSchema, book: RuleBook, file: str) -> list[Problem]:
    """Every row that breaks a rule, as Problems in file order; [] when the frame is valid."""
    try:
        schema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as errors:
        return problems_from(errors.failure_cases, frame, book, file)
    return []


def problems_from(failures: pd.DataFrame, frame: pd.DataFrame, book: RuleBook, file: str) -> list[Problem]:
    problems: dict[tuple[int | None, str], Problem] = {}
    for failure in failures.itertuples(index=False):
        key = str(failure.check)
        row = None if pd.isna(failure.index) else int(failure.index)
        if key == "field_uniqueness":
            rule = Rule(str(failure.column), "the id is not unique", "give every row its own id")
        elif key in book.rules:
            rule = book.rules[key]
        else:  # a structural check of pandera's own (a column missing or extra): report it as pandera says
            rule = Rule(str(failure.column), f"{key}", "compare the header with data/raw/README.md")
        line = None if row is None else int(frame[LINE].iloc[row])
        found = None if row is None else str(frame[rule.column].iloc[row]) if rule.column in frame else None
        problems.setdefault((line, key), Problem(file, line, rule.column, rule.requirement, rule.fix, found))
    return sorted(problems.values(), key=lambda problem: (problem.line or 0, problem.column or ""))
