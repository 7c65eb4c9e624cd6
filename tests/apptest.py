"""Shared set-up of the Streamlit AppTest tests: a fresh cache, a sample folder, a page.

Import :func:`fresh_cache` into a test module to clear Streamlit's data cache around each
of its tests (an autouse fixture works in the module that imports it).
"""

from __future__ import annotations

import re
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# `streamlit run` puts app.py's folder on sys.path; AppTest runs in this process, so do the same.
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import pytest  # noqa: E402
import streamlit as st  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

import app_pages.loading  # noqa: E402

APP = ROOT / "app.py"


@pytest.fixture(autouse=True)
def fresh_cache() -> Iterator[None]:
    """Each test computes its records itself, so cached ones cannot hide a behaviour."""
    st.cache_data.clear()
    yield
    st.cache_data.clear()


def use_samples(folder: Path, monkeypatch: pytest.MonkeyPatch, *paths: Path) -> Path:
    """``folder`` as the sample folder, holding copies of ``paths`` only (maybe none)."""
    for path in paths:
        shutil.copy(path, folder / path.name)
    monkeypatch.setattr(app_pages.loading, "SAMPLES_DIR", folder)
    return folder


def open_app(page: str | None = None, lang: str | None = None, *, timeout: int = 60) -> AppTest:
    """The app after its first run, in ``lang`` when asked, switched to ``page`` if given."""
    at = AppTest.from_file(str(APP), default_timeout=timeout)
    at.run()
    if lang is not None:
        at.sidebar.radio[0].set_value(lang).run()
    if page is not None:
        at.switch_page(page).run()
    assert not at.exception
    return at


def metrics(at: AppTest) -> dict[str, str]:
    """The metric tiles on the page, label -> value."""
    return {metric.label: metric.value for metric in at.metric}


def unescape(markdown: str) -> str:
    """The text a reader sees of Markdown with backslash escapes."""
    return re.sub(r"\\(.)", r"\1", markdown)
