"""Database fixtures shared by every test file: an empty, migrated database on SQLite and on
PostgreSQL (a throw-away cluster per test session), as ``db_url``, ``engine`` and ``session``.

Imported in ``tests/conftest.py`` so any test can ask for ``session`` or ``db_url``; a test that
takes one of them runs twice, once per database."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from itertools import count
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from models.db import engine_for, migrate, session_for

IN_CI = os.environ.get("CI", "").lower() == "true"


class PostgresCluster:
    """A throw-away PostgreSQL cluster on a unix socket in a temporary folder."""

    def __init__(self, bin_dir: Path) -> None:
        self.bin_dir = bin_dir
        self.root = Path(tempfile.mkdtemp(prefix="pa-pg-"))
        self.data = self.root / "data"
        self.port = _free_port()
        self.databases = count(1)
        self.as_root = os.geteuid() == 0
        if self.as_root:  # initdb and postgres refuse to run as root
            shutil.chown(self.root, "postgres", "postgres")

    def _run(self, *command: str) -> None:
        prefix = ["runuser", "-u", "postgres", "--"] if self.as_root else []
        subprocess.run([*prefix, *command], check=True, capture_output=True, cwd=self.root)

    def start(self) -> None:
        self._run(str(self.bin_dir / "initdb"), "-D", str(self.data), "-U", "postgres",
                  "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync")
        options = f"-k {self.root} -p {self.port} -c listen_addresses='' -c fsync=off"
        self._run(str(self.bin_dir / "pg_ctl"), "-D", str(self.data), "-o", options,
                  "-l", str(self.root / "server.log"), "-w", "start")

    def stop(self) -> None:
        if (self.data / "postmaster.pid").exists():
            self._run(str(self.bin_dir / "pg_ctl"), "-D", str(self.data), "-m", "immediate",
                      "-w", "stop")
        shutil.rmtree(self.root, ignore_errors=True)

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://postgres@/{database}?host={self.root}&port={self.port}"

    def new_database(self) -> str:
        """The URL of a fresh, empty database: every test starts from nothing."""
        import psycopg

        name = f"workbench_{next(self.databases)}"
        dsn = f"host={self.root} port={self.port} user=postgres dbname=postgres"
        with psycopg.connect(dsn, autocommit=True) as connection:
            connection.execute(f"CREATE DATABASE {name}")
        return self.url(name)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _postgres_bin() -> Path | None:
    found = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parts[-3])
    )
    return found[-1].parent if found else None


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresCluster]:
    """A PostgreSQL cluster for the whole session; skipped without the server, never in CI."""
    bin_dir = _postgres_bin()
    if bin_dir is None:
        message = "PostgreSQL server binaries not found below /usr/lib/postgresql " \
            "(Debian package postgresql; `make test` installs it)"
        if IN_CI:
            pytest.fail(message + " (CI=true: must not skip)")
        pytest.skip(message)
    cluster = PostgresCluster(bin_dir)
    started = time.perf_counter()
    try:
        cluster.start()
        print(f"\nPostgreSQL cluster started in {time.perf_counter() - started:.2f} s")
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database: a SQLite file, or a new database in the PostgreSQL cluster."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'workbench.db'}"
    return request.getfixturevalue("postgres").new_database()


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    """A migrated engine on the empty database."""
    engine = engine_for(db_url)
    migrate(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    with session_for(engine) as session:
        yield session
