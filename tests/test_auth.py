"""Access: configuration, role resolution and the server-side checks (``app_pages.auth``).

The Streamlit parts run under AppTest, which plays the browser: it sends widget values
the way a client does, so a refused click shows that the check is made on the server.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import streamlit as st
from sqlmodel import Session, select
from streamlit.testing.v1 import AppTest

from app_pages import auth
from models.db import engine_for, migrate, session_for
from models.users import AppUser, upsert_user
from tests.apptest import APP, fresh_cache, unescape  # noqa: F401  (autouse fixture)

PROVIDER = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "x" * 32,
    "client_id": "processanalysis",
    "client_secret": "secret",
    "server_metadata_url": "http://localhost:9400/.well-known/openid-configuration",
}


@pytest.fixture
def database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A fresh, migrated SQLite workspace as the app's ``DATABASE_URL``."""
    url = f"sqlite:///{tmp_path / 'workbench.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    migrate(engine_for(url))
    st.cache_resource.clear()  # the app's engine is cached per process
    yield url
    st.cache_resource.clear()


@pytest.fixture
def session(database: str) -> Iterator[Session]:
    with session_for(engine_for(database)) as opened:
        yield opened


@pytest.fixture
def network_address() -> Iterator[None]:
    """Streamlit configured to listen on every interface (restored afterwards)."""
    before = st.get_option("server.address")
    st.config.set_option("server.address", "0.0.0.0")
    yield
    st.config.set_option("server.address", before)


# -- configuration -------------------------------------------------------------------------


def test_no_auth_section_is_local_mode() -> None:
    config = auth.load_config({}, {})
    assert not config.provider_configured
    assert config.role_claim == "roles"


def test_unnamed_and_named_providers_are_found() -> None:
    assert auth.load_config(PROVIDER, {}).providers == (None,)
    named = {"redirect_uri": PROVIDER["redirect_uri"], "cookie_secret": "x" * 32,
             "keycloak": {"client_id": "pa", "server_metadata_url": "http://kc/.well-known"}}
    assert auth.load_config(named, {}).providers == ("keycloak",)
    # redirect_uri and cookie_secret alone name no provider
    assert not auth.load_config({"cookie_secret": "x" * 32}, {}).provider_configured


def test_role_settings_come_from_the_environment() -> None:
    config = auth.load_config(PROVIDER, {
        auth.ROLE_CLAIM_ENV: "realm_access.roles",
        auth.ROLE_MAP_ENV: "pa-admins=admin, /Stadt/Organisation=analyst",
        auth.ADMINS_ENV: "Chefin@Stadt.example; root-sub",
    })
    assert config.role_claim == "realm_access.roles"
    assert config.role_map == {"pa-admins": "admin", "/Stadt/Organisation": "analyst"}
    assert config.admins == {"chefin@stadt.example", "root-sub"}


@pytest.mark.parametrize("text", ["pa-admins", "pa-admins=owner", "=admin"])
def test_a_bad_role_map_is_refused_with_its_entry(text: str) -> None:
    with pytest.raises(ValueError, match=auth.ROLE_MAP_ENV) as error:
        auth.parse_role_map(text)
    assert repr(text.split(",")[0]) in str(error.value)


@pytest.mark.parametrize(
    ("address", "loopback"),
    [("localhost", True), ("127.0.0.1", True), ("127.0.1.1", True), ("::1", True),
     ("0.0.0.0", False), ("::", False), ("", False), (None, False), ("10.1.2.3", False),
     ("workbench.stadt.example", False)],
)
def test_loopback_addresses(address: str | None, loopback: bool) -> None:
    assert auth.is_loopback(address) is loopback


def test_project_config_listens_on_localhost() -> None:
    """`streamlit run app.py` without `make` still binds to localhost only."""
    text = (Path(__file__).resolve().parents[1] / ".streamlit" / "config.toml").read_text()
    assert 'address = "localhost"' in text


# -- roles -----------------------------------------------------------------------------------


def test_claim_role_wins_over_the_user_table(session: Session) -> None:
    upsert_user(session, "sub-1", email="a@stadt.example", role="viewer")
    config = auth.load_config(PROVIDER, {})
    claims = {"sub": "sub-1", "email": "a@stadt.example", "roles": ["analyst"]}
    assert auth.resolve_role(session, claims, config) == "analyst"


def test_nested_claim_and_group_mapping(session: Session) -> None:
    config = auth.load_config(PROVIDER, {auth.ROLE_CLAIM_ENV: "realm_access.roles",
                                         auth.ROLE_MAP_ENV: "pa-admins=admin"})
    claims = {"sub": "s", "realm_access": {"roles": ["offline_access", "pa-admins"]}}
    assert auth.resolve_role(session, claims, config) == "admin"


def test_user_table_then_default_viewer(session: Session) -> None:
    config = auth.load_config(PROVIDER, {})
    upsert_user(session, "sub-2", email="b@stadt.example", role="analyst")
    assert auth.resolve_role(session, {"sub": "sub-2"}, config) == "analyst"
    # registered by e-mail before the first sign-in (another subject)
    assert auth.resolve_role(session, {"sub": "new", "email": "b@stadt.example"}, config) == (
        "analyst"
    )
    assert auth.resolve_role(session, {"sub": "stranger", "roles": ["owner"]}, config) == "viewer"


def test_admin_list_wins(session: Session) -> None:
    config = auth.load_config(PROVIDER, {auth.ADMINS_ENV: "chefin@stadt.example"})
    claims = {"sub": "x", "email": "Chefin@Stadt.example", "roles": ["viewer"]}
    assert auth.resolve_role(session, claims, config) == "admin"


def test_outside_a_session_nobody_may_edit() -> None:
    assert auth.can_edit() is False
    with pytest.raises(auth.AccessDenied):
        auth.check_role("admin")


