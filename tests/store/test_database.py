"""Opening databases: every wrong address or file gets one clear sentence and changes
nothing; an old database is backed up before it is upgraded; a newer one is refused.
"""

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from desktop.services.listing import ListQuery
from desktop.services.projects import ProjectForm, ProjectService
from desktop.store import schema
from desktop.store.database import Database, backup_folder, open_database
from desktop.store.errors import (
    DatabaseTooNew,
    DatabaseUnavailable,
    DatabaseUrlError,
    NotADatabase,
    ReadOnlyLocation,
    UpgradeFailed,
)
from desktop.store.location import resolve_url
from desktop.store.migrations import REVISIONS


def _add_projects(db: Database, count: int = 2) -> None:
    for number in range(count):
        ProjectService(db).create(
            ProjectForm(
                code=f"P-{number}",
                name_sq=f"Projekti {number}",
                start_date="2026-01-01",
                end_date="2026-06-30",
            )
        )


def test_sqlite_file_settings(sqlite_db: Database) -> None:
    with sqlite_db.engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert connection.execute(text("PRAGMA busy_timeout")).scalar() >= 5000


def test_a_plain_path_and_an_environment_variable_name_sqlite_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert resolve_url(str(tmp_path / "a.db")).database == str(tmp_path / "a.db")
    monkeypatch.setenv("CSODESK_DB_URL", f"sqlite:///{tmp_path / 'b.db'}")
    assert resolve_url(None).database == str(tmp_path / "b.db")
    assert resolve_url("postgresql://office@server/csodesk").drivername == "postgresql+psycopg"


@pytest.mark.parametrize(
    "address",
    ["mysql://root@localhost/x", "postgresql://", "sqlite://", "http://example.org", "::://"],
)
def test_malformed_addresses_are_refused(address: str) -> None:
    with pytest.raises(DatabaseUrlError) as refused:
        open_database(address)
    assert address in str(refused.value)


def test_an_unreachable_server_is_one_sentence() -> None:
    with pytest.raises(DatabaseUnavailable) as refused:
        open_database("postgresql://nobody:secret@127.0.0.1:1/csodesk")
    assert "secret" not in str(refused.value)
    assert "127.0.0.1" in str(refused.value)


def test_a_file_that_is_not_a_database_is_refused_and_left_alone(tmp_path: Path) -> None:
    letter = tmp_path / "letter.docx"
    letter.write_bytes(b"PK\x03\x04 not a database at all" * 100)
    before = letter.read_bytes()
    with pytest.raises(NotADatabase):
        open_database(str(letter))
    assert letter.read_bytes() == before
    assert not backup_folder(letter).exists()


def test_a_folder_that_cannot_be_written_is_refused(tmp_path: Path) -> None:
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("x")
    with pytest.raises(ReadOnlyLocation):
        open_database(str(not_a_folder / "csodesk.sqlite3"))


def test_a_database_from_a_newer_version_is_refused(db: Database) -> None:
    _add_projects(db)
    with db.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    db.close()
    with pytest.raises(DatabaseTooNew) as refused:
        open_database(db.url)
    assert "9999" in str(refused.value)


def test_an_old_sqlite_database_is_backed_up_then_upgraded(sqlite_db: Database) -> None:
    _add_projects(sqlite_db, 3)
    schema.downgrade(sqlite_db.url, REVISIONS[0])
    sqlite_db.close()
    upgraded = open_database(sqlite_db.url)
    try:
        assert ProjectService(upgraded).count(ListQuery(search="projekti")) == 3
    finally:
        upgraded.close()
    [backup] = backup_folder(sqlite_db.path).iterdir()
    with sqlite3.connect(backup) as copy:
        assert copy.execute("SELECT version_num FROM alembic_version").fetchone() == (REVISIONS[0],)
        assert copy.execute("SELECT count(*) FROM projects").fetchone() == (3,)
    copy.close()


def test_a_failing_upgrade_leaves_the_database_as_it_was(db: Database) -> None:
    _add_projects(db, 3)
    schema.downgrade(db.url, REVISIONS[0])
    db.engine.dispose()  # SQLite checks DDL against the schema a connection last read
    # An index under the name the next revision needs makes that revision fail half-way.
    with db.engine.begin() as connection:
        connection.execute(text("CREATE INDEX ix_projects_search_key ON organisations (id)"))
    db.close()
    with pytest.raises(UpgradeFailed):
        open_database(db.url)
    reopened = open_database(db.url, upgrade=False)
    try:
        with reopened.engine.connect() as connection:
            assert schema.current_revision(connection) == REVISIONS[0]
            columns = {c["name"] for c in inspect(connection).get_columns("projects")}
            assert "search_key" not in columns
            assert connection.execute(text("SELECT count(*) FROM projects")).scalar() == 3
            if reopened.is_sqlite:
                assert connection.execute(text("PRAGMA integrity_check")).scalar() == "ok"
    finally:
        reopened.close()
