"""Workspace backup: every table to one ZIP file, and back into an empty database.

Format (``format_version`` 1)::

    manifest.json            {"format": "processanalysis-workspace", "format_version": 1,
                              "schema_revision": "<alembic head>", "exported_at": ISO time,
                              "tables": {table: row count}}
    tables/<table>.json      the rows of each table, every column, ids included
                             (process_version without bpmn_xml: see bpmn/)
    bpmn/<version id>.bpmn   the BPMN XML of each process version, as stored

Dates and times are ISO 8601 text. Restoring requires an empty database of the same
schema revision and keeps every id, so links (measure -> project, review -> version)
survive unchanged.
"""

from __future__ import annotations

import json
import zipfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Date, DateTime, Integer, func, select, text
from sqlmodel import Session, SQLModel

import models  # noqa: F401  (registers every table)
from models.library import utc_now

__all__ = [
    "FORMAT",
    "FORMAT_VERSION",
    "BackupFormatError",
    "WorkspaceNotEmptyError",
    "export_workspace",
    "import_workspace",
    "row_counts",
    "table_rows",
]

FORMAT = "processanalysis-workspace"
FORMAT_VERSION = 1
#: Largest total uncompressed size a restore accepts (a guard against ZIP bombs).
MAX_UNCOMPRESSED = 2 * 1024**3
_XML_TABLE, _XML_COLUMN = "process_version", "bpmn_xml"


class WorkspaceNotEmptyError(RuntimeError):
    """The target database already holds data; a restore would mix two workspaces."""


class BackupFormatError(ValueError):
    """The file is not a workspace backup this version can restore."""


def _tables() -> list[Any]:
    """Every table in foreign-key order (parents first)."""
    return list(SQLModel.metadata.sorted_tables)


def _schema_revision(session: Session) -> str | None:
    try:
        return session.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except Exception:  # no migrations table: an unmigrated database
        session.rollback()
        return None


def row_counts(session: Session) -> dict[str, int]:
    """The number of rows of every table."""
    return {
        t.name: session.execute(select(func.count()).select_from(t)).scalar_one()
        for t in _tables()
    }


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def table_rows(session: Session, table_name: str) -> list[dict[str, Any]]:
    """Every row of a table as JSON-ready dicts, by primary key (also used to compare)."""
    table = SQLModel.metadata.tables[table_name]
    order = list(table.primary_key.columns)
    result = session.execute(select(table).order_by(*order)).mappings()
    return [{k: _plain(v) for k, v in row.items()} for row in result]


def export_workspace(session: Session, out_zip: Path) -> Path:
    """Write every table of the workspace to ``out_zip`` (see the module docstring).

    The file is written to a temporary name first and renamed, so a failed export never
    leaves a half-written backup under the requested name.
    """
    out_zip = Path(out_zip)
    out_zip.parent.mkdir(parents=True, exist_ok=True)
    partial = out_zip.with_name(out_zip.name + ".partial")
    counts: dict[str, int] = {}
    try:
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for table in _tables():
                rows = table_rows(session, table.name)
                if table.name == _XML_TABLE:
                    for row in rows:
                        archive.writestr(f"bpmn/{row['id']}.bpmn", row.pop(_XML_COLUMN))
                archive.writestr(f"tables/{table.name}.json",
                                 json.dumps(rows, ensure_ascii=False, indent=1))
                counts[table.name] = len(rows)
            manifest = {
                "format": FORMAT,
                "format_version": FORMAT_VERSION,
                "schema_revision": _schema_revision(session),
                "exported_at": utc_now().isoformat(),
                "tables": counts,
            }
            archive.writestr("manifest.json", json.dumps(manifest, indent=1))
        partial.replace(out_zip)
    finally:
        partial.unlink(missing_ok=True)
    return out_zip


