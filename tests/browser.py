"""Playwright driving Debian's Chromium against the app served by `make run`.

No browser is downloaded: Playwright launches ``/usr/bin/chromium`` (installed by
``make test``). The flags keep Chromium off the network (this machine and municipal
networks are closed) and let it run as root in a container. Screenshots of every
browser test are kept in ``test-artifacts/`` for a human to look at.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
CHROMIUM_FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def chromium_path() -> str:
    """Debian's Chromium; skip where it is missing, fail under CI (make test installs it)."""
    path = os.environ.get("PROCESSANALYSIS_CHROMIUM") or shutil.which("chromium")
    if not path:
        message = "Chromium not found: `make test` installs Debian's chromium package"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message + " (CI=true: must not skip)")
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        try:
            yield instance
        finally:
            instance.close()


@pytest.fixture
def page(browser: object, app_server: str, request: pytest.FixtureRequest) -> Iterator[object]:
    """A fresh page (German default) on the running app; screenshot kept after the test."""
    context = browser.new_context(viewport={"width": 1600, "height": 1100}, locale="de-DE")
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.base_url = app_server  # type: ignore[attr-defined]
    try:
        yield page
    finally:
        ARTIFACTS.mkdir(exist_ok=True)
        name = request.node.name.replace("/", "_").replace("[", "_").replace("]", "")
        try:
            page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
        finally:
            context.close()
