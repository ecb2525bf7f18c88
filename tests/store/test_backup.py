"""A backup as `csodesk db backup` and File > Back up database… write it: step by step with
progress, stoppable, verified, and never half a file."""

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.domain import Project
from desktop.store import maintenance
from desktop.store.collations import register_sqlite_collations
from desktop.store.database import Database, open_database
from desktop.store.demo import load_demo
from desktop.store.errors import ReadOnlyLocation, StoreError
from desktop.store.maintenance import BackupCancelled, backup_to

SMALL_STEP = 8  # pages per step, so that even the demo takes many steps


def project_codes(db: Database) -> list[str]:
    with db.transaction() as session:
        return list(session.scalars(select(Project.code).order_by(Project.code)))


def files_in(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


@pytest.fixture
def demo_db(sqlite_db: Database) -> Database:
    load_demo(sqlite_db)
    return sqlite_db


@pytest.fixture
def backups(tmp_path: Path) -> Path:
    folder = tmp_path / "backups"
    folder.mkdir()
    return folder


def test_the_copy_holds_the_same_office_and_passes_its_check(
    demo_db: Database, backups: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(maintenance, "BACKUP_STEP_PAGES", SMALL_STEP)
    seen: list[tuple[int, int]] = []
    target = backups / "csodesk-2026-11-28.sqlite"

    assert backup_to(demo_db, target, lambda done, total: seen.append((done, total)) or True)

    assert files_in(backups) == [target.name]  # one self-contained file, no journal beside it
    with sqlite3.connect(target) as copy:
        register_sqlite_collations(copy)  # the check reads the title indexes (schema 0006)
        assert copy.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    copied = open_database(str(target))
    try:
        assert project_codes(copied) == project_codes(demo_db)
        assert len(project_codes(copied)) == 4
    finally:
        copied.close()
    total = seen[-1][1]
    assert total > 3 * SMALL_STEP
    assert [done for done, _total in seen] == sorted(done for done, _total in seen)
    assert seen[-1][0] == total
    assert {step_total for _done, step_total in seen} == {total}


def test_a_progress_that_says_stop_leaves_no_file(
    demo_db: Database, backups: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(maintenance, "BACKUP_STEP_PAGES", SMALL_STEP)
    steps: list[int] = []

    def stop_at_the_second_step(done: int, _total: int) -> bool:
        steps.append(done)
        return len(steps) < 2

    with pytest.raises(BackupCancelled):
        backup_to(demo_db, backups / "copy.sqlite", stop_at_the_second_step)
    assert steps == [SMALL_STEP, 2 * SMALL_STEP]
    assert files_in(backups) == []


def test_an_error_in_the_progress_stops_the_copy_and_comes_back(
    demo_db: Database, backups: Path
) -> None:
    class Interrupted(Exception):
        pass

    def interrupt(_done: int, _total: int) -> bool:
        raise Interrupted()

    with pytest.raises(Interrupted):
        backup_to(demo_db, backups / "copy.sqlite", interrupt)
    assert files_in(backups) == []


def test_an_existing_file_is_never_overwritten(demo_db: Database, backups: Path) -> None:
    target = backups / "copy.sqlite"
    target.write_text("last week's backup", encoding="utf-8")
    with pytest.raises(StoreError, match="already exists"):
        backup_to(demo_db, target)
    assert target.read_text(encoding="utf-8") == "last week's backup"
    assert files_in(backups) == ["copy.sqlite"]


def test_a_folder_that_cannot_hold_files_is_refused(demo_db: Database, tmp_path: Path) -> None:
    not_a_folder = tmp_path / "minutes.txt"
    not_a_folder.write_text("not a folder", encoding="utf-8")
    before = files_in(tmp_path)
    with pytest.raises(ReadOnlyLocation) as refused:
        backup_to(demo_db, not_a_folder / "copy.sqlite")
    assert str(not_a_folder) in str(refused.value)
    assert files_in(tmp_path) == before
    assert not_a_folder.read_text(encoding="utf-8") == "not a folder"


def test_a_server_database_is_backed_up_with_pg_dump(postgres_url: str, tmp_path: Path) -> None:
    db = open_database(postgres_url)
    try:
        with pytest.raises(StoreError, match="pg_dump"):
            backup_to(db, tmp_path / "copy.sqlite")
    finally:
        db.close()
    assert list(tmp_path.iterdir()) == []
