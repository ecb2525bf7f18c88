"""Point 3: a write that fails for lack of space or permission leaves the database as it
was and tells the user in one sentence what to do.

The disk really fills up (a small tmpfs, filled by a filler file), the file really becomes
read-only (``chattr +i``, which even root cannot write through), and a PostgreSQL database
is really made read-only or locked; where a machine cannot mount or set attributes, SQLite's
own limits (``max_page_count``, ``query_only``) produce the same errors from inside.  Each
time the sentence is checked word for word, every table is compared before and after, and
SQLite's ``integrity_check`` must still say ok.
"""

import subprocess
from pathlib import Path

import psycopg
import pytest
from sqlalchemy.exc import DBAPIError, InternalError, OperationalError, ProgrammingError

from desktop.services.errors import (
    AccessRefusedError,
    DamagedDatabaseError,
    DatabaseBusyError,
    DiskFullError,
    DiskIOError,
    ReadOnlyDatabaseError,
    StorageError,
)
from desktop.services.imports.organisations import OrganisationImport
from desktop.services.listing import ListQuery
from desktop.services.organisations import OrganisationForm, OrganisationService
from desktop.services.storage_failures import storage_error
from desktop.store.database import Database, copy_sqlite, open_database
from desktop.store.errors import ReadOnlyLocation
from tests.postgres_server import PostgresServer
from tests.store.crash_workloads import import_table
from tests.store.disk_tools import (
    connections_with,
    database_name,
    dump,
    fill,
    integrity,
    other_session,
    page_count,
    small_disk,
    sqlite_failure,
)

DISK_FULL = "The disk is full: free some space and save again; nothing was changed."
READ_ONLY = (
    "The database can only be read now (the file, its disk or the server is read-only): ask "
    "whoever looks after it, then save again; nothing was changed."
)
BUSY = (
    "The database is in use by another copy of CSO Desk or another user: wait a moment and "
    "save again; nothing was changed."
)
LONG_NOTES = ("Minutes of the municipal community safety council. " * 300).strip()  # 15 kB


def renamed(service: OrganisationService, organisation_id: int, notes: str) -> None:
    details = service.get(organisation_id)
    details.form.notes = notes
    service.update(organisation_id, details.form, details.version)


def test_an_edit_on_a_full_disk_changes_nothing_and_goes_through_once_space_is_freed(
    on_small_disk: tuple[Database, Path],
) -> None:
    db, path = on_small_disk
    service = OrganisationService(db)
    [organisation] = service.page(ListQuery())
    before = dump(path)
    filler = fill(path.parent)

    with pytest.raises(DiskFullError) as refused:
        renamed(service, organisation.id, LONG_NOTES)

    assert str(refused.value) == DISK_FULL
    assert dump(path) == before
    assert integrity(path) == [("ok",)]
    filler.unlink()
    renamed(service, organisation.id, LONG_NOTES)
    assert service.get(organisation.id).form.notes == LONG_NOTES
    assert integrity(path) == [("ok",)]


def test_an_import_that_fills_the_disk_imports_nothing(
    on_small_disk: tuple[Database, Path],
) -> None:
    db, path = on_small_disk
    fill(path.parent, leave_bytes=200_000)
    before = dump(path)
    importer = OrganisationImport(db)
    table = import_table("full", 4000)

    with pytest.raises(DiskFullError) as refused:
        importer.run(table, importer.guess(table))

    assert str(refused.value) == DISK_FULL
    assert dump(path) == before
    assert integrity(path) == [("ok",)]
    assert OrganisationService(db).count(ListQuery()) == 1


def test_sqlite_page_limit_refuses_an_edit_and_an_import_as_a_full_disk(
    sqlite_db: Database,
) -> None:
    """The variant every machine can run: SQLite stops at ``max_page_count`` with the very
    error a full disk gives (SQLITE_FULL)."""
    path = sqlite_db.path
    assert path is not None
    service = OrganisationService(sqlite_db)
    organisation_id = service.create(OrganisationForm(name_en="Community Building Mitrovica"))
    before = dump(path)

    with connections_with(sqlite_db, f"PRAGMA max_page_count={page_count(path)}"):
        with pytest.raises(DiskFullError) as edit_refused:
            renamed(service, organisation_id, LONG_NOTES)
        importer = OrganisationImport(sqlite_db)
        table = import_table("limit", 2000)
        with pytest.raises(DiskFullError) as import_refused:
            importer.run(table, importer.guess(table))

    assert str(edit_refused.value) == str(import_refused.value) == DISK_FULL
    assert dump(path) == before
    assert integrity(path) == [("ok",)]


def test_a_file_made_read_only_is_still_read_but_a_write_is_refused(
    sqlite_db: Database,
) -> None:
    path = sqlite_db.path
    assert path is not None
    service = OrganisationService(sqlite_db)
    organisation_id = service.create(OrganisationForm(name_en="Youth Initiative Gjakova"))
    before = dump(path)
    immutable = subprocess.run(["chattr", "+i", str(path)], capture_output=True, text=True)
    if immutable.returncode != 0:
        pytest.skip(f"this filesystem cannot make a file immutable: {immutable.stderr.strip()}")
    try:
        sqlite_db.engine.dispose()  # the app opens the file afresh, read-only now
        assert service.get(organisation_id).form.name_en == "Youth Initiative Gjakova"
        with pytest.raises(ReadOnlyDatabaseError) as refused:
            renamed(service, organisation_id, "Moved to Prizren")
        with pytest.raises(ReadOnlyDatabaseError):
            service.create(OrganisationForm(name_en="Another one"))
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=True)
    assert str(refused.value) == READ_ONLY
    assert dump(path) == before
    assert integrity(path) == [("ok",)]


