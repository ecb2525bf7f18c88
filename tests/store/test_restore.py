"""Restoring a backup: a damaged, foreign or newer backup and a wrong passphrase change
nothing; a good one replaces the database only after the old one was kept."""

import os
import sqlite3
import threading
from pathlib import Path

import pytest

from desktop.store import backups, encryption
from desktop.store.backups import (
    BackupUnusable,
    DatabaseInUse,
    PassphraseNeeded,
    list_backups,
    restore_backup,
    take_backup,
    write_encrypted_backup,
)
from desktop.store.database import Database, open_database
from desktop.store.demo import load_demo
from desktop.store.encryption import BackupTampered, WrongPassphrase
from desktop.store.errors import DatabaseTooNew, NotADatabase, StoreError
from desktop.store.migrations import REVISIONS

PASSPHRASE = "Prishtinë, nëntor 2026"


@pytest.fixture(autouse=True)
def quick_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(encryption, "SCRYPT_LOG2_N", 12)


@pytest.fixture
def demo_file(sqlite_db: Database) -> Path:
    load_demo(sqlite_db)
    sqlite_db.close()
    assert sqlite_db.path is not None
    return sqlite_db.path


def codes(path: Path) -> list[str]:
    connection = sqlite3.connect(path)
    try:
        return [row[0] for row in connection.execute("SELECT code FROM projects ORDER BY code")]
    finally:
        connection.close()


def set_codes(path: Path, code: str) -> None:
    connection = sqlite3.connect(path)
    try:
        connection.execute("UPDATE projects SET code = ? || id", (code,))
        connection.commit()
    finally:
        connection.close()


