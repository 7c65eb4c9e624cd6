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
from app_pages.i18n import t
from app_pages.loading import chosen_source, source_inputs
from app_pages.report_downloads import report_downloads
from app_pages.review_views import (
    library_version,
    library_version_id,
    measures_section,
    review_form,
    review_statuses,
)
from app_pages.workspace import show_flash

st.title(t("analysis.title"))
st.markdown(t("analysis.intro"))
show_flash()

# Three sources: a version from the library (opened there, or ?version=ID), a sample, an upload.
version_id = library_version_id()
if version_id is not None:
    name, data = library_version(version_id)
else:
    _, _, sample, upload = source_inputs("analysis", "analysis")
    name, data = chosen_source("analysis", sample, upload)

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
reviews = review_statuses(version_id) if version_id is not None else None
verdicts = {fid: review.status for fid, review in reviews.items()} if reviews is not None else None
selected = findings_table(record, shown, verdicts)
if selected is not None:
    finding_details(selected, record["labels"])
    if reviews is not None and version_id is not None:
        review_form(version_id, selected, reviews.get(selected["id"]))

# Drawn last but placed above the table: the markers follow the filters chosen below.
with diagram_slot:
    diagram(record, shown)

if reviews is not None and version_id is not None:
    measures_section(version_id, findings, reviews)

report_downloads(name, data, reviews=verdicts)

st.subheader(t("charts.title"))
charts(record)
