"""Vergleichen: an as-is version against a to-be variant — diagrams, table, KPIs, workshop mode."""

from __future__ import annotations

from typing import Any

import streamlit as st

from app_pages import workspace
from app_pages.compare_views import (
    WORKSHOP_KEY,
    diagrams,
    diff_table,
    findings_section,
    kpi_charts,
    suggestion_section,
    summary,
    workshop_style,
)
from app_pages.i18n import current_language, escape_markdown, t
from app_pages.loading import sample_files
from app_pages.modeler_views import (
    COMPARE_PENDING_KEY,
    COMPARE_PROCESS_KEY,
    COMPARE_VARIANT_KEY,
)
from app_pages.report_downloads import report_downloads
from app_pages.variants_data import (
    comparison_record,
    library_processes,
    process_versions,
    version_label,
    version_xml,
    versions_for_compare,
)

AS_IS_KEY = "variants.compare.as_is_version"


def _keep_valid(key: str, options: list[Any]) -> None:
    """A remembered choice that is no longer offered would make its widget fail."""
    if key in st.session_state and st.session_state[key] not in options:
        del st.session_state[key]


def _library_pair(processes: list[dict[str, Any]]) -> tuple[str, str, int, int] | None:
    by_id = {row["id"]: row for row in processes}
    _keep_valid(COMPARE_PROCESS_KEY, list(by_id))
    columns = st.columns(3)
    ids = list(by_id)
    # Open on the first process that has something to compare (a second version).
    first = next((i for i, pid in enumerate(ids) if by_id[pid].get("versions", 0) > 1), 0)
    process_id = columns[0].selectbox(
        t("variants.process"),
        ids,
        index=first,
        format_func=lambda pid: by_id[pid]["name"],
        key=COMPARE_PROCESS_KEY,
    )
    rows = process_versions(process_id)
    labels = {row["id"]: version_label(row, current_language()) for row in rows}
    as_is_ids, to_be_ids = versions_for_compare(rows)
    as_is_ids = as_is_ids or [row["id"] for row in reversed(rows)]
    _keep_valid(AS_IS_KEY, as_is_ids)
    as_is_id = columns[1].selectbox(
        t("variants.compare.as_is_version"),
        as_is_ids,
        format_func=labels.__getitem__,
        key=AS_IS_KEY,
    )
    as_is_xml = version_xml(as_is_id) if as_is_id is not None else None
    if not to_be_ids:
        columns[2].info(t("variants.compare.no_variants"))
        if as_is_xml is not None:
            _suggest(as_is_xml, process_id, as_is_id)
        st.stop()
    _keep_valid(COMPARE_VARIANT_KEY, to_be_ids)
    to_be_id = columns[2].selectbox(
        t("variants.compare.variant"),
        to_be_ids,
        format_func=labels.__getitem__,
        key=COMPARE_VARIANT_KEY,
    )
    to_be_xml = version_xml(to_be_id)
    if as_is_xml is None or to_be_xml is None:
        st.error(t("variants.gone", id=to_be_id if to_be_xml is None else as_is_id))
        st.stop()
    return as_is_xml, to_be_xml, process_id, as_is_id


def _file_pair() -> tuple[str, str]:
    samples = sample_files()
    if len(samples) < 2:
        st.info(t("variants.compare.no_samples"))
        st.stop()
    names = [path.name for path in samples]
    first = next(
        (n for n in names if n.endswith("_ist.bpmn") and n.replace("_ist", "_soll") in names),
        names[0],
    )
    left, right = st.columns(2)
    chosen: list[str] = []
    for column, role, default in (
        (left, "as_is", first),
        (right, "to_be", first.replace("_ist", "_soll") if "_ist" in first else names[1]),
    ):
        sample = column.selectbox(
            t(f"variants.compare.sample_{role}"),
            names,
            index=names.index(default),
            key=f"variants.compare.sample_{role}",
        )
        upload = column.file_uploader(
            t(f"variants.compare.upload_{role}"),
            type=["bpmn", "xml"],
            key=f"variants.compare.upload_{role}",
        )
        data = (
            upload.getvalue() if upload is not None else (samples[names.index(sample)]).read_bytes()
        )
        try:
            chosen.append(data.decode("utf-8-sig"))
        except UnicodeDecodeError:
            st.error(
                t(
                    "variants.modeler.not_utf8",
                    name=escape_markdown(upload.name if upload else sample),
                )
            )
            st.stop()
    return chosen[0], chosen[1]


def _suggest(as_is_xml: str, process_id: int | None, version_id: int | None) -> None:
    outcome = suggestion_section(as_is_xml, process_id, version_id, workspace.can_edit())
    if outcome is None:
        return
    if not outcome.ok:
        for kind, message in outcome.messages:
            getattr(st, kind)(message)
        return
    workspace.flash("success", t("variants.suggest.done", id=outcome.version_id))
    for kind, message in outcome.messages:
        workspace.flash(kind, message)
    st.session_state[COMPARE_PENDING_KEY] = {"process": process_id, "to_be": outcome.version_id}
    st.rerun()


def _take_pending() -> None:
    """Select the variant just stored (here or in the modeller) before the widgets exist."""
    pending = st.session_state.pop(COMPARE_PENDING_KEY, None)
    if isinstance(pending, dict):
        st.session_state["variants.compare.source"] = "library"
        st.session_state[COMPARE_PROCESS_KEY] = pending["process"]
        st.session_state[COMPARE_VARIANT_KEY] = pending["to_be"]


_take_pending()
workshop = st.toggle(
    t("variants.compare.workshop"), key=WORKSHOP_KEY, help=t("variants.compare.workshop_help")
)
workshop_style(workshop)
st.title(t("variants.compare.title"))
if not workshop:
    st.markdown(t("variants.compare.intro"))
workspace.show_flash()

processes = library_processes()
sources = (["library"] if processes else []) + ["file"]
source = st.radio(
    t("variants.compare.source"),
    sources,
    format_func=lambda value: t(f"variants.compare.source_{value}"),
    horizontal=True,
    key="variants.compare.source",
)
if source == "library":
    pair = _library_pair(processes)
    assert pair is not None
    as_is_xml, to_be_xml, process_id, as_is_id = pair
else:
    as_is_xml, to_be_xml = _file_pair()
    process_id = as_is_id = None

with st.spinner(t("variants.compare.working")):
    record = comparison_record(as_is_xml, to_be_xml)
if not record["ok"]:
    st.error(
        t(
            "variants.compare.unreadable",
            detail=escape_markdown(record["error"][current_language()]),
        )
    )
    st.stop()

summary(record)
diagrams(as_is_xml, to_be_xml, record, workshop)
st.subheader(t("variants.compare.table"))
diff_table(record)
st.subheader(t("variants.findings.title"))
findings_section(record)
st.subheader(t("variants.compare.kpis"))
kpi_charts(record)
report_downloads(
    t("reports.as_is"), as_is_xml, to_be=[(t("reports.to_be"), to_be_xml)], key="compare"
)
_suggest(as_is_xml, process_id, as_is_id)
