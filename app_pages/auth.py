"""Who may do what: sign-in through OpenID Connect, roles, and the server-side checks.

Two modes (see ``docs/access.md``):

* **Server mode** – Streamlit's ``[auth]`` section in ``secrets.toml`` names an OpenID
  Connect provider (the city's Keycloak, ADFS or Entra ID). Users sign in with
  ``st.login``; their role (``admin``, ``analyst``, ``viewer``) comes from
  ``PROCESSANALYSIS_ADMINS``, then a token claim (``PROCESSANALYSIS_ROLE_CLAIM``, mapped by
  ``PROCESSANALYSIS_ROLE_MAP``), then the ``app_user`` table, else ``viewer``.
* **Local single-user mode** – no provider: one person on their own machine, role
  ``admin``. Because nobody signs in, the app serves data only while Streamlit listens on a
  loopback address; otherwise :func:`gate` refuses with a message saying what to do.

Everything here runs in the Streamlit server process: the browser only ever sends widget
values, so a role check in Python cannot be skipped by a manipulated client. Pages call
:func:`require_role` or :func:`can_edit` before they offer or perform a write; button
callbacks are wrapped with :func:`guard` (or :data:`editors_only`).
"""

from __future__ import annotations

import functools
import ipaddress
import logging
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, ParamSpec, TypeVar

import streamlit as st

from app_pages.i18n import escape_markdown, t

__all__ = [
    "ADMINS_ENV",
    "EDIT_ROLES",
    "LOCAL_USER",
    "ROLES",
    "ROLE_CLAIM_ENV",
    "ROLE_MAP_ENV",
    "AccessConfig",
    "AccessDenied",
    "User",
    "app_engine",
    "can_edit",
    "check_role",
    "claim_values",
    "current_actor",
    "current_user",
    "editors_only",
    "gate",
    "guard",
    "is_loopback",
    "load_config",
    "mapped_roles",
    "require_role",
    "resolve_role",
    "server_address",
    "sidebar",
]

_LOG = logging.getLogger(__name__)

#: Roles, most powerful first (the same tuple as ``models.users.ROLES``).
ROLES = ("admin", "analyst", "viewer")
#: Roles that may change data; a viewer (workshop participant) only looks.
EDIT_ROLES = ("admin", "analyst")

#: Name (or dotted path, e.g. ``realm_access.roles``) of the token claim holding roles.
ROLE_CLAIM_ENV = "PROCESSANALYSIS_ROLE_CLAIM"
DEFAULT_ROLE_CLAIM = "roles"
#: ``value=role`` pairs, comma separated: which claim value (group) means which role.
ROLE_MAP_ENV = "PROCESSANALYSIS_ROLE_MAP"
#: E-mail addresses or subjects, comma separated, that are always admin (the first admin).
ADMINS_ENV = "PROCESSANALYSIS_ADMINS"

#: ``st.session_state`` keys; no widget uses them, so a browser cannot set them.
_USER_KEY = "_auth.user"
_RECORDED_KEY = "_auth.recorded_subject"
_REFUSAL_KEY = "_auth.refusal"

#: Keys of an ``[auth]`` (or ``[auth.<name>]``) table that make it a provider.
_PROVIDER_KEYS = ("client_id", "server_metadata_url")


@dataclass(frozen=True, slots=True)
class User:
    """The person behind this browser session and the role the server gave them."""

    name: str
    email: str | None
    subject: str
    role: str

    @property
    def can_edit(self) -> bool:
        """Admins and analysts change data; viewers only look."""
        return self.role in EDIT_ROLES


#: The one user of local single-user mode (no sign-in, so no identity to show).
LOCAL_USER = User(name="local", email=None, subject="local", role="admin")


class AccessDenied(PermissionError):
    """The current user's role does not allow the action; nothing was done."""

    def __init__(self, role: str | None, allowed: tuple[str, ...]) -> None:
        self.role = role
        self.allowed = allowed
        super().__init__(
            f"role {role or 'none (not signed in)'} may not do this; "
            f"allowed: {', '.join(allowed)}"
        )


