"""Small real filesystems and table dumps for the disk-full and read-only tests.

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

import pytest
from sqlalchemy import event

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
