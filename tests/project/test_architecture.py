"""The package's layers: data flows one way, and import-linter refuses an import that runs back up."""

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def lint_imports(source: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", str(ROOT / "pyproject.toml"), "--no-cache"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(source), "PATH": "/usr/bin:/bin"},
    )


def test_the_package_keeps_its_layers():
    result = lint_imports(ROOT / "src")
    assert result.returncode == 0, result.stdout


def test_an_import_from_a_higher_layer_breaks_the_contract(tmp_path):
    source = tmp_path / "src"
    shutil.copytree(ROOT / "src", source, ignore=shutil.ignore_patterns("__pycache__"))
    module = source / "interpol_review" / "ledger" / "load.py"
    module.write_text(module.read_text() + "\nfrom interpol_review.report import plots  # noqa\n")
    result = lint_imports(source)
    assert result.returncode != 0
    assert "interpol_review.ledger.load -> interpol_review.report.plots" in result.stdout
