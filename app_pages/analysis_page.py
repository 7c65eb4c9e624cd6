"""Analyse: one process's weak spots on its diagram, in a table, as key figures and charts."""

from __future__ import annotations

import streamlit as st

from app_pages.analysis_views import (
    charts,
    diagram,
    filtered,
    finding_details,
    findings_filters,
    findings_table,
    kpi_tiles,
    load_analysis,
    show_error,
)
from app_pages.i18n import current_language, escape_markdown, t
from app_pages.loading import LIMIT_MB, sample_files
from processanalysis.errors import message_for

SAMPLE_KEY = "analysis.sample"
UPLOAD_KEY = "analysis.upload"

st.title(t("analysis.title"))
st.markdown(t("analysis.intro"))

samples = sample_files()
choice, uploader = st.columns([1, 2])
sample = (
    choice.selectbox(t("analysis.sample"), samples, format_func=lambda p: p.stem, key=SAMPLE_KEY)
    if samples
    else None
)
upload = uploader.file_uploader(
    t("analysis.uploader", limit_mb=LIMIT_MB),
    type=["bpmn", "xml"],
    max_upload_size=LIMIT_MB,
    key=UPLOAD_KEY,
    help=t("analysis.uploader_help"),
)

if upload is not None:
    name, data = upload.name, upload.getvalue()
    st.caption(t("analysis.source_upload", name=escape_markdown(name)))
elif sample is not None:
    try:
        name, data = sample.name, sample.read_bytes()
    except OSError:  # removed since the list was shown
        st.error(message_for("file-not-found", current_language(), path=sample.name))
        st.stop()
    st.caption(t("analysis.source_sample", name=escape_markdown(sample.stem)))
else:
    st.info(t("analysis.empty"))
    st.stop()

record = load_analysis(name, data)
if not record["ok"]:
    show_error(record)
    st.stop()

kpi_tiles(record["kpis"])

findings = record["findings"]
st.subheader(t("diagram.title"))
diagram_slot = st.container()

st.subheader(t("findings.title"))
chosen = findings_filters(findings)
shown = filtered(findings, chosen)
selected = findings_table(record, shown)
if selected is not None:
    finding_details(selected, record["labels"])

# Drawn last but placed above the table: the markers follow the filters chosen below.
with diagram_slot:
    diagram(record, shown)

st.subheader(t("charts.title"))
charts(record)
