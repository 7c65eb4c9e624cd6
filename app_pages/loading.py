"""Reading files for the pages: cached imports as plain records, and the shipped samples.

The record of a file is plain data (dicts, lists, strings) so ``st.cache_data`` can
keep it; it holds every message in each UI language, so switching the language
re-renders without re-importing the file.

Examples
--------
>>> record = import_record(b"not xml at all")
>>> record["ok"], record["error"]["de"]["code"]
(False, 'xml-syntax')
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path
from typing import Any

import streamlit as st

from app_pages.i18n import LANGUAGES, text
from processanalysis import (
    DEFAULT_LIMITS,
    BpmnImportError,
    element_counts,
    read_bpmn,
    resolved_flow_count,
)
from processanalysis.inspection import structure

__all__ = [
    "LIMIT_MB",
    "LOADED_FILES_KEY",
    "SAMPLES_DIR",
    "import_record",
    "inspect_upload",
    "sample_files",
]

SAMPLES_DIR = Path(__file__).resolve().parents[1] / "sample_processes"
#: The importer's size limit in MB; the uploader and the page text use the same number.
LIMIT_MB = DEFAULT_LIMITS.max_bytes // (1024 * 1024)

#: ``st.session_state`` key of files loaded without the uploader (the samples), name -> bytes.
#: The import page reads it; tests may fill it directly.
LOADED_FILES_KEY = "import.loaded_files"

_log = logging.getLogger(__name__)


def sample_files() -> list[Path]:
    """The shipped sample processes, by file name; empty while none are there."""
    if not SAMPLES_DIR.is_dir():
        return []
    return sorted(SAMPLES_DIR.glob("*.bpmn"), key=lambda path: path.name.casefold())


def import_record(data: bytes, name: str | None = None) -> dict[str, Any]:
    """Import ``data`` and describe it for display; a :class:`BpmnImportError` is a record too.

    Other exceptions propagate: they are bugs, and must not be cached as a result.
    """
    try:
        model = read_bpmn(data, source=name)
    except BpmnImportError as error:
        return _failure({lang: error.to_dict(lang) for lang in LANGUAGES})
    counts: dict[str, int] = element_counts(model)
    counts["resolved_flows"] = resolved_flow_count(model)
    return {
        "ok": True,
        "error": None,
        "counts": counts,
        "structure": structure(model),
        "warnings": {lang: [w.to_dict(lang) for w in model.warnings] for lang in LANGUAGES},
        "fidelity": {
            lang: model.fidelity.to_dict(lang) if model.fidelity is not None else None
            for lang in LANGUAGES
        },
    }


@st.cache_data(show_spinner=False, max_entries=256)
def _cached_record(digest: str, _data: bytes) -> dict[str, Any]:
    # Keyed by the content hash alone (``_data`` is not hashed by Streamlit): the same
    # bytes uploaded again, under any name, are not imported twice.
    return import_record(_data)


def _failure(error: dict[str, dict[str, object]]) -> dict[str, Any]:
    """The record of an unreadable file; ``error`` is code, message and line per language."""
    return {
        "ok": False,
        "error": error,
        "counts": {},
        "structure": {"pools": []},
        "warnings": {lang: [] for lang in LANGUAGES},
        "fidelity": {lang: None for lang in LANGUAGES},
    }


def _unexpected(error: Exception) -> dict[str, Any]:
    kind = type(error).__name__
    message = {lang: text(lang, "error.unexpected", kind=kind) for lang in LANGUAGES}
    return _failure(
        {lang: {"code": "unexpected", "message": message[lang], "line": None} for lang in LANGUAGES}
    )


def inspect_upload(name: str, data: bytes) -> dict[str, Any]:
    """The display record of one file; never raises, an unexpected error becomes a record."""
    digest = hashlib.sha256(data).hexdigest()
    try:
        record = _cached_record(digest, data)
    except Exception as error:  # a bug: plain words on the page, the traceback in the log
        _log.exception("unexpected error while importing %s", name)
        record = _unexpected(error)
    return {**record, "file": name}
