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
from sqlalchemy import delete, update
from sqlmodel import Session, select

from models import (
    PROCESS_ROLES,
    AnalysisResult,
    FindingReview,
    MeasureRow,
    Process,
    ProcessVersion,
    utc_now,
)
from models.audit import record_change
from models.errors import StaleEditError, UnknownRecordError
from processanalysis import Definitions, import_file, read_bpmn

__all__ = [
    "ConcurrentEditError",
    "UnknownProcessError",
    "add_file",
    "add_variant",
    "content_hash",
    "delete_process",
    "get_version",
    "list_processes",
    "process_name",
    "rename_process",
    "versions_of",
]


class ConcurrentEditError(StaleEditError):
    """A process was renamed by someone else since the caller read it; nothing was saved.

    The process-specific form of :class:`~models.errors.StaleEditError` (catch that one to
    handle every stale save alike).
    """

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
            "process", process_id, expected_version, stored_version,
            {"name": stored_name}, {"name": new_name},
            message=f"process {process_id} was changed meanwhile: your edit is based on version "
            f"{expected_version}, the stored version is {stored_version} with the name "
            f"{stored_name!r}; the new name {new_name!r} was not saved",
        )


class UnknownProcessError(UnknownRecordError):
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
    data = path.read_bytes()
    digest = content_hash(data)
    # The hash first: a file already in the library (re-adding a folder) is recognised
    # without parsing it again.
    known = session.exec(
        select(ProcessVersion).where(ProcessVersion.content_hash == digest).order_by(
            ProcessVersion.id
        )
    ).first()
    if known is not None:
        process = session.get(Process, known.process_id)
        assert process is not None  # the foreign key guarantees it
        return process, known, False
    model = import_file(path)
    try:
        name = process_name(model, path)
        process = _process_named(session, name, unit)
        if process is None:
            process = Process(name=name, owning_unit=unit)
            session.add(process)
            session.flush()
            record_change(
                session, actor, "process", process.id, "create", {"name": name, "unit": unit}
            )
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
        record_change(
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
            record_change(session, actor, "process", process_id, "update", {"name": new_name})
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


def get_version(session: Session, version_id: int) -> ProcessVersion | None:
    """The process version with this id, or ``None``."""
    return session.get(ProcessVersion, version_id)


def versions_of(session: Session, process_id: int) -> list[ProcessVersion]:
    """Every version of a process, oldest first (the version history)."""
    return list(
        session.exec(
            select(ProcessVersion)
            .where(ProcessVersion.process_id == process_id)
            .order_by(ProcessVersion.id)
        )
    )


def add_variant(
    session: Session,
    process_id: int,
    xml_text: str,
    *,
    parent_version_id: int,
    variant_name: str,
    actor: str | None = None,
) -> ProcessVersion:
    """Store an edited or derived BPMN document as a to-be version of a process; commits.

    The same document stored again for this process returns the stored version unchanged.

    Raises
    ------
    BpmnImportError
        ``xml_text`` does not import as BPMN; nothing is written.
    UnknownProcessError
        No such process.
    ValueError
        The parent version does not belong to the process, or the variant has no name.
    """
    data = xml_text.encode("utf-8")
    read_bpmn(data)  # raises BpmnImportError before anything is written
    if not variant_name or not variant_name.strip():
        raise ValueError("a variant needs a name (variant_name)")
    if session.get(Process, process_id) is None:
        raise UnknownProcessError(f"no process with id {process_id}")
    parent = session.get(ProcessVersion, parent_version_id)
    if parent is None or parent.process_id != process_id:
        raise ValueError(
            f"version {parent_version_id} is not a version of process {process_id}; "
            "choose a version of this process as the parent"
        )
    digest = content_hash(data)
    known = session.exec(
        select(ProcessVersion).where(
            ProcessVersion.process_id == process_id, ProcessVersion.content_hash == digest
        )
    ).first()
    if known is not None:
        return known
    try:
        version = ProcessVersion(
            process_id=process_id,
            bpmn_xml=xml_text,
            content_hash=digest,
            file_name=f"{variant_name.strip()}.bpmn",
            role="to_be",
            parent_version_id=parent_version_id,
            variant_name=variant_name.strip(),
            created_by=actor,
        )
        session.add(version)
        session.flush()
        record_change(
            session, actor, "process_version", version.id, "create",
            {"process_id": process_id, "variant_name": version.variant_name,
             "parent_version_id": parent_version_id, "content_hash": digest},
        )
        session.commit()
    except BaseException:
        session.rollback()
        raise
    return version


def delete_process(session: Session, process_id: int, *, actor: str | None = None) -> None:
    """Delete a process with its versions, analyses and reviews; commits.

    Measures derived from its findings stay (they may already belong to a project) but
    lose their link to the version. Everything happens in one transaction.

    Raises
    ------
    UnknownProcessError
        No such process.
    """
    process = session.get(Process, process_id)
    if process is None:
        raise UnknownProcessError(f"no process with id {process_id}")
    version_ids = list(
        session.exec(select(ProcessVersion.id).where(ProcessVersion.process_id == process_id))
    )
    try:
        measures = list(
            session.exec(select(MeasureRow).where(MeasureRow.process_version_id.in_(version_ids)))  # type: ignore[union-attr]
        )
        for measure in measures:
            record_change(session, actor, "measure", measure.id, "update",
                   {"process_version_id": None, "was": measure.process_version_id})
            measure.process_version_id = None
            measure.version += 1
            session.add(measure)
        session.flush()
        in_versions = FindingReview.version_id.in_(version_ids)  # type: ignore[attr-defined]
        session.execute(delete(FindingReview).where(in_versions))
        session.execute(
            delete(AnalysisResult).where(AnalysisResult.version_id.in_(version_ids))  # type: ignore[attr-defined]
        )
        # Core statements: the ORM refuses to update an immutable version, rightly.
        session.execute(
            update(ProcessVersion)
            .where(ProcessVersion.process_id == process_id)  # type: ignore[arg-type]
            .values(parent_version_id=None)
        )
        session.execute(
            delete(ProcessVersion).where(ProcessVersion.process_id == process_id)  # type: ignore[arg-type]
        )
        session.execute(delete(Process).where(Process.id == process_id))  # type: ignore[arg-type]
        record_change(session, actor, "process", process_id, "delete",
               {"name": process.name, "versions": version_ids})
        session.commit()
    except BaseException:
        session.rollback()
        raise
