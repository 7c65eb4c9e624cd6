"""The app served by `make run` on a free port, shared by the server and browser tests."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
STARTUP_SECONDS = 90


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8", "replace")


@contextmanager
def serve_app(log_dir: Path, extra_env: Mapping[str, str] | None = None) -> Iterator[str]:
    """`make run` on a free port with ``extra_env`` added; yields the base URL, always stops.

    ``extra_env`` is how a test hands the app its settings as an admin would, e.g.
    ``STREAMLIT_SECRETS_FILES`` (a ``secrets.toml`` with an ``[auth]`` provider) or
    ``DATABASE_URL``.
    """
    port = free_port()
    log_path = log_dir / "streamlit.log"
    env = {
        **os.environ,
        "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false",
        "STREAMLIT_SERVER_PORT": str(port),
        "STREAMLIT_SERVER_ADDRESS": "127.0.0.1",
        # Never the developer's data/workbench.db: the app seeds an empty file on start.
        "DATABASE_URL": f"sqlite:///{log_dir / 'workbench.db'}",
        **(extra_env or {}),
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


@pytest.fixture(scope="session")
def app_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app served as `make run` serves it; yields its base URL and always stops it."""
    with serve_app(tmp_path_factory.mktemp("server")) as base:
        yield base
