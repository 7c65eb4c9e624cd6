"""Per-file inspection summaries: the record the ``inspect`` command and the UI show.

Kept in the library (not the CLI) so the command line, the browser page and batch
jobs report exactly the same thing about a file.

Examples
--------
>>> record = inspect_bytes(b"not xml at all", "x.bpmn")
>>> record["ok"], record["error"]["code"]
(False, 'xml-syntax')
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from processanalysis.bpmn.counts import element_counts, resolved_flow_count
from processanalysis.bpmn.importer import import_file, read_bpmn
from processanalysis.bpmn.model import Definitions, Lane
from processanalysis.bpmn.xmlsafe import DEFAULT_LIMITS, Limits
from processanalysis.errors import BpmnImportError

__all__ = ["inspect_bytes", "inspect_path", "structure", "summarise"]


def summarise(model: Definitions, file: str, lang: str = "en") -> dict[str, Any]:
    """The JSON record of a successfully imported model."""
    counts: dict[str, Any] = element_counts(model)
    counts["resolved_flows"] = resolved_flow_count(model)
    return {
        "file": file,
        "ok": True,
        "counts": counts,
        "warnings": [w.to_dict(lang) for w in model.warnings],
        "error": None,
    }


def _failure(file: str, error: BpmnImportError, lang: str) -> dict[str, Any]:
    return {"file": file, "ok": False, "counts": {}, "warnings": [], "error": error.to_dict(lang)}


def inspect_path(
    path: str | Path, *, lang: str = "en", limits: Limits = DEFAULT_LIMITS
) -> dict[str, Any]:
    """Import one file and summarise it; a failed import becomes a record, not an exception."""
    try:
        model = import_file(path, limits=limits)
    except BpmnImportError as error:
        return _failure(str(path), error, lang)
    return summarise(model, str(path), lang)


def inspect_bytes(
    data: bytes, file: str, *, lang: str = "en", limits: Limits = DEFAULT_LIMITS
) -> dict[str, Any]:
    """Like :func:`inspect_path` for uploaded bytes."""
    try:
        model = read_bpmn(data, limits=limits, source=file)
    except BpmnImportError as error:
        return _failure(file, error, lang)
    return summarise(model, file, lang)


def structure(model: Definitions) -> dict[str, Any]:
    """Participants (pools) with their lanes, for display: who takes part, in which units."""
    processes = {p.id: p for p in model.processes}
    pools: list[dict[str, Any]] = []
    shown: set[str | None] = set()
    for participant in model.participants:
        process = processes.get(participant.process_ref)
        shown.add(participant.process_ref)
        pools.append(
            {
                "id": participant.id,
                "name": participant.label or participant.id,
                "process": participant.process_ref,
                "black_box": process is None,
                "lanes": _lanes(process.lanes()) if process is not None else [],
            }
        )
    for process in model.processes:
        if process.id not in shown:
            pools.append(
                {
                    "id": process.id,
                    "name": process.label or process.id,
                    "process": process.id,
                    "black_box": False,
                    "lanes": _lanes(process.lanes()),
                }
            )
    return {"pools": pools}


def _lanes(lanes: Any) -> list[dict[str, Any]]:
    result = []
    for lane in lanes:
        assert isinstance(lane, Lane)
        result.append(
            {"id": lane.id, "name": lane.label or lane.id, "nodes": len(lane.flow_node_refs)}
        )
    return result
