"""Shared fixtures: a real SQLite file and a real PostgreSQL server for every storage test,
and an offscreen Qt for the interface tests.
"""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop import i18n
from desktop.store.database import Database, open_database
from tests.postgres_server import PostgresServer, start_postgres

_database_numbers = itertools.count(1)


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    server = start_postgres()
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def english_interface() -> Iterator[None]:
    """Every test starts in English, whatever the one before it switched to."""
    i18n.set_language("en")
    yield
    i18n.set_language("en")


@pytest.fixture
def sqlite_db(tmp_path: Path) -> Iterator[Database]:
    db = open_database(str(tmp_path / "csodesk.sqlite3"))
    yield db
    db.close()


@pytest.fixture
def postgres_url(postgres: PostgresServer) -> Iterator[str]:
    name = f"csodesk_test_{os.getpid()}_{next(_database_numbers)}"
    url = postgres.create_database(name)
    yield url
    postgres.drop_database(name)


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    """A fresh, migrated database: an SQLite file, then a PostgreSQL database."""
    if request.param == "sqlite":
        url = str(tmp_path / "csodesk.sqlite3")
    else:
        url = request.getfixturevalue("postgres_url")
    database = open_database(url)
    yield database
    database.close()
