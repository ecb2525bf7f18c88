"""Automatic backups: taken at start before any migration and at exit, each one a sound
copy; rotated to the newest N plus one a month; never twice for an unchanged file; and
listed newest first with what each one is."""

import os
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from desktop.domain import Project
from desktop.store import backups, maintenance, schema
from desktop.store.backups import (
    RotationPolicy,
    automatic_backup,
    backup_folder,
    list_backups,
    newest_good_backup,
    policy_from_environment,
    rotate,
)
from desktop.store.collations import register_sqlite_collations
from desktop.store.database import Database, open_database
from desktop.store.demo import load_demo
from desktop.store.migrations import HEAD, REVISIONS

POLICY = RotationPolicy(keep_last=3, keep_months=12)


def project_codes(path: Path) -> list[str]:
    with sqlite3.connect(path) as connection:
        return [row[0] for row in connection.execute("SELECT code FROM projects ORDER BY code")]


def integrity(path: Path) -> str:
    connection = sqlite3.connect(path)
    try:
        register_sqlite_collations(connection)
        return connection.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        connection.close()


@pytest.fixture
def demo_file(sqlite_db: Database) -> Path:
    load_demo(sqlite_db)
    sqlite_db.close()
    assert sqlite_db.path is not None
    return sqlite_db.path


def fabricate(database: Path, taken_at: datetime, reason: str = backups.START) -> Path:
    """A backup file as rotation sees it: only its name's time matters."""
    folder = backup_folder(database)
    folder.mkdir(exist_ok=True)
    path = folder / f"{database.stem}-{taken_at:%Y%m%d-%H%M%S}-{reason}.sqlite3"
    path.write_bytes(b"")
    return path


def test_opening_at_start_takes_a_sound_backup_holding_the_office(demo_file: Path) -> None:
    db = open_database(str(demo_file), automatic_backup=POLICY)
    db.close()

    [backup] = list_backups(demo_file)
    assert backup.reason == backups.START
    assert backup.revision == HEAD
    assert not backup.encrypted
    assert backup.size == backup.path.stat().st_size > 0
    assert integrity(backup.path) == "ok"
    assert project_codes(backup.path) == project_codes(demo_file)
    assert len(project_codes(backup.path)) == 4


def test_an_exit_backup_holds_what_was_written_during_the_session(demo_file: Path) -> None:
    db = open_database(str(demo_file))
    with db.transaction() as session:
        session.get(Project, 1).code = "CHANGED-AT-WORK"  # type: ignore[union-attr]
    db.close()

    taken = automatic_backup(demo_file, backups.EXIT, POLICY)

    assert taken is not None
    [backup] = list_backups(demo_file)
    assert backup.reason == backups.EXIT
    assert integrity(taken) == "ok"
    assert "CHANGED-AT-WORK" in project_codes(taken)


def test_a_quick_restart_of_an_unchanged_file_takes_no_second_copy(demo_file: Path) -> None:
    open_database(str(demo_file), automatic_backup=POLICY).close()
    open_database(str(demo_file), automatic_backup=POLICY).close()
    assert automatic_backup(demo_file, backups.EXIT, POLICY) is None
    assert len(list_backups(demo_file)) == 1

    db = open_database(str(demo_file))
    with db.transaction() as session:
        session.get(Project, 1).code = "NEW"  # type: ignore[union-attr]
    db.close()
    later = datetime.now() + timedelta(seconds=2)  # another name than the first copy's
    assert automatic_backup(demo_file, backups.EXIT, POLICY, now=later) is not None
    assert len(list_backups(demo_file)) == 2


def test_an_old_database_is_copied_before_its_upgrade_and_the_copy_keeps_the_old_schema(
    demo_file: Path,
) -> None:
    schema.downgrade(open_database(str(demo_file), upgrade=False).url, REVISIONS[-2])
    db = open_database(str(demo_file), automatic_backup=POLICY)
    db.close()

    [backup] = list_backups(demo_file)
    assert backup.reason == backups.BEFORE_UPGRADE
    assert backup.revision == REVISIONS[-2]
    assert integrity(backup.path) == "ok"


