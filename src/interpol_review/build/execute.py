"""Run a report's chapters with papermill in one kernel, saying which chapter runs, and remember the result.

- One line per chapter as it finishes ("latest: chapter 3/8 03-task-force 2.1 s"), through a papermill
  engine that watches the chapter of each cell.
- The kernel talks to the build over IPC (Unix sockets in a private temporary folder) rather than TCP:
  nothing to eavesdrop on, and nothing for ipykernel to warn about.
- The executed notebook is kept under the hash of everything its outputs depend on (the code of the
  chapters, the package, the data, the parameters, the installed packages): an unchanged input set never
  runs again, and a prose edit in a markdown cell reuses the outputs.
- A failure names the chapter notebook and cell; the executed notebook, with papermill's error banner,
  stays in build/reports/<variant>/chapters-executed.ipynb.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import nbformat
import papermill
from jupyter_client.manager import AsyncKernelManager
from papermill.engines import NBClientEngine, papermill_engines
from traitlets import CaselessStrEnum, default

from interpol_review.build.combine import chapter_of
from interpol_review.core.atomic import write_text
from interpol_review.core.errors import UserError

CELL_TIMEOUT_SECONDS = 600
ENGINE = "interpol-review"


class ChapterFailed(UserError):
    """A chapter raised an exception while it ran."""


SOCKETS = {"folder": Path(tempfile.gettempdir())}  # set by run() for the kernel it starts
# A Unix socket's path holds about 100 characters, and the build points TMPDIR into build/tmp, which may be
# deep: the sockets' folder goes to /tmp wherever there is one.
SHORT_TEMPORARY = "/tmp" if os.path.isdir("/tmp") else None
KERNEL_LOG = {"path": None}  # set by run(): where the kernel's own output goes


class IPCKernelManager(AsyncKernelManager):
    """A kernel manager whose kernel listens on Unix sockets in a private folder."""

    transport = CaselessStrEnum(["tcp", "ipc"], default_value="ipc", config=True)

    @default("ip")
    def _ip_default(self) -> str:
        return str(SOCKETS["folder"] / "k")

    async def _async_pre_start_kernel(self, **kw):
        """The kernel's own messages (its warnings; its traceback when a Ctrl-C interrupts a cell) go to
        build/<variant>/kernel.log, not to the terminal: the build says what failed in one line."""
        if KERNEL_LOG["path"] is not None:
            log = open(KERNEL_LOG["path"], "ab")  # noqa: SIM115 - the kernel process holds it open
            kw.setdefault("stdout", log)
            kw.setdefault("stderr", log)
        return await super()._async_pre_start_kernel(**kw)


class ProgressEngine(NBClientEngine):
    """papermill's engine, reporting each chapter as its last cell completes."""

    @classmethod
    def execute_managed_notebook(cls, nb_man, kernel_name, progress: Callable[[str], None] | None = None, **kwargs):
        if progress is not None:
            watch_chapters(nb_man, progress)
        return super().execute_managed_notebook(nb_man, kernel_name, **kwargs)


papermill_engines.register(ENGINE, ProgressEngine)


def watch_chapters(nb_man, progress: Callable[[str], None]) -> None:
    cells = nb_man.nb.cells
    chapters = list(dict.fromkeys(chapter_of(cell) for cell in cells if chapter_of(cell)))
    started = {"time": time.perf_counter()}
    complete = nb_man.cell_complete

    def cell_complete(cell, cell_index=None, **kwargs):
        complete(cell, cell_index=cell_index, **kwargs)
        name = chapter_of(cell)
        later = [chapter_of(c) for c in cells[cell_index + 1 :] if chapter_of(c)] if cell_index is not None else []
        if name and (later[0] if later else "") != name:
            number = chapters.index(name) + 1
            elapsed = time.perf_counter() - started["time"]
            progress(f"chapter {number}/{len(chapters)} {Path(name).stem} {elapsed:.1f} s")
            started["time"] = time.perf_counter()

    nb_man.cell_complete = cell_complete


