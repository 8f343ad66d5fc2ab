"""Build every report that is out of date, from one process: the imports and the checks are paid once,
and the variants run side by side, one kernel each (a failure stays in its variant).

The process checks the parameters, the PDF engine and the folders before it imports papermill and
nbconvert (a refused input is answered in a second or two, not after seconds of imports), then imports
them and forks, so each worker starts with them loaded. The ledger and the report's years are checked
while the workers start their kernels (a second of the build that would leave a core idle); no worker
publishes a report before those checks pass, and a check that fails stops every worker. Output stays
readable: one line per step, each prefixed by its variant.
"""

from __future__ import annotations

import io
import multiprocessing
import os
import sys
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from interpol_review.build import due
from interpol_review.build.index import write_index
from interpol_review.build.params import check_params_files, read_params_file
from interpol_review.build.preflight import engine_ready, writable
from interpol_review.build.staging import remove_leftovers
from interpol_review.core.errors import ParameterError, UserError, os_error_message
from interpol_review.core.paths import project_root


@dataclass(frozen=True)
class Options:
    reports_dir: Path
    build_dir: Path
    pdf_engine: str = "latex"
    jobs: int = 0  # 0: every variant due at once, up to twice the cores (default_processes)
    chapters: tuple[str, ...] = ()
    force: bool = False
    verbose: bool = False


class BuildFailed(UserError):
    """One or more variants failed; the others were built."""


def say(message: str) -> None:
    """One line of progress. Variants build in parallel processes that share stdout: print() writes the
    text and the newline separately, and two variants' lines ran together, so the whole line goes out in
    one write (atomic on a pipe below PIPE_BUF bytes)."""
    try:
        descriptor = sys.stdout.fileno()
    except (AttributeError, OSError, io.UnsupportedOperation):  # a captured stdout (tests, notebooks)
        print(message, flush=True)
        return
    sys.stdout.flush()
    os.write(descriptor, (message + "\n").encode(sys.stdout.encoding or "utf-8", errors="replace"))


def check_years(params_files: list[Path], ledger) -> None:
    """Each report's years hold data (a window without a figure is a parameter error, found before any
    report is published and before reports/ is touched)."""
    from interpol_review.analysis.window import resolve

    for path in params_files:
        settings = read_params_file(path)[1]
        try:
            resolve(settings, ledger.as_of(settings.published_by))
        except ParameterError as error:
            raise ParameterError(f"{path}: {error}") from error


def check_ledger_and_years(params_files: list[Path], reports_dir: Path) -> None:
    """The checks that need the ledger (its rules, that its figures can all be true together, each report's
    years), then the leftovers of killed builds cleared: what must hold before a report is published."""
    from interpol_review.build.preflight import valid_ledger

    check_years(params_files, valid_ledger())
    remove_leftovers(reports_dir)


def build_reports(params_files: list[Path], options: Options) -> list[Path]:
    check_params_files(params_files)
    engine_ready(options.pdf_engine)
    writable(options.reports_dir)
    writable(options.build_dir)
    # Temporary files (LaTeX runs) go under build/tmp, cleared by every build: a killed build leaks nothing
    # for long.
    temporary = options.build_dir / "tmp"
    if temporary.exists():
        import shutil

        shutil.rmtree(temporary, ignore_errors=True)
    temporary.mkdir(parents=True, exist_ok=True)
    os.environ["TMPDIR"] = str(temporary)
    shared = due.digest_of(project_root())
    keys = {path: due.report_key(shared, path, options.pdf_engine) for path in params_files}
    if options.chapters:
        keys = dict.fromkeys(keys, "")  # a partial report never counts as up to date
    todo = [
        p
        for p in params_files
        if options.force or options.chapters or not due.up_to_date(options.reports_dir, p.stem, keys[p])
    ]
    checks = lambda: check_ledger_and_years(params_files, options.reports_dir)  # noqa: E731
    if not todo:
        checks()  # a broken ledger is named even when every report is up to date
    for path in params_files:
        if path not in todo:
            say(f"{path.stem}: up to date")
    built, failures = run_all(todo, keys, options, checks) if todo else ([], [])
    if not options.chapters:
        all_keys = {path.stem: key for path, key in keys.items()}
        write_index(params_files, options.reports_dir, due.index_key(all_keys))
        say(f"index: {options.reports_dir / 'index.html'}")
    if failures:
        raise BuildFailed("\n".join(f"{variant}: {message}" for variant, message in failures))
    return built


def run_all(
    todo: list[Path], keys: dict[Path, str], options: Options, checks: Callable[[], None]
) -> tuple[list[Path], list[tuple[str, str]]]:
    """Build the variants due, one at a time or side by side; ``checks`` must pass before any publishes."""
    import interpol_review.build.variant  # noqa: F401 - papermill and nbconvert, once, before the fork

    built, failures = [], []
    processes = options.jobs or default_processes(len(todo))
    if processes <= 1 or len(todo) <= 1:
        checks()
        for path in todo:
            outcome = one_variant(path, keys[path], options)
            (built.append(outcome[1]) if outcome[0] else failures.append((path.stem, outcome[1])))
        return built, failures
    context = multiprocessing.get_context("fork")
    CHECKS_PASSED["event"] = context.Event()  # before the fork: every worker waits on the same event
    # A Ctrl-C, or a failed check, leaves the with-block by an exception, and Pool.__exit__ terminates every
    # worker at once: no variant goes on being built (and published) after the build stopped.
    with context.Pool(processes=min(processes, len(todo))) as pool:
        pending = [(path, pool.apply_async(one_variant, (path, keys[path], options))) for path in todo]
        checks()
        CHECKS_PASSED["event"].set()
        for path, result in pending:
            ok, value = result.get()
            (built.append(value) if ok else failures.append((path.stem, value)))
    return sorted(built), failures


CHECKS_PASSED: dict[str, Any] = {"event": None}  # set by run_all for its workers; None: nothing to wait for


def wait_for_checks() -> None:
    """In a worker, before it publishes: until the build's checks of the ledger and the years passed (a
    failed check terminates the worker here or earlier)."""
    if CHECKS_PASSED["event"] is not None:
        CHECKS_PASSED["event"].wait()


def default_processes(due: int) -> int:
    """Every variant due at once, up to twice the cores. A variant's build uses one core at a time (its
    process waits while its kernel, then xelatex, works), so more variants than cores cost no speed,
    and they keep every core busy to the end, where three variants on two cores in two rounds would leave
    one core idle for the whole second round. The cap bounds memory (about 0.7 GB a variant)."""
    return max(1, min(due, 2 * (os.cpu_count() or 1)))


def one_variant(path: Path, key: str, options: Options) -> tuple[bool, object]:
    """(True, folder) or (False, the message): a failing variant does not stop the others."""
    from interpol_review.build.variant import build_variant

    try:
        folder = build_variant(
            path,
            options.reports_dir,
            options.build_dir,
            options.pdf_engine,
            key,
            list(options.chapters) or None,
            say,
            before_publishing=wait_for_checks,
        )
        return True, folder
    except UserError as error:
        if options.verbose:
            traceback.print_exc()
        return False, str(error)
    except OSError as error:
        if options.verbose:
            traceback.print_exc()
        return False, os_error_message(error)
    except KeyboardInterrupt:
        if multiprocessing.parent_process() is None:
            raise  # the command line says "interrupted" and exits with 130
        sys.exit(130)  # a worker of a parallel build: quietly, the main process reports it