def test_a_copy_that_fails_its_check_is_removed_not_kept(
    demo_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def bad_check(partial: Path, _steps: object) -> None:
        raise maintenance.BackupFailed("the copy did not pass")

    monkeypatch.setattr(maintenance, "_verify", bad_check)
    assert automatic_backup(demo_file, backups.START, POLICY) is None
    assert list(backup_folder(demo_file).iterdir()) == []


def test_rotation_keeps_the_newest_n_and_the_newest_of_each_month(tmp_path: Path) -> None:
    database = tmp_path / "csodesk.sqlite3"
    now = datetime(2026, 11, 28, 12, 0, 0)
    recent = [fabricate(database, now - timedelta(hours=hours)) for hours in range(6)]
    # Two copies in each of the 14 months before this one; the later one of a month stays.
    monthly = {}
    for months_back in range(1, 15):
        year, month = divmod(now.year * 12 + now.month - 1 - months_back, 12)
        early = fabricate(database, datetime(year, month + 1, 3, 9, 0, 0))
        late = fabricate(database, datetime(year, month + 1, 20, 17, 0, 0), backups.EXIT)
        monthly[months_back] = (early, late)
    by_hand = fabricate(database, datetime(2024, 1, 1), backups.MANUAL)
    before_upgrade = fabricate(database, datetime(2024, 2, 1), backups.BEFORE_UPGRADE)

    removed = set(rotate(database, POLICY, now=now))

    kept = {path for path in backup_folder(database).iterdir()}
    assert set(recent[:3]) <= kept  # the newest three
    assert set(recent[3:]) <= removed  # this month is held by the newest alone
    for months_back in range(1, 12):
        early, late = monthly[months_back]
        assert late in kept and early in removed
    for months_back in range(12, 15):  # older than twelve months: gone
        assert set(monthly[months_back]) <= removed
    assert {by_hand, before_upgrade} <= kept  # only automatic copies rotate
    assert kept.isdisjoint(removed)


def test_rotation_with_no_monthly_copies_keeps_only_the_newest(tmp_path: Path) -> None:
    database = tmp_path / "csodesk.sqlite3"
    now = datetime(2026, 11, 28, 12, 0, 0)
    made = [fabricate(database, now - timedelta(days=40 * n)) for n in range(5)]
    rotate(database, RotationPolicy(keep_last=2, keep_months=0), now=now)
    assert sorted(backup_folder(database).iterdir()) == sorted(made[:2])


def test_list_backups_is_newest_first_and_reads_every_name(tmp_path: Path) -> None:
    database = tmp_path / "csodesk.sqlite3"
    fabricate(database, datetime(2026, 1, 1), backups.MANUAL)
    fabricate(database, datetime(2026, 3, 1), "before-0007")  # as earlier versions named it
    fabricate(database, datetime(2026, 2, 1), backups.BEFORE_RESTORE)
    encrypted = backup_folder(database) / "csodesk-20260401-100000-manual.sqlite3.enc"
    encrypted.write_bytes(b"x")
    (backup_folder(database) / "notes.txt").write_text("not a backup")

    found = list_backups(database)

    assert [(b.taken_at.month, b.reason, b.encrypted) for b in found] == [
        (4, backups.MANUAL, True),
        (3, backups.BEFORE_UPGRADE, False),
        (2, backups.BEFORE_RESTORE, False),
        (1, backups.MANUAL, False),
    ]


def test_the_newest_good_backup_passes_over_damaged_and_empty_ones(demo_file: Path) -> None:
    good = backups.take_backup(demo_file, backups.START, now=datetime(2026, 11, 1))
    newer = backups.take_backup(demo_file, backups.EXIT, now=datetime(2026, 11, 2))
    _damage(newer)
    fabricate(demo_file, datetime(2026, 11, 3))  # an empty file under a backup's name

    found = newest_good_backup(demo_file)

    assert found is not None and found.path == good


def test_the_policy_comes_from_the_environment_and_ignores_nonsense() -> None:
    assert policy_from_environment({}) == RotationPolicy(10, 12)
    assert policy_from_environment(
        {"CSODESK_BACKUPS_KEEP": "25", "CSODESK_BACKUPS_MONTHS": "0"}
    ) == RotationPolicy(25, 0)
    assert policy_from_environment(
        {"CSODESK_BACKUPS_KEEP": "0", "CSODESK_BACKUPS_MONTHS": "many"}
    ) == RotationPolicy(10, 12)


def test_a_file_not_yet_created_gets_no_automatic_copy(tmp_path: Path) -> None:
    assert automatic_backup(tmp_path / "absent.sqlite3", backups.START, POLICY) is None
    assert not backup_folder(tmp_path / "absent.sqlite3").exists()


def _damage(path: Path) -> None:
    """Overwrite a few pages in the middle with garbage, as a bad disk would."""
    size = path.stat().st_size
    with path.open("r+b") as handle:
        handle.seek((size // 2) // 4096 * 4096)
        handle.write(os.urandom(4096 * 3))
