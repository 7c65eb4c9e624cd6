"""Alembic environment: the metadata of the SQLModel tables in ``models``.

``models.db.migrate`` passes its connection in
``config.attributes["connection"]``; the ``alembic`` command line (``alembic.ini``) gets
the URL from ``--db``-less defaults: ``DATABASE_URL`` or ``data/workbench.db``.
"""

from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

import models  # noqa: F401  (registers the tables on SQLModel.metadata)
from models.db import engine_for

target_metadata = SQLModel.metadata


def run_migrations(connection: object) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,  # SQLite alters tables by copying them
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        run_migrations(connection)
        return
    engine = engine_for(context.config.get_main_option("sqlalchemy.url") or None)
    with engine.begin() as own_connection:
        run_migrations(own_connection)
    engine.dispose()


if context.is_offline_mode():
    raise SystemExit("offline (--sql) migrations are not supported; connect to a database")
run_migrations_online()
