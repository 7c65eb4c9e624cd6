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
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import streamlit as st

from app_pages.i18n import LANGUAGES, current_language, escape_markdown, t, text
from processanalysis import (
    DEFAULT_LIMITS,
    BpmnImportError,
    element_counts,
    read_bpmn,
    resolved_flow_count,
)
from processanalysis.errors import message_for
from processanalysis.inspection import structure

__all__ = [
    "LIMIT_MB",
    "LOADED_FILES_KEY",
    "SAMPLES_DIR",
    "chosen_source",
    "guarded_load",
    "import_record",
    "inspect_upload",
    "sample_files",
    "show_error",
    "source_inputs",
    "unexpected_error",
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


def unexpected_error(error: Exception, key: str) -> dict[str, dict[str, Any]]:
    """A bug as an error per language: code ``unexpected``, the text ``key`` naming its type."""
    kind = type(error).__name__
    return {
        lang: {"code": "unexpected", "message": text(lang, key, kind=kind), "line": None}
        for lang in LANGUAGES
    }


def _error_record(error: dict[str, dict[str, Any]]) -> dict[str, Any]:
    return {"ok": False, "error": error}


def guarded_load(
    cached: Callable[[str, bytes], dict[str, Any]],
    name: str,
    data: bytes,
    *,
    doing: str,
    message_key: str,
    failure: Callable[[dict[str, dict[str, Any]]], dict[str, Any]] = _error_record,
) -> tuple[str, dict[str, Any]]:
    """``(digest, cached(digest, data))``, keyed by the SHA-256 of ``data``; never raises.

    A bug is logged ("unexpected error while ``doing`` ``name``") and becomes
    ``failure(unexpected_error(error, message_key))``, not cached.
    """
    digest = hashlib.sha256(data).hexdigest()
    try:
        record = cached(digest, data)
    except Exception as error:  # a bug: plain words on the page, the traceback in the log
        _log.exception("unexpected error while %s %s", doing, name)
        record = failure(unexpected_error(error, message_key))
    return digest, record


def inspect_upload(name: str, data: bytes) -> dict[str, Any]:
    """The display record of one file; never raises, an unexpected error becomes a record."""
    _, record = guarded_load(
        _cached_record,
        name,
        data,
        doing="importing",
        message_key="error.unexpected",
        failure=_failure,
    )
    return {**record, "file": name}


def show_error(error: Mapping[str, Mapping[str, Any]]) -> None:
    """Why a file cannot be used (an error per language), in plain words with line and code."""
    shown = error[current_language()]
    where = [t("error.code", code=shown["code"])]
    line = t("error.line", line=shown["line"]) if shown.get("line") else None
    if line and line.lower() not in shown["message"].lower():  # not twice
        where.insert(0, line)
    st.error(f"{escape_markdown(shown['message'])}  \n{escape_markdown(' · '.join(where))}")


# -- the source of a page: a sample or an upload -------------------------------------------


def source_inputs(text_prefix: str, key_prefix: str) -> tuple[Any, list[Path], Path | None, Any]:
    """The sample box beside the uploader: ``(sample column, samples, sample, upload)``.

    Texts are ``{text_prefix}.sample`` etc., widget keys ``{key_prefix}.sample`` and
    ``{key_prefix}.upload``; the column is returned for more widgets below the box.
    """
    samples = sample_files()
    choice, uploader = st.columns([1, 2])
    sample = (
        choice.selectbox(
            t(f"{text_prefix}.sample"),
            samples,
            format_func=lambda p: p.stem,
            key=f"{key_prefix}.sample",
        )
        if samples
        else None
    )
    upload = uploader.file_uploader(
        t(f"{text_prefix}.uploader", limit_mb=LIMIT_MB),
        type=["bpmn", "xml"],
        max_upload_size=LIMIT_MB,
        key=f"{key_prefix}.upload",
        help=t(f"{text_prefix}.uploader_help"),
    )
    return choice, samples, sample, upload


def chosen_source(text_prefix: str, sample: Path | None, upload: Any) -> tuple[str, bytes]:
    """``(name, content)`` of the upload, else of the sample, with a caption naming it.

    Stops the page with a note when there is neither, or an error when the sample has gone.
    """
    if upload is not None:
        name, data = upload.name, upload.getvalue()
        st.caption(t(f"{text_prefix}.source_upload", name=escape_markdown(name)))
        return name, data
    if sample is None:
        st.info(t(f"{text_prefix}.empty"))
        st.stop()
    try:
        name, data = sample.name, sample.read_bytes()
    except OSError:  # removed since the list was shown
        st.error(message_for("file-not-found", current_language(), path=sample.name))
        st.stop()
    st.caption(t(f"{text_prefix}.source_sample", name=escape_markdown(sample.stem)))
    return name, data
