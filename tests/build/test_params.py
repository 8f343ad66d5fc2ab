"""Variant files and parameters are checked before any notebook runs."""

from pathlib import Path

import pytest

from interpol_review.build import params
from interpol_review.build.variant import chapter_notebooks
from interpol_review.core.errors import ParameterError

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def declared():
    return params.declared_parameters(chapter_notebooks(ROOT / "notebooks"))


def test_every_variant_file_is_valid(declared):
    for path in sorted((ROOT / "params").glob("*.yaml")):
        settings = params.read_variant(path)
        params.validate(settings["parameters"], declared, str(path))


def test_chapters_declare_type_default_and_help(declared):
    for name, spec in declared.items():
        assert spec["inferred_type_name"] != "None", name
        assert spec["help"], f"parameter {name} has no help comment"


def test_a_misspelled_parameter_is_rejected_with_a_suggestion(declared):
    with pytest.raises(ParameterError, match="unknown parameter 'start_yaer': did you mean 'start_year'"):
        params.validate({"start_yaer": 2017}, declared, "params/x.yaml")


def test_a_wrong_type_is_rejected(declared):
    with pytest.raises(ParameterError, match="'end_year' must be of type int, got str"):
        params.validate({"end_year": "2024"}, declared, "params/x.yaml")
    with pytest.raises(ParameterError, match="must be of type int, got bool"):
        params.validate({"end_year": True}, declared, "params/x.yaml")


def test_an_end_before_the_start_is_rejected(declared):
    with pytest.raises(ParameterError, match=r"end_year \(2016\) is before start_year \(2017\)"):
        params.validate({"end_year": 2016}, declared, "params/x.yaml")


def test_a_year_outside_the_range_is_rejected(declared):
    with pytest.raises(ParameterError, match="start_year = 1990 is outside"):
        params.validate({"start_year": 1990}, declared, "params/x.yaml")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("parameters: [1, 2\n", "not valid YAML"),
        ("- a\n- b\n", "expected a mapping"),
        ("paramters:\n  start_year: 2017\n", "unknown key"),
        ("parameters: 5\n", "must be a mapping"),
    ],
)
def test_a_bad_variant_file_is_rejected(tmp_path, text, message):
    path = tmp_path / "bad.yaml"
    path.write_text(text)
    with pytest.raises(ParameterError, match=message):
        params.read_variant(path)
