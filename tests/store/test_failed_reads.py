"""Point 3, for reads: a list, a count or a record opened for reading that the database
cannot serve says the data could not be read, what happened and what to do, and never asks
to save again: there was nothing to save, and nothing was changed.

Each failure is made for real where a test machine can make it: a file another program
holds in SQLite's exclusive lock, a damaged table, the file's folder gone (a USB stick
pulled out), a full disk under a file opened afresh; on PostgreSQL a table locked past
``lock_timeout`` or ``statement_timeout``, an account refused the table, a database that
takes no more connections.  The rest (a read-only file, which SQLite still reads) are
injected with their real result codes.
"""

import hashlib
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from sqlalchemy.exc import DBAPIError, OperationalError, ProgrammingError

from desktop.services.errors import (
    AccessRefusedError,
    DamagedDatabaseError,
    DatabaseBusyError,
    DiskFullError,
    DiskIOError,
    ReadOnlyDatabaseError,
    StorageError,
)
from desktop.services.listing import ListQuery
from desktop.services.organisations import OrganisationForm, OrganisationService
from desktop.services.storage_failures import storage_error
from desktop.store.database import Database, copy_sqlite, open_database
from tests.postgres_server import PostgresServer
from tests.store.crash_workloads import attach
from tests.store.disk_tools import (
    connections_with,
    database_name,
    dump,
    fill,
    held_exclusively,
    other_session,
    sqlite_failure,
)

BUSY = (
    "The database is in use by another copy of CSO Desk or another user: wait a moment and "
    "save again; nothing was changed."
)
BUSY_READING = (
    "The data could not be read because the database is in use by another copy of CSO Desk "
    "or another user: wait a moment and try again."
)
FULL_READING = "The data could not be read because the disk is full: free some space and try again."
READ_ONLY_READING = (
    "The data could not be read because the database's file, its folder or the server is "
    "read-only: ask whoever looks after it, then try again."
)
DISK_READING = (
    "The data could not be read from the database's disk (it may have been removed, be "
    "failing or have become read-only): check it and try again."
)
REFUSED_READING = (
    "The data could not be read because your account on the database server may not read "
    "it: ask your administrator."
)
DAMAGED = (
    "The database file is damaged: close CSO Desk and open it again to restore the newest "
    "backup; nothing was changed."
)
DAMAGED_READING = (
    "The data could not be read because the database file is damaged: close CSO Desk and "
    "open it again to restore the newest backup."
)
NO_ANSWER = (
    "The database could not save the change (the disk may be full, read-only or busy); "
    "nothing was changed."
)
NO_ANSWER_READING = (
    "The data could not be read: the database did not answer (the connection to the server "
    "may have been lost, or the server or the disk may be busy); try again in a moment."
)
NAMES = ["Aktiv Mitrovica", "Forum ZFD Prishtina"]


def with_organisations(db: Database) -> OrganisationService:
    service = OrganisationService(db)
    for name in NAMES:
        service.create(OrganisationForm(name_en=name))
    return service


def names(service: OrganisationService) -> list[str]:
    return sorted(row.name for row in service.page(ListQuery()))


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def on_a_stick(tmp_path: Path, migrated_sqlite: Path) -> Iterator[tuple[Database, Path]]:
    """The app's database in a folder of its own, as on a USB stick."""
    path = tmp_path / "stick" / "csodesk.sqlite3"
    path.parent.mkdir()
    copy_sqlite(migrated_sqlite, path)
    db = attach(str(path))
    try:
        yield db, path
    finally:
        db.close()


def test_a_read_that_meets_a_locked_file_says_the_data_could_not_be_read(
    sqlite_db: Database,
) -> None:
    path = sqlite_db.path
    assert path is not None
    service = with_organisations(sqlite_db)
    before = dump(path)
    with connections_with(sqlite_db, "PRAGMA busy_timeout=300"), held_exclusively(path):
        with pytest.raises(DatabaseBusyError) as list_refused:
            service.page(ListQuery())
        with pytest.raises(DatabaseBusyError) as count_refused:
            service.count(ListQuery(search="Aktiv"))
        with pytest.raises(DatabaseBusyError) as save_refused:
            service.create(OrganisationForm(name_en="Not saved: the file was locked"))
    assert str(list_refused.value) == str(count_refused.value) == BUSY_READING
    assert str(save_refused.value) == BUSY
    assert dump(path) == before
    assert names(service) == NAMES


