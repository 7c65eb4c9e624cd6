"""Sign-in end to end: a real OpenID Connect provider on loopback, the app, Chromium.

The provider is PyPI's ``oidc-provider-mock`` (a Flask app built on Authlib, the same
library Streamlit's ``st.login`` uses); the test registers users with their claims on it
and signs in on its authorisation form as a person would. The app gets its settings
the way an admin gives them: a ``secrets.toml`` with an ``[auth]`` table (through
``STREAMLIT_SECRETS_FILES``) and the ``PROCESSANALYSIS_*`` environment variables.
"""

from __future__ import annotations

import json
import secrets
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser import ARTIFACTS
from tests.server import serve_app

pytestmark = pytest.mark.slow
#: Seconds a step may take on a busy two-core machine (Playwright's default is 5).
STEP_MS = 45_000

ANALYST = {"email": "anna@stadt.example", "name": "Anna Analyse", "groups": ["pa-analysts"]}
VIEWER = {"email": "wim@stadt.example", "name": "Wim Workshop", "groups": ["Workshop"]}
ADMIN = {"email": "bea@stadt.example", "name": "Bea Boss"}


@pytest.fixture(scope="module", autouse=True)
def patient_expect() -> None:
    from playwright.sync_api import expect

    expect.set_options(timeout=STEP_MS)


@pytest.fixture(scope="module")
def provider() -> Iterator[str]:
    """The OpenID Connect provider on a free loopback port, with three users."""
    from oidc_provider_mock import run_server_in_thread

    with run_server_in_thread() as server:
        base = f"http://localhost:{server.server_port}"
        for sub, claims in (("anna", ANALYST), ("wim", VIEWER), ("bea", ADMIN)):
            request = urllib.request.Request(
                f"{base}/users/{sub}", data=json.dumps(claims).encode(), method="PUT",
                headers={"Content-Type": "application/json"},
            )
            with urllib.request.urlopen(request, timeout=5) as response:
                assert response.status == 204
        yield base


