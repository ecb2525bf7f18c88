"""Every service method that only reads goes ahead while a colleague's save holds SQLite's
write lock, instead of queueing behind it for the busy timeout and then failing.

A unit of work that may write takes the write lock when it begins (and, at the window's
start, waits for the whole-file damage check); a read must say ``read_only=True`` so that
it does neither.  The methods are discovered, not listed: every public method whose recipe
in ``test_permissions_by_role`` needs only read permissions is called, as the recipe
prepares it, through a connection whose busy timeout is a few milliseconds while another
connection holds the write lock.  A read that wrongly opens a writing unit of work fails
at once, and the assertion names it.
"""

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.domain.user import Role
from desktop.services.base import Service
from desktop.services.cases import CaseService
from desktop.services.errors import StorageError
from desktop.services.permissions import Permission
from desktop.store.database import Database, copy_sqlite, open_database
from desktop.store.engine import make_engine, make_session_factory
from tests.services.role_demo import Demo, demo_with_roles
from tests.services.test_permissions_by_role import (
    public_methods,
    recipe_for,
    service_classes,
)

READ_PERMISSIONS = {
    Permission.READ_RECORDS,
    Permission.READ_CONFIDENTIAL,
    Permission.READ_AUDIT,
}

# Reads under a permission that is not only for reading.
ALSO_READS = {
    "UserService.rows",  # the accounts list
    "UserService.details",  # an account's editor
    "ActivityImport.check",  # checking a file to import saves nothing
    "ExpenditureImport.check",
    "OrganisationImport.check",
}

# Reads that must write, each with its reason.
WRITERS = {
    "CaseService.get": (
        "showing who raised a case writes a VIEW entry to the audit log (without them it "
        "only reads: see the test of a case opened without who raised it)"
    ),
    "CaseService.page_with_raisers": "the export of who raised cases writes VIEW entries",
    "AuditLogService.entry": "an entry opened with who raised a case writes a VIEW entry",
}

BUSY_TIMEOUT_MS = 20


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory, migrated_sqlite: Path) -> Iterator[Demo]:
    """The demo office of the permissions test, on SQLite only: the lock is SQLite's."""
    folder = tmp_path_factory.mktemp("reads")
    path = folder / "csodesk.sqlite3"
    copy_sqlite(migrated_sqlite, path)
    db = open_database(str(path))
    yield demo_with_roles(db, folder)
    db.close()


@pytest.fixture(scope="module")
def impatient(demo: Demo) -> Iterator[Database]:
    """The same file, opened with a busy timeout of a few milliseconds: a unit of work
    that waits for the write lock fails almost at once instead of after seconds."""
    engine = make_engine(demo.db.url, busy_timeout_ms=BUSY_TIMEOUT_MS)
    yield Database(demo.db.url, engine, make_session_factory(engine))
    engine.dispose()


class _WriteLock:
    """A colleague's save in progress: another connection holding the write lock."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __enter__(self) -> None:
        self.connection = sqlite3.connect(self.path, timeout=0, isolation_level=None)
        self.connection.execute("BEGIN IMMEDIATE")

    def __exit__(self, *_: object) -> None:
        self.connection.execute("ROLLBACK")
        self.connection.close()


def _reads() -> list[tuple[type[Service], str]]:
    found = []
    for cls in service_classes():
        for method in public_methods(cls):
            name = f"{cls.__name__}.{method}"
            recipe = recipe_for(cls, method)
            assert recipe is not None, f"{name} has no recipe"
            only_reads = bool(recipe.needs) and set(recipe.needs) <= READ_PERMISSIONS
            if (only_reads or name in ALSO_READS) and name not in WRITERS:
                found.append((cls, method))
    return found


def test_the_held_lock_makes_a_writing_unit_of_work_fail_fast(
    demo: Demo, impatient: Database
) -> None:
    """The check below can fail: a unit of work that may write does not get through."""
    assert demo.db.path is not None
    service = Service(impatient, demo.admin)
    with _WriteLock(demo.db.path):
        with pytest.raises(StorageError), service.unit_of_work():
            pass
        with service.unit_of_work(read_only=True):
            pass


def test_every_read_goes_ahead_while_another_connection_holds_the_write_lock(
    demo: Demo, impatient: Database
) -> None:
    reads = _reads()
    assert len(reads) > 50  # the discovery found the services' reads
    assert demo.db.path is not None
    waited: list[str] = []
    for cls, method in reads:
        recipe = recipe_for(cls, method)
        assert recipe is not None
        call = recipe.prepare(demo)  # as the administrator, before the lock is taken
        with _WriteLock(demo.db.path):
            try:
                call(cls(impatient, demo.admin))
            except Exception as error:  # each failure is named below
                waited.append(
                    f"{cls.__name__}.{method} waited for the write lock or failed: "
                    f"{type(error).__name__}: {error}"
                )
    assert not waited, "\n".join(waited)


def test_a_case_opened_without_who_raised_it_goes_ahead_while_the_write_lock_is_held(
    demo: Demo, impatient: Database
) -> None:
    """``CaseService.get`` writes only the VIEW entry of who raised the case: asked without
    them, or by a reader who may not see them, it only reads."""
    assert demo.db.path is not None
    case_id = demo.first(CaseService)
    assert not CaseService(demo.db, demo.admin).get(case_id).confidential_hidden
    with _WriteLock(demo.db.path):
        status_only = CaseService(impatient, demo.admin).get(case_id, with_raisers=False)
        for role in (Role.STAFF, Role.VIEWER):
            read_by_role = CaseService(impatient, demo.users[role]).get(case_id)
            assert read_by_role.confidential_hidden and read_by_role.form.raised_by is None
        with pytest.raises(StorageError):  # the VIEW entry waits for the lock
            CaseService(impatient, demo.admin).get(case_id)
    assert status_only.id == case_id and status_only.confidential_hidden


def test_the_writers_among_the_reads_are_still_services_methods() -> None:
    """An excluded name that no longer exists would hide nothing but mislead."""
    names = {
        f"{cls.__name__}.{method}" for cls in service_classes() for method in public_methods(cls)
    }
    assert set(WRITERS) | ALSO_READS <= names