@dataclass(frozen=True, slots=True)
class AccessConfig:
    """How access is configured: the providers in ``secrets.toml`` and our role settings."""

    #: Provider names for ``st.login``: ``None`` for the unnamed ``[auth]`` table.
    providers: tuple[str | None, ...] = ()
    role_claim: str = DEFAULT_ROLE_CLAIM
    role_map: Mapping[str, str] = field(default_factory=dict)
    admins: frozenset[str] = frozenset()

    @property
    def provider_configured(self) -> bool:
        """An OpenID Connect provider is configured: server mode."""
        return bool(self.providers)


# -- configuration ------------------------------------------------------------------------


def _providers(auth: Mapping[str, Any]) -> tuple[str | None, ...]:
    """The providers an ``[auth]`` table configures (unnamed first, then named ones)."""
    found: list[str | None] = []
    if any(auth.get(key) for key in _PROVIDER_KEYS):
        found.append(None)
    for name, value in auth.items():
        if isinstance(value, Mapping) and any(value.get(key) for key in _PROVIDER_KEYS):
            found.append(str(name))
    return tuple(found)


def parse_role_map(text: str) -> dict[str, str]:
    """``"pa-admins=admin, pa-analysts=analyst"`` -> a dict; an unknown role is an error.

    Examples
    --------
    >>> parse_role_map("pa-admins=admin, /Stadt/Orga=analyst")
    {'pa-admins': 'admin', '/Stadt/Orga': 'analyst'}
    """
    mapping: dict[str, str] = {}
    for pair in filter(None, (part.strip() for part in text.split(","))):
        value, sep, role = pair.rpartition("=")
        role = role.strip().lower()
        if not sep or not value.strip() or role not in ROLES:
            raise ValueError(
                f"{ROLE_MAP_ENV}: {pair!r} is not 'claim-value=role' with a role of "
                f"{', '.join(ROLES)}"
            )
        mapping[value.strip()] = role
    return mapping


def load_config(
    auth_section: Mapping[str, Any] | None = None, environ: Mapping[str, str] | None = None
) -> AccessConfig:
    """The access configuration from ``secrets.toml`` (``[auth]``) and the environment."""
    if auth_section is None:
        auth_section = _secrets_auth_section()
    environ = os.environ if environ is None else environ
    admins = {
        item.strip().lower()
        for item in environ.get(ADMINS_ENV, "").replace(";", ",").split(",")
        if item.strip()
    }
    return AccessConfig(
        providers=_providers(auth_section),
        role_claim=environ.get(ROLE_CLAIM_ENV, "").strip() or DEFAULT_ROLE_CLAIM,
        role_map=parse_role_map(environ.get(ROLE_MAP_ENV, "")),
        admins=frozenset(admins),
    )


def _secrets_auth_section() -> Mapping[str, Any]:
    """Streamlit's ``[auth]`` table, empty when there is no secrets file or no such table."""
    try:
        if not st.secrets.load_if_toml_exists():
            return {}
        section = st.secrets.get("auth")
    except Exception:  # a broken secrets.toml: Streamlit reports it itself
        _LOG.exception("secrets.toml cannot be read; running without a provider")
        return {}
    return section.to_dict() if hasattr(section, "to_dict") else dict(section or {})


def server_address() -> str | None:
    """The address Streamlit listens on (``server.address``; empty: every interface)."""
    value = st.get_option("server.address")
    return str(value).strip() if value else None


def is_loopback(address: str | None) -> bool:
    """Whether a server bound to ``address`` is reachable only from this machine.

    An empty address means every interface, so it is *not* loopback.

    Examples
    --------
    >>> [is_loopback(a) for a in ("localhost", "127.0.0.1", "::1", "[::1]", "0.0.0.0", None)]
    [True, True, True, True, False, False]
    """
    if not address:
        return False
    host = address.strip().strip("[]").lower()
    if host in {"localhost", "localhost.", "ip6-localhost"}:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


# -- roles ----------------------------------------------------------------------------------


def claim_values(claims: Mapping[str, Any], path: str) -> list[str]:
    """The values of the claim ``path`` (dotted for nested claims), always as a list.

    Examples
    --------
    >>> claim_values({"realm_access": {"roles": ["analyst", "x"]}}, "realm_access.roles")
    ['analyst', 'x']
    >>> claim_values({"role": "viewer"}, "role"), claim_values({}, "roles")
    (['viewer'], [])
    """
    value: Any = claims
    for part in path.split("."):
        if not isinstance(value, Mapping) or part not in value:
            return []
        value = value[part]
    if isinstance(value, str):
        return [value]
    if isinstance(value, list | tuple):
        return [str(item) for item in value if isinstance(item, str | int)]
    return []


