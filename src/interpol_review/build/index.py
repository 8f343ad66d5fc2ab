"""reports/index.html, the front door: which report to read first, each variant's headline numbers side by
side, what changed since its previous data date, and links to every HTML and PDF (a Jinja template)."""

from __future__ import annotations

import json
from pathlib import Path

import jinja2

from interpol_review.analysis.settings import Settings
from interpol_review.build.due import INDEX_KEY
from interpol_review.build.params import read_params_file
from interpol_review.core import identity
from interpol_review.core.atomic import write_text
from interpol_review.core.formatting import interval, level, number, percent, percent_interval, plural

TEMPLATES = Path(__file__).parent / "templates"
READ_FIRST = "latest"


def headline(results: dict, key: str) -> dict | None:
    return next((item for item in results.get("headlines", []) if item["key"] == key), None)


def count_text(results: dict) -> str:
    item = headline(results, "task_force_latest_comparable_count") or headline(results, "task_force_latest_count")
    return f"{number(item['value'])} in {item['year']}" if item else "not built"


def confidence_of(results: dict) -> str:
    return level(results.get("parameters", {}).get("confidence", 0.95))


def rate_text(results: dict) -> str:
    item = headline(results, "task_force_latest_rate")
    if not item:
        return ""
    bounds = interval(item["low"], item["high"], 1)
    return f"{number(item['value'], 1)} in {item['year']} ({confidence_of(results)} interval {bounds})"


def share_text(results: dict) -> str:
    item = headline(results, "ccf_deletion_share")
    if not item:
        return ""
    bounds = percent_interval(item["low"], item["high"])
    return f"{percent(item['value'])} in {item['year']} ({confidence_of(results)} interval {bounds})"


def changes_text(results: dict) -> str:
    changes = results.get("changes_since")
    if not changes:
        return ""
    return (
        f"since {changes['since']}: {plural(len(changes['figures_added']), 'figure')} added, "
        f"{plural(len(changes['verdicts_moved']), 'verdict')} moved"
    )


def changed_parameters(settings: Settings) -> list[str]:
    defaults = Settings()
    return [
        f"{name} = {value}"
        for name, value in settings.as_dict().items()
        if name not in ("title", "subtitle", "description") and getattr(defaults, name) != value
    ]


def read_results(path: Path) -> dict:
    """A report's results.json, or nothing when it is missing or unreadable (the index says "not built")."""
    try:
        results = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return results if isinstance(results, dict) else {}


def index_html(params_files: list[Path], reports_dir: Path) -> str:
    rows = []
    for path in sorted(params_files):
        variant, settings = read_params_file(path)
        results_file = reports_dir / variant / "results.json"
        results = read_results(results_file)
        rows.append(
            {
                "variant": variant,
                "description": settings.description or settings.subtitle,
                "data_date": results.get("data_date", "not built"),
                "count": count_text(results),
                "rate": rate_text(results),
                "share": share_text(results),
                "changes": changes_text(results),
                "parameters": changed_parameters(settings),
                "links": [
                    {
                        "label": kind.upper(),
                        "href": f"{variant}/report.{kind}",
                        "exists": (reports_dir / variant / f"report.{kind}").exists(),
                    }
                    for kind in ("html", "pdf")
                ],
            }
        )
    first = next((row for row in rows if row["variant"] == READ_FIRST), rows[0] if rows else None)
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True)
    return environment.get_template("index.html.j2").render(
        title=Settings().title,
        kicker=identity.KICKER,
        licence=identity.LICENCE,
        rows=rows,
        read_first=first,
    )


def write_index(params_files: list[Path], reports_dir: Path, key: str = "") -> Path:
    target = reports_dir / "index.html"
    write_text(target, index_html(params_files, reports_dir))
    write_text(reports_dir / INDEX_KEY, key)
    return target
