"""The write-ahead log of a large write copied into the database file after its commit, on
a thread of its own, so the user does not wait for it.

On SQLite a commit is safe once its pages are in the log (``synchronous=FULL`` syncs the
log).  SQLite then copies the log into the file itself (a checkpoint) at the commit that
takes the log past 1,000 pages, on the committing thread: after an import of 10,000
activities at 100,000, some 22,000 pages (90 MB), 0.12-0.15 s more of the import dialog's
wait for work that changes nothing the user sees.

A write that marks its transaction (``copy_log_after_commit``) commits without that copy;
as soon as its connection is handed back to the pool (``copy_deferred_log``, an event of
every SQLite engine), the connection's own checkpoint threshold is restored and a thread
copies the log (a PASSIVE checkpoint, which never waits for readers or writers).  If it
cannot copy everything (another copy of the app reads an older snapshot, the file was
moved), nothing is lost: the next commit past the threshold copies the log, as SQLite
always does, and closing the last connection copies and removes it.
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the engine's module imports this one before SQLAlchemy is needed
    from sqlalchemy.orm import Session

# Where a pooled connection keeps the checkpoint threshold to restore at its check-in.
_DEFERRED = "csodesk_log_copy_threshold"
_copies: set[threading.Thread] = set()
_copies_lock = threading.Lock()


def copy_log_after_commit(session: Session) -> None:
    """Leave the copy of the log at this transaction's commit to a thread of its own (SQLite
    only; a server has no such log)."""
    connection = session.connection()
    if connection.dialect.name != "sqlite" or _DEFERRED in connection.info:
        return
    driver = connection.connection.driver_connection
    threshold = driver.execute("PRAGMA wal_autocheckpoint").fetchone()[0]
    driver.execute("PRAGMA wal_autocheckpoint = 0")
    connection.info[_DEFERRED] = int(threshold)


def copy_deferred_log(dbapi_connection: sqlite3.Connection | None, record: Any) -> None:
    """The pool's check-in event: a connection whose transaction left the log's copy gets
    its threshold back, and the copy starts on a thread (whether the transaction committed
    or not: a copy with nothing new to copy costs nothing)."""
    threshold = record.info.pop(_DEFERRED, None)
    if threshold is None or dbapi_connection is None:
        return  # nothing deferred, or a connection invalidated and closed: no threshold
    try:
        dbapi_connection.execute(f"PRAGMA wal_autocheckpoint = {int(threshold)}")
        path = dbapi_connection.execute("PRAGMA database_list").fetchone()[2]
    except sqlite3.Error:
        return  # a connection closed meanwhile, which the pool never hands out again
    if not path:
        return  # an in-memory database has no log
    thread = threading.Thread(target=_copy_log, args=(Path(path),), name="log copy")
    with _copies_lock:
        _copies.add(thread)
    thread.start()


def wait_for_log_copies() -> None:
    """Wait until every copy started so far has ended (``Database.close``: whatever is
    done with the file next, a restore or a copy, has it to itself)."""
    with _copies_lock:
        running = list(_copies)
    for thread in running:
        thread.join()


def _copy_log(path: Path) -> None:
    try:
        # mode=rw: a file deleted meanwhile is not made again, empty
        connection = sqlite3.connect(f"{path.as_uri()}?mode=rw", uri=True)
        try:
            connection.execute("PRAGMA wal_checkpoint(PASSIVE)")
        finally:
            connection.close()
    except sqlite3.Error:
        pass  # left to the next commit past the threshold (see the module's docstring)
    finally:
        with _copies_lock:
            _copies.discard(threading.current_thread())
