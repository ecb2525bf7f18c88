"""Engines and sessions, with the SQLite settings that keep a laptop's file safe.

WAL lets the interface read while a report is written; ``synchronous=FULL`` makes a commit
survive a power cut; the busy timeout lets a second copy of the app wait for a lock instead
of failing at once.  Every SQLite connection also learns the languages' collations, which
sorting, and writing to the activities, need.

SQLAlchemy is imported when an engine or a session factory is made, not with this module:
the damage check, started before the window imports SQLAlchemy, needs only its constants.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from desktop.store.collations import register_sqlite_collations
from desktop.store.errors import ServerClientMissing
from desktop.store.log_copy import copy_deferred_log

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.engine import URL
    from sqlalchemy.orm import Session, sessionmaker

BUSY_TIMEOUT_MS = 10_000
# An execution option: the transaction about to begin may write, so on SQLite it takes the
# write lock at once (BEGIN IMMEDIATE) and waits its turn behind another copy's writer.
WRITE_INTENT = "csodesk_write_intent"
_SQLITE_PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=FULL",
)


def _sqlite_configurator(
    foreign_keys: bool, busy_timeout_ms: int
) -> Callable[[sqlite3.Connection, Any], None]:
    pragmas = (
        *_SQLITE_PRAGMAS,
        f"PRAGMA busy_timeout={busy_timeout_ms}",
        f"PRAGMA foreign_keys={'ON' if foreign_keys else 'OFF'}",
    )

    def configure(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        # Let SQLAlchemy, not the driver, decide where transactions begin (see
        # _begin_sqlite), so that a transaction really covers a whole unit of work.
        dbapi_connection.isolation_level = None
        # Before anything else: the activities' indexes use them (see collations.py).
        register_sqlite_collations(dbapi_connection)
        cursor = dbapi_connection.cursor()
        for pragma in pragmas:
            cursor.execute(pragma)
        cursor.close()

    return configure


def _begin_sqlite(connection: Any) -> None:
    immediate = connection.get_execution_options().get(WRITE_INTENT, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def make_engine(
    url: URL,
    *,
    foreign_keys: bool = True,
    busy_timeout_ms: int = BUSY_TIMEOUT_MS,
    **kwargs: Any,
) -> Engine:
    """An engine for ``url``; SQLite connections get the pragmas above.

    Only migrations turn ``foreign_keys`` off: SQLite rebuilds a table to alter it, and
    dropping the old copy would otherwise break every reference to it.  Tests shorten
    ``busy_timeout_ms`` to see what a user waiting past it is told.
    """
    from sqlalchemy import create_engine, event

    if url.get_backend_name() == "sqlite":
        engine = create_engine(url, connect_args={"timeout": busy_timeout_ms / 1000}, **kwargs)
        event.listen(engine, "connect", _sqlite_configurator(foreign_keys, busy_timeout_ms))
        event.listen(engine, "begin", _begin_sqlite)
        event.listen(engine, "checkin", copy_deferred_log)
        return engine
    try:
        return create_engine(url, pool_pre_ping=True, **kwargs)
    except ImportError as error:  # psycopg without a libpq to load (see ServerClientMissing)
        raise ServerClientMissing() from error


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    from sqlalchemy.orm import sessionmaker

    return sessionmaker(bind=engine, expire_on_commit=False)


@contextmanager
def transaction(factory: sessionmaker[Session]) -> Iterator[Session]:
    """One unit of work: committed if the block ends normally, rolled back otherwise."""
    with factory() as session, session.begin():
        yield session
