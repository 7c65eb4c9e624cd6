"""Parts of the library page: filters, the process table, version history, upload, delete.

Writes go through :func:`app_pages.workspace.write` (role check, plain messages); the list
itself is :func:`app_pages.library_data.library_rows`, one query for all processes.
"""

from __future__ import annotations

import tempfile
from collections.abc import Mapping, Sequence
from functools import partial
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st
from sqlmodel import Session

from app_pages.i18n import current_language, escape_markdown, t
from app_pages.library_data import STATUSES, analyse_missing, filter_rows
from app_pages.loading import LIMIT_MB
from app_pages.workspace import actor, can_edit, flash, read, write
from models import reviews, store
from processanalysis import BpmnImportError

__all__ = [
    "ANALYSIS_PAGE",
    "LIBRARY_VERSION_KEY",
    "PROCESS_KEY",
    "analyse_versions",
    "delete_section",
    "filters",
    "open_in_analysis",
    "process_table",
    "upload_section",
    "version_history",
]

ANALYSIS_PAGE = "app_pages/analysis_page.py"
#: ``st.session_state`` key the analysis page reads: the library version to analyse.
LIBRARY_VERSION_KEY = "analysis.library_version"
#: The process whose versions are shown (the selectbox below the table).
PROCESS_KEY = "library.process"
UPLOAD_ROUND_KEY = "library.upload_round"
UPLOAD_REPORT_KEY = "library.upload_report"



# -- analyses the list lacks -------------------------------------------------------------


def analyse_versions(version_ids: Sequence[int]) -> int:
    """Analyse and store ``version_ids`` with a progress bar; returns how many were stored."""
    if not version_ids:
        return 0
    bar = st.progress(0.0, text=t("library.analyse_progress", done=0, total=len(version_ids)))

    def progress(done: int, total: int) -> None:
        bar.progress(done / total, text=t("library.analyse_progress", done=done, total=total))

    result = write(
        lambda s: analyse_missing(s, version_ids, reviews.store_analysis, progress=progress)
    )
    bar.empty()
    if result is None:
        return 0
    stored, unreadable = result
    if unreadable:
        st.warning(t("library.analyse_unreadable", ids=", ".join(map(str, unreadable))))
    return stored


# -- filters and the table ---------------------------------------------------------------


