"""Renderers for import records: they take a finished record and draw it, nothing more."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd
import streamlit as st

from app_pages.i18n import current_language, escape_markdown, t
from app_pages.loading import show_error
from processanalysis import COUNT_KEYS

__all__ = ["file_details", "summary_table"]


def _status(record: dict[str, Any]) -> str:
    return t("status.ok") if record["ok"] else t("status.failed")


def summary_table(records: Sequence[dict[str, Any]]) -> None:
    """One row per file: status, participants, lanes, tasks and warnings at a glance."""
    lang = current_language()
    rows = []
    for record in records:
        counts = record["counts"]
        rows.append(
            {
                t("col.file"): record["file"],
                t("col.status"): _status(record),
                t("col.participants"): counts.get("participant"),
                t("col.lanes"): counts.get("lane"),
                t("col.tasks"): counts.get("task"),
                t("col.warnings"): len(record["warnings"][lang]) if record["ok"] else None,
            }
        )
    # Nullable integers: an unreadable file shows empty cells, the others whole numbers.
    numbers = ("col.participants", "col.lanes", "col.tasks", "col.warnings")
    table = pd.DataFrame(rows).astype({t(key): "Int64" for key in numbers})
    st.dataframe(table, hide_index=True, placeholder="–")
    failed = sum(not record["ok"] for record in records)
    if failed:
        st.caption(t("summary.caption", files=len(records), failed=failed))
    else:
        st.caption(t("summary.caption_ok", files=len(records)))


def file_details(record: dict[str, Any], *, expanded: bool = False) -> None:
    """An expander for one file: its error, or its structure, counts, warnings and report."""
    label = f"{_status(record)} — {escape_markdown(record['file'])}"
    with st.expander(label, expanded=expanded or not record["ok"]):
        if not record["ok"]:
            _error(record["error"][current_language()])
            return
        warnings = record["warnings"][current_language()]
        structure_tab, counts_tab, warnings_tab, fidelity_tab = st.tabs(
            [
                t("tab.structure"),
                t("tab.counts"),
                t("tab.warnings", count=len(warnings)),
                t("tab.fidelity"),
            ]
        )
        with structure_tab:
            _structure(record["structure"])
        with counts_tab:
            _counts(record["counts"])
        with warnings_tab:
            _warnings(warnings)
        with fidelity_tab:
            _fidelity(record["fidelity"][current_language()])


def _error(error: dict[str, Any]) -> None:
    show_error({current_language(): error})


def _structure(structure: dict[str, Any]) -> None:
    pools = structure["pools"]
    if not pools:
        st.info(t("structure.none"))
        return
    rows = []
    for pool in pools:
        kind = t("pool.black_box") if pool["black_box"] else t("pool.process")
        for lane in pool["lanes"] or [None]:
            rows.append(
                {
                    t("col.participant"): pool["name"],
                    t("col.kind"): kind,
                    t("col.lane"): lane["name"] if lane else None,
                    t("col.nodes"): lane["nodes"] if lane else None,
                }
            )
    table = pd.DataFrame(rows).astype({t("col.nodes"): "Int64"})
    st.dataframe(table, hide_index=True, placeholder="–")


def _counts(counts: dict[str, int]) -> None:
    keys = [*COUNT_KEYS, *(key for key in counts if key not in COUNT_KEYS)]
    rows = [
        {
            t("col.element_type"): t(f"count.{key}", default=key),
            t("col.bpmn_type"): key,
            t("col.count"): counts[key],
        }
        for key in keys
        if key in counts
    ]
    st.dataframe(rows, hide_index=True, placeholder="–")


def _warnings(warnings: list[dict[str, Any]]) -> None:
    if not warnings:
        st.success(t("warnings.none"))
        return
    rows = [
        {
            t("col.code"): warning["code"],
            t("col.message"): warning["message"],
            t("col.line"): "–" if warning["line"] is None else str(warning["line"]),
        }
        for warning in warnings
    ]
    _text_table(rows)


def _text_table(rows: list[dict[str, Any]]) -> None:
    """A table whose long texts wrap; cells are Markdown there, so text is escaped."""
    escaped = [
        {
            key: escape_markdown(value) if isinstance(value, str) else value
            for key, value in row.items()
        }
        for row in rows
    ]
    st.table(pd.DataFrame(escaped), hide_index=True)


def _fidelity(report: dict[str, Any] | None) -> None:
    if report is None:
        st.info(t("fidelity.none"))
        return
    left, right = st.columns(2)
    with left:
        st.markdown(f"**{t('fidelity.kept')}**")
        st.dataframe(
            [{t("col.bpmn_type"): key, t("col.count"): n} for key, n in report["kept"].items()],
            hide_index=True,
            placeholder="–",
        )
    with right:
        for kind in ("converted", "dropped"):
            st.markdown(f"**{t(f'fidelity.{kind}')}**")
            notes = report[kind]
            if notes:
                st.markdown("\n".join(f"- {escape_markdown(note)}" for note in notes))
            else:
                st.caption(t("fidelity.nothing"))
        st.markdown(f"**{t('fidelity.vendors')}**")
        if not report["vendors"]:
            st.caption(t("fidelity.no_vendors"))
            return
        _text_table(
            [
                {
                    t("col.vendor"): vendor,
                    t("col.extension_elements"): data["extension_elements"],
                    t("col.attributes"): data["attributes"],
                    t("col.recognised"): ", ".join(
                        f"{name} ×{n}" for name, n in data["recognised"].items()
                    ),
                }
                for vendor, data in report["vendors"].items()
            ]
        )
