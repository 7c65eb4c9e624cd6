"""Data of the modeller and compare pages: library versions, saving a variant, comparisons.

Everything the two pages compute lives here as plain data (dicts, lists, strings), so
``st.cache_data`` can keep it and tests can call it without a browser. Writes go to the
workspace store (``models.store.add_variant``) through :func:`app_pages.workspace.session`,
after the role check (:func:`app_pages.workspace.can_edit`, i.e. ``app_pages.auth``).

A variant is always stored with a parent: a library version, or — when the user edited a
sample or an uploaded file — that file, stored first as an as-is version of its process.

Examples
--------
>>> outcome = SaveOutcome(ok=False, messages=[("error", "x")])
>>> outcome.ok, outcome.version_id
(False, None)
"""

from __future__ import annotations

import hashlib
import logging
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import streamlit as st
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session

from app_pages import workspace
from app_pages.i18n import LANGUAGES, current_language, escape_markdown, text
from models.store import add_file, add_variant, get_version, list_processes, versions_of
from processanalysis import BpmnImportError, export_bpmn, read_bpmn
from processanalysis.analysis.runner import analyse
from processanalysis.variants import (
    OPERATIONS,
    OperationError,
    apply_suggestion,
    compare_models,
    parse_operation,
)

__all__ = [
    "SaveOutcome",
    "VersionRef",
    "apply_finding",
    "comparison_record",
    "draft_key_for",
    "library_processes",
    "process_versions",
    "save_variant",
    "suggestions",
    "version_xml",
]

_log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class VersionRef:
    """What the modeller edits: a library version, or a file not yet in the library."""

    #: The library process and version; ``None`` for a sample or an uploaded file.
    process_id: int | None
    version_id: int | None
    #: The file's name and bytes when it is not in the library (stored first on save).
    file_name: str | None = None
    file_data: bytes | None = None


@dataclass(slots=True)
class SaveOutcome:
    """What happened to a save: stored (with the new version) or refused, and why."""

    ok: bool
    messages: list[tuple[str, str]] = field(default_factory=list)
    version_id: int | None = None
    process_id: int | None = None


# -- reading the library ----------------------------------------------------------------------


def library_processes() -> list[dict[str, Any]]:
    """Every process of the library (``{"id", "name", "unit", "versions", ...}``), by name."""
    return workspace.read(list_processes)


def _version_row(version: Any) -> dict[str, Any]:
    return {
        "id": version.id,
        "process_id": version.process_id,
        "role": version.role,
        "variant_name": version.variant_name,
        "file_name": version.file_name,
        "parent_version_id": version.parent_version_id,
        "created_at": version.created_at.strftime("%Y-%m-%d %H:%M") if version.created_at else "",
    }


def process_versions(process_id: int) -> list[dict[str, Any]]:
    """The versions of a process as rows, oldest first (as-is and to-be alike)."""
    return workspace.read(lambda s: [_version_row(v) for v in versions_of(s, process_id)])


def version_xml(version_id: int) -> str | None:
    """The stored BPMN XML of a version, or ``None`` when it is gone."""

    def fetch(session: Session) -> str | None:
        version = get_version(session, version_id)
        return None if version is None else version.bpmn_xml

    return workspace.read(fetch)


def version_label(row: Mapping[str, Any], lang: str) -> str:
    """``"Soll: Online-Antrag (#7, 2026-12-01 15:40)"`` — what a version is called in lists."""
    role = text(lang, f"variants.role.{row['role']}")
    name = row.get("variant_name") or row.get("file_name") or ""
    return f"{role}: {name} (#{row['id']}, {row['created_at']})"


def draft_key_for(ref: VersionRef) -> str:
    """The browser draft's key: one per library version, or per file content."""
    if ref.version_id is not None:
        return f"version:{ref.version_id}"
    digest = hashlib.sha256(ref.file_data or b"").hexdigest()[:16]
    return f"file:{digest}"


# -- saving a variant ---------------------------------------------------------------------------


def _import_problems(error: BpmnImportError) -> str:
    shown = error.to_dict(current_language())
    line = (
        f" ({text(current_language(), 'error.line', line=shown['line'])})" if shown["line"] else ""
    )
    return f"{shown['message']}{line}"


def _store_file(session: Session, name: str, data: bytes, actor: str | None) -> tuple[int, int]:
    """Store a sample or upload as an as-is version; ``(process_id, version_id)``."""
    with tempfile.TemporaryDirectory(prefix="pa-modeler-") as folder:
        path = Path(folder) / (Path(name).name or "process.bpmn")
        path.write_bytes(data)
        process, version, _ = add_file(session, path, role="as_is", actor=actor)
    assert process.id is not None and version.id is not None
    return process.id, version.id