@pytest.fixture(scope="module")
def auth_app(provider: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`make run` with the provider configured, a fresh database and a role mapping."""
    folder = tmp_path_factory.mktemp("auth-app")
    secrets_file = folder / "secrets.toml"
    secrets_file.write_text(
        "[auth]\n"
        'redirect_uri = "http://127.0.0.1:{port}/oauth2callback"\n'
        f'cookie_secret = "{secrets.token_hex(32)}"\n'
        'client_id = "processanalysis"\n'
        'client_secret = "test-secret"\n'
        f'server_metadata_url = "{provider}/.well-known/openid-configuration"\n',
        encoding="utf-8",
    )
    env = {
        "STREAMLIT_SECRETS_FILES": str(secrets_file),
        "DATABASE_URL": f"sqlite:///{folder / 'workbench.db'}",
        "PROCESSANALYSIS_ROLE_CLAIM": "groups",
        "PROCESSANALYSIS_ROLE_MAP": "pa-analysts=analyst",
        "PROCESSANALYSIS_ADMINS": "bea@stadt.example",
        # Others edit this working tree while the test runs: no reloading of changed modules.
        "STREAMLIT_SERVER_FILE_WATCHER_TYPE": "none",
    }
    with serve_app(folder, env) as base:
        yield base


@pytest.fixture
def page(
    browser: object,  # the session fixture of tests.browser (via conftest)
    auth_app: str,
    request: pytest.FixtureRequest,
) -> Iterator[object]:
    """A fresh browser (no cookies) on the app; a screenshot of the last state is kept."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="de-DE")
    page = context.new_page()
    page.set_default_timeout(STEP_MS)
    page.base_url = auth_app  # type: ignore[attr-defined]
    try:
        yield page
    finally:
        shoot(page, request.node.name)
        context.close()


def shoot(page: object, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def sign_in(page: object, sub: str) -> None:
    """From the app's sign-in screen through the provider's form back into the app."""
    from playwright.sync_api import expect

    page.goto(page.base_url)
    button = page.get_by_role("button", name="Anmelden")
    expect(button).to_be_visible()
    button.click()
    page.wait_for_url("**/oauth2/authorize**")
    page.locator("input[name=sub]").fill(sub)
    page.get_by_role("button", name="Authorize").click()
    page.wait_for_url(f"{page.base_url}/**")
    expect(page.get_by_test_id("stSidebar").get_by_text("Rolle:")).to_be_visible()


def sidebar_text(page: object) -> str:
    return page.get_by_test_id("stSidebar").inner_text()


def open_page(page: object, title: str) -> None:
    from playwright.sync_api import expect

    page.get_by_test_id("stSidebarNav").get_by_text(title, exact=True).click()
    expect(page.get_by_role("heading", name=title).first).to_be_visible()


def test_sign_in_screen_before_anything(page: object) -> None:
    """Without signing in nobody sees a page, a process or the navigation."""
    from playwright.sync_api import expect

    page.goto(page.base_url)
    expect(page.get_by_role("button", name="Anmelden")).to_be_visible()
    expect(page.get_by_text("Prozessanalyse – Anmeldung")).to_be_visible()
    assert page.get_by_test_id("stSidebarNav").count() == 0
    assert "Import & Prüfung" not in page.inner_text("body")


def test_analyst_signs_in_edits_and_signs_out(page: object, request: pytest.FixtureRequest) -> None:
    """A claim mapped to analyst: may edit the library, may not give roles; signs out."""
    from playwright.sync_api import expect

    sign_in(page, "anna")
    sidebar = sidebar_text(page)
    assert "Anna Analyse" in sidebar and "Rolle: Analyse" in sidebar
    open_page(page, "Prozessbibliothek")
    expect(page.get_by_text("Nur Ansicht: Ihre Rolle erlaubt keine Änderungen.")).to_have_count(0)
    open_page(page, "Zugang & Rollen")
    expect(page.get_by_text("Nicht erlaubt: Ihre Rolle „Analyse“")).to_be_visible()
    shoot(page, f"{request.node.name}_signed_in")

    page.get_by_test_id("stSidebar").get_by_role("button", name="Abmelden").click()
    # the provider's end-session page, then back to the app's sign-in screen
    page.get_by_role("button", name="End session").click()
    expect(page.get_by_role("button", name="Anmelden")).to_be_visible()
    assert "Anna Analyse" not in page.inner_text("body")


def test_viewer_sees_but_cannot_change(page: object) -> None:
    """No mapped claim and no table entry: viewer; the library offers no upload and the
    role page refuses to let them give themselves a role, on the server."""
    from playwright.sync_api import expect

    sign_in(page, "wim")
    assert "Rolle: Nur lesen" in sidebar_text(page)
    open_page(page, "Prozessbibliothek")
    expect(page.get_by_text("Nur Ansicht: Ihre Rolle erlaubt keine Änderungen.")).to_be_visible()
    open_page(page, "Zugang & Rollen")
    refusal = page.get_by_text("Nicht erlaubt: Ihre Rolle „Nur lesen“ darf hier nichts ändern.")
    expect(refusal).to_be_visible()
    assert page.get_by_role("button", name="Rolle speichern").count() == 0


def test_admin_promotes_the_viewer(page: object, auth_app: str) -> None:
    """An admin from PROCESSANALYSIS_ADMINS gives the viewer the role analyst in the table;
    the viewer's next sign-in has it."""
    from playwright.sync_api import expect

    sign_in(page, "bea")
    assert "Rolle: Administration" in sidebar_text(page)
    open_page(page, "Zugang & Rollen")
    page.get_by_test_id("stSelectbox").filter(has_text="Benutzer").click()
    page.get_by_role("option", name="Wim Workshop (wim)").click()
    page.get_by_test_id("stSelectbox").filter(has_text="Neue Rolle").click()
    page.get_by_role("option", name="Analyse").click()
    page.get_by_role("button", name="Rolle speichern").click()
    expect(page.get_by_text("Die Rolle von „Wim Workshop“ ist jetzt „Analyse“.")).to_be_visible()

    other = page.context.browser.new_context(locale="de-DE", viewport={"width": 1400,
                                                                       "height": 1000})
    try:
        again = other.new_page()
        again.set_default_timeout(STEP_MS)
        again.base_url = auth_app
        sign_in(again, "wim")
        assert "Rolle: Analyse" in sidebar_text(again)
    finally:
        other.close()


def test_secrets_file_is_ignored_by_git() -> None:
    gitignore = (Path(__file__).resolve().parents[1] / ".gitignore").read_text()
    assert ".streamlit/secrets.toml" in gitignore.splitlines()
