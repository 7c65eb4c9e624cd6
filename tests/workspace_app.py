"""A seeded workspace database for the AppTest tests of the library and portfolio pages.

The seed (sample processes with their analyses, the Musterstadt portfolio) is built once
per test module into a template SQLite file; each test gets its own copy as
``DATABASE_URL``, so tests can write without seeing each other's changes. Import the
``*_fixture`` functions into a test module; they register under the names without it.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

import app_pages.workspace
from models.db import engine_for, migrate, session_for
from models.seed import seed_workspace


@pytest.fixture(scope="module", name="seeded_template")
def seeded_template_fixture(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated, seeded SQLite file to copy from."""
    path = tmp_path_factory.mktemp("workspace") / "template.db"
    engine = engine_for(f"sqlite:///{path}")
    migrate(engine)
    with session_for(engine) as session:
        seed_workspace(session)
        session.connection().exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return path


@pytest.fixture(name="workspace_db")
def workspace_db_fixture(
    seeded_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Engine]:
    """This test's copy of the seeded database, set as ``DATABASE_URL`` for the app."""
    path = tmp_path / "workbench.db"
    shutil.copy(seeded_template, path)
    url = f"sqlite:///{path}"
    monkeypatch.setenv("DATABASE_URL", url)
    app_pages.workspace.engine.clear()  # the app's cached engine belongs to another test
    engine = engine_for(url)
    yield engine
    engine.dispose()
    app_pages.workspace.engine.clear()


def open_session(engine: Engine) -> Session:
    """A session whose objects stay readable after the store functions commit."""
    return Session(engine, expire_on_commit=False)


@pytest.fixture(name="as_viewer")
def as_viewer_fixture(monkeypatch: pytest.MonkeyPatch) -> None:
    """The signed-in user is a viewer: ``app_pages.auth.can_edit`` says no."""
    import app_pages.auth

    monkeypatch.setattr(app_pages.auth, "can_edit", lambda: False)
