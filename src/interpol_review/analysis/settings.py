"""The report's parameters, declared once: name, type, default, accepted values and help.

Everything else is derived from this declaration: the check of a params file, of a chapter's parameters
in Jupyter and of the values papermill injects (the same mistake gets the same message wherever it is
made), the parameters cell of every chapter (`make parameters`), `papermill --help-notebook`, and the
table of parameters in README.md.
"""

from __future__ import annotations

import difflib
import math
import re
import typing
from dataclasses import MISSING, asdict, dataclass, field, fields, replace
from typing import Any

from interpol_review.core.choices import (
    COUNT_MODELS,
    DISAGREEMENT_RULES,
    INTERVAL_METHODS,
    RISING_SHARE_RULES,
    SCOPE_BREAK_RULES,
)
from interpol_review.core.errors import ParameterError

LATEST = "latest"
MONTH = r"(19|20)\d\d-(0[1-9]|1[0-2])"
FIRST_YEAR, LAST_YEAR = 2000, 2100  # a sanity range; the years must also hold data (Settings.resolve)


def parameter(
    default: Any,
    help: str,
    *,
    choices: dict[str, str] | None = None,
    minimum: float | None = None,
    maximum: float | None = None,
    pattern: tuple[str, str] | None = None,
    role: str = "analysis",
) -> Any:
    """A dataclass field that carries its own documentation and accepted values.

    ``choices`` maps each accepted word to its meaning; ``minimum`` and ``maximum`` bound a number
    (inclusive); ``pattern`` is (regular expression, how to write it) for a string; ``role`` is
    "analysis" (the value changes numbers) or "report" (title and wording only).
    """
    metadata = {"help": help, "choices": choices, "minimum": minimum, "maximum": maximum, "pattern": pattern}
    return field(default=default, metadata=metadata | {"role": role})


# The accepted words of the method parameters live beside the code that applies them.


@dataclass(frozen=True)
class Settings:
    """Every parameter of a report. A params file, papermill's ``-p``/``-f`` and a chapter's parameters
    cell all set these names; nothing else is accepted."""

    title: str = parameter(
        "What INTERPOL publishes about the alerts it refuses and deletes",
        "the report's title (cover, HTML title, PDF metadata)",
        role="report",
    )
    subtitle: str = parameter("", "a line under the title, e.g. what this variant shows", role="report")
    description: str = parameter("", "one sentence for the index page: what this variant shows", role="report")
    start_year: int = parameter(
        2017, "first year of the task force's figures shown and analysed", minimum=FIRST_YEAR, maximum=LAST_YEAR
    )
    end_year: int | str = parameter(
        LATEST,
        "last year shown and analysed (latest: the last year with a task force or CCF figure)",
        minimum=FIRST_YEAR,
        maximum=LAST_YEAR,
        choices={LATEST: "the last year with a task force or CCF figure public by published_by"},
    )
    ccf_start_year: int = parameter(
        2011, "first year of the CCF's complaint figures shown and analysed", minimum=FIRST_YEAR, maximum=LAST_YEAR
    )
    published_by: str = parameter(
        "",
        "keep only figures public by this month; empty keeps all",
        pattern=(f"(?:{MONTH})?", "a month as YYYY-MM, e.g. 2022-11, or nothing"),
    )
    compare_with: str = parameter(
        "previous",
        "the earlier data date that the section on changes compares with",
        choices={
            "previous": "the last month before this report's data date in which figures were published",
            "none": "no section on changes",
        },
        pattern=(MONTH, "previous, none or a month as YYYY-MM"),
    )
    confidence: float = parameter(0.95, "confidence level of every interval", minimum=0.5, maximum=0.999)
    interval_method: str = parameter("exact_poisson", "interval for a yearly rate", choices=INTERVAL_METHODS)
    count_model: str = parameter("quasi_poisson", "count model of the trends", choices=COUNT_MODELS)
    disagreement_rule: str = parameter(
        "sum_of_parts", "which of the disagreeing 2021 Article 2 and 3 figures wins", choices=DISAGREEMENT_RULES
    )
    scope_break: str = parameter(
        "own_level", "how the 2023 and 2024 figures (scope possibly wider) enter", choices=SCOPE_BREAK_RULES
    )
    rising_share: str = parameter(
        "impose", "the statement that the 2017-2020 share rose every year", choices=RISING_SHARE_RULES
    )
    requests_low: int = parameter(
        25000, "scenario: fewest requests received in a year (not published)", minimum=1, maximum=10_000_000
    )
    requests_high: int = parameter(
        40000, "scenario: most requests received in a year (not published)", minimum=1, maximum=10_000_000
    )
    staff_low: int = parameter(30, "scenario: fewest task force staff", minimum=1, maximum=10_000)
    staff_high: int = parameter(40, "scenario: most task force staff", minimum=1, maximum=10_000)
    seed: int = parameter(20221111, "random seed of every simulation", minimum=0, maximum=2**32 - 1)
    simulations: int = parameter(10000, "simulated draws per prediction interval", minimum=1000, maximum=1_000_000)
    bootstrap: int = parameter(
        200, "parametric bootstrap samples that calibrate each trend interval", minimum=50, maximum=20_000
    )

    def analysis_values(self) -> dict[str, Any]:
        """The values that change numbers (the cache key of an analysis): title and wording excluded."""
        return {spec.name: getattr(self, spec.name) for spec in fields(self) if spec.metadata["role"] == "analysis"}

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def declared() -> list:
    """The parameters in declaration order, as dataclass fields (name, type, default, metadata)."""
    return list(fields(Settings))


