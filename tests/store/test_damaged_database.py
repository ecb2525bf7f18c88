"""A damaged SQLite file at start is refused before anything writes to it: the same bytes
stay on disk, no backup is made of it, and the error says what was found."""

import gzip
import hashlib
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from desktop.store import backups
from desktop.store.backups import RotationPolicy, backup_folder, find_damage, record_counts
from desktop.store.database import Database, open_database
from desktop.store.errors import DatabaseDamaged
from tests.damaged_files import demo_database_file, garbage_in_the_middle

REVISIONS = Path(__file__).parents[1] / "data" / "revisions"


@pytest.fixture
def demo_file(sqlite_db: Database) -> Path:
    return demo_database_file(sqlite_db)


def cut_short(path: Path) -> None:
    with path.open("r+b") as handle:
        handle.truncate(path.stat().st_size * 2 // 3)


def orphaned_activities(path: Path) -> None:
    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA foreign_keys = OFF")
        connection.execute("UPDATE activities SET project_id = 999999 WHERE id <= 3")
        connection.commit()
    finally:
        connection.close()


def fingerprint(path: Path) -> dict[str, str]:
    """Every file in the folder and its bytes' digest, the backups folder included."""
    return {
        str(file.relative_to(path.parent)): hashlib.sha256(file.read_bytes()).hexdigest()
        for file in sorted(path.parent.rglob("*"))
        if file.is_file() and not file.name.endswith(("-wal", "-shm"))
    }


@pytest.mark.parametrize(
    ("harm", "words"),
    [
        (garbage_in_the_middle, "damaged"),
        (cut_short, "damaged"),
        (orphaned_activities, "3 records point at records that do not exist"),
    ],
)
def test_a_damaged_file_is_refused_unchanged_and_not_backed_up(
    demo_file: Path, harm: object, words: str
) -> None:
    harm(demo_file)  # type: ignore[operator]
    before = fingerprint(demo_file)

    with pytest.raises(DatabaseDamaged) as refused:
        open_database(str(demo_file), automatic_backup=RotationPolicy())

    assert refused.value.path == str(demo_file)
    assert words in str(refused.value)
    assert refused.value.problems
    assert fingerprint(demo_file) == before
    assert not backup_folder(demo_file).exists()


def test_a_sound_file_has_no_damage_to_report(demo_file: Path) -> None:
    assert find_damage(demo_file) == []
    assert find_damage(demo_file, thorough=True) == []


def test_counting_what_a_damaged_file_still_holds_never_fails(demo_file: Path) -> None:
    sound = record_counts(demo_file)
    assert sound["projects"] == 4 and sound["cases"] == 12
    cut_short(demo_file)
    damaged = record_counts(demo_file)
    assert set(damaged) == set(sound)
    assert all(count is None or isinstance(count, int) for count in damaged.values())
    assert None in damaged.values()  # a table past the cut cannot be read


def test_a_file_another_program_holds_is_not_called_damaged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(backups, "BUSY_TIMEOUT_MS", 100)
    path = tmp_path / "held.sqlite3"
    holder = sqlite3.connect(path, isolation_level=None)
    try:
        holder.execute("CREATE TABLE t (x)")
        holder.execute("BEGIN EXCLUSIVE")  # a rollback-journal writer: readers must wait
        holder.execute("INSERT INTO t VALUES (1)")
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            find_damage(path)
    finally:
        holder.close()
    assert find_damage(path) == []


def test_a_command_that_only_reads_skips_the_check_and_changes_nothing(demo_file: Path) -> None:
    orphaned_activities(demo_file)
    before = fingerprint(demo_file)

    db = open_database(str(demo_file), for_reading=True)
    try:
        with db.transaction() as session:
            listed = session.execute(text("SELECT count(*) FROM projects")).scalar_one()
    finally:
        db.close()

    assert listed == 4
    assert fingerprint(demo_file) == before
    with pytest.raises(DatabaseDamaged):  # the window, and any command that writes, refuse it
        open_database(str(demo_file))


def test_a_file_that_needs_a_migration_is_checked_even_for_reading(tmp_path: Path) -> None:
    path = tmp_path / "office.sqlite3"
    with gzip.open(REVISIONS / "revision-0010.sqlite3.gz") as packed:
        path.write_bytes(packed.read())
    orphaned_activities(path)
    before = fingerprint(path)

    with pytest.raises(DatabaseDamaged):
        open_database(str(path), for_reading=True)

    assert fingerprint(path) == before
