"""``processanalysis`` command line entry point: sub-commands and exit statuses.

Exit status: 0 when every file was processed, 1 when any file failed, 2 for usage errors.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from processanalysis import __version__
from processanalysis.cli import (
    analyse_command,
    commands,
    portfolio_command,
    report_command,
    simulate_command,
    variants_command,
    workspace_command,
)
from processanalysis.cli.files import UsageError

__all__ = ["build_parser", "main"]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="processanalysis",
        description="BPMN-Prozessanalyse für die öffentliche Verwaltung / "
        "BPMN process analysis for public administration",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--db", metavar="URL", default=None,
        help="Datenbank für library/workspace / workspace database "
        "(default: $DATABASE_URL, else sqlite:///data/workbench.db)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    lang = argparse.ArgumentParser(add_help=False)
    lang.add_argument("--lang", choices=("de", "en"), default="de", help="Sprache / language")

    inspect = sub.add_parser(
        "inspect", parents=[lang], help="Dateien einlesen und zusammenfassen / import and summarise"
    )
    inspect.add_argument("paths", nargs="+", metavar="PATH", help="files or folders")
    inspect.add_argument("--json", action="store_true", help="one JSON object per line and file")
    inspect.add_argument("--fidelity", action="store_true", help="include the fidelity report")
    inspect.set_defaults(run=commands.inspect)

    convert = sub.add_parser(
        "convert", parents=[lang], help="einlesen und normalisiert schreiben / import and export"
    )
    convert.add_argument("input", metavar="IN")
    convert.add_argument("output", metavar="OUT")
    convert.set_defaults(run=commands.convert)

    validate = sub.add_parser(
        "validate", parents=[lang], help="XSD-Prüfung und Importhinweise / XSD and import checks"
    )
    validate.add_argument("paths", nargs="+", metavar="PATH")
    validate.add_argument("--json", action="store_true")
    validate.set_defaults(run=commands.validate)

    analyse_command.add_parser(sub, lang)
    simulate_command.add_parser(sub, lang)
    workspace_command.add_parser(sub, lang)
    report_command.add_parser(sub, lang)
    variants_command.add_parser(sub, lang)
    portfolio_command.add_parser(sub, lang)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.run(args))
    except UsageError as error:
        print(f"processanalysis: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (``| head``): stop quietly, as Unix tools do; point stdout
        # at /dev/null so the interpreter's final flush does not raise again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141