def mapped_roles(values: list[str], role_map: Mapping[str, str]) -> list[str]:
    """Claim values translated by the role map; values naming a role stand for themselves.

    Examples
    --------
    >>> mapped_roles(["pa-analysts", "Viewer", "other"], {"pa-analysts": "analyst"})
    ['analyst', 'viewer']
    """
    roles = []
    for value in values:
        role = role_map.get(value) or value.strip().lower()
        if role in ROLES:
            roles.append(role)
    return roles


def resolve_role(session: Any, claims: Mapping[str, Any], config: AccessConfig) -> str:
    """The role of a signed-in user: admin list, then claim, then user table, else viewer.

    ``session`` is a ``sqlmodel.Session`` on the workspace database (``models.users``).
    """
    from models.users import role_for

    subject = str(claims.get("sub") or "")
    email = _text(claims.get("email"))
    if {subject.lower(), (email or "").lower()} & config.admins:
        return "admin"
    from_claim = mapped_roles(claim_values(claims, config.role_claim), config.role_map)
    return role_for(session, subject, email, {"roles": from_claim}, claim_name="roles")


def _signed_in_role(claims: Mapping[str, Any], config: AccessConfig) -> str:
    """:func:`resolve_role` on the app's database; records the user once per session.

    Recording (name, e-mail; never the role) lets an admin give a role to someone who has
    signed in once. A database failure falls back to the claim or ``viewer``: an outage
    never grants more rights.
    """
    subject = str(claims.get("sub") or "")
    try:
        from models.db import session_for
        from models.users import upsert_user

        with session_for(app_engine()) as session:
            if st.session_state.get(_RECORDED_KEY) != subject:
                upsert_user(session, subject, email=_text(claims.get("email")),
                            name=_text(claims.get("name")), actor=subject)
                st.session_state[_RECORDED_KEY] = subject
            return resolve_role(session, claims, config)
    except Exception:
        _LOG.exception("role lookup failed for %s; using the claim or viewer", subject)
        if {subject.lower(), str(claims.get("email") or "").lower()} & config.admins:
            return "admin"
        from_claim = mapped_roles(claim_values(claims, config.role_claim), config.role_map)
        return next((role for role in ROLES if role in from_claim), "viewer")


def app_engine() -> Any:
    """The app's one workspace engine (``app_pages.workspace.engine``: migrated, seeded)."""
    # Imported here: app_pages.workspace imports this module for its role checks.
    from app_pages.workspace import engine

    return engine()


def _text(value: object) -> str | None:
    return str(value) if isinstance(value, str) and value.strip() else None


# -- the checks pages use ---------------------------------------------------------------------


def current_user() -> User:
    """The signed-in user of this session (set by :func:`gate` on every run).

    Raises
    ------
    AccessDenied
        Nobody is signed in (server mode before sign-in).
    """
    user = st.session_state.get(_USER_KEY)
    if not isinstance(user, User):
        raise AccessDenied(None, ROLES)
    return user


def current_actor() -> str | None:
    """Who makes a change, for the audit trail: e-mail or subject; ``None`` if nobody."""
    try:
        user = current_user()
    except AccessDenied:
        return None
    return user.email or user.subject


def can_edit() -> bool:
    """Whether the current user may change data (admin, analyst)."""
    try:
        return current_user().can_edit
    except AccessDenied:
        return False


def check_role(*roles: str) -> User:
    """The current user if their role is one of ``roles``, else :class:`AccessDenied`."""
    allowed = roles or ROLES
    try:
        user = current_user()
    except AccessDenied:
        raise AccessDenied(None, allowed) from None
    if user.role not in allowed:
        _LOG.warning("refused: %s (role %s) needs %s", user.subject, user.role, allowed)
        raise AccessDenied(user.role, allowed)
    return user


def refusal_message(error: AccessDenied) -> str:
    """The user's words for a refusal: what was refused, their role, who may do it."""
    if error.role is None:
        return t("auth.refused_anonymous")
    return t(
        "auth.refused",
        role=t(f"auth.role.{error.role}"),
        allowed=", ".join(t(f"auth.role.{role}") for role in error.allowed),
    )


