"""The rules of figures.csv: every row is one number as one source published it."""

from __future__ import annotations

import re

import pandas as pd
import pandera.pandas as pa

from interpol_review.ledger import vocabulary as vocab
from interpol_review.ledger.csvfile import LINE
from interpol_review.ledger.rules import (
    SPAN_PATTERN,
    YEAR,
    RuleBook,
    as_number,
    is_finite_number_or_empty,
    span_in_order,
    words,
)

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
PERIOD_PATTERN = rf"{YEAR}(-{YEAR}|-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?"
FIGURE_ID = r"[A-Z]\d{3}"
RANGE_VALUE = r"(\d+(\.\d+)?)-(\d+(\.\d+)?)"  # kind range: "7-8"
# A derivation names figures joined by + and - (derived:F019-F028-F032); a span of years is two years.
QUALIFIER_VALUE = rf"{YEAR}-{YEAR}|{YEAR}|\d+-\d+|{FIGURE_ID}([+-]{FIGURE_ID})+|[a-z0-9_]+"
QUALIFIER_ITEM = rf"{'|'.join(vocab.QUALIFIER_FLAGS)}|({'|'.join(vocab.QUALIFIER_KEYS)}):({QUALIFIER_VALUE})"
QUALIFIER_PATTERN = rf"(({QUALIFIER_ITEM})(;({QUALIFIER_ITEM}))*)?"
TREND_WORDS = ("share_rising_each_year", "falling", "almost_doubled")


def qualifier_items(qualifier: str) -> dict[str, str]:
    """'more_than;type:access' -> {'more_than': '', 'type': 'access'}."""
    items = {}
    for item in filter(None, qualifier.split(";")):
        key, _, value = item.partition(":")
        items[key] = value
    return items


def derivation_terms(expression: str) -> list[tuple[int, str]]:
    """The figures of a derivation with their signs: 'F019-F028-F032' -> [(1, 'F019'), (-1, 'F028'), ...]."""
    return [(-1 if sign == "-" else 1, fid) for sign, fid in re.findall(rf"([+-]?)({FIGURE_ID})", expression)]


def has_trend_statement(qualifiers: pd.Series) -> pd.Series:
    return qualifiers.map(lambda q: any(word in qualifier_items(q) for word in TREND_WORDS))


def totals_have_spans(frame: pd.DataFrame) -> pd.Series:
    """A count over a span is a total and says so (total_over_period); a total covers a span."""
    span = frame["period"].str.fullmatch(SPAN_PATTERN)
    total = frame["qualifier"].map(lambda q: "total_over_period" in qualifier_items(q))
    count_over_span_without_total = (frame["kind"] == "count") & span & ~total
    return ~(count_over_span_without_total | (total & ~span))


def range_in_order(frame: pd.DataFrame) -> pd.Series:
    """A value of kind range is two plain numbers, low-high, the lower first."""
    is_range = frame["kind"] == "range"
    bounds = frame["value"].str.extract(rf"^{RANGE_VALUE}$")
    ordered = pd.to_numeric(bounds[0], errors="coerce") <= pd.to_numeric(bounds[2], errors="coerce")
    return ~is_range | ordered


def base_before_period(frame: pd.DataFrame) -> pd.Series:
    """A change against an earlier year names that year (base:2021), and it is before the period."""
    earlier = frame["kind"] == "change_percent_vs_earlier_year"
    bases = frame["qualifier"].map(lambda q: qualifier_items(q).get("base", ""))
    ok = bases.str.fullmatch(YEAR) & (pd.to_numeric(bases, errors="coerce") < frame["period"].str[:4].astype(float))
    return ~earlier | ok