def save_variant(ref: VersionRef, xml: str, name: str) -> SaveOutcome:
    """Check and store ``xml`` as a to-be variant named ``name`` of ``ref``'s process.

    Refused, with nothing written, when the user may not edit, the name is empty, or the
    XML does not import (the importer's message says what and where). The importer's
    warnings come back as ``("warning", text)`` messages of a stored variant.
    """
    lang = current_language()
    name = (name or "").strip()
    if not workspace.can_edit():
        return SaveOutcome(False, [("error", text(lang, "variants.save.read_only"))])
    if not name:
        return SaveOutcome(False, [("error", text(lang, "variants.save.no_name"))])
    try:
        model = read_bpmn(xml.encode("utf-8"), source=f"{name}.bpmn")
    except BpmnImportError as error:
        detail = escape_markdown(_import_problems(error))
        return SaveOutcome(False, [("error", text(lang, "variants.save.invalid", detail=detail))])
    messages = [
        ("warning", escape_markdown(w.to_dict(lang)["message"])) for w in model.warnings[:20]
    ]
    actor = workspace.actor()
    try:
        with workspace.session() as session:
            process_id, parent_id = ref.process_id, ref.version_id
            if process_id is None or parent_id is None:
                process_id, parent_id = _store_file(
                    session, ref.file_name or "process.bpmn", ref.file_data or b"", actor
                )
            version = add_variant(
                session,
                process_id,
                xml,
                parent_version_id=parent_id,
                variant_name=name,
                actor=actor,
            )
    except BpmnImportError as error:
        detail = escape_markdown(_import_problems(error))
        return SaveOutcome(False, [("error", text(lang, "variants.save.invalid", detail=detail))])
    except (ValueError, LookupError) as error:
        detail = escape_markdown(str(error))
        return SaveOutcome(False, [("error", text(lang, "variants.save.invalid", detail=detail))])
    except SQLAlchemyError:
        _log.exception("database error while saving a variant")
        return SaveOutcome(False, [("error", text(lang, "variants.save.db_error"))])
    return SaveOutcome(True, messages, version_id=version.id, process_id=process_id)


# -- comparing two versions ---------------------------------------------------------------------


def _element_info(model: Any, element_id: str) -> dict[str, str]:
    element = model.get(element_id)
    if element is None:
        return {"label": "", "type": ""}
    return {"label": element.label, "type": element.type}


def _comparison(as_is_xml: str, to_be_xml: str) -> dict[str, Any]:
    as_is = read_bpmn(as_is_xml.encode("utf-8"))
    to_be = read_bpmn(to_be_xml.encode("utf-8"))
    comparison = compare_models(as_is, to_be, lang="de")
    diff = comparison.diff
    rows: list[dict[str, Any]] = []
    for element_id in diff.added:
        rows.append(
            {
                "status": "added",
                "as_is_id": None,
                "to_be_id": element_id,
                "fields": [],
                **_pair(None, _element_info(to_be, element_id)),
            }
        )
    for element_id in diff.removed:
        rows.append(
            {
                "status": "removed",
                "as_is_id": element_id,
                "to_be_id": None,
                "fields": [],
                **_pair(_element_info(as_is, element_id), None),
            }
        )
    for change in diff.changed:
        rows.append(
            {
                "status": "changed",
                "as_is_id": change.id,
                "to_be_id": change.to_be_id,
                "fields": list(change.fields),
                **_pair(_element_info(as_is, change.id), _element_info(to_be, change.to_be_id)),
            }
        )
    return {
        "ok": True,
        "rows": rows,
        "unchanged": len(diff.unchanged),
        "as_is_colours": {
            **{element_id: "removed" for element_id in diff.removed},
            **{change.id: "changed" for change in diff.changed},
        },
        "to_be_colours": {
            **{element_id: "added" for element_id in diff.added},
            **{change.to_be_id: "changed" for change in diff.changed},
        },
        "kpis": comparison.kpis,
        "media_breaks": comparison.media_breaks,
        "findings": findings_across(comparison),
        "summary": {lang: comparison.summary(lang) for lang in LANGUAGES},
    }


def findings_across(comparison: Any) -> list[dict[str, Any]]:
    """Every finding of both models with what became of it: ``resolved`` (as-is only),
    ``remaining`` (as-is, found again on the matched to-be elements), ``shifted`` (an
    as-is media break still there in another form) or ``new`` (to-be only).

    Media breaks take the comparison's own verdict (``Comparison.break_status``), so the
    page and ``processanalysis compare`` agree; other findings are found again when the
    to-be has one of the same rule on the elements the diff matched to the as-is
    finding's elements.
    """
    verdicts = comparison.break_status()
    mapping = comparison.diff.mapping
    later: dict[tuple[str, ...], list[str]] = {}
    for finding in comparison.to_be.findings:
        if finding.kind != "media_break":
            later.setdefault((finding.rule, *finding.elements), []).append(finding.id)
    kept: set[str] = set()
    rows: list[dict[str, Any]] = []
    for finding in comparison.as_is.findings:
        status = verdicts.get(finding.id)
        if finding.kind != "media_break" or status is None:
            key = (finding.rule, *[mapping.get(e, "\0" + e) for e in finding.elements])
            partners = later.get(key)
            status = "remaining" if partners else "resolved"
            if partners:
                kept.add(partners.pop(0))
        rows.append(_finding_row(finding, status, "as_is"))
    rows.extend(
        _finding_row(finding, "new", "to_be")
        for finding in comparison.to_be.findings
        if (verdicts.get(finding.id) == "new" if finding.kind == "media_break"
            else finding.id not in kept)
    )
    return rows


