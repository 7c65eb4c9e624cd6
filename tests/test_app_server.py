"""`make run` starts a real Streamlit server that serves the app."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
STARTUP_SECONDS = 60


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8", "replace")


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    """The app served as `make run` serves it; yields its base URL and always stops it."""
    port = free_port()
    log_path = tmp_path / "streamlit.log"
    env = {
        **os.environ,
        "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false",
        "STREAMLIT_SERVER_PORT": str(port),
        "STREAMLIT_SERVER_ADDRESS": "127.0.0.1",
    }
    with log_path.open("wb") as log:
        # The user's own command; its own process group so make and streamlit stop together.
        process = subprocess.Popen(
            ["make", "--no-print-directory", "run"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=log,
            start_new_session=True,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            if process.poll() is not None:
                pytest.fail(f"streamlit exited with {process.returncode}:\n{log_path.read_text()}")
            try:
                if get(f"{base}/_stcore/health").strip() == "ok":
                    break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"no health answer in {STARTUP_SECONDS} s:\n{log_path.read_text()}")
            time.sleep(0.3)
        yield base
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)


@pytest.mark.slow
def test_make_run_serves_the_app(server: str) -> None:
    """`make run` starts the app on STREAMLIT_SERVER_PORT; health and page answer."""
    assert get(f"{server}/_stcore/health").strip() == "ok"
    html = get(f"{server}/")
    assert "<title>Streamlit</title>" in html or 'id="root"' in html


def test_make_run_starts_this_app() -> None:
    """`make run` runs `streamlit run app.py` (not some other script)."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    match = re.search(r"^run:.*\n((?:\t.*\n?)+)", makefile, re.MULTILINE)
    assert match, "Makefile has no run target"
    assert re.search(r"streamlit run app\.py\b", match.group(1))
    assert (ROOT / "app.py").is_file()
