"""Command line of the project, called by the Makefile: `python -m interpol_review COMMAND`.

User errors (bad data, bad parameters, a failing chapter) print one clear message and exit with status 2;
`--verbose` shows the traceback as well. Anything else is a bug and shows its traceback.
"""

from __future__ import annotations

import argparse
import sys
import traceback
from pathlib import Path

from interpol_review.core.errors import UserError
from interpol_review.core.paths import processed_data_dir, project_root, raw_data_dir
from interpol_review.ledger import checksums
from interpol_review.ledger.load import FILES, load_ledger

USER_ERROR_STATUS = 2


def command_data(arguments: argparse.Namespace) -> None:
    from interpol_review.checks.processed import write_processed

    ledger = load_ledger(arguments.raw_dir)
    written = write_processed(ledger, arguments.out_dir, arguments.start_year, arguments.end_year)
    print(
        f"ledger valid: {len(ledger.figures)} figures, {len(ledger.sources)} sources, {len(ledger.claims)} claims; "
        f"data SHA-256 {ledger.sha256[:12]}; wrote {len(written)} files to {arguments.out_dir}"
    )


def command_checksums(arguments: argparse.Namespace) -> None:
    load_ledger(arguments.raw_dir, verify_checksums=False)  # never record the checksum of an invalid ledger
    manifest = checksums.write_manifest(arguments.raw_dir, list(FILES.values()))
    print(f"recorded the SHA-256 of {len(FILES)} files in {manifest}")


def command_build(arguments: argparse.Namespace) -> None:
    from interpol_review.build.variant import build_variant

    for params_file in arguments.params_files:
        out = build_variant(params_file, arguments.reports_dir, arguments.build_dir, arguments.pdf_engine)
        print(f"built {out}/report.html and report.pdf")


def command_index(arguments: argparse.Namespace) -> None:
    from interpol_review.build.index import write_index

    target = write_index(sorted(arguments.params_dir.glob("*.yaml")), arguments.reports_dir)
    print(f"wrote {target}")


def parser() -> argparse.ArgumentParser:
    root = project_root()
    main = argparse.ArgumentParser(prog="interpol_review", description=__doc__.splitlines()[0])
    main.add_argument("--verbose", action="store_true", help="show the traceback of user errors too")
    commands = main.add_subparsers(dest="command", required=True)

    data = commands.add_parser("data", help="validate data/raw and write the tidy tables to data/processed")
    data.add_argument("--raw-dir", type=Path, default=raw_data_dir())
    data.add_argument("--out-dir", type=Path, default=processed_data_dir())
    data.add_argument("--start-year", type=int, default=2017)
    data.add_argument("--end-year", type=int, default=2024)
    data.set_defaults(run=command_data)

    sums = commands.add_parser("checksums", help="record the SHA-256 of the raw files after an intended edit")
    sums.add_argument("--raw-dir", type=Path, default=raw_data_dir())
    sums.set_defaults(run=command_checksums)

    build = commands.add_parser("build", help="build the reports of the given params files")
    build.add_argument("params_files", type=Path, nargs="+")
    build.add_argument("--reports-dir", type=Path, default=root / "reports")
    build.add_argument("--build-dir", type=Path, default=root / "build" / "reports")
    build.add_argument("--pdf-engine", choices=["latex", "webpdf"], default="latex")
    build.set_defaults(run=command_build)
    index = commands.add_parser("index", help="write reports/index.html listing every variant's report")
    index.add_argument("--params-dir", type=Path, default=root / "params")
    index.add_argument("--reports-dir", type=Path, default=root / "reports")
    index.set_defaults(run=command_index)
    return main


def main(argv: list[str] | None = None) -> int:
    arguments = parser().parse_args(argv)
    try:
        arguments.run(arguments)
    except UserError as error:
        if arguments.verbose:
            traceback.print_exc()
        print(f"error: {error}", file=sys.stderr)
        return USER_ERROR_STATUS
    except KeyboardInterrupt:
        print("interrupted: reports/ keeps its previous files", file=sys.stderr)
        return 130
    return 0
