"""Engines, migrations and sessions for the workspace database.

The database URL comes from the caller (the ``--db`` option), else from the environment
variable ``DATABASE_URL``, else it is the SQLite file ``data/workbench.db`` below the
current directory. SQLite connections run in WAL mode with foreign keys enforced.
The schema is created and upgraded by the Alembic migrations in ``migrations/``, never
by ``create_all``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, event
from sqlalchemy.engine import make_url
from sqlmodel import Session, create_engine

__all__ = ["DEFAULT_URL", "MIGRATIONS", "URL_ENV", "engine_for", "migrate", "session_for"]

#: Environment variable with the database URL (SQLAlchemy syntax).
URL_ENV = "DATABASE_URL"
DEFAULT_URL = "sqlite:///data/workbench.db"
#: The Alembic script folder (``migrations/`` beside the package).
MIGRATIONS = Path(__file__).resolve().parents[1] / "migrations"


def engine_for(url: str | None = None) -> Engine:
    """An engine for ``url``, ``$DATABASE_URL`` or the default SQLite file.

    A SQLite file's folder is created if missing. Call :func:`migrate` before use.

    Examples
    --------
    >>> engine = engine_for("sqlite://")
    >>> engine.dialect.name
    'sqlite'
    """
    url = url or os.environ.get(URL_ENV) or DEFAULT_URL
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)
    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url)
    event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _sqlite_pragmas(dbapi_connection: object, connection_record: object) -> None:
    # Foreign keys are off per connection unless asked for; WAL lets the app read while
    # the command line writes. In WAL mode, synchronous=NORMAL cannot corrupt the database
    # (SQLite's documented recommendation); a power cut may lose the last commits, and the
    # import of a folder (one commit per file) no longer waits for a disk flush per file.
    cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def alembic_config() -> Config:
    """The Alembic configuration: the migrations folder, no ini file needed."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def migrate(engine: Engine, revision: str = "head") -> None:
    """Bring the schema of ``engine``'s database to ``revision`` (idempotent).

    Examples
    --------
    >>> engine = engine_for("sqlite://")
    >>> migrate(engine)
    >>> from sqlalchemy import inspect
    >>> "process" in inspect(engine).get_table_names()
    True
    """
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


@contextmanager
def session_for(engine: Engine) -> Iterator[Session]:
    """A session on ``engine``, closed afterwards; the caller commits.

    Objects stay readable after the commit (``expire_on_commit=False``), so a function
    can return what it has written.
    """
    with Session(engine, expire_on_commit=False) as session:
        yield session
