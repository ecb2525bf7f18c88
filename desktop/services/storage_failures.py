"""Which ``StorageError`` a database error is, so the user reads what to do about it.

SQLite and PostgreSQL say the same few things in different words: the disk is full, the
file or server is read-only, the disk failed, another copy or user holds the lock, the
account may not write, the file is damaged.  SQLite's primary result code and
PostgreSQL's SQLSTATE tell them apart reliably in every language the server speaks; the
message text does not.
"""

from sqlalchemy.exc import DBAPIError, OperationalError

from desktop.services.errors import (
    AccessRefusedError,
    DamagedDatabaseError,
    DatabaseBusyError,
    DiskFullError,
    DiskIOError,
    ReadOnlyDatabaseError,
    StorageError,
)

# https://www.sqlite.org/rescode.html: the low byte of an extended code is the primary one.
_SQLITE_CODES: dict[int, type[StorageError]] = {
    3: ReadOnlyDatabaseError,  # SQLITE_PERM
    5: DatabaseBusyError,  # SQLITE_BUSY
    6: DatabaseBusyError,  # SQLITE_LOCKED
    8: ReadOnlyDatabaseError,  # SQLITE_READONLY
    10: DiskIOError,  # SQLITE_IOERR
    11: DamagedDatabaseError,  # SQLITE_CORRUPT
    13: DiskFullError,  # SQLITE_FULL
    14: DiskIOError,  # SQLITE_CANTOPEN: the file or its folder went away
    26: DamagedDatabaseError,  # SQLITE_NOTADB
}
# Extended codes whose kind differs from their primary one's.
_SQLITE_EXTENDED_CODES: dict[int, type[StorageError]] = {
    # SQLITE_IOERR_SHMSIZE: the write-ahead log's index could not grow, which is what a read
    # that opens the file afresh meets on a full disk (the index is created to read).
    4874: DiskFullError,
}
# https://www.postgresql.org/docs/current/errcodes-appendix.html
_POSTGRES_STATES: dict[str, type[StorageError]] = {
    "53100": DiskFullError,  # disk_full
    "25006": ReadOnlyDatabaseError,  # read_only_sql_transaction (a standby, or made so)
    "42501": AccessRefusedError,  # insufficient_privilege, row-level security included
    "55P03": DatabaseBusyError,  # lock_not_available (lock_timeout)
    "40001": DatabaseBusyError,  # serialization_failure
    "40P01": DatabaseBusyError,  # deadlock_detected
    "58030": DiskIOError,  # io_error
}


def storage_error(error: DBAPIError, *, reading: bool = False) -> StorageError | None:
    """The user's sentence for ``error``, or ``None`` when it is not about storage (a
    programming error, which must surface as it is).  ``reading``: the work only read, so
    whatever stopped it is told as data not read, not as a change not saved."""
    original = error.orig
    code = getattr(original, "sqlite_errorcode", None)
    if isinstance(code, int):
        kind = _SQLITE_EXTENDED_CODES.get(code) or _SQLITE_CODES.get(code & 0xFF)
    else:
        kind = _POSTGRES_STATES.get(getattr(original, "sqlstate", None) or "")
    if kind is not None:
        return kind(reading=reading)
    if isinstance(error, OperationalError):
        return StorageError(reading=reading)
    return None
