"""Every level printed comes from the `confidence` parameter: a 90% report never says 95% about its own
intervals (the methods chapter's coverage table, about the simulations, is the one place 95% belongs)."""

from __future__ import annotations

import re

import pytest
from helpers import cli, project_copy


@pytest.mark.slow  # a build or a kernel of its own: `make test-slow`
def test_a_90_percent_report_labels_every_interval_90_percent(tmp_path):
    copy = project_copy(tmp_path / "project")
    (copy / "params" / "ninety.yaml").write_text("confidence: 0.9\n", encoding="utf-8")
    result = cli("preview", "--variant", "ninety", "01,03,04,05", root=copy)
    assert result.returncode == 0, result.stderr + result.stdout
    page = (copy / "build" / "preview" / "ninety" / "report.html").read_text(encoding="utf-8")
    text = re.sub(r"<[^>]+>", " ", re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S))
    assert "90% interval" in text
    assert "95%" not in text
