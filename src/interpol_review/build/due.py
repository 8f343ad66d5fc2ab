"""Which reports are out of date, by the content of their inputs: quick enough for every `make report`.

Standard library only (no pandas, no nbconvert): a `make report` with nothing to do answers in a few
hundredths of a second, and a `git checkout` that changes timestamps but no content rebuilds nothing.
Run as `python -m interpol_review.build.due`: exit status 0 when every report is up to date, 1 when a
build is needed.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

KEY_FILE = ".inputs.sha256"  # inside reports/<variant>/, replaced with the report's other files
INDEX_KEY = ".index.sha256"
DATA_KEY = Path("data/processed/.inputs.sha256")  # what `make data` last validated
DATA_INPUTS = (("src", "**/*.py"), ("data/raw", "*"))
# Everything a report depends on besides its params file, by folder and pattern.
INPUTS = (
    ("src", "**/*.py"),
    ("src", "**/*.j2"),
    ("notebooks", "[0-9][0-9]-*.ipynb"),
    ("data/raw", "*"),
    ("docs", "methods.md"),
    ("docs", "coverage.csv"),
    (".", "requirements.txt"),
    (".", "pyproject.toml"),
)
# What a chapter's outputs depend on besides its code cells and parameters: not the notebooks' prose, so
# that an edit to a markdown cell re-renders the report without executing a chapter again.
EXECUTION_INPUTS = tuple(item for item in INPUTS if item[0] != "notebooks")


def digest_of(root: Path, inputs=INPUTS) -> str:
    """The SHA-256 of every shared input, by path and content."""
    digest = hashlib.sha256()
    for folder, pattern in inputs:
        for path in sorted((root / folder).glob(pattern)):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(path.relative_to(root).as_posix().encode())
                digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def report_key(shared: str, params_file: Path, engine: str) -> str:
    digest = hashlib.sha256(shared.encode())
    digest.update(params_file.read_bytes())
    digest.update(engine.encode())
    return digest.hexdigest()


def up_to_date(reports_dir: Path, variant: str, key: str) -> bool:
    folder = reports_dir / variant
    wanted = ("report.html", "report.pdf", "results.json")
    stored = folder / KEY_FILE
    return all((folder / name).exists() for name in wanted) and stored.exists() and stored.read_text() == key


def index_key(keys: dict[str, str]) -> str:
    return hashlib.sha256(repr(sorted(keys.items())).encode()).hexdigest()


def due(root: Path, params_files: list[Path], reports_dir: Path, engine: str) -> tuple[list[Path], bool]:
    """(params files whose report is out of date, whether the index is)."""
    shared = digest_of(root)
    keys = {path.stem: report_key(shared, path, engine) for path in params_files}
    stale = [path for path in params_files if not up_to_date(reports_dir, path.stem, keys[path.stem])]
    index = reports_dir / "index.html"
    index_stored = reports_dir / INDEX_KEY
    index_stale = not index.exists() or not index_stored.exists() or index_stored.read_text() != index_key(keys)
    return stale, index_stale


def data_up_to_date(root: Path) -> bool:
    """The processed tables were written from exactly these raw files by exactly this code."""
    stored = root / DATA_KEY
    return stored.exists() and stored.read_text() == digest_of(root, DATA_INPUTS)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path.cwd())
    parser.add_argument("--pdf-engine", default="latex")
    parser.add_argument("--data", action="store_true", help="only whether data/processed is up to date")
    arguments = parser.parse_args(argv)
    root = arguments.root
    if arguments.data:
        return 0 if data_up_to_date(root) else 1
    params_files = sorted((root / "params").glob("*"))
    if any(
        path.suffix != ".yaml" or not path.stem.replace("-", "").replace("_", "").isalnum() for path in params_files
    ):
        return 1  # the build explains what is wrong with the name
    stale, index_stale = due(root, params_files, root / "reports", arguments.pdf_engine)
    return 1 if stale or index_stale else 0


if __name__ == "__main__":
    sys.exit(main())
