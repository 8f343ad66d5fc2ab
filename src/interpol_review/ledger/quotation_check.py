"""Whether each figure's words state its value: every number of a quotation, read in every way a source
may write it, against the value in figures.csv (and each bound of a range).

Sources write "1,270", "1 270", "1.270" (German thousands) or "52.103", which is 52,103 in a German
newspaper and 52.103 in English: a token is read both ways, and the figure passes when any reading is its
value. Numbers in words count too ("five requests", "Thirty percent", "two-fold", "sieben", "seven to
eight months"), in English, German and French, the languages of the ledger's sources. A figure whose
value its source derived from other figures says so in its qualifier (derived:F019-F028-F032, a
remainder; derived:N089+N090, a sum), and then the arithmetic is checked instead of the words.

Written by hand: no library reads numbers in three languages' words and separators together (number
parsers such as babel's parse a number written one locale's way, and do not find numbers in prose).
"""

from __future__ import annotations

import math
import re

import pandas as pd

from interpol_review.core.errors import Problem
from interpol_review.ledger.csvfile import LINE
from interpol_review.ledger.figure_rules import RANGE_VALUE, derivation_terms, qualifier_items

# Digit groups: "1,270", "1 270" (also with no-break and thin spaces), "1.270", "52.103", "5.3", "26".
DIGITS = re.compile(r"(?<![\d.,])\d{1,3}(?:[ ,.\u00a0\u202f\u2009']\d{3})+(?:[.,]\d+)?(?![\d])|\d+(?:[.,]\d+)?")
GROUP_MARKS = " \u00a0\u202f\u2009'"
SCALES = {"thousand": 1e3, "tausend": 1e3, "mille": 1e3, "million": 1e6, "millionen": 1e6, "mio": 1e6}
UNITS = {
    # English
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
    # German
    "null": 0, "eins": 1, "ein": 1, "eine": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6,
    "sieben": 7, "acht": 8, "neun": 9, "zehn": 10, "elf": 11, "zwölf": 12, "zwanzig": 20, "dreißig": 30,
    "vierzig": 40, "fünfzig": 50, "hundert": 100,
    # French
    "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "sept": 7, "huit": 8, "neuf": 9,
    "dix": 10, "vingt": 20, "trente": 30, "quarante": 40, "cinquante": 50, "cent": 100,
}  # fmt: skip
# "five-fold", "fünffach", "zweifach": the multiple is a number too.
FOLD = re.compile(r"^(\w+?)(?:-?fold|fach)$")
WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*", re.UNICODE)
# A fall is written as a number and a word of direction ("down 4 percent"), rarely with a minus sign.
FALLING = re.compile(
    r"\b(down|fell|fall|falls|declin\w*|decreas\w*|drop\w*|lower|less|reduc\w*|rückgang|gesunken|"
    r"gesenkt|weniger|baisse|diminu\w*)\b|[-−]\s?\d",
    re.IGNORECASE,
)


def digit_readings(token: str) -> set[float]:
    """A token of digits read with ',' or '.' as the decimal mark (and the other as a thousands mark)."""
    readings = set()
    for decimal, thousands in ((".", ","), (",", ".")):
        plain = token
        for mark in GROUP_MARKS + thousands:
            plain = plain.replace(mark, "")
        plain = plain.replace(decimal, ".")
        try:
            readings.add(float(plain))
        except ValueError:
            continue
    return readings


def word_value(word: str) -> float | None:
    """'seven' -> 7, 'thirty-five' -> 35, 'five-fold' -> 5, 'sieben' -> 7; None for other words."""
    word = word.lower()
    fold = FOLD.match(word)
    if fold and fold.group(1) in UNITS:
        return float(UNITS[fold.group(1)])
    parts = word.split("-")
    if all(part in UNITS for part in parts) and len(parts) <= 2:
        return float(sum(UNITS[part] for part in parts))
    return None


def numbers_in(text: str) -> set[float]:
    """Every number the text may state, each token in every reading, with a following scale word
    ("1.2 million") applied."""
    found: set[float] = set()
    for match in DIGITS.finditer(text):
        readings = digit_readings(match.group())
        found |= readings
        following = WORD.match(text[match.end() :].lstrip())
        if following and following.group().lower().rstrip(".") in SCALES:
            found |= {value * SCALES[following.group().lower().rstrip(".")] for value in readings}
    words = [word.group() for word in WORD.finditer(text)]
    for position, word in enumerate(words):
        value = word_value(word)
        if value is None:
            continue
        found.add(value)
        following = words[position + 1].lower() if position + 1 < len(words) else ""
        if following in SCALES:
            found.add(value * SCALES[following])
        if following == "hundred" and value < 10:
            found.add(value * 100)
    return found


