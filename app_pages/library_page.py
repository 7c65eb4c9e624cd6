"""Prozessbibliothek: every stored process with key figures, its versions, upload and delete."""

from __future__ import annotations

import streamlit as st

from app_pages.i18n import t
from app_pages.library_data import library_rows
from app_pages.library_views import (
    PROCESS_KEY,
    analyse_versions,
    delete_section,
    filters,
    process_table,
    upload_section,
    version_history,
)
from app_pages.workspace import can_edit, read, show_flash

#: Analyses computed on one page load at most; more wait for the button (a slow first start
#: with a large imported library must not block the page).
AUTO_ANALYSE = 25

st.title(t("library.title"))
st.markdown(t("library.intro"))
show_flash()

rows = read(library_rows)
missing = [
    row["version_id"] for row in rows if row["status"] == "not_analysed" and row["version_id"]
]
if missing and can_edit():
    batch = missing[:AUTO_ANALYSE]
    if len(missing) > AUTO_ANALYSE:
        st.info(t("library.analyse_more", count=len(missing)))
        if st.button(t("library.analyse_all"), key="library.analyse_all"):
            batch = missing
    if analyse_versions(batch):
        rows = read(library_rows)

upload_section()

shown = filters(rows)
process_table(shown, len(rows))

by_id = {row["id"]: row for row in rows}
if rows:
    if st.session_state.get(PROCESS_KEY) not in by_id:
        st.session_state.pop(PROCESS_KEY, None)
    options = [row["id"] for row in shown] or [row["id"] for row in rows]
    if st.session_state.get(PROCESS_KEY) not in options:
        st.session_state.pop(PROCESS_KEY, None)
    chosen = st.selectbox(t("library.process_choice"), options, key=PROCESS_KEY,
                          format_func=lambda pid: by_id[pid]["name"])
    if chosen is not None:
        version_history(by_id[chosen])
        delete_section(by_id[chosen])
