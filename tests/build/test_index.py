"""reports/index.html: every variant with its headline numbers, changed parameters (escaped) and links."""

from __future__ import annotations

import json

from helpers import ROOT

from interpol_review.build.index import index_html


def test_index_lists_each_variant_with_changed_parameters_and_links(tmp_path):
    (tmp_path / "latest").mkdir()
    (tmp_path / "latest" / "report.html").write_text("x")
    (tmp_path / "latest" / "report.pdf").write_text("x")
    results = {
        "data_date": "2026-02",
        "parameters": {"confidence": 0.9},
        "headlines": [
            {"key": "task_force_latest_count", "year": "2023", "value": 1598.0, "low": 1598.0, "high": 1598.0}
        ],
    }
    (tmp_path / "latest" / "results.json").write_text(json.dumps(results))
    page = index_html(sorted((ROOT / "params").glob("*.yaml")), tmp_path)
    assert 'href="latest/report.html"' in page and 'href="latest/report.pdf"' in page
    assert "2026-02" in page and "1,598 in 2023" in page
    assert "published_by = 2022-11" in page  # the briefing variant's parameters
    assert "not built" in page  # variants not built yet say so
    assert "http://" not in page and "https://" not in page  # works offline: no external resources


def test_text_from_a_params_file_is_escaped(tmp_path):
    params = tmp_path / "params"
    params.mkdir()
    (params / "odd.yaml").write_text('description: "<script>alert(1)</script>"\n')
    page = index_html([params / "odd.yaml"], tmp_path / "reports")
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page
