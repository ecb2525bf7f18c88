"""The damage check may run behind the window's opening (``check_behind``): the first page
is read while the check still runs, nothing reaches the file until the check has found it
sound, and a file it finds damaged refuses every write and is reported by
``wait_for_check``.  A file due a start backup is still checked before it opens.

Each check here is held back until the test lets it answer, so what happens before its
answer is certain, not a race."""

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select, update

from desktop.domain import Project
from desktop.services.activities import ActivityService
from desktop.services.errors import DamagedDatabaseError, ServiceError
from desktop.services.listing import ListQuery
from desktop.services.projects import ProjectService
from desktop.store import database
from desktop.store.backups import EXIT, RotationPolicy, automatic_backup
from desktop.store.database import CheckAhead, Database, check_ahead, open_database
from desktop.store.errors import DatabaseDamaged
from tests.damaged_files import demo_database_file, garbage_in_the_middle

POLICY = RotationPolicy()


class HeldCheck:
    """A damage check that answers ``problems`` once released."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        self.release = threading.Event()
        self.calls = 0

    def __call__(self, _path: Path) -> list[str]:
        self.calls += 1
        assert self.release.wait(60), "the test never released the check"
        return self.problems


@pytest.fixture
def demo_file(sqlite_db: Database) -> Path:
    """The demo office on disk with its exit backup taken: unchanged since, as after a
    normal close, so its start needs no backup."""
    path = demo_database_file(sqlite_db)
    assert automatic_backup(path, EXIT, POLICY) is not None
    return path


@pytest.fixture
def opened() -> Iterator[list[Database]]:
    """The databases a test opened, closed at its end."""
    databases: list[Database] = []
    yield databases
    for db in databases:
        db.close()


def _held(monkeypatch: pytest.MonkeyPatch, path: Path, problems: list[str]) -> HeldCheck:
    """Start a check of ``path`` ahead of its opening, held back until released."""
    held = HeldCheck(problems)
    monkeypatch.setattr(database, "_ahead", CheckAhead(path, held))
    return held


def _open_behind(path: Path, opened: list[Database]) -> Database:
    db = open_database(str(path), automatic_backup=POLICY, check_behind=True)
    opened.append(db)
    return db


def _project(db: Database) -> tuple[int, str | None]:
    with db.transaction() as session:
        project = session.scalars(select(Project).order_by(Project.id)).first()
        assert project is not None
        return project.id, None if project.archived_at is None else str(project.archived_at)


def test_the_first_page_is_read_before_the_check_answers(
    demo_file: Path, monkeypatch: pytest.MonkeyPatch, opened: list[Database]
) -> None:
    held = _held(monkeypatch, demo_file, [])
    db = _open_behind(demo_file, opened)
    rows = ActivityService(db).page(ListQuery(sort="start_date", descending=True), 0, 20)
    assert len(rows) == 20
    assert db.damage_check is not None and not db.damage_check.answered
    held.release.set()
    db.wait_for_check()
    assert db.damage_check.answered and held.calls == 1


def test_a_write_waits_for_the_answer_then_goes_ahead(
    demo_file: Path, monkeypatch: pytest.MonkeyPatch, opened: list[Database]
) -> None:
    held = _held(monkeypatch, demo_file, [])
    db = _open_behind(demo_file, opened)
    project_id, _archived = _project(db)
    writer = threading.Thread(target=ProjectService(db).archive, args=(project_id,))
    writer.start()
    writer.join(0.5)
    assert writer.is_alive(), "the write went ahead before the check answered"
    assert _project(db)[1] is None
    held.release.set()
    writer.join(30)
    assert not writer.is_alive()
    assert _project(db)[1] is not None


def test_a_file_found_damaged_refuses_every_write_and_is_reported(
    demo_file: Path, monkeypatch: pytest.MonkeyPatch, opened: list[Database]
) -> None:
    held = _held(monkeypatch, demo_file, ["page 12 is broken"])
    db = _open_behind(demo_file, opened)
    project_id, _archived = _project(db)  # reading goes ahead
    held.release.set()
    with pytest.raises(DamagedDatabaseError):
        ProjectService(db).archive(project_id)
    # A write that did not say it means to write is refused as SQLite prepares it.
    with pytest.raises(Exception, match="not authorized"), db.transaction() as session:
        session.execute(update(Project).values(archived_at=None, code="CHANGED"))
    with pytest.raises(DatabaseDamaged, match="page 12 is broken"):
        db.wait_for_check()
    assert db.found_damaged()
    db.close()
    reopened = open_database(str(demo_file), for_reading=True)
    opened.append(reopened)
    with reopened.transaction() as session:
        assert "CHANGED" not in session.scalars(select(Project.code)).all()
    assert _project(reopened)[1] is None


def test_a_connection_made_after_a_damaged_answer_refuses_writes_too(
    demo_file: Path, monkeypatch: pytest.MonkeyPatch, opened: list[Database]
) -> None:
    held = _held(monkeypatch, demo_file, ["page 12 is broken"])
    db = _open_behind(demo_file, opened)
    held.release.set()
    with pytest.raises(DatabaseDamaged):
        db.wait_for_check()
    db.engine.dispose()  # the next unit of work connects afresh
    with pytest.raises(Exception, match="not authorized"), db.transaction() as session:
        session.execute(update(Project).values(code="CHANGED"))
    with pytest.raises(DamagedDatabaseError):
        ProjectService(db).archive(_project(db)[0])
    assert _project(db)[1] is None


def test_a_damaged_answer_reaches_a_service_as_its_storage_error(
    demo_file: Path, monkeypatch: pytest.MonkeyPatch, opened: list[Database]
) -> None:
    held = _held(monkeypatch, demo_file, ["page 12 is broken"])
    held.release.set()
    db = _open_behind(demo_file, opened)
    with pytest.raises(ServiceError, match="damaged"):
        ProjectService(db).archive(_project(db)[0])


def test_a_file_due_its_start_backup_is_checked_before_it_opens(
    sqlite_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = demo_database_file(sqlite_db)  # no backup yet: the start must take one
    garbage_in_the_middle(path)
    check_ahead(str(path))
    with pytest.raises(DatabaseDamaged):
        open_database(str(path), automatic_backup=POLICY, check_behind=True)


def test_a_file_changed_since_its_check_began_is_checked_before_it_opens(
    demo_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    held = _held(monkeypatch, demo_file, [])
    held.release.set()
    garbage_in_the_middle(demo_file)
    with pytest.raises(DatabaseDamaged):
        open_database(str(demo_file), automatic_backup=POLICY, check_behind=True)


def test_without_a_check_ahead_the_opening_checks(demo_file: Path) -> None:
    garbage_in_the_middle(demo_file)
    with pytest.raises(DatabaseDamaged):
        open_database(str(demo_file), automatic_backup=POLICY, check_behind=True)
