"""Variant files: params/<variant>.yaml, one `name: value` per parameter, checked before anything runs.

The file is a plain mapping of parameters, so papermill reads it too (`papermill -f params/latest.yaml`).
Its name is the variant's name, which becomes a folder under reports/: only letters, digits, `-` and `_`,
so that no file name can become a command, a path outside reports/ or markup in the index.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from interpol_review.analysis.settings import Settings, settings_from
from interpol_review.core.errors import ParameterError

VARIANT_NAME = re.compile(r"[A-Za-z0-9_-]+")
MAX_BYTES = 64_000  # a params file is a few lines; anything larger is a mistake, not a report


def variant_name(path: Path) -> str:
    """The variant a params file defines; ParameterError unless the name is safe and the suffix .yaml."""
    if path.suffix != ".yaml" or not VARIANT_NAME.fullmatch(path.stem):
        raise ParameterError(
            f"{str(path)!r}: a params file is named <variant>.yaml, the variant made of letters, digits, '-' "
            "and '_' only (it names a folder of reports/). Fix: rename the file, e.g. params/my-variant.yaml"
        )
    return path.stem


def params_file_of(variant: str, params_dir: Path) -> Path:
    """params/<variant>.yaml for a variant named on the command line (make report VARIANT=...)."""
    if not VARIANT_NAME.fullmatch(variant):
        raise ParameterError(
            f"VARIANT {variant!r}: a variant is the name of a file in params/ (letters, digits, '-' and '_' only). "
            f"Fix: one of {', '.join(sorted(path.stem for path in params_dir.glob('*.yaml')))}"
        )
    path = params_dir / f"{variant}.yaml"
    if not path.exists():
        known = ", ".join(sorted(p.stem for p in params_dir.glob("*.yaml")))
        raise ParameterError(f"VARIANT {variant!r}: there is no {path.name} in params/. Fix: one of {known}")
    return path


def read_params_file(path: Path) -> tuple[str, Settings]:
    """(variant name, checked settings) of one params file."""
    variant = variant_name(path)
    try:
        if path.stat().st_size > MAX_BYTES:
            raise ParameterError(f"{path}: the file is over {MAX_BYTES:,} bytes. Fix: a params file holds a few lines")
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as error:
        raise ParameterError(f"{path}: the params file does not exist. Fix: check the variant name") from error
    except UnicodeDecodeError as error:
        raise ParameterError(f"{path}: the file is not UTF-8 text. Fix: save it as UTF-8") from error
    try:
        values = yaml.safe_load(text)
    except yaml.YAMLError as error:
        place = getattr(error, "problem_mark", None)
        where = f", line {place.line + 1}, column {place.column + 1}" if place else ""
        raise ParameterError(
            f"{path}{where}: the file is not valid YAML ({getattr(error, 'problem', error)}). "
            "Fix: write one `name: value` per line, as in params/latest.yaml"
        ) from error
    if values is None:
        values = {}
    if not isinstance(values, dict) or not all(isinstance(key, str) for key in values):
        raise ParameterError(
            f"{path}: expected one `name: value` per line (a YAML mapping). Fix: see params/latest.yaml"
        )
    return variant, settings_from(values, str(path))


def check_params_files(params_files: list[Path]) -> None:
    """Every params file's name and content, checked before anything runs: one broken file stops all."""
    for path in params_files:
        read_params_file(path)


def all_params_files(params_dir: Path) -> list[Path]:
    """Every file of params/ (hidden files aside): a file with a bad name is refused, never skipped."""
    return sorted(path for path in params_dir.iterdir() if not path.name.startswith(".")) if params_dir.is_dir() else []
