"""Command line of the project, called by the Makefile: `python -m interpol_review COMMAND`.

User errors (bad data, bad parameters, a failing chapter, a full disk, a missing program) print one
message that names the file or parameter and the fix, and exit with status 2; `--verbose` shows the
traceback as well. Anything else is a bug and shows its traceback.
"""

from __future__ import annotations

import argparse
import sys
import traceback
from pathlib import Path

from interpol_review.core.atomic import write_text
from interpol_review.core.errors import LedgerError, UserError, os_error_message
from interpol_review.core.paths import build_dir, processed_data_dir, project_root, raw_data_dir, reports_dir
from interpol_review.core.threads import one_thread_each

USER_ERROR_STATUS = 2
INTERRUPTED_STATUS = 130


def validated_ledger(raw_dir: Path, verify_checksums: bool = True):
    from interpol_review.checks.feasibility import conflict_problems
    from interpol_review.ledger.load import load_ledger

    ledger = load_ledger(raw_dir, verify_checksums=verify_checksums)
    problems = conflict_problems(ledger)
    if problems:
        raise LedgerError(problems)
    return ledger


def command_data(arguments: argparse.Namespace) -> None:
    from interpol_review.build.data_warnings import warnings_for
    from interpol_review.build.due import DATA_INPUTS, DATA_KEY, digest_of
    from interpol_review.checks.processed import write_processed
    from interpol_review.ledger.quotation_check import unquoted_figures

    ledger = validated_ledger(arguments.raw_dir)
    written = write_processed(ledger, arguments.out_dir)
    if arguments.raw_dir == raw_data_dir():  # the project's own ledger: remember what was validated
        write_text(project_root() / DATA_KEY, digest_of(project_root(), DATA_INPUTS))
    print(
        f"ledger valid: {len(ledger.figures)} figures, {len(ledger.sources)} sources, {len(ledger.claims)} claims; "
        f"data SHA-256 {ledger.sha256[:12]}; wrote {len(written)} files to {arguments.out_dir}"
    )
    for warning in warnings_for(ledger):
        print(f"warning: {warning}", file=sys.stderr)
    unquoted = unquoted_figures(ledger.figures, ledger.quotations)
    if unquoted:
        print(f"{len(unquoted)} figures have no quotation (add their words to data/raw/quotations.csv):")
        for line in unquoted:
            print(f"  {line}")


def command_checksums(arguments: argparse.Namespace) -> None:
    from interpol_review.ledger import checksums
    from interpol_review.ledger.load import FILE_NAMES

    validated_ledger(arguments.raw_dir, verify_checksums=False)  # never record the checksum of an invalid ledger
    manifest = checksums.write_manifest(arguments.raw_dir, FILE_NAMES)
    print(f"recorded the SHA-256 of {len(FILE_NAMES)} files in {manifest}")


def build_options(arguments: argparse.Namespace):
    from interpol_review.build.reports import Options

    jobs = arguments.jobs  # 0: decided by the build, from the variants due and the cores
    chapters = tuple(part for part in (arguments.chapters or "").split(",") if part)
    return Options(
        arguments.reports_dir,
        arguments.build_dir,
        arguments.pdf_engine,
        jobs,
        chapters,
        arguments.force,
        arguments.verbose,
    )


def command_build(arguments: argparse.Namespace) -> None:
    from interpol_review.build.params import all_params_files, check_params_files, params_file_of

    params_dir = project_root() / "params"
    files = all_params_files(params_dir) if arguments.all else arguments.params_files
    if arguments.variant:
        files = [params_file_of(arguments.variant, params_dir)]
    check_params_files(files)  # in a second, before the build's heavy imports

    from interpol_review.build.reports import build_reports

    if not files:
        raise UserError("no params file given. Fix: name one, e.g. params/latest.yaml, or use --all")
    build_reports(files, build_options(arguments))