def test_a_read_of_a_damaged_table_says_the_data_could_not_be_read(
    on_a_stick: tuple[Database, Path],
) -> None:
    db, path = on_a_stick
    service = with_organisations(db)
    [organisation_id, _] = [row.id for row in service.page(ListQuery())]
    with db.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        root = connection.exec_driver_sql(
            "SELECT rootpage FROM sqlite_master WHERE name = 'organisations'"
        ).scalar_one()
        page_size = connection.exec_driver_sql("PRAGMA page_size").scalar_one()
    db.engine.dispose()
    with path.open("r+b") as file:  # a bad sector in the middle of the table
        file.seek((root - 1) * page_size)
        file.write(b"\xa5" * page_size)
    damaged = digest(path)

    with pytest.raises(DamagedDatabaseError) as list_refused:
        service.page(ListQuery())
    with pytest.raises(DamagedDatabaseError) as record_refused:
        service.get(organisation_id)
    with pytest.raises(DamagedDatabaseError) as save_refused:
        service.create(OrganisationForm(name_en="Not saved: the table is damaged"))

    assert str(list_refused.value) == str(record_refused.value) == DAMAGED_READING
    assert str(save_refused.value) == DAMAGED
    db.engine.dispose()
    assert digest(path) == damaged


def test_a_read_after_the_files_folder_went_away_says_the_disk_could_not_be_read(
    on_a_stick: tuple[Database, Path],
) -> None:
    db, path = on_a_stick
    service = with_organisations(db)
    db.engine.dispose()  # the next read opens the file by its name, as a new connection does
    before = dump(path)
    pulled_out = path.parent.rename(path.parent.with_name("elsewhere"))

    with pytest.raises(DiskIOError) as list_refused:
        service.page(ListQuery())
    with pytest.raises(DiskIOError) as count_refused:
        service.count(ListQuery())

    assert str(list_refused.value) == str(count_refused.value) == DISK_READING
    assert not path.parent.exists()  # no empty database made in its place
    pulled_out.rename(path.parent)
    assert dump(path) == before
    assert names(service) == NAMES


def test_a_read_on_a_full_disk_says_the_disk_is_full_and_reads_once_space_is_freed(
    on_small_disk: tuple[Database, Path],
) -> None:
    """SQLite creates the write-ahead log's index beside the file even to read it, so a
    file opened afresh on a full disk cannot be read either."""
    db, path = on_small_disk
    service = OrganisationService(db)
    db.engine.dispose()
    before = dump(path)
    filler = fill(path.parent)
    with pytest.raises(DiskFullError) as refused:
        service.page(ListQuery())
    assert str(refused.value) == FULL_READING
    filler.unlink()
    assert names(service) == ["Women for Peace Mitrovica"]
    assert dump(path) == before


@pytest.fixture
def on_the_server(postgres_url: str) -> Iterator[tuple[Database, OrganisationService]]:
    db = open_database(postgres_url)
    try:
        yield db, with_organisations(db)
    finally:
        db.close()


@pytest.mark.parametrize(
    ("timeout", "expected", "reading", "saving"),
    [
        # the lock is what the wait was for: the database is in use
        ("lock_timeout", DatabaseBusyError, BUSY_READING, BUSY),
        # any statement that took too long, for a lock or not: the database did not answer
        ("statement_timeout", StorageError, NO_ANSWER_READING, NO_ANSWER),
    ],
)
def test_postgresql_read_of_a_table_locked_past_a_timeout_says_it_could_not_read(
    postgres: PostgresServer,
    postgres_url: str,
    on_the_server: tuple[Database, OrganisationService],
    timeout: str,
    expected: type[StorageError],
    reading: str,
    saving: str,
) -> None:
    db, service = on_the_server
    with postgres.admin() as admin:
        admin.execute(f'ALTER DATABASE "{database_name(postgres_url)}" SET {timeout} = 300')
    db.engine.dispose()
    with other_session(postgres_url) as other_user:
        other_user.execute("LOCK TABLE organisations IN ACCESS EXCLUSIVE MODE")
        with pytest.raises(expected) as list_refused:
            service.page(ListQuery())
        with pytest.raises(expected) as save_refused:
            service.create(OrganisationForm(name_en="Not saved: the table was locked"))
    assert type(list_refused.value) is type(save_refused.value) is expected
    assert str(list_refused.value) == reading
    assert str(save_refused.value) == saving
    assert names(service) == NAMES


