"""Params files: the name is the variant and a folder of reports/, so only safe names pass; the content is
a flat mapping papermill reads too; every problem is named before anything runs."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import ROOT

from interpol_review.build.params import params_file_of, read_params_file, variant_name
from interpol_review.core.errors import ParameterError


def test_every_committed_params_file_is_valid():
    for path in sorted((ROOT / "params").glob("*.yaml")):
        variant, settings = read_params_file(path)
        assert variant == path.stem and settings.title


@pytest.mark.parametrize(
    "name",
    [
        "$(id).yaml",
        "a;rm -rf ~.yaml",
        "my variant.yaml",
        "<b>x</b>.yaml",
        "latest.yml",
        "latest.yaml.bak",
        ".yaml",
        "-".join(["x"] * 1) + "\n.yaml",
        "émigré.yaml",
    ],
)
def test_an_unsafe_variant_name_is_refused_before_the_file_is_read(name):
    with pytest.raises(ParameterError, match="letters, digits, '-' and '_' only"):
        variant_name(Path("params") / name)


@pytest.mark.parametrize("name", ["latest", "briefing-2022", "my_variant_2"])
def test_a_plain_name_is_the_variant(name):
    assert variant_name(Path("params") / f"{name}.yaml") == name


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("seed: [1, 2\n", "line 2, column 1: the file is not valid YAML"),
        ("- a\n- b\n", "expected one `name: value` per line"),
        ("paramters: 5\n", "unknown parameter 'paramters'"),
        ("seed: -1\n", "'seed' = -1"),
        ("title: \x00\x01\n", "not valid YAML"),
    ],
)
def test_a_bad_params_file_is_named_with_the_fix(tmp_path, text, message):
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ParameterError, match="bad.yaml") as caught:
        read_params_file(path)
    assert message in str(caught.value)


def test_an_empty_file_keeps_every_default(tmp_path):
    (tmp_path / "plain.yaml").write_text("", encoding="utf-8")
    assert read_params_file(tmp_path / "plain.yaml")[1].start_year == 2017


def test_a_huge_or_binary_file_is_refused(tmp_path):
    (tmp_path / "huge.yaml").write_text("# " + "x" * 100_000, encoding="utf-8")
    with pytest.raises(ParameterError, match="over 64,000 bytes"):
        read_params_file(tmp_path / "huge.yaml")
    (tmp_path / "binary.yaml").write_bytes(b"\xff\xfe\x00t")
    with pytest.raises(ParameterError, match="not UTF-8"):
        read_params_file(tmp_path / "binary.yaml")


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(ParameterError, match="does not exist"):
        read_params_file(tmp_path / "nothing.yaml")


@pytest.mark.parametrize("variant", ["../latest", "$(id)", "a;b", "lat est", ""])
def test_a_variant_named_on_the_command_line_must_be_a_plain_name(variant):
    with pytest.raises(ParameterError, match="letters, digits, '-' and '_' only"):
        params_file_of(variant, ROOT / "params")


def test_an_unknown_variant_lists_the_known_ones():
    with pytest.raises(ParameterError, match="no nosuch.yaml in params/. Fix: one of briefing-2022, latest"):
        params_file_of("nosuch", ROOT / "params")
