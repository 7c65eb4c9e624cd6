"""Cached computations of the simulation page: files, parameters, results.

Every expensive step is cached with ``st.cache_data`` (or, for the read-only model,
``st.cache_resource``), keyed by the SHA-256 of the file, the fingerprint of the
parameters in effect (:func:`simulation_data.params_digest`) and the run settings: a
rerun for a click, an edit elsewhere or a language switch computes nothing again.
Replications are cached one by one, so the page's progress bar moves per replication.
The functions here never raise for a bad file; a bug is logged and shown plainly by
the caller (:func:`unexpected`).
"""

from __future__ import annotations

import hashlib
import logging
from typing import Any

import streamlit as st

from app_pages.i18n import t
from app_pages.loading import guarded_load
from app_pages.loading import show_error as show_file_error
from app_pages.simulation_data import (
    ParameterFileError,
    analytical_record,
    load_model_parameters,
    model_record,
    parameter_tables,
    params_digest,
    template_bytes,
)
from app_pages.simulation_replications import run_replication
from processanalysis import Definitions, read_bpmn
from processanalysis.simulation.engine import SimulationResult
from processanalysis.simulation.parameters import ProcessParameters

__all__ = [
    "Source",
    "analytical",
    "file_parameters",
    "load_source",
    "loaded_parameters",
    "replication",
    "show_error",
    "tables_of",
    "template_of",
    "unexpected",
]

_log = logging.getLogger(__name__)

#: A file as the page works on it: ``name``, ``data``, ``digest`` and the model record.
Source = dict[str, Any]


# -- the cache entries -------------------------------------------------------------------------


@st.cache_data(show_spinner=False, max_entries=32)
def _cached_record(digest: str, _data: bytes) -> dict[str, Any]:
    return model_record(_data)


@st.cache_resource(show_spinner=False, max_entries=16)
def _cached_model(digest: str, _data: bytes) -> Definitions:
    # Shared and read-only: the library reads a model without changing it.
    return read_bpmn(_data)


@st.cache_data(show_spinner=False, max_entries=32)
def _cached_parameters(
    digest: str, extra_digest: str | None, _data: bytes, _extra: tuple[str, bytes] | None
) -> dict[str, Any]:
    model = _cached_model(digest, _data)
    try:
        return {"params": load_model_parameters(model, _extra), "problems": None}
    except ParameterFileError as error:
        return {"params": load_model_parameters(model), "problems": error.problems}


@st.cache_data(show_spinner=False, max_entries=64)
def _cached_analytical(
    digest: str, params_key: str, _data: bytes, _params: ProcessParameters
) -> dict[str, Any]:
    return analytical_record(_cached_model(digest, _data), _params)


@st.cache_data(show_spinner=False, max_entries=64)
def _cached_tables(
    digest: str, params_key: str, _data: bytes, _params: ProcessParameters
) -> dict[str, Any]:
    return parameter_tables(_cached_model(digest, _data), _params)


# Each entry keeps every case's lead time: a bound on the entries bounds the memory.
@st.cache_data(show_spinner=False, max_entries=100)
def _cached_replication(
    digest: str,
    params_key: str,
    cases: int,
    seed: int,
    replication: int,
    warmup: int,
    _data: bytes,
    _params: ProcessParameters,
) -> SimulationResult:
    model = _cached_model(digest, _data)
    return run_replication(
        model, _params, cases=cases, seed=seed, replication=replication, warmup=warmup
    )


@st.cache_data(show_spinner=False, max_entries=16)
def _cached_template(
    digest: str, params_key: str, lang: str, _data: bytes, _params: ProcessParameters
) -> bytes:
    return template_bytes(_cached_model(digest, _data), _params, lang)


# -- files ------------------------------------------------------------------------------------


def load_source(name: str, data: bytes) -> Source:
    """The model record of a file (``ok`` false with the reason when it is unreadable)."""
    digest, record = guarded_load(
        _cached_record, name, data, doing="reading", message_key="sim.unexpected"
    )
    return {"name": name, "data": data, "digest": digest, "record": record}


def show_error(source: Source) -> None:
    """Why a file cannot be read, in plain words with line and code."""
    show_file_error(source["record"]["error"])


def file_parameters(source: Source) -> ProcessParameters:
    """The parameters a readable file itself carries (no parameter file, no edits)."""
    return _cached_parameters(source["digest"], None, source["data"], None)["params"]


# -- parameters and results -------------------------------------------------------------------


def loaded_parameters(source: Source, extra: tuple[str, bytes] | None) -> dict[str, Any]:
    """The file's parameters with the parameter file ``(name, content)`` over them:
    ``{"params", "problems"}``; ``problems`` (per language) when the parameter file is
    refused, and then ``params`` are the file's own."""
    # The name matters too: its suffix says how the content is read.
    extra_key = f"{extra[0]}:{hashlib.sha256(extra[1]).hexdigest()}" if extra else None
    return _cached_parameters(source["digest"], extra_key, source["data"], extra)


def tables_of(source: Source, params: ProcessParameters) -> dict[str, Any]:
    """The editable parameter tables of ``params`` (:func:`simulation_data.parameter_tables`)."""
    return _cached_tables(source["digest"], params_digest(params), source["data"], params)


def template_of(source: Source, params: ProcessParameters, lang: str) -> bytes:
    """The pre-filled XLSX template for ``params``."""
    return _cached_template(source["digest"], params_digest(params), lang, source["data"], params)


def analytical(source: Source, params: ProcessParameters) -> dict[str, Any] | None:
    """The analytical model's record for ``params`` (cached); ``None`` after an error."""
    try:
        return _cached_analytical(source["digest"], params_digest(params), source["data"], params)
    except Exception as error:
        unexpected(error, "computing the analytical model")
        return None


def replication(
    source: Source, params: ProcessParameters, settings: dict[str, int], index: int
) -> SimulationResult:
    """Replication ``index`` of the run ``settings`` (cases, seed, warm-up) describe."""
    return _cached_replication(
        source["digest"],
        params_digest(params),
        settings["cases"],
        settings["seed"],
        index,
        settings["warmup"],
        source["data"],
        params,
    )


def unexpected(error: Exception, what: str) -> None:
    """A bug: plain words on the page, the traceback in the log."""
    _log.exception("unexpected error while %s", what)
    st.error(t("sim.unexpected", kind=type(error).__name__))