def test_postgresql_read_the_account_may_not_make_says_to_ask_the_administrator(
    postgres: PostgresServer, postgres_url: str, on_the_server: tuple[Database, OrganisationService]
) -> None:
    """The app's account is made the server's group role for CSO Desk's users (schema
    0009), from which an administrator has taken the right to read the organisations."""
    db, service = on_the_server
    name = database_name(postgres_url)
    with other_session(postgres_url, autocommit=True) as administrator:
        administrator.execute("REVOKE SELECT ON organisations FROM csodesk_users")
        administrator.execute(f"ALTER DATABASE \"{name}\" SET role = 'csodesk_users'")
    db.engine.dispose()
    with pytest.raises(AccessRefusedError) as refused:
        service.page(ListQuery())
    assert str(refused.value) == REFUSED_READING
    with postgres.admin() as admin:
        admin.execute(f'ALTER DATABASE "{name}" RESET role')
    db.engine.dispose()
    assert names(service) == NAMES


def test_postgresql_read_of_a_database_closed_to_connections_says_it_did_not_answer(
    postgres: PostgresServer, postgres_url: str, on_the_server: tuple[Database, OrganisationService]
) -> None:
    _db, service = on_the_server
    name = database_name(postgres_url)
    with postgres.admin() as admin:
        admin.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS false')
        admin.execute(
            f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'"
        )
    try:
        with pytest.raises(StorageError) as list_refused:
            service.page(ListQuery())
        with pytest.raises(StorageError) as count_refused:
            service.count(ListQuery())
    finally:
        with postgres.admin() as admin:
            admin.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true')
    assert type(list_refused.value) is type(count_refused.value) is StorageError
    assert str(list_refused.value) == str(count_refused.value) == NO_ANSWER_READING
    assert names(service) == NAMES


@pytest.mark.parametrize(
    ("error", "expected", "sentence"),
    [
        (sqlite_failure(13, "database or disk is full"), DiskFullError, FULL_READING),
        (sqlite_failure(4874, "disk I/O error"), DiskFullError, FULL_READING),
        (
            OperationalError("SELECT", {}, psycopg.errors.DiskFull("no space")),
            DiskFullError,
            FULL_READING,
        ),
        (
            sqlite_failure(8, "attempt to write a readonly database"),
            ReadOnlyDatabaseError,
            READ_ONLY_READING,
        ),
        (sqlite_failure(3, "access permission denied"), ReadOnlyDatabaseError, READ_ONLY_READING),
        (
            OperationalError("SELECT", {}, psycopg.errors.ReadOnlySqlTransaction("read-only")),
            ReadOnlyDatabaseError,
            READ_ONLY_READING,
        ),
        (sqlite_failure(266, "disk I/O error"), DiskIOError, DISK_READING),  # SQLITE_IOERR_READ
        (sqlite_failure(14, "unable to open database file"), DiskIOError, DISK_READING),
        (OperationalError("SELECT", {}, psycopg.errors.IoError("io")), DiskIOError, DISK_READING),
        (sqlite_failure(5, "database is locked"), DatabaseBusyError, BUSY_READING),
        (sqlite_failure(6, "database table is locked"), DatabaseBusyError, BUSY_READING),
        (
            OperationalError("SELECT", {}, psycopg.errors.LockNotAvailable("lock")),
            DatabaseBusyError,
            BUSY_READING,
        ),
        (
            OperationalError("SELECT", {}, psycopg.errors.SerializationFailure("retry")),
            DatabaseBusyError,
            BUSY_READING,
        ),
        (
            OperationalError("SELECT", {}, psycopg.errors.DeadlockDetected("dl")),
            DatabaseBusyError,
            BUSY_READING,
        ),
        (
            ProgrammingError("SELECT", {}, psycopg.errors.InsufficientPrivilege("denied")),
            AccessRefusedError,
            REFUSED_READING,
        ),
        (
            sqlite_failure(11, "database disk image is malformed"),
            DamagedDatabaseError,
            DAMAGED_READING,
        ),
        (sqlite_failure(26, "file is not a database"), DamagedDatabaseError, DAMAGED_READING),
        (
            OperationalError("SELECT", {}, psycopg.OperationalError("server gone")),
            StorageError,
            NO_ANSWER_READING,
        ),
        (sqlite_failure(9, "interrupted"), StorageError, NO_ANSWER_READING),
    ],
)
def test_each_storage_failure_met_while_reading_gets_its_reading_sentence(
    error: DBAPIError, expected: type[StorageError], sentence: str
) -> None:
    failure = storage_error(error, reading=True)
    assert type(failure) is expected
    assert str(failure) == sentence
    assert "save" not in str(failure)
    assert str(storage_error(error)) != sentence  # a write keeps its own sentence