def filters(rows: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """Search, unit, status and key-figure thresholds; returns the rows that pass."""
    search, units, statuses = st.columns([2, 2, 2])
    text = search.text_input(t("library.search"), key="library.search",
                             placeholder=t("library.search_placeholder"))
    unit_options = sorted({row["unit"] for row in rows}, key=str.casefold)
    chosen_units = units.multiselect(
        t("library.filter_unit"), unit_options, key="library.filter_unit",
        format_func=lambda unit: unit or t("library.no_unit"),
        placeholder=t("findings.filter_all"),
    )
    chosen_statuses = statuses.multiselect(
        t("library.filter_status"), STATUSES, key="library.filter_status",
        format_func=lambda status: t(f"library.status.{status}"),
        placeholder=t("findings.filter_all"),
    )
    media, handoffs, _ = st.columns([2, 2, 2])
    min_media = media.number_input(t("library.min_media_breaks"), min_value=0, step=1,
                                   key="library.min_media_breaks")
    min_handoffs = handoffs.number_input(t("library.min_handoffs_per_case"), min_value=0.0,
                                         step=0.5, key="library.min_handoffs_per_case")
    return filter_rows(rows, search=text, units=chosen_units, statuses=chosen_statuses,
                       min_media_breaks=float(min_media),
                       min_handoffs_per_case=float(min_handoffs))


def _on_table_select(key: str, ids: Sequence[int]) -> None:
    rows = (st.session_state.get(key) or {}).get("selection", {}).get("rows", [])
    if rows:
        st.session_state[PROCESS_KEY] = ids[rows[0]]


def process_table(rows: Sequence[Mapping[str, Any]], total: int) -> None:
    """One row per process; clicking a row shows its versions below."""
    st.caption(t("library.caption", shown=len(rows), total=total))
    if not rows:
        st.info(t("library.none"))
        return
    columns = {
        "name": t("library.col.name"), "unit": t("library.col.unit"),
        "versions": t("library.col.versions"), "variants": t("library.col.variants"),
        "role": t("library.col.role"), "media_breaks": t("kpi.media_breaks"),
        "handoffs": t("kpi.handoffs"),
        "handoffs_per_case": t("kpi.handoffs_per_case"), "findings": t("kpi.findings"),
        "accepted": t("library.col.accepted"), "status": t("library.col.status"),
    }
    table = pd.DataFrame(
        [
            {
                columns["name"]: row["name"],
                columns["unit"]: row["unit"],
                columns["versions"]: row["versions"],
                columns["variants"]: row["variants"],
                columns["role"]: t(f"library.role.{row['role']}") if row["role"] else "",
                columns["media_breaks"]: row["media_breaks"],
                columns["handoffs"]: row["handoffs"],
                columns["handoffs_per_case"]: row["handoffs_per_case"],
                columns["findings"]: row["findings"],
                columns["accepted"]: row["accepted"],
                columns["status"]: t(f"library.status.{row['status']}"),
            }
            for row in rows
        ]
    )
    ids = [row["id"] for row in rows]
    key = f"library.table.{len(ids)}.{hash(tuple(ids)) & 0xFFFFFF:x}"
    st.dataframe(
        table,
        key=key,
        hide_index=True,
        on_select=partial(_on_table_select, key, ids),
        selection_mode="single-row",
        column_config={
            columns["media_breaks"]: st.column_config.NumberColumn(format="%d"),
            columns["handoffs"]: st.column_config.NumberColumn(format="%d"),
            columns["handoffs_per_case"]: st.column_config.NumberColumn(format="%.1f"),
            columns["findings"]: st.column_config.NumberColumn(format="%d"),
        },
        height=min(460, 38 + 35 * len(rows)),
        placeholder="–",
    )


# -- versions of one process -------------------------------------------------------------


def open_in_analysis(version_id: int) -> None:
    """Show ``version_id`` on the analysis page (its third source, "from the library")."""
    st.session_state[LIBRARY_VERSION_KEY] = int(version_id)
    st.switch_page(ANALYSIS_PAGE, query_params={"version": str(version_id)})


def version_history(process: Mapping[str, Any]) -> None:
    """The versions of ``process``: role, variant, parent, who, when, hash; open one."""
    versions_of = store.versions_of
    versions = read(lambda s: versions_of(s, process["id"]))
    st.subheader(t("library.versions_title", name=escape_markdown(process["name"])))
    if not versions:
        st.info(t("library.versions_none"))
        return
    lang = current_language()
    when = "%d.%m.%Y %H:%M" if lang == "de" else "%Y-%m-%d %H:%M"
    table = pd.DataFrame(
        [
            {
                t("library.col.version"): v.id,
                t("library.col.role"): t(f"library.role.{v.role}"),
                t("library.col.variant"): v.variant_name or "",
                t("library.col.parent"): v.parent_version_id,
                t("library.col.file"): v.file_name or "",
                t("library.col.by"): v.created_by or "",
                t("library.col.when"): v.created_at.strftime(when) if v.created_at else "",
                t("library.col.hash"): v.content_hash[:12],
            }
            for v in versions
        ]
    ).astype({t("library.col.parent"): "Int64"})
    st.dataframe(table, hide_index=True, placeholder="–")
    ids = [v.id for v in versions]
    choice, button = st.columns([3, 1], vertical_alignment="bottom")
    chosen = choice.selectbox(
        t("library.version_choice"), ids, index=len(ids) - 1,
        key=f"library.version.{process['id']}",
        format_func=lambda vid: t("library.version_label", id=vid),
    )
    if button.button(t("library.open_analysis"), icon=":material/troubleshoot:",
                     key="library.open_analysis"):
        open_in_analysis(chosen)


def delete_section(process: Mapping[str, Any]) -> None:
    """Delete a process with its versions, analyses and reviews, after an explicit confirmation."""
    if not can_edit():
        return
    with st.expander(t("library.delete_title")):
        st.warning(t("library.delete_warning", name=escape_markdown(process["name"]),
                     versions=process["versions"]))
        confirmed = st.checkbox(t("library.delete_confirm"),
                                key=f"library.delete_ok.{process['id']}")
        if st.button(t("library.delete_button"), disabled=not confirmed, type="primary",
                     key="library.delete", icon=":material/delete:"):
            delete_process = store.delete_process
            done = write(lambda s: delete_process(s, process["id"], actor=actor()) or True)
            if done:
                st.session_state.pop(PROCESS_KEY, None)
                flash("success", t("library.deleted", name=escape_markdown(process["name"])))
                st.rerun()


# -- upload ------------------------------------------------------------------------------


def _add_one(
    session: Session, name: str, data: bytes, unit: str | None, role: str
) -> tuple[str, Any]:
    """Store one file under its own name (``add_file`` reads a path); commits on its own."""
    add_file = store.add_file
    with tempfile.TemporaryDirectory(prefix="pa-upload-") as folder:
        path = Path(folder) / Path(name).name
        path.write_bytes(data)
        process, version, created = add_file(session, path, unit=unit, role=role, actor=actor())
    return ("added" if created else "duplicate"), (process, version)


def upload_section() -> None:
    """Upload many files; each is stored on its own, duplicates reported, then analysed."""
    if not can_edit():
        st.caption(t("library.read_only"))
        return
    round_ = st.session_state.get(UPLOAD_ROUND_KEY, 0)
    with st.expander(t("library.upload_title"), expanded=False):
        files = st.file_uploader(
            t("library.uploader", limit_mb=LIMIT_MB), type=["bpmn", "xml"],
            accept_multiple_files=True, max_upload_size=LIMIT_MB,
            key=f"library.upload.{round_}",
        )
        unit_col, role_col = st.columns(2)
        unit = unit_col.text_input(t("library.upload_unit"), key="library.upload_unit",
                                   help=t("library.upload_unit_help"))
        role = role_col.selectbox(t("library.upload_role"), ("as_is", "to_be"),
                                  format_func=lambda r: t(f"library.role.{r}"),
                                  key="library.upload_role")
        if st.button(t("library.upload_button"), disabled=not files, icon=":material/library_add:",
                     key="library.upload_button"):
            report = store_uploads([(f.name, f.getvalue()) for f in files or []],
                                   unit.strip() or None, role)
            st.session_state[UPLOAD_REPORT_KEY] = report
            st.session_state[UPLOAD_ROUND_KEY] = round_ + 1  # a fresh, empty uploader
            st.rerun()
    report = st.session_state.get(UPLOAD_REPORT_KEY)
    if report:
        upload_report(report)


def store_uploads(
    files: Sequence[tuple[str, bytes]], unit: str | None, role: str
) -> list[dict[str, str]]:
    """Store ``files`` one by one with a progress bar, analyse the new versions; the report rows."""
    report: list[dict[str, str]] = []
    new_versions: list[int] = []
    bar = st.progress(0.0, text=t("library.upload_progress", done=0, total=len(files)))
    for done, (name, data) in enumerate(files, start=1):
        slot = st.empty()
        outcome = write(lambda s, n=name, d=data: _add_one(s, n, d, unit, role), where=slot)
        slot.empty()
        if outcome is None:
            report.append({"file": name, "outcome": "failed",
                           "detail": _failure_detail(name, data)})
        else:
            kind, (process, version) = outcome
            report.append({"file": name, "outcome": kind, "detail": process.name})
            if kind == "added":
                new_versions.append(version.id)
        bar.progress(done / len(files), text=t("library.upload_progress", done=done,
                                                 total=len(files)))
    bar.empty()
    analyse_versions(new_versions)
    return report


def _failure_detail(name: str, data: bytes) -> str:
    """Why a file was not stored, in the current language (read again for the message)."""
    from processanalysis import read_bpmn

    try:
        read_bpmn(data, source=name)
    except BpmnImportError as error:
        return str(error.to_dict(current_language())["message"])
    return t("library.upload_failed_other")


def upload_report(report: Sequence[Mapping[str, str]]) -> None:
    """What happened to each uploaded file: added, already in the library, or not readable."""
    counts = {kind: sum(r["outcome"] == kind for r in report)
              for kind in ("added", "duplicate", "failed")}
    message = t("library.upload_summary", **counts)
    (st.success if not counts["failed"] else st.warning)(message)
    table = pd.DataFrame(
        [
            {
                t("library.col.file"): r["file"],
                t("library.col.outcome"): t(f"library.outcome.{r['outcome']}"),
                t("library.col.detail"): r["detail"],
            }
            for r in report
        ]
    )
    st.dataframe(table, hide_index=True)
