"""A variant's files are written together into a staging folder beside reports/<variant>/ and replace the
old folder in one step, so a failed or interrupted build (Ctrl-C, a full disk, a file-size limit) never
leaves a mix of old and new files: readers see the previous complete report or the new one.

On Linux the swap is one atomic renameat2(RENAME_EXCHANGE); elsewhere two renames, between which the
folder is briefly absent but never mixed. Leftovers of an interrupted swap are removed by the next build.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import tempfile
from pathlib import Path

RENAME_EXCHANGE = 2
AT_FDCWD = -100
PREFIXES = (".staging-", ".previous-")


def staging_folder(reports_dir: Path, variant: str) -> Path:
    reports_dir.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f".staging-{variant}-", dir=reports_dir))


def exchange(first: Path, second: Path) -> bool:
    """Swap two paths atomically (Linux renameat2); False where the system cannot."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    result = renameat2(AT_FDCWD, os.fsencode(first), AT_FDCWD, os.fsencode(second), RENAME_EXCHANGE)
    if result != 0:
        error = ctypes.get_errno()
        if error in (22, 38, 95):  # EINVAL, ENOSYS, EOPNOTSUPP: the file system cannot exchange
            return False
        raise OSError(error, os.strerror(error), str(second))
    return True


def publish(staging: Path, target: Path) -> None:
    """Make ``staging`` the report folder ``target``; the old folder is removed afterwards."""
    os.chmod(staging, 0o755)
    if not target.exists():
        os.rename(staging, target)
        return
    if exchange(staging, target):
        shutil.rmtree(staging)
        return
    previous = Path(tempfile.mkdtemp(prefix=f".previous-{target.name}-", dir=target.parent))
    os.rename(target, previous / target.name)
    os.rename(staging, target)
    shutil.rmtree(previous)


def remove_leftovers(reports_dir: Path) -> None:
    """Staging and previous folders of builds that were killed before they finished."""
    if not reports_dir.is_dir():
        return
    for path in reports_dir.iterdir():
        if path.is_dir() and path.name.startswith(PREFIXES):
            shutil.rmtree(path, ignore_errors=True)
