"""Point 5: two copies of the app on one SQLite file both work, or the one that cannot
wait is told plainly that the file is in use; neither damages it.

Real processes: two writers saving and correcting organisations one unit of work at a
time while a third pages through the list, all at once; then one copy holding a long write
transaction while the other saves (it waits its turn and succeeds), and the same with a
busy timeout shorter than the hold (it is told the file is in use, and nothing of its
save is written).  Afterwards the file passes ``integrity_check`` and holds every row
either copy saved, each with its audit entries.
"""

import multiprocessing
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from desktop.domain.audit import AuditAction, AuditEntry
from desktop.domain.organisation import Organisation
from desktop.services.errors import DatabaseBusyError
from desktop.services.listing import ListQuery
from desktop.services.organisations import OrganisationForm, OrganisationService
from desktop.store.database import Database, copy_sqlite
from tests.store import copy_workloads
from tests.store.copy_workloads import HOLDING, attach, copy_name
from tests.store.disk_tools import integrity

SAVES_PER_COPY = 120
WAIT_LIMIT = 180.0
BUSY = (
    "The database is in use by another copy of CSO Desk or another user: wait a moment and "
    "save again; nothing was changed."
)


@pytest.fixture(scope="module")
def fork_server() -> Any:
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([copy_workloads.__name__])
    return context


@pytest.fixture
def shared_file(tmp_path: Path, migrated_sqlite: Path) -> Path:
    path = tmp_path / "shared.sqlite3"
    copy_sqlite(migrated_sqlite, path)
    return path


@pytest.fixture
def this_copy(shared_file: Path) -> Iterator[Database]:
    db = attach(str(shared_file))
    yield db
    db.close()


def audit_count(db: Database, action: AuditAction) -> int:
    statement = (
        select(func.count())
        .select_from(AuditEntry)
        .where(AuditEntry.action == action, AuditEntry.entity == Organisation.__tablename__)
    )
    with db.transaction() as session:
        return session.scalar(statement) or 0


def names(db: Database) -> set[str]:
    with db.transaction() as session:
        return set(session.scalars(select(Organisation.name_en)))


def test_two_copies_saving_at_once_keep_every_row_of_both(
    fork_server: Any, shared_file: Path, this_copy: Database
) -> None:
    url = str(shared_file)
    start, stop = fork_server.Event(), fork_server.Event()
    writers = [
        fork_server.Process(target=copy_workloads.write, args=(url, tag, SAVES_PER_COPY, start))
        for tag in ("A", "B")
    ]
    reader = fork_server.Process(target=copy_workloads.read, args=(url, start, stop))
    for child in (*writers, reader):
        child.start()
    start.set()
    try:
        for writer in writers:
            writer.join(WAIT_LIMIT)
        stop.set()
        reader.join(WAIT_LIMIT)
    finally:
        for child in (*writers, reader):
            if child.is_alive():
                child.kill()
    assert [child.exitcode for child in (*writers, reader)] == [0, 0, 0]

    assert integrity(shared_file) == [("ok",)]
    expected = {copy_name(tag, number) for tag in "AB" for number in range(SAVES_PER_COPY)}
    assert names(this_copy) == expected
    assert audit_count(this_copy, AuditAction.CREATE) == 2 * SAVES_PER_COPY
    assert audit_count(this_copy, AuditAction.UPDATE) == 2 * SAVES_PER_COPY
    checked = {row.notes for row in _all_details(this_copy)}
    assert checked == {"checked by copy A", "checked by copy B"}


def _all_details(db: Database) -> list[OrganisationForm]:
    service = OrganisationService(db)
    query = ListQuery()
    return [service.get(row.id).form for row in service.page(query, 0, service.count(query))]


def start_holder(fork_server: Any, url: str, seconds: float, marker: Path) -> Any:
    holder = fork_server.Process(
        target=copy_workloads.hold, args=(url, "Held by the other copy", seconds, marker)
    )
    holder.start()
    deadline = time.monotonic() + WAIT_LIMIT
    while not (marker.exists() and marker.read_bytes() == HOLDING):
        assert holder.is_alive(), f"the holding copy ended early (exit {holder.exitcode})"
        assert time.monotonic() < deadline, "the holding copy never started writing"
        time.sleep(0.01)
    return holder


def test_a_save_waits_for_the_other_copys_long_transaction_and_then_succeeds(
    fork_server: Any, shared_file: Path, this_copy: Database, tmp_path: Path
) -> None:
    service = OrganisationService(this_copy)
    holder = start_holder(fork_server, str(shared_file), 1.5, tmp_path / "hold.marker")
    try:
        began = time.monotonic()
        assert service.count(ListQuery()) == 0  # reading a list does not wait
        assert time.monotonic() - began < 1.0
        service.create(OrganisationForm(name_en="Saved by this copy"))
        waited = time.monotonic() - began
    finally:
        holder.join(WAIT_LIMIT)
    assert holder.exitcode == 0
    assert waited > 0.5, "the save did not wait for the other copy's transaction"
    assert names(this_copy) == {"Held by the other copy", "Saved by this copy"}
    assert audit_count(this_copy, AuditAction.CREATE) == 2
    assert integrity(shared_file) == [("ok",)]


def test_a_save_that_cannot_wait_long_enough_is_told_the_file_is_in_use(
    fork_server: Any, shared_file: Path, this_copy: Database, tmp_path: Path
) -> None:
    impatient = attach(str(shared_file), busy_timeout_ms=300)
    service = OrganisationService(impatient)
    holder = start_holder(fork_server, str(shared_file), 3.0, tmp_path / "hold.marker")
    try:
        began = time.monotonic()
        with pytest.raises(DatabaseBusyError) as refused:
            service.create(OrganisationForm(name_en="Not saved: the file was in use"))
        gave_up = time.monotonic() - began
        assert holder.is_alive()
    finally:
        holder.join(WAIT_LIMIT)
    assert str(refused.value) == BUSY
    assert 0.2 < gave_up < 2.5
    assert names(this_copy) == {"Held by the other copy"}
    assert audit_count(this_copy, AuditAction.CREATE) == 1
    service.create(OrganisationForm(name_en="Saved once the file was free"))
    assert names(this_copy) == {"Held by the other copy", "Saved once the file was free"}
    impatient.close()
    assert integrity(shared_file) == [("ok",)]
