"""Results kept on disk by the hash of everything they depend on: an unchanged input never recomputes.

A key covers the inputs themselves (tables by their content, settings by value) and the source code of
the layers that compute them (core, ledger, checks, stats, analysis): an edit to the report's wording or
to a chapter reuses every analysis; an edit to a model recomputes. Variants that share a step (the same
panel, the same trend data) share its result, and so do the editions compared in "what changed".
Written atomically, so parallel builds never read half a file.
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
import pandas as pd
from filelock import FileLock

from interpol_review.core.atomic import write_bytes
from interpol_review.core.paths import cache_dir

ANALYSIS_LAYERS = ("core", "ledger", "checks", "stats", "analysis")
T = TypeVar("T")


@cache
def source_hash() -> str:
    """SHA-256 of the source of the layers an analysis depends on."""
    package = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256()
    for layer in ANALYSIS_LAYERS:
        for path in sorted((package / layer).rglob("*.py")):
            digest.update(path.relative_to(package).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def code_digest(versions: str, modules: list[Path]) -> str:
    """SHA-256 of library versions and of the source of the modules that make a kept result (a figure, a
    table): the part of its key that the layers below (source_hash) do not cover."""
    digest = hashlib.sha256(versions.encode())
    for module in modules:
        digest.update(module.read_bytes())
    return digest.hexdigest()


def fingerprint(value: Any, digest) -> None:
    """Feed ``value`` into ``digest`` by content: tables by their cells and row labels, arrays by their bytes."""
    if isinstance(value, pd.Series):
        value = value.to_frame()  # its repr would cut a long series short
    if isinstance(value, pd.DataFrame):
        digest.update(repr((list(value.columns), list(value.index.names))).encode())
        digest.update(pd.util.hash_pandas_object(value.astype(str), index=True).to_numpy().tobytes())
    elif isinstance(value, np.ndarray):
        digest.update(repr((value.dtype.str, value.shape)).encode())
        digest.update(np.ascontiguousarray(value).tobytes())
    elif isinstance(value, dict):
        for key in sorted(value, key=repr):
            fingerprint(key, digest)
            fingerprint(value[key], digest)
    elif isinstance(value, list | tuple):
        digest.update(f"{type(value).__name__}{len(value)}".encode())
        for item in value:
            fingerprint(item, digest)
    else:
        digest.update(repr(value).encode())


def key_of(kind: str, *parts: Any) -> str:
    digest = hashlib.sha256(kind.encode())
    digest.update(source_hash().encode())
    for part in parts:
        fingerprint(part, digest)
    return digest.hexdigest()[:32]


def cached(kind: str, parts: tuple, compute: Callable[[], T], folder: Path | None = None) -> T:
    """``compute()``, or its result from an earlier run with the same ``parts``."""
    path = (folder or cache_dir()) / f"{kind}-{key_of(kind, *parts)}.pickle"
    kept = read(path)
    if kept is not None:
        return kept
    # Two processes that need the same missing result (variants built side by side, test workers) compute
    # it once: the second waits for the first and reads what it wrote.
    path.parent.mkdir(parents=True, exist_ok=True)
    with FileLock(str(path) + ".lock"):
        kept = read(path)
        if kept is not None:
            return kept
        result = compute()
        write_bytes(path, pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
    return result


def read(path: Path) -> Any | None:
    if not path.exists():
        return None
    try:
        return pickle.loads(path.read_bytes())
    except (pickle.UnpicklingError, EOFError, AttributeError, ModuleNotFoundError):
        return None  # written by another version of the package: compute afresh
