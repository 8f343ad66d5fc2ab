"""reports/index.html lists every variant with its parameters, date of data and links."""

import json
from pathlib import Path

from interpol_review.build.index import index_html

ROOT = Path(__file__).resolve().parents[2]


def test_index_lists_each_variant_with_changed_parameters_and_links(tmp_path):
    (tmp_path / "latest").mkdir()
    (tmp_path / "latest" / "report.html").write_text("x")
    (tmp_path / "latest" / "report.pdf").write_text("x")
    (tmp_path / "latest" / "results.json").write_text(json.dumps({"data_date": "2026-01"}))
    page = index_html(sorted((ROOT / "params").glob("*.yaml")), tmp_path)
    assert '<a href="latest/report.html">HTML</a>' in page and '<a href="latest/report.pdf">PDF</a>' in page
    assert "2026-01" in page
    assert "published_by = &#x27;2022-11&#x27;" in page  # the briefing variant's parameters, escaped
    assert "no pdf" in page  # variants not built yet say so
    assert "http" not in page  # works offline: no external resources
