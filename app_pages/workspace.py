"""The app's database: one migrated (and on first start seeded) engine per process, sessions,
the role check, and writes that turn every refusal into a plain message.

The pages never open their own engine: :func:`engine` is a ``st.cache_resource``, so the
migration runs once per app process, whichever page the user opens first. Every write
goes through :func:`write`, which checks the role first (viewers change nothing) and
maps the store's errors to messages: a stale save shows both values, a database error
says what to do, nothing is shown as a traceback.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

import streamlit as st
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session

from app_pages import auth
from app_pages.i18n import escape_markdown, t
from models.db import engine_for, migrate, session_for
from models.errors import StaleEditError
from models.seed import ensure_seeded
from models.store import ConcurrentEditError
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
    First start of the embedded database: the sample processes and the example portfolio
    (``models.seed.ensure_seeded``; a shared PostgreSQL is seeded only on request).
    """
    built = engine_for(None)
    migrate(built)
    ensure_seeded(built)
    return built


@contextmanager
def session() -> Iterator[Session]:
    """A session on the app's engine, closed afterwards."""
    with session_for(engine()) as opened:
        yield opened


def can_edit() -> bool:
    """Whether the signed-in user may change data (``app_pages.auth.can_edit``)."""
    return auth.can_edit()


def actor() -> str | None:
    """Who makes a change, for the audit trail (the signed-in user, else nobody)."""
    return auth.current_actor()


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
    try:
        with session() as opened:
            return action(opened)
    except (StaleEditError, ConcurrentEditError) as error:
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
