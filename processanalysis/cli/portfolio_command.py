"""``processanalysis portfolio import|rank|export``: the project portfolio in the database
named by ``--db`` (else ``DATABASE_URL``, else ``data/workbench.db``).

Exit status: 0 on success, 1 when a project list is rejected (nothing is written then) or
a file cannot be read, 2 for usage errors (unknown scheme, missing file, bad mapping).
"""

from __future__ import annotations

import argparse
import json
import sys
import zipfile
from pathlib import Path
from typing import Any

from processanalysis.cli.files import UsageError
from processanalysis.cli.workspace_command import open_engine

__all__ = ["add_parser"]


def add_parser(sub: argparse._SubParsersAction, lang_parent: argparse.ArgumentParser) -> None:
    portfolio = sub.add_parser("portfolio", help="Projektportfolio / project portfolio")
    actions = portfolio.add_subparsers(dest="portfolio_command", metavar="ACTION")
    actions.required = True
    imp = actions.add_parser(
        "import", help="Projektliste (XLSX/CSV) einlesen / import a project list"
    )
    imp.add_argument("file", metavar="FILE", help=".xlsx or .csv")
    imp.add_argument(
        "--mapping", metavar="JSON",
        help='Spaltenzuordnung / column mapping: {"Vorhaben": "name"} or a .json file',
    )
    imp.add_argument("--json", action="store_true", help="the validation report as JSON")
    imp.set_defaults(run=run_import)
    rank = actions.add_parser("rank", help="Projekte priorisieren / rank projects")
    rank.add_argument("--scheme", metavar="NAME", help="Schema / scheme (default: the default)")
    rank.add_argument("--json", action="store_true",
                      help='[{"project","score","rank","breakdown"}]')
    rank.set_defaults(run=run_rank)
    export = actions.add_parser("export", help="Portfolio als XLSX / portfolio to XLSX")
    export.add_argument("output", metavar="OUT.xlsx")
    export.add_argument("--scheme", metavar="NAME", help="scheme for score and rank")
    export.set_defaults(run=run_export)


def _mapping(text: str | None) -> dict[str, str] | None:
    if text is None:
        return None
    source = text
    if not text.lstrip().startswith("{"):
        path = Path(text)
        if not path.is_file():
            raise UsageError(f"--mapping: {text} is neither a JSON object nor a file")
        source = path.read_text(encoding="utf-8")
    try:
        mapping = json.loads(source)
    except json.JSONDecodeError as error:
        raise UsageError(f"--mapping: not valid JSON ({error})") from None
    if not isinstance(mapping, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in mapping.items()
    ):
        raise UsageError('--mapping: expected an object of header -> field, e.g. '
                         '{"Vorhaben": "name"}')
    return mapping


def _report_dict(report: Any, ok: bool) -> dict[str, Any]:
    return {
        "ok": ok,
        "source": report.source,
        "rows_read": report.rows_read,
        "columns": report.columns,
        "ignored_columns": report.ignored_columns,
        "problems": [
            {"row": p.row, "column": p.column, "code": p.code, "message": p.message}
            for p in report.problems
        ],
        "created": list(getattr(report, "created", [])),
        "updated": list(getattr(report, "updated", [])),
    }


def run_import(args: argparse.Namespace) -> int:
    from models.db import session_for
    from models.portfolio_store import import_project_list
    from processanalysis.portfolio import ProjectListError

    path = Path(args.file)
    if not path.is_file():
        raise UsageError(f"{path}: file not found")
    mapping = _mapping(args.mapping)
    with open_engine(args) as engine, session_for(engine) as session:
        try:
            report = import_project_list(session, path, mapping)
            ok = True
        except ProjectListError as error:
            report, ok = error.report, False
        except (OSError, ValueError, KeyError, zipfile.BadZipFile) as error:
            print(f"{path}: FEHLER/ERROR: Datei nicht lesbar / cannot read the file: {error}",
                  file=sys.stderr)
            return 1
    if args.json:
        print(json.dumps(_report_dict(report, ok), ensure_ascii=False, indent=2))
        return 0 if ok else 1
    for header, field in report.columns.items():
        print(f"  Spalte/column {header!r} -> {field}")
    for header in report.ignored_columns:
        print(f"  ignoriert/ignored: {header!r}")
    if not ok:
        for p in report.problems:
            print(f"{report.source}: Zeile/row {p.row}, Spalte/column {p.column!r}: "
                  f"{p.code}: {p.message}", file=sys.stderr)
        print(f"{report.source}: abgelehnt/rejected, {len(report.problems)} Problem(e)/"
              "problem(s); nichts gespeichert/nothing written", file=sys.stderr)
        return 1
    print(f"{report.source}: {report.rows_read} Zeilen/rows, {len(report.created)} neu/created, "
          f"{len(report.updated)} geändert/updated")
    return 0


def _rank(session: Any, scheme: str | None, *, as_json: bool = False) -> Any:
    """The ranking (``rank_json`` rows when ``as_json``); an unknown scheme is a usage error."""
    from models.errors import UnknownRecordError
    from models.portfolio_store import rank_json, rank_projects

    try:
        return (rank_json if as_json else rank_projects)(session, scheme)
    except UnknownRecordError as error:
        raise UsageError(str(error).strip('"')) from None


def run_rank(args: argparse.Namespace) -> int:
    from models.db import session_for

    with open_engine(args) as engine, session_for(engine) as session:
        scores = _rank(session, args.scheme, as_json=args.json)
    if args.json:
        print(json.dumps(scores, ensure_ascii=False, indent=2))
        return 0
    for s in scores:
        urgent = f"  [{', '.join(s.urgent)}]" if s.urgent else ""
        print(f"{s.rank:>4}  {s.score:6.1f}  {s.project_id:<10} {s.name}{urgent}")
    return 0


def run_export(args: argparse.Namespace) -> int:
    from models.db import session_for
    from models.portfolio_store import load_portfolio
    from processanalysis.portfolio import write_portfolio_xlsx

    out = Path(args.output)
    if out.suffix.lower() != ".xlsx":
        raise UsageError(f"{out}: the portfolio export is an .xlsx file")
    with open_engine(args) as engine, session_for(engine) as session:
        scores = _rank(session, args.scheme)
        portfolio = load_portfolio(session)
    out.parent.mkdir(parents=True, exist_ok=True)
    write_portfolio_xlsx(portfolio, scores, out)
    print(f"{out}: {len(portfolio.projects)} Projekte/projects, "
          f"{len(portfolio.measures)} Maßnahmen/measures")
    return 0