def command_preview(arguments: argparse.Namespace) -> None:
    from interpol_review.build.params import params_file_of
    from interpol_review.build.variant import build_variant

    params_file = params_file_of(arguments.variant, project_root() / "params")
    folder = arguments.build_dir / "preview"
    chapters = [part for part in arguments.chapter.split(",") if part]
    out = build_variant(params_file, folder, arguments.build_dir / "reports", "none", "", chapters, print)
    print(f"preview: {out / 'report.html'}")


def command_index(arguments: argparse.Namespace) -> None:
    from interpol_review.build.index import write_index
    from interpol_review.build.params import all_params_files

    print(f"wrote {write_index(all_params_files(project_root() / 'params'), arguments.reports_dir)}")


def command_parameters(arguments: argparse.Namespace) -> None:
    from interpol_review.build import declaration

    if arguments.check:
        drifted = declaration.drift()
        if drifted:
            raise UserError(
                f"{', '.join(drifted)}: the parameters differ from the declaration (analysis/settings.py). "
                "Fix: run `make parameters`"
            )
        print("parameters cells and README table match the declaration")
        return
    changed = declaration.write()
    print(f"rewrote the parameters of {', '.join(changed)}" if changed else "parameters already match the declaration")


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="interpol_review", description=__doc__.splitlines()[0])
    main.add_argument("--verbose", action="store_true", help="show the traceback of user errors too")
    commands = main.add_subparsers(dest="command", required=True)

    data = commands.add_parser("data", help="validate data/raw and write the tidy tables to data/processed")
    data.add_argument("--raw-dir", type=Path, default=raw_data_dir())
    data.add_argument("--out-dir", type=Path, default=processed_data_dir())
    data.set_defaults(run=command_data)

    sums = commands.add_parser("checksums", help="record the SHA-256 of the raw files after an intended edit")
    sums.add_argument("--raw-dir", type=Path, default=raw_data_dir())
    sums.set_defaults(run=command_checksums)

    build = commands.add_parser("build", help="build the reports of the given params files (or --all)")
    build.add_argument("params_files", type=Path, nargs="*")
    build.add_argument("--all", action="store_true", help="every params/*.yaml")
    build.add_argument("--variant", help="the report of params/VARIANT.yaml")
    build.add_argument(
        "--jobs", type=int, default=0, help="variants built at once (default: every variant due, up to twice the cores)"
    )
    build.add_argument("--force", action="store_true", help="rebuild even when the inputs are unchanged")
    build.add_argument("--chapters", help="only these chapters, by number or name (e.g. 02,03): for tests")
    build.add_argument("--reports-dir", type=Path, default=reports_dir())
    build.add_argument("--build-dir", type=Path, default=build_dir() / "reports")
    build.add_argument("--pdf-engine", choices=["latex", "webpdf"], default="latex")
    build.set_defaults(run=command_build)

    preview = commands.add_parser("preview", help="one chapter of one variant, HTML only, for a quick look")
    preview.add_argument("chapter", help="the chapter's number or name, e.g. 03 (several: 01,03)")
    preview.add_argument("--variant", default="latest")
    preview.add_argument("--build-dir", type=Path, default=build_dir())
    preview.set_defaults(run=command_preview)

    index = commands.add_parser("index", help="write reports/index.html listing every variant's report")
    index.add_argument("--reports-dir", type=Path, default=reports_dir())
    index.set_defaults(run=command_index)

    parameters = commands.add_parser("parameters", help="rewrite the chapters' parameters cells and README table")
    parameters.add_argument("--check", action="store_true", help="only check that they match the declaration")
    parameters.set_defaults(run=command_parameters)
    return main


def main(argv: list[str] | None = None) -> int:
    one_thread_each()
    arguments = parser().parse_args(argv)
    try:
        arguments.run(arguments)
    except UserError as error:
        if arguments.verbose:
            traceback.print_exc()
        print(f"error: {error}", file=sys.stderr)
        return USER_ERROR_STATUS
    except OSError as error:
        if arguments.verbose:
            traceback.print_exc()
        print(f"error: {os_error_message(error)}", file=sys.stderr)
        return USER_ERROR_STATUS
    except KeyboardInterrupt:
        print("interrupted: reports/ keeps its previous files", file=sys.stderr)
        return INTERRUPTED_STATUS
    return 0