def test_a_connection_that_may_only_read_refuses_a_write_with_the_read_only_sentence(
    sqlite_db: Database,
) -> None:
    """The injected variant of the read-only file, for filesystems without ``chattr``."""
    path = sqlite_db.path
    assert path is not None
    service = OrganisationService(sqlite_db)
    organisation_id = service.create(OrganisationForm(name_en="Forum for Civic Initiatives"))
    before = dump(path)
    with (
        connections_with(sqlite_db, "PRAGMA query_only=ON"),
        pytest.raises(ReadOnlyDatabaseError) as refused,
    ):
        renamed(service, organisation_id, "Changed")
    assert str(refused.value) == READ_ONLY
    assert dump(path) == before


def test_a_database_on_a_read_only_disk_is_refused_at_start_with_one_sentence(
    tmp_path: Path, migrated_sqlite: Path
) -> None:
    with small_disk(tmp_path / "disk", 2 * 1024 * 1024) as disk:
        path = disk / "csodesk.sqlite3"
        copy_sqlite(migrated_sqlite, path)
        subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
        with pytest.raises(ReadOnlyLocation) as refused:
            open_database(str(path))
    assert str(refused.value) == (
        f"CSO Desk cannot write to {path}: choose a folder where you may save files."
    )


def test_postgresql_read_only_database_refuses_a_write_and_keeps_the_record(
    postgres: PostgresServer, postgres_url: str
) -> None:
    db = open_database(postgres_url)
    try:
        service = OrganisationService(db)
        organisation_id = service.create(OrganisationForm(name_en="Kosovar Civil Society"))
        before = service.get(organisation_id)
        with postgres.admin() as admin:
            admin.execute(
                f'ALTER DATABASE "{database_name(postgres_url)}" '
                "SET default_transaction_read_only = on"
            )
        db.engine.dispose()
        with pytest.raises(ReadOnlyDatabaseError) as refused:
            renamed(service, organisation_id, "Changed on a read-only server")
        assert str(refused.value) == READ_ONLY
        assert service.get(organisation_id) == before
        assert service.count(ListQuery()) == 1
    finally:
        db.close()


def test_postgresql_row_locked_past_the_lock_timeout_is_reported_busy(
    postgres: PostgresServer, postgres_url: str
) -> None:
    db = open_database(postgres_url)
    try:
        service = OrganisationService(db)
        organisation_id = service.create(OrganisationForm(name_en="Peace Bridge Zvecan"))
        before = service.get(organisation_id)
        with postgres.admin() as admin:
            admin.execute(f'ALTER DATABASE "{database_name(postgres_url)}" SET lock_timeout = 300')
        db.engine.dispose()
        with other_session(postgres_url) as other_user:
            other_user.execute(
                "SELECT id FROM organisations WHERE id = %s FOR UPDATE", (organisation_id,)
            )
            with pytest.raises(DatabaseBusyError) as refused:
                renamed(service, organisation_id, "Changed while locked")
        assert str(refused.value) == BUSY
        assert service.get(organisation_id) == before
        renamed(service, organisation_id, "Changed once the lock is gone")
        assert service.get(organisation_id).form.notes == "Changed once the lock is gone"
    finally:
        db.close()


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (sqlite_failure(13, "database or disk is full"), DiskFullError),
        (sqlite_failure(4874, "disk I/O error"), DiskFullError),  # SQLITE_IOERR_SHMSIZE
        (sqlite_failure(8, "attempt to write a readonly database"), ReadOnlyDatabaseError),
        (sqlite_failure(1032, "attempt to write a readonly database"), ReadOnlyDatabaseError),
        (sqlite_failure(10, "disk I/O error"), DiskIOError),
        (sqlite_failure(778, "disk I/O error"), DiskIOError),  # SQLITE_IOERR_WRITE
        (sqlite_failure(5, "database is locked"), DatabaseBusyError),
        (sqlite_failure(517, "database is locked"), DatabaseBusyError),  # BUSY_SNAPSHOT
        (sqlite_failure(6, "database table is locked"), DatabaseBusyError),
        (sqlite_failure(11, "database disk image is malformed"), DamagedDatabaseError),
        (sqlite_failure(14, "unable to open database file"), DiskIOError),
        (OperationalError("UPDATE", {}, psycopg.errors.DiskFull("no space")), DiskFullError),
        (
            InternalError("UPDATE", {}, psycopg.errors.ReadOnlySqlTransaction("read-only")),
            ReadOnlyDatabaseError,
        ),
        (
            ProgrammingError("UPDATE", {}, psycopg.errors.InsufficientPrivilege("denied")),
            AccessRefusedError,
        ),
        (
            OperationalError("UPDATE", {}, psycopg.errors.LockNotAvailable("lock")),
            DatabaseBusyError,
        ),
        (
            OperationalError("UPDATE", {}, psycopg.errors.SerializationFailure("retry")),
            DatabaseBusyError,
        ),
        (OperationalError("UPDATE", {}, psycopg.errors.DeadlockDetected("dl")), DatabaseBusyError),
        (OperationalError("UPDATE", {}, psycopg.OperationalError("server gone")), StorageError),
    ],
)
def test_each_storage_failure_gets_its_own_sentence(
    error: DBAPIError, expected: type[StorageError]
) -> None:
    failure = storage_error(error)
    assert type(failure) is expected
    assert str(failure).endswith("nothing was changed.")


def test_a_programming_error_is_not_disguised_as_a_storage_failure() -> None:
    bug = ProgrammingError("SELECT nonsense", {}, psycopg.errors.UndefinedColumn("no column"))
    assert storage_error(bug) is None
