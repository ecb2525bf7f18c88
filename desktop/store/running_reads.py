"""The connections an engine has handed out, so that the reads still running when the
application quits can be stopped (``Database.interrupt_reads``).

Quitting closes the database, and the process ends soon after: a list's count, a report's
queries or an export still reading on a worker thread would otherwise hold the quit up
for as long as they take, or run on while the application is torn down under them.  A
read changes nothing, so stopping it halfway loses nothing: SQLite ends the statement
with ``SQLITE_INTERRUPT`` (``sqlite3.Connection.interrupt``, the one call SQLite lets
another thread make on a connection), PostgreSQL cancels it (psycopg's ``cancel_safe``),
and the work fails with a storage error nobody is shown any more.

A unit of work that means to write (``WRITE_INTENT``: a save, an import) is never
interrupted: it would be rolled back whole, never left half done, but the user who
quits a moment after Save expects it saved, so it is let finish (``desktop.ui.worker``
waits for it).  A connection counts as a writer from its unit of work's ``begin`` to its
return to the pool.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from typing import TYPE_CHECKING, Any

from desktop.store.engine import WRITE_INTENT

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.engine import Connection
    from sqlalchemy.pool import ConnectionPoolEntry

log = logging.getLogger(__name__)

# Kept in each pooled connection's ``info``: whether its current unit of work may write.
_WRITES = "csodesk_writes"
# How long a PostgreSQL cancel request may take to reach the server before it is given up.
CANCEL_TIMEOUT_S = 2.0


class HandedOut:
    """The connections ``engine``'s pool has handed out and not yet taken back, and which
    of them are writing; kept by pool and engine events, so it costs a dictionary update
    per unit of work and nothing per statement."""

    def __init__(self, engine: Engine) -> None:
        from sqlalchemy import event

        self._lock = threading.Lock()
        self._out: dict[ConnectionPoolEntry, Any] = {}
        event.listen(engine, "checkout", self._checked_out)
        # A connection leaves the set before it is closed (both events come first), so a
        # closed SQLite connection is never interrupted: SQLite forbids it.
        event.listen(engine, "checkin", self._taken_back)
        event.listen(engine, "close", self._taken_back)
        event.listen(engine, "invalidate", self._invalidated)
        event.listen(engine, "begin", self._began)

    def _checked_out(self, dbapi_connection: Any, record: ConnectionPoolEntry, _proxy: Any) -> None:
        record.info[_WRITES] = False
        with self._lock:
            self._out[record] = dbapi_connection

    def _taken_back(self, _dbapi_connection: Any, record: ConnectionPoolEntry) -> None:
        with self._lock:
            self._out.pop(record, None)

    def _invalidated(self, dbapi_connection: Any, record: ConnectionPoolEntry, _error: Any) -> None:
        self._taken_back(dbapi_connection, record)

    def _began(self, connection: Connection) -> None:
        if connection.get_execution_options().get(WRITE_INTENT, False):
            connection.connection.info[_WRITES] = True

    def interrupt_reads(self) -> int:
        """Stop the statement each reading connection is running, if any; the number of
        connections asked.  A connection between two statements is not stopped (SQLite
        forgets an interrupt once nothing runs), so a caller waiting for the readers asks
        again until they are gone."""
        with self._lock:  # held throughout: no connection is closed while it is asked
            readers = [
                connection
                for record, connection in self._out.items()
                if not record.info.get(_WRITES, False)
            ]
            for connection in readers:
                _interrupt(connection)
        return len(readers)


def _interrupt(connection: Any) -> None:
    try:
        if isinstance(connection, sqlite3.Connection):
            connection.interrupt()
        else:
            connection.cancel_safe(timeout=CANCEL_TIMEOUT_S)
    except Exception:  # closed meanwhile, or the server out of reach: nothing to stop
        log.debug("could not interrupt a read on %r", connection, exc_info=True)
