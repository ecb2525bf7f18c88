"""A large write's commit leaves the copy of SQLite's log into the file to a thread: the
commit returns with the file untouched, the copy follows, and the connection goes back to
SQLite's usual checkpoints."""

import hashlib
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import PendingRollbackError
from sqlalchemy.orm import Session

from desktop.store import log_copy
from desktop.store.database import Database

ROWS = 3000  # 4 KB each: the log passes SQLite's threshold of 1,000 pages at the commit


@pytest.fixture
def copies(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The database file's digest as each copy of the log starts, before it copies."""
    started: list[str] = []
    copy = log_copy._copy_log

    def noting_the_file(path: Path) -> None:
        started.append(_digest(path))
        copy(path)

    monkeypatch.setattr(log_copy, "_copy_log", noting_the_file)
    yield started
    log_copy.wait_for_log_copies()


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _file_of(db: Database) -> tuple[Path, str]:
    """The database's file and its digest before the test writes."""
    assert db.path is not None
    return db.path, _digest(db.path)


def _write_pages(db: Database, *, deferred: bool) -> None:
    with db.transaction() as session:
        if deferred:
            log_copy.copy_log_after_commit(session)
        session.execute(text("CREATE TABLE IF NOT EXISTS ballast (page BLOB)"))
        session.execute(
            text(
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < :rows) "
                "INSERT INTO ballast SELECT randomblob(4000) FROM n"
            ),
            {"rows": ROWS},
        )


def _mark_and_write_a_table(session: Session) -> None:
    """A marked transaction's small write, for a test whose transaction then fails."""
    log_copy.copy_log_after_commit(session)
    session.execute(text("CREATE TABLE scratch (n INTEGER)"))


def _threshold(db: Database) -> set[int]:
    """The checkpoint threshold of every connection the pool holds."""
    pool = db.engine.pool
    held = [db.engine.raw_connection() for _ in range(pool.checkedin() or 1)]
    try:
        return {row[0] for row in (c.execute("PRAGMA wal_autocheckpoint").fetchone() for c in held)}
    finally:
        for connection in held:
            connection.close()


def test_the_commit_leaves_the_file_as_it_was_and_a_thread_copies_the_log(
    sqlite_db: Database, copies: list[str]
) -> None:
    path, before = _file_of(sqlite_db)

    _write_pages(sqlite_db, deferred=True)
    log_copy.wait_for_log_copies()

    assert copies == [before]  # the commit copied nothing into the file
    assert _digest(path) != before  # the thread did
    with sqlite3.connect(path) as reader:
        _busy, frames, copied = reader.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
    assert frames == copied
    assert _threshold(sqlite_db) == {1000}  # back to SQLite's own checkpoints


def test_without_the_mark_the_commit_copies_the_log_itself(
    sqlite_db: Database, copies: list[str]
) -> None:
    path, before = _file_of(sqlite_db)

    _write_pages(sqlite_db, deferred=False)

    assert copies == []
    assert _digest(path) != before


def test_a_rolled_back_write_gives_the_connection_its_threshold_back(
    sqlite_db: Database, copies: list[str]
) -> None:
    with pytest.raises(RuntimeError), sqlite_db.transaction() as session:
        _mark_and_write_a_table(session)
        raise RuntimeError("the write fails")
    log_copy.wait_for_log_copies()

    assert _threshold(sqlite_db) == {1000}
    with sqlite_db.transaction() as session:
        tables = session.scalars(text("SELECT name FROM sqlite_master WHERE type = 'table'"))
        assert "scratch" not in set(tables)


def test_a_file_gone_before_the_copy_is_not_made_again(tmp_path: Path) -> None:
    gone = tmp_path / "moved.sqlite"

    log_copy._copy_log(gone)

    assert not gone.exists()


def test_the_server_has_no_log_to_copy(postgres_url: str) -> None:
    from desktop.store.database import open_database

    db = open_database(postgres_url)
    try:
        with db.transaction() as session:
            log_copy.copy_log_after_commit(session)
            assert session.scalar(text("SELECT 1")) == 1
    finally:
        db.close()


def test_closing_the_database_waits_for_the_copy(
    sqlite_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    finished: list[bool] = []
    copy = log_copy._copy_log

    def slow_copy(path: Path) -> None:
        time.sleep(0.3)
        copy(path)
        finished.append(True)

    monkeypatch.setattr(log_copy, "_copy_log", slow_copy)
    _write_pages(sqlite_db, deferred=True)

    sqlite_db.close()

    assert finished == [True]


def test_an_invalidated_connection_is_dropped_without_a_copy(
    sqlite_db: Database, copies: list[str]
) -> None:
    with pytest.raises(PendingRollbackError), sqlite_db.transaction() as session:
        _mark_and_write_a_table(session)
        session.connection().invalidate()  # as after a lost connection

    assert copies == []
    assert _threshold(sqlite_db) == {1000}
