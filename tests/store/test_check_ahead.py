"""The damage check started ahead of opening (while the window's modules are imported)
refuses a damaged file as the check at opening does, and never vouches for a file that
changed since it began, or for another file."""

import os
import sys
import threading
from pathlib import Path

import pytest

from desktop.store import backups, database
from desktop.store.backups import find_damage
from desktop.store.database import CheckAhead, Database, check_ahead, open_database
from desktop.store.errors import DatabaseDamaged
from tests.damaged_files import demo_database_file, garbage_in_the_middle


@pytest.fixture
def demo_file(sqlite_db: Database) -> Path:
    return demo_database_file(sqlite_db)


def test_a_damaged_file_checked_ahead_is_refused(demo_file: Path) -> None:
    garbage_in_the_middle(demo_file)
    check_ahead(str(demo_file))
    with pytest.raises(DatabaseDamaged):
        open_database(str(demo_file))


def test_a_file_damaged_after_its_check_began_is_checked_again(demo_file: Path) -> None:
    check_ahead(str(demo_file)).wait()  # found it sound
    garbage_in_the_middle(demo_file)  # what another program might do in the meantime
    with pytest.raises(DatabaseDamaged):
        open_database(str(demo_file))


def test_a_check_of_another_file_does_not_vouch_for_this_one(
    demo_file: Path, tmp_path: Path
) -> None:
    other = tmp_path / "sound.sqlite3"
    open_database(str(other)).close()
    garbage_in_the_middle(demo_file)
    check_ahead(str(other)).wait()
    with pytest.raises(DatabaseDamaged):
        open_database(str(demo_file))


def test_a_sound_file_checked_ahead_opens(demo_file: Path) -> None:
    check_ahead(str(demo_file))
    db = open_database(str(demo_file))
    try:
        assert db.path == demo_file
    finally:
        db.close()


def test_a_sound_file_checked_ahead_is_not_checked_again_at_opening(
    demo_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The check's own read-only connection leaves an empty write-ahead log beside a WAL
    file; that is no change, so the opening takes the check's answer instead of reading
    the whole file again (≈ 0.6 s of CPU at 100,000 activities)."""
    checked: list[Path] = []

    def counting(path: Path) -> list[str]:
        checked.append(path)
        return find_damage(path)

    monkeypatch.setattr(backups, "find_damage", counting)
    check_ahead(str(demo_file)).wait()
    assert demo_file.with_name(demo_file.name + "-wal").exists()
    open_database(str(demo_file)).close()
    assert checked == [demo_file]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="per-thread nice is Linux's")
def test_the_check_ahead_runs_at_a_lower_priority_than_the_window(demo_file: Path) -> None:
    """On a busy machine the window's thread, not the check, gets the core first."""
    seen: list[int] = []

    def note_priority(path: Path) -> list[str]:
        seen.append(os.getpriority(os.PRIO_PROCESS, threading.get_native_id()))
        return find_damage(path)

    CheckAhead(demo_file, note_priority).wait()
    window = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
    assert seen and seen[0] > window


class _Recording:
    """A ``find_damage`` that notes when it was asked, and finds nothing."""

    def __init__(self) -> None:
        self.asked = threading.Event()

    def __call__(self, path: Path) -> list[str]:
        self.asked.set()
        return []


def test_the_check_waits_for_the_first_rows_before_reading_the_file(demo_file: Path) -> None:
    """Read beside the start, the file slowed the window's own thread; the check now begins
    once the window's first rows are shown (``begin``)."""
    finder = _Recording()
    check = CheckAhead(demo_file, finder)
    assert not finder.asked.wait(0.3)
    check.begin()
    assert finder.asked.wait(5)
    assert check.problems() == []


def test_a_question_that_needs_the_answer_begins_the_check_at_once(demo_file: Path) -> None:
    finder = _Recording()
    check = CheckAhead(demo_file, finder)
    assert check.problems() == []  # a write, a migration or a start backup asking
    assert finder.asked.is_set()


def test_a_check_nobody_begins_reads_the_file_all_the_same(
    demo_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A start that never shows rows (a translator's note) is checked a moment later."""
    monkeypatch.setattr(database, "LATEST_CHECK_START_S", 0.2)
    finder = _Recording()
    CheckAhead(demo_file, finder)
    assert finder.asked.wait(5)


def test_a_watcher_of_the_answer_does_not_begin_the_check(demo_file: Path) -> None:
    """The window's watch for a late damaged answer waits without hurrying the check; the
    first rows begin it."""
    check_ahead(str(demo_file))
    db = open_database(str(demo_file), check_behind=True)
    try:
        assert db.damage_check is not None
        heard = threading.Event()

        def watch() -> None:
            db.wait_for_check(begin=False)
            heard.set()

        threading.Thread(target=watch, daemon=True).start()
        assert not heard.wait(0.5)
        db.begin_check()
        assert heard.wait(10)
        assert db.damage_check.answered and not db.found_damaged()
    finally:
        db.close()
