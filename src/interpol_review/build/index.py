"""reports/index.html: every report with its variant, parameters, date of data and links to HTML and PDF."""

from __future__ import annotations

import html
import json
from pathlib import Path

from interpol_review.analysis.run import Settings
from interpol_review.core.atomic import write_text
from interpol_review.build.params import read_variant

STYLE = """body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;max-width:60rem;margin:2rem auto;
padding:0 1rem;color:#222;line-height:1.5}table{border-collapse:collapse;width:100%}th,td{text-align:left;
padding:.5rem;border-bottom:1px solid #ddd;vertical-align:top}code{font-size:.85em}.missing{color:#a00}"""


def changed_parameters(values: dict) -> str:
    defaults = Settings()
    changed = {k: v for k, v in values.items() if getattr(defaults, k, object()) != v}
    if not changed:
        return "defaults"
    return ", ".join(f"<code>{html.escape(k)} = {html.escape(repr(v))}</code>" for k, v in changed.items())


def index_html(params_files: list[Path], reports_dir: Path) -> str:
    rows = []
    for path in sorted(params_files):
        variant = path.stem
        settings = read_variant(path)
        results_file = reports_dir / variant / "results.json"
        results = json.loads(results_file.read_text()) if results_file.exists() else {}
        links = " ".join(
            f'<a href="{variant}/report.{kind}">{kind.upper()}</a>'
            if (reports_dir / variant / f"report.{kind}").exists()
            else f'<span class="missing">no {kind}</span>'
            for kind in ("html", "pdf")
        )
        rows.append(
            f"<tr><td><strong>{html.escape(variant)}</strong><br>{html.escape(settings.get('subtitle', ''))}</td>"
            f"<td>{html.escape(settings.get('description', ''))}</td>"
            f"<td>{changed_parameters(settings['parameters'])}</td>"
            f"<td>{html.escape(results.get('data_date', 'not built'))}</td><td>{links}</td></tr>"
        )
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>Reports: INTERPOL's refused and cancelled alerts</title><style>{STYLE}</style></head><body>"
        "<h1>Reports</h1><p>One report per variant (<code>params/&lt;variant&gt;.yaml</code>). The date of data is "
        "the month by which every figure used was public.</p>"
        "<table><thead><tr><th>Variant</th><th>What it shows</th><th>Parameters (other than defaults)</th>"
        "<th>Date of data</th><th>Report</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table></body></html>\n"
    )


def write_index(params_files: list[Path], reports_dir: Path) -> Path:
    target = reports_dir / "index.html"
    write_text(target, index_html(params_files, reports_dir))
    return target
