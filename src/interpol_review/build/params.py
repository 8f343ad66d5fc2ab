"""Report parameters: read a variant's YAML file and check it against what the chapters declare.

papermill only warns about a parameter no notebook declares; a misspelled name would then silently run
the report with the default. Here it is an error, as are a wrong type and an out-of-range value, all
raised before any notebook runs.
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any

import papermill
import yaml

from interpol_review.core.errors import ParameterError

# papermill's inferred type names, and the Python types a YAML value of that parameter may have.
ACCEPTED_TYPES: dict[str, tuple[type, ...]] = {
    "int": (int,),
    "float": (int, float),
    "str": (str,),
    "bool": (bool,),
    "list": (list,),
    "dict": (dict,),
}
VARIANT_KEYS = {"title", "subtitle", "description", "parameters"}


def read_variant(path: Path) -> dict[str, Any]:
    """The variant's settings: ``title``, ``subtitle``, ``description`` and ``parameters``."""
    try:
        settings = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise ParameterError(f"{path}: the params file does not exist. Fix: check the variant name") from error
    except yaml.YAMLError as error:
        place = getattr(error, "problem_mark", None)
        where = f", line {place.line + 1}, column {place.column + 1}" if place else ""
        raise ParameterError(
            f"{path}{where}: the file is not valid YAML ({getattr(error, 'problem', error)}). "
            "Fix: write one `name: value` per line under `parameters:`"
        ) from error
    if not isinstance(settings, dict):
        raise ParameterError(
            f"{path}: expected a mapping with keys {sorted(VARIANT_KEYS)}. Fix: see params/latest.yaml"
        )
    unknown = set(settings) - VARIANT_KEYS
    if unknown:
        raise ParameterError(f"{path}: unknown key(s) {sorted(unknown)}. Fix: use only {sorted(VARIANT_KEYS)}")
    parameters = settings.get("parameters") or {}
    if not isinstance(parameters, dict):
        raise ParameterError(f"{path}: 'parameters' must be a mapping of name: value. Fix: see params/latest.yaml")
    return {**settings, "parameters": parameters}


def declared_parameters(notebooks: list[Path]) -> dict[str, dict[str, Any]]:
    """Every parameter the chapters declare, by name, with its type, default and help (papermill's view)."""
    declared: dict[str, dict[str, Any]] = {}
    for notebook in notebooks:
        for name, spec in papermill.inspect_notebook(str(notebook)).items():
            declared.setdefault(name, {**spec, "notebooks": []})["notebooks"].append(notebook.name)
    return declared


def validate(values: dict[str, Any], declared: dict[str, dict[str, Any]], source: str) -> None:
    """Raise ParameterError naming each unknown, mistyped or out-of-range parameter in ``values``."""
    problems = []
    for name, value in values.items():
        if name not in declared:
            close = difflib.get_close_matches(name, declared, n=1)
            hint = f"did you mean '{close[0]}'? " if close else ""
            problems.append(f"unknown parameter '{name}': {hint}accepted names are {', '.join(sorted(declared))}")
            continue
        type_name = declared[name]["inferred_type_name"]
        accepted = ACCEPTED_TYPES.get(type_name)
        if accepted and (not isinstance(value, accepted) or (isinstance(value, bool) and bool not in accepted)):
            problems.append(f"parameter '{name}' must be of type {type_name}, got {type(value).__name__} {value!r}")
    if not problems:
        problems = range_problems({**defaults(declared), **values})
    if problems:
        raise ParameterError(f"{source}: " + "; ".join(problems))


def defaults(declared: dict[str, dict[str, Any]]) -> dict[str, Any]:
    values = {}
    for name, spec in declared.items():
        try:
            values[name] = yaml.safe_load(spec["default"])
        except yaml.YAMLError:
            values[name] = spec["default"]
    return values


def range_problems(values: dict[str, Any]) -> list[str]:
    """The accepted values and ranges, as the analysis itself checks them (analysis.Settings.check)."""
    from interpol_review.analysis.run import Settings  # imported here: the analysis stack is heavy and not needed for a --help

    try:
        Settings.from_values(values).check()
    except ValueError as error:
        return [str(error)]
    return []
