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
from desktop.services.actor import sign_out
from desktop.store.database import Database, copy_sqlite, open_database
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


@pytest.fixture(autouse=True)
def nobody_signed_in() -> Iterator[None]:
    """A test that signs someone in does not leave them signed in for the next one."""
    yield
    sign_out()


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One database migrated once; each test gets a copy (migrating costs more than copying).
    The migrations themselves are tested on their own in tests/store."""
    path = tmp_path_factory.mktemp("template") / "csodesk.sqlite3"
    open_database(str(path)).close()
    return path


@pytest.fixture(scope="session")
def postgres_template(postgres: PostgresServer) -> str:
    name = f"csodesk_template_{os.getpid()}"
    open_database(postgres.create_database(name)).close()
    return name


@pytest.fixture
def sqlite_db(tmp_path: Path, migrated_sqlite: Path) -> Iterator[Database]:
    path = tmp_path / "csodesk.sqlite3"
    copy_sqlite(migrated_sqlite, path)
    db = open_database(str(path))
    yield db
    db.close()


@pytest.fixture
def postgres_url(postgres: PostgresServer, postgres_template: str) -> Iterator[str]:
    name = f"csodesk_test_{os.getpid()}_{next(_database_numbers)}"
    url = postgres.create_database(name, template=postgres_template)
    yield url
    postgres.drop_database(name)


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request: pytest.FixtureRequest) -> Iterator[Database]:
    """A fresh, migrated database: an SQLite file, then a PostgreSQL database."""
    if request.param == "sqlite":
        yield request.getfixturevalue("sqlite_db")
        return
    database = open_database(request.getfixturevalue("postgres_url"))
    yield database
    database.close()
