"""The parameter section of the simulation page: parameter file, template download and
the editable tables whose changes feed the figures and the next run.

The edited tables are laid over the loaded parameters with
:func:`simulation_data.apply_edits`; the widget keys carry the file and the loaded
parameters, so another file or parameter file starts from its own values.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
import streamlit as st

from app_pages.i18n import current_language, escape_markdown, t
from app_pages.simulation_cache import (
    Source,
    loaded_parameters,
    tables_of,
    template_of,
    unexpected,
)
from app_pages.simulation_data import apply_edits, count_edits, params_digest
from processanalysis.simulation.parameters import ProcessParameters

__all__ = ["EDITOR_KEY", "PARAMS_FILE_KEY", "parameters"]

PARAMS_FILE_KEY = "simulation.params_file"
EDITOR_KEY = "simulation.editor"

_log = logging.getLogger(__name__)


def _source_names(params: ProcessParameters) -> str:
    return ", ".join(
        f"{t(f'sim.source.{name}', default=name)} ({count})"
        for name, count in params.sources.items()
    )


def parameters(source: Source) -> ProcessParameters | None:
    """The parameter section: file upload, template download, editable tables, cases per
    year. Returns the parameters in effect (the file's, with the edits laid over them)."""
    lang = current_language()
    upload_column, download_column = st.columns([2, 1], vertical_alignment="bottom")
    upload = upload_column.file_uploader(
        t("sim.params.file"),
        type=["xlsx", "csv", "json"],
        key=PARAMS_FILE_KEY,
        help=t("sim.params.file_help"),
    )
    extra = (upload.name, upload.getvalue()) if upload is not None else None
    try:
        loaded = loaded_parameters(source, extra)
    except Exception as error:
        unexpected(error, "loading parameters")
        return None
    if loaded["problems"] is not None:
        problems = loaded["problems"][lang]
        lines = "\n".join(f"- {escape_markdown(line)}" for line in problems)
        st.error(f"{t('sim.params.file_error', name=escape_markdown(extra[0]))}\n\n{lines}")
    elif extra is not None:
        st.success(t("sim.params.file_applied", name=escape_markdown(extra[0])))
    base: ProcessParameters = loaded["params"]
    if sum(base.sources.values()) == 0:
        st.info(t("sim.params.no_values"))
    else:
        st.caption(t("sim.params.sources", sources=_source_names(base)))
    try:
        tables = tables_of(source, base)
    except Exception as error:
        unexpected(error, "shaping the parameter tables")
        return None
    edited = _editors(tables, f"{source['digest'][:16]}.{params_digest(base)}")
    params = apply_edits(base, tables, edited) if count_edits(tables, edited) else base
    try:
        workbook = template_of(source, params, lang)
    except Exception as error:  # the download is a convenience: the page goes on
        _log.exception("unexpected error while writing the template")
        download_column.caption(t("sim.unexpected", kind=type(error).__name__))
    else:
        stem = source["name"].rsplit(".", 1)[0]
        download_column.download_button(
            t("sim.params.download"),
            data=workbook,
            file_name=f"{stem}_parameter.xlsx",
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            icon=":material/download:",
            help=t("sim.params.download_help"),
            key="simulation.template",
        )
    return params


def _editor_keys(suffix: str) -> dict[str, str]:
    names = ("cases", "activities", "units", "branches")
    return {name: f"{EDITOR_KEY}.{name}.{suffix}" for name in names}


def _reset_edits(keys: Sequence[str]) -> None:
    for key in keys:
        st.session_state.pop(key, None)


def _editors(tables: Mapping[str, Any], suffix: str) -> dict[str, Any]:
    """Cases per year and the three editable tables; returns the edited tables.

    The widget keys carry the file and the loaded parameters, so another file or
    parameter file starts from its own values.
    """
    keys = _editor_keys(suffix)
    st.caption(t("sim.params.caption"))
    cases = st.columns([1, 3])[0].number_input(
        t("sim.params.cases"),
        min_value=0.0,
        value=float(tables["cases_per_year"]) if tables["cases_per_year"] else None,
        step=100.0,
        format="%.0f",
        key=keys["cases"],
        help=t("sim.params.cases_help"),
    )
    activities_tab, units_tab, branches_tab = st.tabs(
        [t("sim.params.tab_activities"), t("sim.params.tab_units"), t("sim.params.tab_branches")]
    )
    text_column = st.column_config.TextColumn
    with activities_tab:
        activities = _table(
            tables["activities"],
            keys["activities"],
            {
                "name": text_column(t("sim.col.activity"), width="large"),
                "unit": text_column(t("sim.col.unit")),
                "processing": _number("sim.col.processing", "sim.col.processing_help"),
                "waiting": _number("sim.col.waiting", "sim.col.waiting_help"),
                "fixed_cost": _number("sim.col.fixed_cost"),
            },
            disabled=["name", "unit"],
        )
    with units_tab:
        units = _table(
            tables["units"],
            keys["units"],
            {
                "name": text_column(t("sim.col.unit"), width="large"),
                "staff": _number("sim.col.staff", "sim.col.staff_help", min_value=0.1),
                "cost_per_hour": _number("sim.col.cost_per_hour"),
            },
            disabled=["name"],
        )
    with branches_tab:
        if tables["branches"]:
            branches = _table(
                tables["branches"],
                keys["branches"],
                {
                    "split": text_column(t("sim.col.split"), width="medium"),
                    "target": text_column(t("sim.col.target"), width="large"),
                    "probability": _number(
                        "sim.col.probability",
                        "sim.col.probability_help",
                        max_value=1.0,
                        step=0.01,
                    ),
                },
                disabled=["split", "target"],
            )
        else:
            st.info(t("sim.params.no_branches"))
            branches = []
    edited = {
        "cases_per_year": cases,
        "activities": activities,
        "units": units,
        "branches": branches,
    }
    changes = count_edits(tables, edited)
    if changes:
        note, reset = st.columns([4, 1], vertical_alignment="center")
        note.caption(t("sim.params.edited", count=changes))
        reset.button(
            t("sim.params.reset"),
            on_click=_reset_edits,
            args=(list(keys.values()),),
            icon=":material/undo:",
            key=f"simulation.reset.{suffix}",
        )
    return edited


def _number(label_key: str, help_key: str | None = None, **limits: float) -> Any:
    """An editable number column in the reader's locale (``1.440,5`` in German)."""
    return st.column_config.NumberColumn(
        t(label_key),
        help=t(help_key) if help_key else None,
        format="localized",
        min_value=limits.pop("min_value", 0.0),
        **limits,
    )


def _table(
    rows: Sequence[Mapping[str, Any]],
    key: str,
    columns: Mapping[str, Any],
    *,
    disabled: Sequence[str],
) -> list[dict[str, Any]]:
    """One ``st.data_editor`` over ``rows`` (the id column hidden); the edited rows."""
    frame = pd.DataFrame(list(rows), columns=["id", *columns])
    for name, config in columns.items():
        # Numbers as floats: an empty cell is NaN (shown empty), not the text "None".
        if config.get("type_config", {}).get("type") == "number":
            frame[name] = pd.to_numeric(frame[name], errors="coerce").astype("float64")
    edited = st.data_editor(
        frame,
        key=key,
        hide_index=True,
        num_rows="fixed",
        column_order=list(columns),
        column_config=dict(columns),
        disabled=list(disabled),
        width="stretch",
        height=min(420, 38 + 35 * len(frame)),
    )
    return edited.to_dict("records")
