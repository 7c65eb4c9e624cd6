"""Import & Prüfung: upload BPMN files and see what the importer read from each of them."""

from __future__ import annotations

import streamlit as st

from app_pages.i18n import current_language, t
from app_pages.loading import LIMIT_MB, LOADED_FILES_KEY, inspect_upload, sample_files
from app_pages.views import file_details, summary_table
from processanalysis.errors import message_for

SAMPLE_KEY = "import.sample"


def load_sample() -> None:
    """Add the sample chosen in the selectbox to the loaded files."""
    path = st.session_state.get(SAMPLE_KEY)
    if path is None:
        return
    try:
        data = path.read_bytes()
    except OSError:  # removed since the list was shown
        st.toast(message_for("file-not-found", current_language(), path=path.name))
        return
    st.session_state.setdefault(LOADED_FILES_KEY, {})[path.name] = data


def clear_samples() -> None:
    """Forget the loaded samples; uploaded files stay."""
    st.session_state[LOADED_FILES_KEY] = {}


st.title(t("import.title"))
st.markdown(t("import.intro"))

uploads = st.file_uploader(
    t("import.uploader", limit_mb=LIMIT_MB),
    type=["bpmn", "xml"],
    accept_multiple_files=True,
    max_upload_size=LIMIT_MB,
    key="import.uploads",
    help=t("import.uploader_help"),
)

samples = sample_files()
loaded: dict[str, bytes] = st.session_state.get(LOADED_FILES_KEY, {})
if samples:
    choice, load, clear = st.columns([3, 1, 1], vertical_alignment="bottom")
    choice.selectbox(
        t("import.samples"), samples, format_func=lambda path: path.stem, key=SAMPLE_KEY
    )
    load.button(t("import.sample_load"), on_click=load_sample, icon=":material/add:")
    clear.button(
        t("import.samples_clear"),
        on_click=clear_samples,
        disabled=not loaded,
        icon=":material/remove:",
    )
else:
    st.caption(t("import.no_samples"))

files = [(upload.name, upload.getvalue()) for upload in uploads or []]
files += list(loaded.items())

if not files:
    st.info(t("import.empty"))
else:
    records = [inspect_upload(name, data) for name, data in files]
    st.subheader(t("summary.title"))
    summary_table(records)
    for record in records:
        file_details(record, expanded=len(records) == 1)