def type_names() -> dict[str, tuple[type, ...]]:
    """Each parameter's accepted Python types, from the annotations."""
    hints = typing.get_type_hints(Settings)
    accepted = {}
    for name, hint in hints.items():
        accepted[name] = typing.get_args(hint) or (hint,)
    return accepted


TYPE_WORDS = {bool: "true or false", int: "a whole number", float: "a number", str: "text"}


def type_label(types: tuple[type, ...], choices: dict[str, str]) -> str:
    """'a number', or for a year that may also be a word: "a whole number or 'latest'"."""
    words = [TYPE_WORDS[kind] for kind in types if kind is not str or not choices]
    if str in types and choices and len(types) > 1:
        words += [repr(choice) for choice in choices]
    return " or ".join(words)


def type_accepted(value: Any, accepted: tuple[type, ...]) -> bool:
    """A bool is not a number here, and a whole number is a float where a float is asked for."""
    if isinstance(value, bool):
        return bool in accepted
    return isinstance(value, accepted) or (float in accepted and isinstance(value, int))


def value_problems(values: dict[str, Any]) -> list[str]:
    """Every unknown name, wrong type and value out of its accepted set, as sentences with their fix."""
    specs = {spec.name: spec for spec in declared()}
    types = type_names()
    problems = []
    for name, value in values.items():
        if name not in specs:
            close = difflib.get_close_matches(name, specs, n=1)
            hint = f"did you mean '{close[0]}'? " if close else ""
            problems.append(f"unknown parameter '{name}': {hint}accepted names are {', '.join(specs)}")
            continue
        accepted = types[name]
        if not type_accepted(value, accepted):
            label = type_label(accepted, specs[name].metadata["choices"] or {})
            hint = quoting_hint(name, value, accepted, specs[name].metadata["choices"])
            problems.append(f"parameter '{name}' must be {label}, got {type(value).__name__} {value!r}{hint}")
            continue
        problem = range_problem(name, value, specs[name].metadata, accepted)
        if problem:
            problems.append(problem)
    return problems


def quoting_hint(name: str, value: Any, accepted: tuple[type, ...], choices: dict | None) -> str:
    """YAML reads `subtitle: 2024` as a number and `seed: "7"` as text: say how to write what was meant."""
    if value is None:
        return " (give it a value, or delete the line to keep the default)"
    if str in accepted and not choices and not isinstance(value, str):
        return f' (put it in quotes: {name}: "{value}")'
    if isinstance(value, str) and (int in accepted or float in accepted) and looks_like_number(value):
        return f" (write it without quotes: {name}: {value})"
    return ""


def looks_like_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def range_problem(name: str, value: Any, metadata: dict, types: tuple[type, ...]) -> str | None:
    choices, pattern = metadata["choices"] or {}, metadata["pattern"]
    if isinstance(value, str):
        if value in choices or (pattern and re.fullmatch(pattern[0], value)) or not (choices or pattern):
            return None
        if pattern:
            return f"parameter '{name}' = {value!r}: write {pattern[1]}"
        if len(types) > 1:
            return f"parameter '{name}' = {value!r}: write {type_label(types, choices)}"
        return f"parameter '{name}' = {value!r}: accepted values are {', '.join(choices)}"
    low, high = metadata["minimum"], metadata["maximum"]
    number_given = isinstance(value, int | float) and not isinstance(value, bool)
    if number_given and low is not None and (not math.isfinite(value) or not low <= value <= high):
        return f"parameter '{name}' = {value!r}: it must lie between {number(low)} and {number(high)}"
    return None


def number(value: float) -> str:
    return f"{value:,}" if float(value).is_integer() and abs(value) >= 10_000 else f"{value:g}"


def relation_problems(settings: Settings) -> list[str]:
    """Rules between parameters."""
    problems = []
    if isinstance(settings.end_year, int) and settings.end_year < settings.start_year:
        problems.append(f"end_year ({settings.end_year}) is before start_year ({settings.start_year})")
    for low, high in (("requests_low", "requests_high"), ("staff_low", "staff_high")):
        if getattr(settings, low) > getattr(settings, high):
            problems.append(f"{low} ({getattr(settings, low)}) is above {high} ({getattr(settings, high)})")
    return problems


def settings_from(values: dict[str, Any], source: str) -> Settings:
    """Checked Settings for ``values`` (names not given keep their defaults); ParameterError names every
    problem at once, prefixed by ``source`` (a params file, or "the chapter's parameters")."""
    problems = value_problems(values)
    if not problems:
        settings = replace(Settings(), **values)
        problems = relation_problems(settings)
    if problems:
        raise ParameterError(f"{source}: " + "; ".join(problems))
    return settings


def default_of(spec) -> Any:
    return spec.default if spec.default is not MISSING else spec.default_factory()
