"""The process library: add BPMN files as versions of processes, list and rename processes.

Each file becomes an immutable :class:`~models.ProcessVersion`; a file whose bytes are
already stored (same SHA-256) is recognised and not stored twice. A new file whose
process has the name and unit of a known process becomes that process's next version.
Edits of a process use optimistic locking: the caller states the ``version`` it has
seen, and the edit fails with :class:`ConcurrentEditError` when someone was faster.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from pathlib import Path
from typing import Any

from lxml import etree
from sqlalchemy import update
from sqlmodel import Session, select

from models import PROCESS_ROLES, AuditEntry, Process, ProcessVersion, utc_now
from processanalysis import Definitions, import_file

__all__ = [
    "ConcurrentEditError",
    "UnknownProcessError",
    "add_file",
    "content_hash",
    "list_processes",
    "process_name",
    "rename_process",
]


class ConcurrentEditError(Exception):
    """The record was changed by someone else since the caller read it; nothing was saved."""

    def __init__(
        self,
        process_id: int,
        expected_version: int,
        stored_version: int,
        stored_name: str,
        new_name: str,
    ) -> None:
        self.process_id = process_id
        self.expected_version = expected_version
        self.stored_version = stored_version
        self.stored_name = stored_name
        self.new_name = new_name
        super().__init__(
            f"process {process_id} was changed meanwhile: your edit is based on version "
            f"{expected_version}, the stored version is {stored_version} with the name "
            f"{stored_name!r}; the new name {new_name!r} was not saved"
        )


class UnknownProcessError(LookupError):
    """No process with this id is in the library."""


def content_hash(data: bytes) -> str:
    """The SHA-256 of a file's bytes, hex, by which the library recognises a file.

    Examples
    --------
    >>> content_hash(b"")[:12]
    'e3b0c44298fc'
    """
    return hashlib.sha256(data).hexdigest()


def add_file(
    session: Session,
    path: str | Path,
    *,
    unit: str | None = None,
    role: str = "as_is",
    actor: str | None = None,
) -> tuple[Process, ProcessVersion, bool]:
    """Import ``path`` and store it as a process version; commits.

    Returns the process, the version and whether it was created (``False`` when a file
    with the same bytes is already in the library: then nothing is written).

    Raises
    ------
    BpmnImportError
        The file cannot be read as BPMN; nothing is written.
    ValueError
        ``role`` is neither ``as_is`` nor ``to_be``.
    """
    if role not in PROCESS_ROLES:
        raise ValueError(f"role must be one of {PROCESS_ROLES}, not {role!r}")
    path = Path(path)
    model = import_file(path)
    data = path.read_bytes()
    digest = content_hash(data)
    known = session.exec(
        select(ProcessVersion).where(ProcessVersion.content_hash == digest).order_by(
            ProcessVersion.id
        )
    ).first()
    if known is not None:
        process = session.get(Process, known.process_id)
        assert process is not None  # the foreign key guarantees it
        return process, known, False
    try:
        name = process_name(model, path)
        process = _process_named(session, name, unit)
        if process is None:
            process = Process(name=name, owning_unit=unit)
            session.add(process)
            session.flush()
            _audit(session, actor, "process", process.id, "create", {"name": name, "unit": unit})
            parent_id = None
        else:
            parent_id = session.exec(
                select(ProcessVersion.id)
                .where(ProcessVersion.process_id == process.id)
                .order_by(ProcessVersion.id.desc())  # type: ignore[union-attr]
            ).first()
        version = ProcessVersion(
            process_id=process.id,
            bpmn_xml=_xml_text(data),
            content_hash=digest,
            file_name=path.name,
            role=role,
            parent_version_id=parent_id,
            created_by=actor,
        )
        session.add(version)
        session.flush()
        _audit(
            session, actor, "process_version", version.id, "create",
            {"process_id": process.id, "file_name": path.name, "content_hash": digest},
        )
        session.commit()
    except BaseException:
        session.rollback()
        raise
    return process, version, True


def list_processes(session: Session) -> list[dict[str, Any]]:
    """Every process with its number of versions and the hash of the latest, by name.

    Each item is ``{"id", "name", "unit", "versions", "latest_hash"}``.
    """
    versions: dict[int, list[str]] = defaultdict(list)
    rows = session.exec(
        select(ProcessVersion.process_id, ProcessVersion.content_hash).order_by(ProcessVersion.id)
    )
    for process_id, digest in rows:
        versions[process_id].append(digest)
    processes = session.exec(select(Process).order_by(Process.name, Process.id))
    return [
        {
            "id": process.id,
            "name": process.name,
            "unit": process.owning_unit,
            "versions": len(versions[process.id]),
            "latest_hash": versions[process.id][-1] if versions[process.id] else None,
        }
        for process in processes
    ]


def rename_process(
    session: Session,
    process_id: int,
    new_name: str,
    expected_version: int,
    *,
    actor: str | None = None,
) -> Process:
    """Rename a process if it is still at ``expected_version``; commits.

    The check and the write are one ``UPDATE ... WHERE version = expected``, so two
    editors cannot both succeed.

    Raises
    ------
    ConcurrentEditError
        The stored version differs from ``expected_version``; the stored name is kept.
    UnknownProcessError
        No process has this id.
    """
    statement = (
        update(Process)
        .where(Process.id == process_id, Process.version == expected_version)  # type: ignore[arg-type]
        .values(name=new_name, version=Process.version + 1, updated_at=utc_now())
    )
    try:
        changed = session.execute(statement).rowcount
        if changed:
            _audit(session, actor, "process", process_id, "update", {"name": new_name})
            session.commit()
        else:
            session.rollback()
    except BaseException:
        session.rollback()
        raise
    stored = session.get(Process, process_id, populate_existing=True)
    if stored is None:
        raise UnknownProcessError(f"no process with id {process_id}")
    if not changed:
        raise ConcurrentEditError(
            process_id, expected_version, stored.version, stored.name, new_name
        )
    return stored


def process_name(model: Definitions, path: Path) -> str:
    """The name a file's process is listed under: its main process (the one with lanes
    and the most flow elements: the authority's, not a modelled citizen's), else a named
    participant, else the document's name, else the file name without suffix."""
    ranked = sorted(
        model.processes,
        key=lambda p: (bool(p.lanes()), len(p.flow_elements)),
        reverse=True,
    )
    for element in (*ranked, *model.participants):
        if element.name and element.name.strip():
            return element.name.strip()
    if model.name and model.name.strip():
        return model.name.strip()
    return path.stem


def _process_named(session: Session, name: str, unit: str | None) -> Process | None:
    unit_matches = Process.owning_unit.is_(None) if unit is None else Process.owning_unit == unit  # type: ignore[union-attr]
    return session.exec(
        select(Process).where(Process.name == name, unit_matches).order_by(Process.id)
    ).first()


def _xml_text(data: bytes) -> str:
    """The document as text for the ``bpmn_xml`` column; UTF-8 is kept byte for byte,
    other encodings are re-serialised (the hash still covers the original bytes)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
        return etree.tostring(etree.fromstring(data, parser), encoding="unicode")


def _audit(
    session: Session,
    actor: str | None,
    table: str,
    record_id: int | None,
    action: str,
    detail: dict[str, Any],
) -> None:
    assert record_id is not None  # flushed before auditing
    session.add(
        AuditEntry(actor=actor, table_name=table, record_id=record_id, action=action, detail=detail)
    )
