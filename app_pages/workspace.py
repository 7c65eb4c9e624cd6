"""The app's database: one migrated (and on first start seeded) engine per process, sessions,
the role check, and writes that turn every refusal into a plain message.

The pages never open their own engine: :func:`engine` is a ``st.cache_resource``, so the
migration runs once per app process, whichever page the user opens first. Every write
goes through :func:`write`, which checks the role first (viewers change nothing) and
maps the store's errors to messages: a stale save shows both values, a database error
says what to do, nothing is shown as a traceback.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

import streamlit as st
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session

from app_pages.i18n import escape_markdown, t
from models.db import engine_for, migrate, session_for
from processanalysis import BpmnImportError

__all__ = [
    "FLASH_KEY",
    "actor",
    "can_edit",
    "engine",
    "flash",
    "read",
    "session",
    "show_flash",
    "stale_message",
    "write",
]

T = TypeVar("T")
#: ``st.session_state`` key of messages that must survive the rerun after a write.
FLASH_KEY = "workspace.flash"

_log = logging.getLogger(__name__)


@st.cache_resource(show_spinner=False)
def engine() -> Engine:
    """The engine of ``$DATABASE_URL`` (or ``data/workbench.db``), migrated, seeded when empty.

    Cached for the app process: the migration and the seed check run once, not per rerun.
    """
    built = engine_for(None)
    migrate(built)
    _seed_if_empty(built)
    return built


def _seed_if_empty(built: Engine) -> None:
    """First start: the sample processes and the example portfolio (``models.seed``)."""
    try:
        seed = importlib.import_module("models.seed")
    except ImportError:  # the seed module is not there yet: an empty workbench
        return
    if hasattr(seed, "ensure_seeded"):
        seed.ensure_seeded(built)
        return
    with session_for(built) as opened:
        if seed.is_empty(opened):
            seed.seed_workspace(opened)


@contextmanager
def session() -> Iterator[Session]:
    """A session on the app's engine, closed afterwards."""
    with session_for(engine()) as opened:
        yield opened


def _edit_allowed_locally() -> bool:
    """Stand-in role check while ``app_pages.auth`` is absent: local single-user mode edits."""
    return True


def can_edit() -> bool:
    """Whether the signed-in user may change data (``app_pages.auth.can_edit``)."""
    try:
        auth = importlib.import_module("app_pages.auth")
    except ImportError:
        return _edit_allowed_locally()
    check = getattr(auth, "can_edit", None)
    return bool(check()) if callable(check) else _edit_allowed_locally()


def actor() -> str | None:
    """Who makes a change, for the audit trail (the signed-in user, else nobody)."""
    try:
        auth = importlib.import_module("app_pages.auth")
    except ImportError:
        return None
    for name in ("current_actor", "actor", "current_user_name"):
        found = getattr(auth, name, None)
        if callable(found):
            value = found()
            return None if value is None else str(value)
    return None


def _stale_error_types() -> tuple[type[BaseException], ...]:
    types: list[type[BaseException]] = []
    candidates = (("models.errors", "StaleEditError"), ("models.store", "ConcurrentEditError"))
    for module, name in candidates:
        try:
            found = getattr(importlib.import_module(module), name, None)
        except ImportError:
            continue
        if isinstance(found, type) and issubclass(found, BaseException):
            types.append(found)
    return tuple(types)


def _format(values: Any) -> str:
    if isinstance(values, dict):
        shown = {k: v for k, v in values.items() if k not in ("version", "id", "updated_at")}
        return ", ".join(f"{k} = {v}" for k, v in shown.items()) or "–"
    return str(values)


def stale_message(error: BaseException) -> str:
    """The message of a refused stale save: stored version and values beside the user's."""
    stored = getattr(error, "stored", None)
    yours = getattr(error, "yours", None)
    if isinstance(stored, dict) and isinstance(yours, dict):
        keys = [k for k in yours if k in stored and stored.get(k) != yours.get(k)] or list(yours)
        stored = {k: stored.get(k) for k in keys}
        yours = {k: yours.get(k) for k in keys}
    return t(
        "library.db.stale",
        record=escape_markdown(getattr(error, "key", None) or getattr(error, "process_id", "")),
        expected=getattr(error, "expected_version", "?"),
        stored_version=getattr(error, "stored_version", "?"),
        stored=escape_markdown(_format(stored if stored is not None else "?")),
        yours=escape_markdown(_format(yours if yours is not None else "?")),
    )


def write(action: Callable[[Session], T], *, where: Any = st) -> T | None:
    """Run ``action`` in a fresh session if the user may edit; ``None`` and a message if not.

    The store functions commit themselves and write nothing on an error, so a refused
    write leaves the database as it was.
    """
    if not can_edit():
        where.error(t("library.db.read_only"))
        return None
    stale = _stale_error_types()
    try:
        with session() as opened:
            return action(opened)
    except stale as error:
        where.error(stale_message(error))
    except BpmnImportError as error:
        where.error(t("library.db.invalid", detail=escape_markdown(error)))
    except (ValueError, LookupError) as error:
        where.error(t("library.db.invalid", detail=escape_markdown(error)))
    except SQLAlchemyError:
        _log.exception("database error during a write")
        where.error(t("library.db.error"))
    return None


def read(action: Callable[[Session], T]) -> T:
    """Run a read; a database that cannot be reached stops the page with a plain message."""
    try:
        with session() as opened:
            return action(opened)
    except SQLAlchemyError:
        _log.exception("database error during a read")
        st.error(t("library.db.error"))
        st.stop()
        raise  # unreachable: st.stop raises


def flash(kind: str, message: str) -> None:
    """Keep a message for the run after ``st.rerun``; ``kind``: success, info, warning, error."""
    st.session_state.setdefault(FLASH_KEY, []).append((kind, message))


def show_flash() -> None:
    """Show and forget the kept messages."""
    for kind, message in st.session_state.pop(FLASH_KEY, []):
        getattr(st, kind)(message)
