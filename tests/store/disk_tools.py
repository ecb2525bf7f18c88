"""Small real filesystems, table dumps, other programs' locks and injected errors for the
storage-failure tests.

A tmpfs of a few hundred kilobytes fills up for real, so SQLite meets the same ENOSPC a
laptop's full disk gives it; mounting needs root (the test machines run as root), and a
test that cannot mount says so and is skipped, leaving the injected variants to run.
"""

import errno
import os
import sqlite3
import subprocess
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any

import psycopg
import pytest
from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from desktop.store.collations import register_sqlite_collations
from desktop.store.database import Database


@contextmanager
def small_disk(folder: Path, size_bytes: int) -> Iterator[Path]:
    """A tmpfs of ``size_bytes`` mounted on ``folder`` for the block."""
    folder.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0:
        pytest.skip("mounting a small filesystem needs root; the injected variants still run")
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size_bytes}", "tmpfs", str(folder)],
        capture_output=True,
        text=True,
    )
    if mounted.returncode != 0:
        pytest.skip(f"this machine does not let the tests mount a tmpfs: {mounted.stderr.strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "--lazy", str(folder)], check=False)


def fill(folder: Path, leave_bytes: int = 0) -> Path:
    """Write a filler file until the disk holding ``folder`` has ``leave_bytes`` free."""
    filler = folder / "filler.bin"
    free = os.statvfs(folder).f_bavail * os.statvfs(folder).f_frsize
    chunk = b"\0" * 4096
    with filler.open("wb") as handle:
        try:
            for _ in range(max(0, free - leave_bytes) // len(chunk)):
                handle.write(chunk)
                handle.flush()
        except OSError as error:
            if error.errno != errno.ENOSPC:
                raise
    return filler


def dump(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table of the SQLite file, to compare before and after."""
    with closing(sqlite3.connect(path)) as connection:
        register_sqlite_collations(connection)
        tables = [
            name
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            )
        ]
        return {
            table: sorted(connection.execute(f'SELECT * FROM "{table}"').fetchall(), key=repr)
            for table in tables
        }


def integrity(path: Path) -> list[tuple[Any, ...]]:
    """SQLite's own verdict on the file: ``[("ok",)]`` and no broken reference."""
    with closing(sqlite3.connect(path)) as connection:
        register_sqlite_collations(connection)
        return [
            *connection.execute("PRAGMA integrity_check").fetchall(),
            *connection.execute("PRAGMA foreign_key_check").fetchall(),
        ]


@contextmanager
def connections_with(db: Database, *pragmas: str) -> Iterator[None]:
    """Every new connection of ``db`` runs ``pragmas`` (``max_page_count``: a disk that is
    full from here on; ``query_only``: a file that may only be read); the pooled ones are
    dropped first."""

    def configure(connection: Any, _record: Any) -> None:
        for pragma in pragmas:
            connection.execute(pragma)

    db.engine.dispose()
    event.listen(db.engine, "connect", configure)
    try:
        yield
    finally:
        event.remove(db.engine, "connect", configure)
        db.engine.dispose()


def page_count(path: Path) -> int:
    """How many pages the file has: a ``max_page_count`` of it leaves no room to grow."""
    with closing(sqlite3.connect(path)) as connection:
        return connection.execute("PRAGMA page_count").fetchone()[0]


def sqlite_failure(
    code: int, message: str, statement: str = "UPDATE organisations"
) -> OperationalError:
    """The error SQLAlchemy raises when SQLite answers ``statement`` with the result
    ``code``, for the failures no test machine can make for real."""
    original = sqlite3.OperationalError(message)
    original.sqlite_errorcode = code  # type: ignore[attr-defined]
    return OperationalError(statement, {}, original)


def database_name(url: str) -> str:
    """The PostgreSQL database ``url`` names, for the ``ALTER DATABASE`` of a test."""
    name = make_url(url).database
    assert name
    return name


def other_session(url: str, **options: Any) -> psycopg.Connection:
    """A connection of another user of the server holding ``url``'s database, to hold its
    locks while the app works."""
    address = make_url(url)
    return psycopg.connect(
        host=address.query["host"],
        port=address.query["port"],
        user="postgres",
        dbname=address.database,
        **options,
    )


@contextmanager
def held_exclusively(path: Path) -> Iterator[None]:
    """Another program holding SQLite's exclusive lock on ``path``: in exclusive locking
    mode the lock keeps out even the readers that write-ahead logging otherwise lets in."""
    with closing(sqlite3.connect(path, isolation_level=None)) as holder:
        holder.execute("PRAGMA locking_mode=EXCLUSIVE")
        holder.execute("BEGIN EXCLUSIVE")
        yield
        holder.execute("ROLLBACK")