def require_role(*roles: str) -> User:
    """Stop the page with a clear message unless the user has one of ``roles``."""
    try:
        return check_role(*roles)
    except AccessDenied as error:
        st.error(refusal_message(error), icon=":material/lock:")
        st.stop()
        raise  # st.stop() raises; this line only satisfies type checkers


P = ParamSpec("P")
R = TypeVar("R")


def guard(*roles: str) -> Callable[[Callable[P, R]], Callable[P, R | None]]:
    """Wrap a button callback so it runs only for ``roles``; a refusal is shown instead.

    The refusal is kept in the session and shown at the top of the next run by
    :func:`gate` (callbacks run before the page). Example::

        @auth.guard("admin", "analyst")
        def save() -> None: ...

        st.button("Save", on_click=save, disabled=not auth.can_edit())
    """

    def decorate(function: Callable[P, R]) -> Callable[P, R | None]:
        @functools.wraps(function)
        def guarded(*args: P.args, **kwargs: P.kwargs) -> R | None:
            try:
                check_role(*roles)
            except AccessDenied as error:
                st.session_state[_REFUSAL_KEY] = refusal_message(error)
                return None
            return function(*args, **kwargs)

        return guarded

    return decorate


#: The common case: only admins and analysts may run the wrapped callback.
editors_only = guard(*EDIT_ROLES)


# -- the gate in app.py ------------------------------------------------------------------------


def gate(config: AccessConfig | None = None) -> User:
    """Decide who is here before any page runs; stops the run when nobody may see data.

    * no provider and a non-loopback address: refuses (nobody could be told apart);
    * no provider on loopback: local single-user mode, role admin;
    * provider, not signed in: the sign-in screen;
    * provider, signed in: the user with their role.
    """
    st.session_state.pop(_USER_KEY, None)
    try:
        config = config or load_config()
    except ValueError as error:  # a malformed PROCESSANALYSIS_ROLE_MAP
        st.error(t("auth.config_error", detail=escape_markdown(error)), icon=":material/error:")
        st.stop()
    if not config.provider_configured:
        address = server_address()
        if not is_loopback(address):
            st.title(t("auth.refuse.title"))
            st.error(t("auth.refuse.body", address=address or "0.0.0.0"), icon=":material/block:")
            st.markdown(t("auth.refuse.help"))
            st.stop()
        user = LOCAL_USER
    elif not st.user.is_logged_in:
        _sign_in_screen(config)
        st.stop()
    else:
        claims = st.user.to_dict()
        role = _signed_in_role(claims, config)
        subject = str(claims.get("sub") or "")
        email = _text(claims.get("email"))
        user = User(name=_text(claims.get("name")) or email or subject, email=email,
                    subject=subject, role=role)
    st.session_state[_USER_KEY] = user
    refusal = st.session_state.pop(_REFUSAL_KEY, None)
    if refusal:
        st.error(refusal, icon=":material/lock:")
    return user


def _sign_in_screen(config: AccessConfig) -> None:
    """The page a visitor sees before signing in: what this is and one button per provider."""
    st.title(t("auth.signin.title"))
    st.markdown(t("auth.signin.body"))
    for provider in config.providers:
        label = t("auth.signin.button") if provider is None else t(
            "auth.signin.button_named", provider=provider
        )
        if st.button(label, type="primary", icon=":material/login:", key=f"_auth.login.{provider}"):
            try:
                st.login(provider)
            except Exception as error:
                _LOG.exception("sign-in could not start")
                st.error(t("auth.signin.error", kind=type(error).__name__, detail=str(error)))


def sidebar(user: User, config: AccessConfig | None = None) -> None:
    """Who is signed in with which role and a sign-out button, or the local-mode notice."""
    config = config or load_config()
    if not config.provider_configured:
        st.sidebar.caption(t("auth.local_mode"))
        return
    st.sidebar.markdown(
        t("auth.signed_in", name=escape_markdown(user.name), role=t(f"auth.role.{user.role}"))
    )
    if st.sidebar.button(t("auth.sign_out"), icon=":material/logout:", key="_auth.logout"):
        st.session_state.pop(_USER_KEY, None)
        st.logout()
        st.stop()  # the page must not run on for a user who is gone