# -- the app under AppTest ---------------------------------------------------------------------


def signed_in(claims: dict[str, object], page: str | None = None) -> AppTest:
    """The app with a provider configured and a user signed in with ``claims``."""
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.secrets["auth"] = PROVIDER
    at.user = {"is_logged_in": True, **claims}
    at.run()
    if page:
        at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def test_local_mode_says_so_and_is_admin(database: str) -> None:
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.run()
    at.switch_page("app_pages/users_page.py").run()
    assert not at.exception
    assert any("Lokaler Einzelplatzbetrieb" in c.value for c in at.sidebar.caption)
    assert not [b for b in at.sidebar.button if b.label == "Abmelden"]
    assert "Rollen vergeben" in [s.value for s in at.subheader]
    assert not at.error
    at.sidebar.radio[0].set_value("en").run()
    assert any("Local single-user mode" in c.value for c in at.sidebar.caption)


def test_no_provider_on_the_network_serves_no_data(network_address: None) -> None:
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.run()
    assert not at.exception
    assert "kein Zugriff über das Netz" in at.title[0].value
    assert "0.0.0.0" in at.error[0].value
    # no page ran: neither the import page's title nor any navigation
    assert [t.value for t in at.title] == [at.title[0].value]


def test_with_a_provider_a_network_address_is_fine(network_address: None) -> None:
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.secrets["auth"] = PROVIDER
    at.user = {"is_logged_in": False}
    at.run()
    assert not at.exception
    assert [b.label for b in at.button] == ["Anmelden"]
    assert not at.error


def test_a_bad_role_map_stops_the_app_with_a_message(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(auth.ROLE_MAP_ENV, "pa-admins=owner")
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.secrets["auth"] = PROVIDER
    at.user = {"is_logged_in": True, "sub": "s", "roles": ["admin"]}
    at.run()
    assert not at.exception
    assert "'pa-admins=owner'" in unescape(at.error[0].value)
    assert not at.title  # no page ran


def test_provider_shows_the_sign_in_screen_first() -> None:
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.secrets["auth"] = PROVIDER
    at.user = {"is_logged_in": False}
    at.run()
    assert not at.exception
    assert [b.label for b in at.button] == ["Anmelden"]
    assert "Anmeldung" in at.title[0].value
    assert len(at.title) == 1  # no page content before sign-in


def test_signed_in_user_sees_name_and_role(database: str) -> None:
    at = signed_in({"sub": "s-ana", "name": "Anna Analyse", "email": "anna@stadt.example",
                    "roles": ["analyst"]})
    sidebar = " ".join(m.value for m in at.sidebar.markdown)
    assert "Anna Analyse" in sidebar and "Rolle: Analyse" in sidebar
    assert "Abmelden" in [b.label for b in at.sidebar.button]
    at.sidebar.button[0].click().run()  # sign out: the page stops, nothing of it is left
    assert not at.exception
    assert at.user == {"is_logged_in": False}
    with session_for(engine_for(database)) as opened:
        stored = opened.exec(select(AppUser).where(AppUser.subject == "s-ana")).one()
    assert (stored.name, stored.email, stored.role) == ("Anna Analyse", "anna@stadt.example",
                                                        "viewer")  # recorded, role not copied


def test_viewer_is_refused_the_role_admin_page(database: str) -> None:
    at = signed_in({"sub": "s-view", "name": "Wim Workshop"}, "app_pages/users_page.py")
    assert "Nur lesen" in " ".join(m.value for m in at.markdown)
    assert any("Nicht erlaubt" in e.value and "Nur lesen" in e.value for e in at.error)
    assert not at.selectbox  # the role form is never sent to a viewer


def test_admin_gives_a_role(database: str) -> None:
    with session_for(engine_for(database)) as opened:
        upsert_user(opened, "s-view", name="Wim Workshop")
    at = signed_in({"sub": "s-boss", "name": "Bea Boss", "roles": "admin"},
                   "app_pages/users_page.py")
    at.selectbox(key="auth.users.pick").set_value("s-view")
    at.selectbox(key="auth.users.new_role").set_value("analyst")
    next(b for b in at.button if b.label == "Rolle speichern").click().run()
    assert not at.exception
    with session_for(engine_for(database)) as opened:
        assert opened.exec(select(AppUser).where(AppUser.subject == "s-view")).one().role == (
            "analyst"
        )


def guarded_app() -> None:
    """A page with a guarded write whose button is offered to everybody.

    Real pages disable such a button for viewers; here it is enabled, standing for a page
    that forgot to or a client that sends the click anyway: the guard alone must refuse.
    """
    import streamlit as st

    from app_pages import auth

    auth.gate()
    st.session_state.setdefault("writes", 0)

    @auth.editors_only
    def write() -> None:
        st.session_state["writes"] += 1

    st.button("Speichern", on_click=write)
    st.write(f"can_edit={auth.can_edit()}")
    st.write(f"writes={st.session_state['writes']}")


@pytest.mark.parametrize(("role", "writes"), [("viewer", 0), ("analyst", 1)])
def test_guard_refuses_a_viewer_even_when_the_client_clicks(
    database: str, role: str, writes: int
) -> None:
    at = AppTest.from_function(guarded_app, default_timeout=30)
    at.secrets["auth"] = PROVIDER
    at.user = {"is_logged_in": True, "sub": f"s-{role}", "roles": [role]}
    at.run()
    assert at.markdown[0].value == f"can_edit={role == 'analyst'}"
    at.button[0].click().run()
    assert not at.exception
    assert at.markdown[-1].value == f"writes={writes}"
    refused = [e.value for e in at.error if "Nicht erlaubt" in e.value]
    assert bool(refused) is (role == "viewer")
