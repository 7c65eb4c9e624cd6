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

st.title(t("analysis.title"))
st.markdown(t("analysis.intro"))

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
selected = findings_table(record, shown)
if selected is not None:
    finding_details(selected, record["labels"])

# Drawn last but placed above the table: the markers follow the filters chosen below.
with diagram_slot:
    diagram(record, shown)

st.subheader(t("charts.title"))
charts(record)
