"""The workbench in the browser: language switch and page router (``make run``).

The pages live in ``app_pages/`` and are listed in ``app_pages.SECTIONS``; this file
only builds the navigation from that list, so adding a page never touches it.
"""

from __future__ import annotations

import streamlit as st
from streamlit.navigation.page import StreamlitPage

from app_pages import PAGES_DIR, SECTIONS, auth
from app_pages.i18n import LANGUAGE_KEY, LANGUAGES, t

FAVICON = PAGES_DIR / "favicon.svg"


def language_switch() -> None:
    """German by default (the first language); the choice lives in ``st.session_state``."""
    st.sidebar.radio(
        t("app.language"),
        options=list(LANGUAGES),
        format_func=LANGUAGES.__getitem__,
        key=LANGUAGE_KEY,
        horizontal=True,
    )


def navigation() -> StreamlitPage:
    """The sidebar navigation in the current language, built from ``app_pages.SECTIONS``."""
    return st.navigation(
        {
            t(section): [
                st.Page(
                    PAGES_DIR / spec.script,
                    title=t(spec.title_key),
                    icon=spec.icon,
                    url_path=spec.url_path,
                )
                for spec in specs
            ]
            for section, specs in SECTIONS.items()
        }
    )


def run() -> None:
    """Configure the page, check who is here, offer the language switch, run the page."""
    # A local icon: a ":material/...:" favicon is fetched from fonts.gstatic.com, which
    # offline municipal networks cannot reach.
    st.set_page_config(page_title=t("app.title"), page_icon=str(FAVICON), layout="wide")
    language_switch()
    # Before any page: stops the run at the sign-in screen, or when no provider is
    # configured and the server is reachable from the network (docs/access.md).
    user = auth.gate()
    page = navigation()
    auth.sidebar(user)
    page.run()


run()
