"""Portfolio: strategy tree, projects, ranking with sensitivity, matrix and roadmap, monitoring,
measures, import and export — one tab each."""

from __future__ import annotations

import streamlit as st

from app_pages.i18n import t
from app_pages.portfolio_views import (
    export_tab,
    load_state,
    matrix_tab,
    measures_tab,
    monitoring_tab,
    projects_tab,
    ranking_tab,
    tree_tab,
)
from app_pages.report_downloads import portfolio_report_downloads, portfolio_report_input
from app_pages.workspace import show_flash

st.title(t("portfolio.title"))
st.markdown(t("portfolio.intro"))
show_flash()

state = load_state()
tabs = st.tabs([
    t("portfolio.tab.ranking"),
    t("portfolio.tab.tree"),
    t("portfolio.tab.projects"),
    t("portfolio.tab.matrix"),
    t("portfolio.tab.monitoring"),
    t("portfolio.tab.measures"),
    t("portfolio.tab.exchange"),
])
# The ranking comes first: its scheme selector sets the scheme the other tabs use.
for tab, render in zip(
    tabs,
    (ranking_tab, tree_tab, projects_tab, matrix_tab, monitoring_tab, measures_tab, export_tab),
    strict=True,
):
    with tab:
        render(state)
portfolio_report_downloads(portfolio_report_input(state))