def damage(path: Path) -> None:
    size = path.stat().st_size
    with path.open("r+b") as handle:
        handle.seek((size // 2) // 4096 * 4096)
        handle.write(os.urandom(4096 * 3))


def test_a_good_backup_replaces_the_database_and_the_old_one_is_kept(demo_file: Path) -> None:
    original = codes(demo_file)
    backup = take_backup(demo_file, backups.MANUAL)
    set_codes(demo_file, "LATER-")
    later = codes(demo_file)

    outcome = restore_backup(backup, demo_file)

    assert codes(demo_file) == original
    assert outcome.kept is not None and codes(outcome.kept) == later
    assert {b.reason for b in list_backups(demo_file)} == {backups.MANUAL, backups.BEFORE_RESTORE}
    reopened = open_database(str(demo_file))  # and it opens as a sound database
    reopened.close()


def test_a_restore_replaces_the_data_even_while_a_write_ahead_log_is_beside_it(
    demo_file: Path,
) -> None:
    backup = take_backup(demo_file, backups.MANUAL)
    db = open_database(str(demo_file))
    with db.engine.begin() as connection:
        connection.exec_driver_sql("UPDATE projects SET code = 'IN-THE-LOG-' || id")
    db.engine.dispose()
    restore_backup(backup, demo_file)
    assert not any(code.startswith("IN-THE-LOG") for code in codes(demo_file))


@pytest.mark.parametrize("problem", ["damaged", "not a database", "newer schema", "orphans"])
def test_an_unusable_backup_is_refused_and_nothing_changes(
    demo_file: Path, tmp_path: Path, problem: str
) -> None:
    backup = take_backup(demo_file, backups.MANUAL)
    if problem == "damaged":
        damage(backup)
        expected: type[Exception] = BackupUnusable
    elif problem == "not a database":
        backup.write_bytes(b"%PDF-1.7 a report, not a database" * 200)
        expected = NotADatabase
    elif problem == "newer schema":
        with sqlite3.connect(backup) as connection:
            connection.execute("UPDATE alembic_version SET version_num = '9999'")
        connection.close()
        expected = DatabaseTooNew
    else:
        with sqlite3.connect(backup) as connection:
            connection.execute("PRAGMA foreign_keys = OFF")
            connection.execute("UPDATE activities SET project_id = 999999")
        connection.close()
        expected = BackupUnusable
    set_codes(demo_file, "CURRENT-")
    before = demo_file.read_bytes()
    backups_before = sorted(backups.backup_folder(demo_file).iterdir())

    with pytest.raises(expected):
        restore_backup(backup, demo_file)

    assert demo_file.read_bytes() == before
    assert sorted(backups.backup_folder(demo_file).iterdir()) == backups_before


def test_an_older_schema_is_restored_and_upgraded_on_the_next_open(demo_file: Path) -> None:
    from desktop.store import schema

    old = take_backup(demo_file, backups.MANUAL)
    old_db = open_database(str(old), upgrade=False)
    schema.downgrade(old_db.url, REVISIONS[-2])
    old_db.close()

    restore_backup(old, demo_file)

    assert backups.read_revision(demo_file) == REVISIONS[-2]
    upgraded = open_database(str(demo_file))
    upgraded.close()
    assert backups.read_revision(demo_file) == REVISIONS[-1]
    assert len(codes(demo_file)) == 4


def test_an_encrypted_backup_round_trips_and_leaves_no_plain_copy(
    demo_file: Path, tmp_path: Path
) -> None:
    stick = tmp_path / "usb"
    stick.mkdir()
    original = codes(demo_file)
    sealed = write_encrypted_backup(demo_file, stick / "office.sqlite3.enc", PASSPHRASE)
    assert [p.name for p in stick.iterdir()] == ["office.sqlite3.enc"]
    assert b"SQLite format 3" not in sealed.read_bytes()
    assert list(backups.backup_folder(demo_file).iterdir()) == []
    set_codes(demo_file, "LATER-")

    with pytest.raises(PassphraseNeeded):
        restore_backup(sealed, demo_file)
    with pytest.raises(WrongPassphrase):
        restore_backup(sealed, demo_file, "not the passphrase")
    assert codes(demo_file)[0].startswith("LATER-")

    restore_backup(sealed, demo_file, PASSPHRASE)

    assert codes(demo_file) == original
    assert [b.reason for b in list_backups(demo_file)] == [backups.BEFORE_RESTORE]


def test_a_tampered_encrypted_backup_changes_nothing(demo_file: Path, tmp_path: Path) -> None:
    sealed = write_encrypted_backup(demo_file, tmp_path / "office.enc", PASSPHRASE)
    data = bytearray(sealed.read_bytes())
    data[len(data) // 2] ^= 0xFF
    sealed.write_bytes(bytes(data))
    before = demo_file.read_bytes()

    with pytest.raises(BackupTampered):
        restore_backup(sealed, demo_file, PASSPHRASE)

    assert demo_file.read_bytes() == before
    assert list(backups.backup_folder(demo_file).iterdir()) == []


def test_restoring_over_a_damaged_database_moves_it_aside(demo_file: Path) -> None:
    backup = take_backup(demo_file, backups.MANUAL)
    damage(demo_file)
    damaged_bytes = demo_file.read_bytes()

    outcome = restore_backup(backup, demo_file)

    assert outcome.kept is not None
    assert outcome.kept.name.startswith(f"{demo_file.name}.damaged-")
    assert outcome.kept.read_bytes() == damaged_bytes
    assert len(codes(demo_file)) == 4


def test_a_database_open_elsewhere_is_not_restored_under_its_feet(demo_file: Path) -> None:
    backup = take_backup(demo_file, backups.MANUAL)
    other = open_database(str(demo_file))  # another copy of CSO Desk, mid-session
    try:
        with other.engine.connect() as connection:
            connection.exec_driver_sql("SELECT count(*) FROM projects").scalar()
            with pytest.raises(DatabaseInUse):
                restore_backup(backup, demo_file)
    finally:
        other.close()


def test_the_database_itself_or_a_folder_is_refused_at_once(demo_file: Path) -> None:
    """Choosing the open database as its own backup once made the copy start over for ever."""
    before = demo_file.read_bytes()
    outcome: list[BaseException] = []

    def restore_onto_itself() -> None:
        try:
            restore_backup(demo_file, demo_file)
        except BaseException as error:  # handed over to the test's thread
            outcome.append(error)

    worker = threading.Thread(target=restore_onto_itself, daemon=True)
    worker.start()
    worker.join(timeout=20)
    assert not worker.is_alive(), "restoring the database onto itself never ends"
    [error] = outcome
    assert isinstance(error, StoreError) and "is the database itself" in str(error)
    with pytest.raises(StoreError, match="is a folder"):
        restore_backup(demo_file.parent, demo_file)
    assert demo_file.read_bytes() == before
    assert list_backups(demo_file) == []