# Long by design: a declaration, one rule per entry, read top to bottom like the data README's table.
def figures_schema(known_sources: list[str]) -> tuple[pa.DataFrameSchema, RuleBook]:
    book = RuleBook()
    value = lambda frame: as_number(frame["value"])  # noqa: E731
    span = lambda frame: frame["period"].str.fullmatch(SPAN_PATTERN)  # noqa: E731
    columns = {
        "figure_id": pa.Column(
            str,
            book.pattern(
                "figure_id_form",
                "figure_id",
                r"[A-Z]\d{3}",
                "a figure id is a capital letter and three digits",
                "number new rows after the last one, e.g. N071",
            ),
            unique=True,
        ),
        "period": pa.Column(
            str,
            [
                book.pattern(
                    "period_form",
                    "period",
                    PERIOD_PATTERN,
                    "a period is a year, a span of years or a date",
                    "write 2021, 2017-2021, 2019-03 or 2018-12-31",
                ),
                book.check(
                    "period_order", "period", "a span must run forwards", "write the earlier year first", span_in_order
                ),
            ],
        ),
        "body": pa.Column(str, book.vocabulary_check("body_word", "body", vocab.BODIES)),
        "instrument": pa.Column(str, book.vocabulary_check("instrument_word", "instrument", vocab.INSTRUMENTS)),
        "measure": pa.Column(str, book.vocabulary_check("measure_word", "measure", vocab.MEASURES)),
        "grounds": pa.Column(str, book.vocabulary_check("grounds_word", "grounds", vocab.GROUNDS)),
        "value": pa.Column(str),
        "kind": pa.Column(str, book.vocabulary_check("kind_word", "kind", vocab.KINDS)),
        "precision": pa.Column(str, book.vocabulary_check("precision_word", "precision", vocab.PRECISIONS)),
        "rounding": pa.Column(str, book.vocabulary_check("rounding_word", "rounding", vocab.ROUNDINGS)),
        "qualifier": pa.Column(
            str,
            book.pattern(
                "qualifier_form",
                "qualifier",
                QUALIFIER_PATTERN,
                "a qualifier is empty or items separated by ';', each a flag or key:value",
                f"flags: {words(vocab.QUALIFIER_FLAGS)}; keys: {words(vocab.QUALIFIER_KEYS)}, e.g. peak_of:2017-2021",
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
        "statement": pa.Column(str, book.required("statement_given", "statement", "statement of what the source says")),
        "note": pa.Column(str),
        LINE: pa.Column(int),
    }
    checks = [
        book.check(
            "value_number",
            "value",
            "the value must be a plain, finite number",
            "write digits only, with a dot for decimals and no thousands separators, % sign, inf or nan",
            lambda f: (f["kind"] == "range") | is_finite_number_or_empty(f["value"]),
        ),
        book.check(
            "range_form",
            "value",
            "a range is two plain numbers, the lower first, joined by '-'",
            "write the range as the source gives it, e.g. 7-8 for 'seven to eight months'",
            range_in_order,
        ),
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
            "trend_statement_spelled",
            "qualifier",
            "a trend statement needs its statement in qualifier",
            f"write one of {words(TREND_WORDS)} with its span, e.g. falling:2018-2021",
            lambda f: (f["kind"] != "trend_statement") | has_trend_statement(f["qualifier"]),
        ),
        book.check(
            "value_nonnegative",
            "value",
            "counts, shares and bounds cannot be negative",
            "correct the sign; only a change in percent may be negative",
            lambda f: f["kind"].isin(vocab.SIGNED_KINDS) | ~(value(f) < 0),
        ),
        book.check(
            "percent_range",
            "value",
            "a share in percent lies between 0 and 100",
            "give the share in percent, e.g. 5.3 for 5.3%",
            lambda f: (
                ~(f["kind"].isin(vocab.PERCENT_KINDS) | f["measure"].isin(vocab.PERCENT_MEASURES)) | ~(value(f) > 100)
            ),
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
            lambda f: (f["kind"] != "average_per_year") | span(f),
        ),
        book.check(
            "total_needs_span",
            "qualifier",
            "a count over a span of years is a total and says so; a total needs a span",
            "add the qualifier total_over_period to a count for 2019-2020, or give one year",
            totals_have_spans,
        ),
        book.check(
            "base_year_given",
            "qualifier",
            "a change against an earlier year names that year, before the period",
            "add base:YYYY, e.g. base:2021",
            base_before_period,
        ),
    ]
    return pa.DataFrameSchema(columns, checks=checks, strict=True), book


def qualifier_span(qualifier: str, key: str) -> tuple[int, int] | None:
    """The span of a key:YYYY-YYYY item of a qualifier, e.g. ('peak_of') -> (2017, 2021)."""
    found = qualifier_items(qualifier).get(key)
    if not found or not re.fullmatch(SPAN_PATTERN, found):
        return None
    start, end = found.split("-")
    return int(start), int(end)
