"""``processanalysis library add|list`` and ``processanalysis workspace seed|export|import``:
the process library and the workspace in the database named by ``--db`` (else
``DATABASE_URL``, else ``data/workbench.db``).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from processanalysis.cli.files import UsageError, collect_files
from processanalysis.errors import BpmnImportError

if TYPE_CHECKING:
    from sqlalchemy import Engine

__all__ = ["SAMPLES", "add_parser", "open_engine"]

#: The sample processes that ``workspace seed`` adds.
SAMPLES = Path(__file__).resolve().parents[2] / "sample_processes"


def add_parser(sub: argparse._SubParsersAction, lang_parent: argparse.ArgumentParser) -> None:
    library = sub.add_parser(
        "library", help="Prozessbibliothek in der Datenbank / process library in the database"
    )
    library_sub = library.add_subparsers(dest="library_command", metavar="ACTION")
    library_sub.required = True
    add = library_sub.add_parser(
        "add", parents=[lang_parent], help="Dateien aufnehmen / add files or folders"
    )
    add.add_argument("paths", nargs="+", metavar="PATH", help="files or folders")
    add.add_argument("--unit", help="Organisationseinheit / owning unit")
    add.add_argument("--role", choices=("as_is", "to_be"), default="as_is",
                     help="Ist oder Soll / as-is or to-be (default: as_is)")
    add.set_defaults(run=run_add)
    listing = library_sub.add_parser("list", help="Prozesse auflisten / list processes")
    listing.add_argument("--json", action="store_true", help="a JSON list of processes")
    listing.set_defaults(run=run_list)

    workspace = sub.add_parser("workspace", help="Arbeitsbereich / workspace database")
    workspace_sub = workspace.add_subparsers(dest="workspace_command", metavar="ACTION")
    workspace_sub.required = True
    seed = workspace_sub.add_parser(
        "seed", help="Beispielprozesse und -portfolio aufnehmen / add the sample processes "
        "and the example portfolio (idempotent)"
    )
    seed.set_defaults(run=run_seed)
    export = workspace_sub.add_parser(
        "export", help="Arbeitsbereich als ZIP sichern / back up the workspace to a ZIP file"
    )
    export.add_argument("output", metavar="OUT.zip")
    export.set_defaults(run=run_export)
    restore = workspace_sub.add_parser(
        "import", help="Sicherung in eine leere Datenbank einspielen / restore a backup into "
        "an empty database"
    )
    restore.add_argument("input", metavar="IN.zip")
    restore.set_defaults(run=run_import)


@contextmanager
def open_engine(args: argparse.Namespace) -> Iterator[Engine]:
    """The migrated database of ``--db``; its connections are closed afterwards."""
    # Imported here: SQLAlchemy and Alembic cost every other command start-up time.
    from models.db import engine_for, migrate

    engine = engine_for(getattr(args, "db", None))
    try:
        migrate(engine)
        yield engine
    finally:
        engine.dispose()


def _add_all(
    args: argparse.Namespace, files: list[Path], *, unit: str | None, role: str | None, lang: str
) -> int:
    from models.db import session_for
    from models.store import add_file

    failed = 0
    with open_engine(args) as engine, session_for(engine) as session:
        for path in files:
            file_role = role or ("to_be" if path.stem.lower().endswith("_soll") else "as_is")
            try:
                process, version, created = add_file(session, path, unit=unit, role=file_role)
            except BpmnImportError as error:
                failed += 1
                print(f"{path}: FEHLER/ERROR {error.code}: {error.message(lang)}", file=sys.stderr)
                continue
            status = "neu/added" if created else "vorhanden/already in library"
            print(f"{path}: {status}: {process.name} (process {process.id}, version {version.id})")
    return 1 if failed else 0


def run_add(args: argparse.Namespace) -> int:
    files = collect_files(args.paths)
    return _add_all(args, files, unit=args.unit, role=args.role, lang=args.lang)


def run_list(args: argparse.Namespace) -> int:
    from models.db import session_for
    from models.store import list_processes

    with open_engine(args) as engine, session_for(engine) as session:
        processes = list_processes(session)
    if args.json:
        print(json.dumps(processes, ensure_ascii=False, indent=2))
        return 0
    for item in processes:
        unit = f" [{item['unit']}]" if item["unit"] else ""
        print(f"{item['id']:>5}  {item['name']}{unit}  ({item['versions']} Version(en)/versions)")
    return 0


def run_seed(args: argparse.Namespace) -> int:
    from models.db import session_for
    from models.seed import seed_workspace

    with open_engine(args) as engine, session_for(engine) as session:
        report = seed_workspace(session, samples=SAMPLES)
    print(
        f"Beispiel-Arbeitsbereich / example workspace: {report.processes} Prozesse/processes, "
        f"{report.variants} Varianten/variants, {report.analyses} Analysen/analyses, "
        f"{report.projects} Projekte/projects, "
        f"{report.measures} Maßnahmen/measures, {report.status_updates} Statusmeldungen/"
        f"status updates, {report.schemes} Schemata/schemes neu/added"
        + ("" if report.added else " (bereits vorhanden/already seeded)")
    )
    for warning in report.warnings:
        print(f"WARNUNG/WARNING: {warning}", file=sys.stderr)
    return 0


def run_export(args: argparse.Namespace) -> int:
    from models.backup import export_workspace, row_counts
    from models.db import session_for

    out = Path(args.output)
    if out.suffix.lower() != ".zip":
        raise UsageError(f"{out}: a workspace backup is a .zip file")
    with open_engine(args) as engine, session_for(engine) as session:
        export_workspace(session, out)
        total = sum(row_counts(session).values())
    print(f"{out}: {total} Datensätze/rows gesichert/exported")
    return 0


def run_import(args: argparse.Namespace) -> int:
    from models.backup import BackupFormatError, WorkspaceNotEmptyError, import_workspace
    from models.db import session_for

    source = Path(args.input)
    if not source.is_file():
        raise UsageError(f"{source}: file not found")
    with open_engine(args) as engine, session_for(engine) as session:
        try:
            counts = import_workspace(session, source)
        except WorkspaceNotEmptyError as error:
            print(f"FEHLER/ERROR: Datenbank nicht leer / {error}", file=sys.stderr)
            return 1
        except BackupFormatError as error:
            print(f"FEHLER/ERROR: keine gültige Sicherung / {error}", file=sys.stderr)
            return 1
    print(f"{source}: {sum(counts.values())} Datensätze/rows wiederhergestellt/restored")
    return 0
