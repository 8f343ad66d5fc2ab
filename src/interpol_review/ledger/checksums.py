"""SHA-256 guard over the raw files: a changed byte is found and, where git knows the file, located."""

from __future__ import annotations

import csv
import hashlib
import io
import re
import subprocess
from pathlib import Path

from interpol_review.core.atomic import write_text
from interpol_review.core.errors import LedgerError, Problem
from interpol_review.core.paths import shown_path

MANIFEST = "SHA256SUMS"
MANIFEST_LINE = re.compile(r"(?P<digest>[0-9a-f]{64}) [ *](?P<name>[A-Za-z0-9_.-]+)")
FIX = (
    "if the change is intended (a newly published figure), run `make checksums` to record it; "
    "otherwise restore the file with `git checkout -- {path}`"
)


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_manifest(raw_dir: Path) -> dict[str, str]:
    """{file name: expected hash} from ``SHA256SUMS`` in the format of ``sha256sum``."""
    manifest = raw_dir / MANIFEST
    shown = shown_path(manifest)
    if not manifest.exists():
        raise LedgerError([Problem(shown, None, None, "the checksum file is missing", "run `make checksums`")])
    expected, problems = {}, []
    for number, line in enumerate(manifest.read_text(encoding="utf-8", errors="replace").splitlines(), start=1):
        match = MANIFEST_LINE.fullmatch(line.strip())
        if match:
            expected[match["name"]] = match["digest"]
        elif line.strip():
            fix = "run `make checksums` to rewrite it, or `git checkout -- data/raw/SHA256SUMS`"
            problems.append(Problem(shown, number, None, "the line is not '<sha256>  <file name>'", fix, line))
    if problems:
        raise LedgerError(problems)
    return expected


def write_manifest(raw_dir: Path, names: list[str]) -> Path:
    manifest = raw_dir / MANIFEST
    write_text(manifest, "".join(f"{sha256_of(raw_dir / name)}  {name}\n" for name in sorted(names)))
    return manifest


def verify(raw_dir: Path, names: list[str]) -> None:
    """Raise LedgerError naming each raw file whose bytes differ from the manifest."""
    expected = read_manifest(raw_dir)
    problems = []
    for name in names:
        shown = shown_path(raw_dir / name)
        if name not in expected:
            problems.append(Problem(shown, None, None, "the file has no checksum", "run `make checksums`"))
        elif sha256_of(raw_dir / name) != expected[name]:
            problems.extend(locate_change(raw_dir / name, shown))
    if problems:
        raise LedgerError(problems)


def locate_change(path: Path, shown: str) -> list[Problem]:
    """Name the cells that differ from the committed file; fall back to the whole file without git."""
    committed = committed_text(path)
    fix = FIX.format(path=shown)
    rule = "the content differs from the checksummed version"
    if committed is None:
        return [Problem(shown, None, None, f"{rule} (SHA-256 mismatch)", fix)]
    old_rows = list(csv.reader(io.StringIO(committed)))
    new_rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8", errors="replace"))))
    header = new_rows[0] if new_rows else []
    problems = []
    for number, (old, new) in enumerate(zip(old_rows, new_rows, strict=False), start=1):
        for position, (was, now) in enumerate(zip(old, new, strict=False)):
            if was != now:
                column = header[position] if position < len(header) else None
                problems.append(Problem(shown, number, column, f"{rule} (was {was!r})", fix, now))
    if not problems:  # the change is in line endings, added or removed rows, or invisible bytes
        problems.append(Problem(shown, None, None, f"{rule} (SHA-256 mismatch)", fix))
    return problems


def committed_text(path: Path) -> str | None:
    try:
        result = subprocess.run(
            ["git", "show", f"HEAD:./{path.name}"], cwd=path.parent, capture_output=True, text=True, check=False
        )
    except OSError:
        return None
    return result.stdout if result.returncode == 0 else None