def _finding_row(finding: Any, status: str, side: str) -> dict[str, Any]:
    return {
        "id": finding.id,
        "kind": finding.kind,
        "severity": finding.severity,
        "status": status,
        "side": side,
        "elements": list(finding.elements),
        "message": {lang: finding.text(lang) for lang in LANGUAGES},
    }


def _pair(before: Mapping[str, str] | None, after: Mapping[str, str] | None) -> dict[str, str]:
    return {
        "type": (after or before or {}).get("type", ""),
        "as_is_label": (before or {}).get("label", ""),
        "to_be_label": (after or {}).get("label", ""),
    }


@st.cache_data(show_spinner=False, max_entries=64)
def comparison_record(as_is_xml: str, to_be_xml: str) -> dict[str, Any]:
    """Diff rows, diagram colours, KPIs of both and the summary in every language.

    A document that does not import gives ``{"ok": False, "error": {lang: message}}``.
    """
    try:
        return _comparison(as_is_xml, to_be_xml)
    except BpmnImportError as error:
        return {"ok": False, "error": {lang: error.message(lang) for lang in LANGUAGES}}


# -- suggestions: a finding's operations as a new variant ------------------------------------------


def _operation_title(operation: str, lang: str) -> str:
    """``"Schnittstelle einrichten"`` for ``"add_interface:…"`` (the description's head)."""
    name = operation.split(":", 1)[0]
    spec = OPERATIONS.get(name)
    return spec.description[lang].split(":", 1)[0] if spec is not None else name


def _operation_text(model: Any, operation: str, lang: str) -> str:
    """``"Schnittstelle einrichten: „Zahlung melden“"`` — an operation in words, ids as labels."""
    try:
        _, params = parse_operation(operation)
    except OperationError:
        return operation
    names = []
    for value in params.values():
        for item in value if isinstance(value, list) else [value]:
            element = model.get(str(item))
            names.append(
                f"„{element.label}“" if element is not None and element.label else str(item)
            )
    title = _operation_title(operation, lang)
    return f"{title}: {', '.join(names)}" if names else title


@st.cache_data(show_spinner=False, max_entries=64)
def suggestions(xml: str) -> list[dict[str, Any]]:
    """The findings of ``xml`` that carry improvement operations (one click → a variant)."""
    try:
        model = read_bpmn(xml.encode("utf-8"))
    except BpmnImportError:
        return []
    result = analyse(model)
    return [
        {
            "id": finding.id,
            "kind": finding.kind,
            "severity": finding.severity,
            "operations": list(finding.operations),
            "title": {lang: _operation_title(finding.operations[0], lang) for lang in LANGUAGES},
            "changes": {
                lang: [_operation_text(model, op, lang) for op in finding.operations]
                for lang in LANGUAGES
            },
            "text": {lang: finding.to_dict(lang) for lang in LANGUAGES},
        }
        for finding in result.findings
        if finding.operations
    ]


def apply_finding(process_id: int, version_id: int, finding_id: str, name: str) -> SaveOutcome:
    """Apply the operations of ``finding_id`` (a finding of version ``version_id``) and store
    the result as a variant named ``name``; nothing is written when an operation fails."""
    lang = current_language()
    if not workspace.can_edit():
        return SaveOutcome(False, [("error", text(lang, "variants.save.read_only"))])
    xml = version_xml(version_id)
    if xml is None:
        return SaveOutcome(False, [("error", text(lang, "variants.gone", id=version_id))])
    model = read_bpmn(xml.encode("utf-8"))
    findings = {f.id: f for f in analyse(model).findings}
    finding = findings.get(finding_id)
    if finding is None:
        return SaveOutcome(False, [("error", text(lang, "variants.suggest.gone", id=finding_id))])
    try:
        changed, applied = apply_suggestion(model, finding)
    except OperationError as error:
        return SaveOutcome(False, [("error", escape_markdown(error.text(lang)))])
    xml_out = export_bpmn(changed).decode("utf-8")
    outcome = save_variant(VersionRef(process_id, version_id), xml_out, name)
    if outcome.ok:
        done = "; ".join(record.description.get(lang, record.name) for record in applied)
        outcome.messages.insert(0, ("info", escape_markdown(done)))
    return outcome


def versions_for_compare(rows: Sequence[Mapping[str, Any]]) -> tuple[list[int], list[int]]:
    """``(as-is ids, to-be ids)`` of a process's version rows, newest first."""
    as_is = [row["id"] for row in reversed(rows) if row["role"] == "as_is"]
    to_be = [row["id"] for row in reversed(rows) if row["role"] == "to_be"]
    return as_is, to_be