def code_key(notebook: nbformat.NotebookNode, inputs: dict[str, str], values: dict[str, Any]) -> str:
    """The hash of what the outputs depend on: every code cell, the other inputs' hashes, the values."""
    digest = hashlib.sha256()
    for cell in notebook.cells:
        if cell.cell_type == "code":
            digest.update(cell.source.encode())
            digest.update(b"\0")
    digest.update(json.dumps(inputs, sort_keys=True).encode())
    digest.update(json.dumps(values, sort_keys=True, default=str).encode())
    return digest.hexdigest()


def is_injected(cell) -> bool:
    return "injected-parameters" in cell.metadata.get("tags", [])


def with_cached_outputs(notebook: nbformat.NotebookNode, executed: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The current notebook (its markdown may be newer) with the outputs of an earlier run of the same code."""
    injected = [c for c in executed.cells if is_injected(c)]
    # the run's code cells less papermill's injected one: then they pair with the notebook's in order
    code = iter(c for c in executed.cells if c.cell_type == "code" and not is_injected(c))
    for cell in notebook.cells:
        if cell.cell_type == "code":
            source = next(code)
            cell.outputs = source.outputs
            cell.execution_count = source.execution_count
            cell.metadata["papermill"] = source.metadata.get("papermill", {})
    # papermill's injected parameters cell is not in the current notebook: take it from the run
    if injected:
        position = next(i for i, c in enumerate(notebook.cells) if "parameters" in c.metadata.get("tags", [])) + 1
        notebook.cells.insert(position, injected[0])
    return notebook


def run(
    notebook: nbformat.NotebookNode,
    work: Path,
    values: dict[str, Any],
    cwd: Path,
    key: str,
    cache: Path,
    progress: Callable[[str], None],
) -> nbformat.NotebookNode:
    """The executed notebook: from the cache when ``key`` is known, else by papermill (and cached)."""
    cached = cache / f"executed-{key[:32]}.ipynb"
    if cached.exists():
        progress("chapters unchanged: outputs reused")
        return with_cached_outputs(notebook, nbformat.read(cached, as_version=4))
    source, output = work / "chapters.ipynb", work / "chapters-executed.ipynb"
    nbformat.write(notebook, source)
    sockets = Path(tempfile.mkdtemp(prefix="ir-kernel-", dir=SHORT_TEMPORARY))
    SOCKETS["folder"] = sockets
    KERNEL_LOG["path"] = work / "kernel.log"
    try:
        papermill.execute_notebook(
            str(source),
            str(output),
            parameters=values,
            kernel_name="python3",
            engine_name=ENGINE,
            cwd=str(cwd),
            progress_bar=False,
            # papermill would write the whole notebook (2.5 MB by the end) as every cell starts and ends; the
            # build reads it once, when the run ends or fails, and papermill writes it then.
            request_save_on_cell_execute=False,
            # The outputs are complete when the last cell ends, and the kernel keeps its history in memory:
            # nothing is lost by stopping it at once rather than waiting ~0.7 s for it to wind down.
            shutdown_kernel="immediate",
            execution_timeout=CELL_TIMEOUT_SECONDS,
            kernel_manager_class=IPCKernelManager,
            progress=progress,
        )
    except papermill.PapermillExecutionError as error:
        raise ChapterFailed(
            f"{failed_cell(output)}: {error.ename}: {error.evalue} (executed notebook kept at {output})"
        ) from error
    finally:
        shutil.rmtree(sockets, ignore_errors=True)
    executed = nbformat.read(output, as_version=4)
    write_text(cached, nbformat.writes(executed))
    return executed


def failed_cell(executed: Path) -> str:
    """'03-task-force.ipynb, cell 7' for the cell papermill marked as failed."""
    notebook = nbformat.read(executed, as_version=4)
    for cell in notebook.cells:
        if cell.metadata.get("papermill", {}).get("exception"):
            place = cell.metadata.get("chapter", {})
            return f"{place.get('notebook', 'unknown chapter')}, cell {place.get('cell', '?')}"
    return "unknown cell"
