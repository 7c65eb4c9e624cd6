"""``processanalysis report``: optimisation and portfolio reports as HTML, PDF, DOCX, XLSX.

::

    processanalysis report FILE [--to-be FILE ...] [--params FILE] [--with-library]
                           --format html|pdf|docx|xlsx [--lang de|en] -o OUT
    processanalysis [--db URL] report --portfolio [--scheme NAME] --format ... -o OUT

The process report reads the files only; ``--with-library`` also looks the as-is file up
in the workspace database (by content) and adds the review status of its findings and
the measures derived from them. The portfolio report reads the database named by the
global ``--db`` (else ``DATABASE_URL``). The database layer (``models``) is imported only
here and only when needed; the report library itself takes plain data.

The output is written atomically (complete or not at all). Exit status: 0 on success,
1 when a file, the database or the writer fails (a plain message on stderr), 2 for usage
errors.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from processanalysis.cli.files import UsageError

__all__ = ["add_parser", "run_report"]

_WORDS: dict[str, dict[str, str]] = {
    "de": {
        "written": "Bericht geschrieben: {path}",
        "no_file": "Bitte eine BPMN-Datei angeben oder --portfolio wählen.",
        "both": "Entweder eine BPMN-Datei oder --portfolio, nicht beides.",
        "portfolio_only": "{option} gilt nur für den Prozessbericht, nicht mit --portfolio.",
        "format": "Format fehlt: --format html|pdf|docx|xlsx angeben (oder -o mit einer dieser "
        "Endungen).",
        "missing": "{path}: Datei nicht gefunden",
        "unreadable": "{path}: [{code}] {message}",
        "params_suffix": "{path}: erwartet .xlsx, .csv (Vorlage) oder .json (Prosimos)",
        "template_errors": "{path}: {count} Fehler in der Parametervorlage, nichts übernommen:",
        "params_error": "{path}: Parameterdatei nicht verwendbar: {detail}",
        "database": "Datenbank nicht lesbar ({url}): {detail}",
        "scheme": "Bewertungsschema „{name}“ unbekannt; vorhanden: {names}",
        "not_in_library": "Hinweis: {path} ist nicht in der Prozessbibliothek; der Bericht "
        "enthält keinen Prüfstatus und keine Maßnahmen.",
        "write": "{path}: Bericht nicht geschrieben: {detail}",
        "unexpected": "Unerwarteter Fehler ({kind}): {detail}. Bitte melden Sie ihn mit "
        "der Datei dem Support.",
    },
    "en": {
        "written": "Report written: {path}",
        "no_file": "Please name a BPMN file or choose --portfolio.",
        "both": "Either a BPMN file or --portfolio, not both.",
        "portfolio_only": "{option} is for the process report only, not with --portfolio.",
        "format": "Format missing: give --format html|pdf|docx|xlsx (or -o with one of these "
        "suffixes).",
        "missing": "{path}: file not found",
        "unreadable": "{path}: [{code}] {message}",
        "params_suffix": "{path}: expected .xlsx, .csv (template) or .json (Prosimos)",
        "template_errors": "{path}: {count} errors in the parameter template, nothing applied:",
        "params_error": "{path}: parameter file not usable: {detail}",
        "database": "Database not readable ({url}): {detail}",
        "scheme": "Unknown prioritisation scheme '{name}'; available: {names}",
        "not_in_library": "Note: {path} is not in the process library; the report has no "
        "review status and no measures.",
        "write": "{path}: report not written: {detail}",
        "unexpected": "Unexpected error ({kind}): {detail}. Please report it to support with "
        "the file.",
    },
}
_PARAM_SUFFIXES = (".xlsx", ".xlsm", ".csv", ".json")


class _Failure(Exception):
    """A plain message for stderr, exit status 1."""


def _words(lang: str) -> Mapping[str, str]:
    return _WORDS.get(lang, _WORDS["de"])


def add_parser(sub: argparse._SubParsersAction, lang_parent: argparse.ArgumentParser) -> None:
    report = sub.add_parser(
        "report", parents=[lang_parent],
        help="Optimierungs- oder Portfoliobericht / optimisation or portfolio report",
        description="Bericht als HTML, PDF, DOCX oder XLSX / report as HTML, PDF, DOCX or XLSX",
    )
    report.add_argument("file", nargs="?", metavar="FILE", help="as-is BPMN file")
    report.add_argument("--to-be", nargs="+", action="extend", default=[], metavar="FILE",
                        dest="to_be", help="Soll-Varianten / to-be variants")
    report.add_argument("--params", metavar="FILE",
                        help="Parameter des Ist-Prozesses / as-is parameters "
                        "(.xlsx/.csv template or Prosimos .json)")
    report.add_argument("--with-library", action="store_true",
                        help="Prüfstatus und Maßnahmen aus der Datenbank / review status and "
                        "measures from the workspace database (--db)")
    report.add_argument("--portfolio", action="store_true",
                        help="Portfoliobericht aus der Datenbank / portfolio report from --db")
    report.add_argument("--scheme", metavar="NAME",
                        help="Bewertungsschema / prioritisation scheme (default: the default)")
    report.add_argument("--format", choices=("html", "pdf", "docx", "xlsx"),
                        help="Format (default: from the suffix of -o)")
    report.add_argument("-o", "--output", required=True, metavar="OUT", help="output file")
    report.set_defaults(run=run_report)


def _format(args: argparse.Namespace) -> str:
    from processanalysis.reports import FORMATS

    if args.format:
        return str(args.format)
    suffix = Path(args.output).suffix.lower()
    for fmt, known in FORMATS.items():
        if suffix == known:
            return fmt
    raise UsageError(_words(args.lang)["format"])


def _check(args: argparse.Namespace) -> None:
    words = _words(args.lang)
    if args.portfolio and args.file:
        raise UsageError(words["both"])
    if not args.portfolio and not args.file:
        raise UsageError(words["no_file"])
    if args.portfolio:
        for option, given in (("--to-be", args.to_be), ("--params", args.params),
                              ("--with-library", args.with_library)):
            if given:
                raise UsageError(words["portfolio_only"].format(option=option))
    if args.params and Path(args.params).suffix.lower() not in _PARAM_SUFFIXES:
        raise UsageError(words["params_suffix"].format(path=args.params))


def _read(path: str, lang: str) -> Any:
    from processanalysis.bpmn.importer import import_file
    from processanalysis.errors import BpmnImportError

    if not Path(path).is_file():
        raise _Failure(_words(lang)["missing"].format(path=path))
    try:
        return import_file(path)
    except BpmnImportError as error:
        raise _Failure(_words(lang)["unreadable"].format(
            path=path, code=error.code, message=error.message(lang))) from error


def _parameters(model: Any, path: str | None, lang: str) -> Any:
    from processanalysis.simulation.params_io import TemplateError, load_parameters

    words = _words(lang)
    if path is not None and not Path(path).is_file():
        raise _Failure(words["missing"].format(path=path))
    try:
        return load_parameters(model, extra=path)
    except TemplateError as error:
        lines = [words["template_errors"].format(path=path, count=len(error.issues))]
        lines += [f"  {issue.located(lang)}" for issue in error.issues]
        raise _Failure("\n".join(lines)) from error
    except (OSError, ValueError) as error:
        raise _Failure(words["params_error"].format(path=path, detail=error)) from error


def _library_data(args: argparse.Namespace) -> dict[str, Any]:
    """Reviews and measures of the as-is file from the database (if it is stored there)."""
    from sqlmodel import select

    from models.db import engine_for, migrate, session_for
    from models.library import ProcessVersion
    from models.portfolio_store import load_portfolio, measures_for_version
    from models.reviews import reviews_for
    from models.store import content_hash

    digest = content_hash(Path(args.file).read_bytes())
    engine = engine_for(args.db)
    try:
        migrate(engine)
        with session_for(engine) as session:
            version = session.exec(select(ProcessVersion).where(
                ProcessVersion.content_hash == digest).order_by(ProcessVersion.id)).first()
            if version is None:
                print(_words(args.lang)["not_in_library"].format(path=args.file),
                      file=sys.stderr)
                return {}
            reviews = {fid: {"status": r.status, "comment": r.comment or ""}
                       for fid, r in reviews_for(session, version.id).items()}
            keys = {m.key for m in measures_for_version(session, version.id)}
            portfolio = load_portfolio(session)
    finally:
        engine.dispose()
    return {"reviews": reviews,
            "measures": [m for m in portfolio.measures if m.id in keys],
            "projects": list(portfolio.projects)}


def _process_report(args: argparse.Namespace) -> Any:
    from processanalysis.reports import build_process_report

    model = _read(args.file, args.lang)
    variants = [(Path(p).stem, _read(p, args.lang)) for p in args.to_be]
    params = _parameters(model, args.params, args.lang)
    extra = _database(args, _library_data) if args.with_library else {}
    return build_process_report(model, to_be=variants, params=params,
                                params_file=args.params, lang=args.lang,
                                source=args.file, **extra)


def _portfolio_data(args: argparse.Namespace) -> Any:
    from models.db import engine_for, migrate, session_for
    from models.portfolio_store import list_project_rows, list_schemes, load_portfolio
    from models.portfolio_store import status_history as history_of
    from processanalysis.portfolio.scoring import Scheme, load_scheme
    from processanalysis.reports import PortfolioInput

    shipped = ("simple", "wibe")
    engine = engine_for(args.db)
    try:
        migrate(engine)
        with session_for(engine) as session:
            portfolio = load_portfolio(session)
            schemes = list_schemes(session)
            if args.scheme:
                stored = [s for s in schemes if s.name == args.scheme]
                if stored:
                    scheme = Scheme.from_dict(stored[0].definition)
                elif args.scheme in shipped:
                    scheme = load_scheme(args.scheme)
                else:
                    names = ", ".join(sorted({*shipped, *(s.name for s in schemes)}))
                    raise _Failure(_words(args.lang)["scheme"].format(name=args.scheme,
                                                                      names=names))
            else:
                scheme = (Scheme.from_dict(schemes[0].definition) if schemes
                          else load_scheme("simple"))
            history = {}
            for row in list_project_rows(session):
                updates = history_of(session, row.key)
                if updates:
                    history[row.key] = [{"date": u.date, "status": u.status,
                                         "progress": u.progress, "note": u.note,
                                         "author": u.author} for u in updates]
    finally:
        engine.dispose()
    return PortfolioInput(portfolio, scheme, status_history=history)


def _database(args: argparse.Namespace, work: Any) -> Any:
    try:
        return work(args)
    except _Failure:
        raise
    except Exception as error:  # SQLAlchemy/driver errors: plain words with the URL
        from sqlalchemy.exc import SQLAlchemyError

        if not isinstance(error, SQLAlchemyError | OSError):
            raise
        from models.db import engine_for

        url = engine_for(args.db).url.render_as_string(hide_password=True)
        raise _Failure(_words(args.lang)["database"].format(
            url=url, detail=str(error).splitlines()[0])) from error


def run_report(args: argparse.Namespace) -> int:
    """Build the report and write it atomically to ``-o``."""
    _check(args)
    fmt = _format(args)
    words = _words(args.lang)
    try:
        if args.portfolio:
            from processanalysis.reports import build_portfolio_report

            report = build_portfolio_report(_database(args, _portfolio_data), lang=args.lang)
        else:
            report = _process_report(args)
        from processanalysis.reports import write_report
        from processanalysis.reports.pdf import ReportDependencyError

        try:
            path = write_report(report, fmt, args.output)
        except (OSError, ReportDependencyError) as error:
            raise _Failure(words["write"].format(path=args.output, detail=error)) from error
    except _Failure as failure:
        print(f"processanalysis: {failure}", file=sys.stderr)
        return 1
    except Exception as error:  # a bug: plain words, never a traceback
        print("processanalysis: " + words["unexpected"].format(
            kind=type(error).__name__, detail=error), file=sys.stderr)
        return 1
    print(words["written"].format(path=path))
    return 0
