"""Modellieren: edit a copy of a process version in bpmn-js and save it as a to-be variant."""

from __future__ import annotations

import streamlit as st

from app_pages import workspace
from app_pages.bpmn_viewer import ViewerAssetsMissingError
from app_pages.i18n import current_language, escape_markdown, t
from app_pages.loading import chosen_source, source_inputs
from app_pages.modeler_views import (
    CONTEXT_KEY,
    OUTCOME_KEY,
    SAVED_KEY,
    modeler,
    show_outcome,
)
from app_pages.variants_data import (
    VersionRef,
    draft_key_for,
    library_processes,
    process_versions,
    version_label,
    version_xml,
)

st.title(t("variants.modeler.title"))
st.markdown(t("variants.modeler.intro"))
workspace.show_flash()

processes = library_processes()
sources = (["library"] if processes else []) + ["file"]
source = st.radio(
    t("variants.modeler.source"),
    sources,
    format_func=lambda value: t(f"variants.modeler.source_{value}"),
    horizontal=True,
    key="variants.modeler.source",
)

if source == "library":
    by_id = {row["id"]: row for row in processes}
    left, right = st.columns(2)
    process_id = left.selectbox(
        t("variants.process"),
        list(by_id),
        format_func=lambda pid: by_id[pid]["name"],
        key="variants.modeler.process",
    )
    rows = process_versions(process_id)
    if not rows:
        st.info(t("variants.no_versions"))
        st.stop()
    labels = {row["id"]: version_label(row, current_language()) for row in rows}
    version_id = right.selectbox(
        t("variants.modeler.version"),
        [row["id"] for row in reversed(rows)],
        format_func=labels.__getitem__,
        key="variants.modeler.version",
    )
    xml = version_xml(version_id)
    if xml is None:
        st.error(t("variants.gone", id=version_id))
        st.stop()
    ref = VersionRef(process_id, version_id)
    default_name = t("variants.modeler.default_name", name=by_id[process_id]["name"])
else:
    _, _, sample, upload = source_inputs("variants.modeler", "variants.modeler")
    name, data = chosen_source("variants.modeler", sample, upload)
    try:
        xml = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        st.error(t("variants.modeler.not_utf8", name=escape_markdown(name)))
        st.stop()
    ref = VersionRef(None, None, file_name=name, file_data=data)
    default_name = t("variants.modeler.default_name", name=name.rsplit(".", 1)[0])

if not workspace.can_edit():
    st.info(t("variants.modeler.read_only"))

# What the save callback needs (it runs before the next script run, without these locals);
# another version chosen: the last save's message belongs to the one before.
if st.session_state.get(CONTEXT_KEY) not in (None, ref):
    st.session_state.pop(OUTCOME_KEY, None)
st.session_state[CONTEXT_KEY] = ref
draft_key = draft_key_for(ref)
saved = st.session_state.get(SAVED_KEY)
outcome_slot = st.container()
try:
    modeler(xml, draft_key=draft_key, default_name=default_name, saved=saved)
except ViewerAssetsMissingError as error:
    st.error(t("variants.modeler.assets_missing", detail=escape_markdown(str(error))))
    st.stop()

with outcome_slot:
    show_outcome(st.session_state.get(OUTCOME_KEY))
