"""`make run` starts a real Streamlit server that serves the app."""

from __future__ import annotations

import re

import pytest

from tests.server import ROOT, get


@pytest.mark.slow
def test_make_run_serves_the_app(app_server: str) -> None:
    """`make run` starts the app on STREAMLIT_SERVER_PORT; health and page answer."""
    assert get(f"{app_server}/_stcore/health").strip() == "ok"
    html = get(f"{app_server}/")
    assert "<title>Streamlit</title>" in html or 'id="root"' in html


def test_make_run_starts_this_app() -> None:
    """`make run` runs `streamlit run app.py` (not some other script)."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    match = re.search(r"^run:.*\n((?:\t.*\n?)+)", makefile, re.MULTILINE)
    assert match, "Makefile has no run target"
    assert re.search(r"streamlit run app\.py\b", match.group(1))
    assert (ROOT / "app.py").is_file()