def stated_values(value: str, kind: str) -> list[float]:
    """The numbers a row's words must state: its value, or both bounds of a range."""
    if kind == "range":
        bounds = re.fullmatch(RANGE_VALUE, value)
        return [float(bounds.group(1)), float(bounds.group(3))] if bounds else []
    return [float(value)] if value else []


def states(words: str, number: float) -> bool:
    """Whether the words state the number; a negative change by its size and a word of direction."""
    found = numbers_in(words)
    if number < 0:
        return stated(-number, found) and FALLING.search(words) is not None
    return stated(number, found)


def stated(number: float, found: set[float]) -> bool:
    return any(math.isclose(number, candidate, rel_tol=1e-9, abs_tol=1e-9) for candidate in found)


def derivation_problem(row, values: dict[str, str], figures_file: str) -> Problem | None:
    """The arithmetic of a derived value, checked against the values of the figures it names."""
    expression = qualifier_items(row.qualifier).get("derived", "")
    terms = derivation_terms(expression)
    unknown = [fid for _, fid in terms if fid not in values]
    if unknown:
        return Problem(
            figures_file,
            int(row.line),
            "qualifier",
            f"the derivation names figures that are not in figures.csv: {', '.join(unknown)}",
            "name the figures the value is derived from, e.g. derived:F019-F028-F032",
            row.qualifier,
        )
    try:
        result = sum(sign * float(values[fid]) for sign, fid in terms)
    except ValueError:
        return Problem(
            figures_file,
            int(row.line),
            "qualifier",
            "a derivation can only add or subtract figures that have one value",
            "name figures with plain values",
            row.qualifier,
        )
    if not math.isclose(result, float(row.value), rel_tol=1e-9, abs_tol=1e-9):
        return Problem(
            figures_file,
            int(row.line),
            "value",
            f"{row.figure_id}'s value is not what its derivation {expression} gives ({result:g})",
            "correct the value or the derivation",
            row.value,
        )
    return None


def quotation_problems(figures: pd.DataFrame, quotations: pd.DataFrame, shown: dict[str, str]) -> list[Problem]:
    """Every quoted figure whose words do not state its value (and is not a checked derivation), and every
    derivation whose arithmetic fails. ``figures`` and ``quotations`` are the raw tables (text, with their
    lines); ``shown`` the files' names as messages print them."""
    # itertuples cannot name a field "_line": the line of each row is "line" here.
    figures, quotations = figures.rename(columns={LINE: "line"}), quotations.rename(columns={LINE: "line"})
    rows = figures.set_index("figure_id")
    values = dict(zip(figures["figure_id"], figures["value"].where(figures["kind"] != "range", ""), strict=True))
    problems = []
    derived = figures[figures["qualifier"].map(lambda q: "derived" in qualifier_items(q))]
    checked = set(derived["figure_id"])
    for row in derived.itertuples(index=False):
        problem = derivation_problem(row, values, shown["figures"])
        if problem is not None:
            problems.append(problem)
    for quote in quotations.itertuples(index=False):
        if quote.figure_id not in rows.index or quote.figure_id in checked:
            continue
        figure = rows.loc[quote.figure_id]
        if figure["kind"] == "trend_statement":
            continue
        missing = [n for n in stated_values(figure["value"], figure["kind"]) if not states(quote.quotation, n)]
        if missing:
            what = " and ".join(f"{number:g}" for number in missing)
            problems.append(
                Problem(
                    shown["quotations"],
                    int(quote.line),
                    "quotation",
                    f"the words of {quote.figure_id} (figures.csv line {figure['line']}) do not state its value {what}",
                    "quote the source's words that state the number, correct the value, or say how it is derived "
                    "in its qualifier (derived:F019-F028-F032)",
                    quote.quotation,
                )
            )
    return problems


def unquoted_figures(figures: pd.DataFrame, quotations: pd.DataFrame) -> list[str]:
    """The figures that carry no quotation: `make data` lists them."""
    quoted = set(quotations["figure_id"])
    return [
        f"{row.figure_id} ({row.source_id}, line {row.line}) has no quotation: its words are not recorded"
        for row in figures.itertuples()
        if row.figure_id not in quoted
    ]