def _read_json(archive: zipfile.ZipFile, name: str, source: Path) -> Any:
    try:
        return json.loads(archive.read(name).decode("utf-8"))
    except KeyError:
        raise BackupFormatError(f"{source}: {name} is missing; not a complete workspace "
                                "backup (create one with `processanalysis workspace export`)"
                                ) from None
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise BackupFormatError(f"{source}: {name} is not valid JSON ({error})") from None


def _typed(table: Any, row: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for column in table.columns:
        value = row.get(column.name)
        if isinstance(value, str) and isinstance(column.type, DateTime):
            value = datetime.fromisoformat(value)
        elif isinstance(value, str) and isinstance(column.type, Date):
            value = date.fromisoformat(value)
        out[column.name] = value
    return out


def import_workspace(
    session: Session, in_zip: Path, *, max_uncompressed: int = MAX_UNCOMPRESSED
) -> dict[str, int]:
    """Restore a backup into an empty database, ids included; returns rows per table.

    All or nothing: one transaction. Raises :class:`WorkspaceNotEmptyError` when any table
    holds a row, :class:`BackupFormatError` when the file is no backup of this schema.
    """
    in_zip = Path(in_zip)
    filled = {name: n for name, n in row_counts(session).items() if n}
    if filled:
        listing = ", ".join(f"{name}: {n}" for name, n in sorted(filled.items()))
        raise WorkspaceNotEmptyError(
            f"the database is not empty ({listing}); restore a workspace only into an empty "
            "database (create a new one, or a new SQLite file with --db sqlite:///neu.db)"
        )
    if not zipfile.is_zipfile(in_zip):
        raise BackupFormatError(f"{in_zip}: not a ZIP file; expected a workspace backup")
    with zipfile.ZipFile(in_zip) as archive:
        total = sum(info.file_size for info in archive.infolist())
        if total > max_uncompressed:
            raise BackupFormatError(
                f"{in_zip}: unpacks to {total / 1e9:.1f} GB, more than the "
                f"{max_uncompressed / 1e9:.1f} GB a restore accepts"
            )
        manifest = _read_json(archive, "manifest.json", in_zip)
        if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
            raise BackupFormatError(f"{in_zip}: manifest.json does not describe a {FORMAT}")
        if manifest.get("format_version") != FORMAT_VERSION:
            raise BackupFormatError(
                f"{in_zip}: backup format version {manifest.get('format_version')}, this "
                f"version reads {FORMAT_VERSION}"
            )
        revision = _schema_revision(session)
        if manifest.get("schema_revision") != revision:
            raise BackupFormatError(
                f"{in_zip}: made with schema {manifest.get('schema_revision')}, the database "
                f"has {revision}; use the program version that made the backup"
            )
        data: dict[str, list[dict[str, Any]]] = {}
        for table in _tables():
            rows = _read_json(archive, f"tables/{table.name}.json", in_zip)
            if table.name == _XML_TABLE:
                for row in rows:
                    try:
                        row[_XML_COLUMN] = archive.read(f"bpmn/{row['id']}.bpmn").decode("utf-8")
                    except KeyError:
                        raise BackupFormatError(
                            f"{in_zip}: bpmn/{row['id']}.bpmn is missing") from None
            data[table.name] = [_typed(table, row) for row in rows]
    try:
        for table in _tables():
            if data[table.name]:
                session.execute(table.insert(), data[table.name])
        _reset_sequences(session)
        session.commit()
    except BaseException:
        session.rollback()
        raise
    return {name: len(rows) for name, rows in data.items()}


def _reset_sequences(session: Session) -> None:
    """PostgreSQL: move each id sequence past the restored ids (SQLite needs nothing)."""
    if session.get_bind().dialect.name != "postgresql":
        return
    for table in _tables():
        column = table.columns.get("id")
        if column is None or not isinstance(column.type, Integer):
            continue
        session.execute(text(
            f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
            f"COALESCE((SELECT MAX(id) FROM {table.name}), 0) + 1, false)"
        ))
