"""The damage check runs behind the window's opening: the first rows show before its
answer, a healthy answer changes nothing visible, and a damaged one closes every page and
offers the same choices as a damaged file at start.  A save tried before the answer is
refused with the damaged file's message, the editor keeps the typing, and the file is
unchanged.

Each check is held back until the test lets it answer (as in
tests/store/test_check_behind.py), so what happens before the answer is certain."""

import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QTableView
from pytestqt.qtbot import QtBot
from shiboken6 import isValid

from desktop.domain.user import Role
from desktop.services.actor import sign_in_as
from desktop.services.sign_in import sign_in
from desktop.store import database
from desktop.store.backups import EXIT, RotationPolicy, automatic_backup
from desktop.store.database import CheckAhead, Database
from desktop.ui import settings
from desktop.ui.app import run_gui
from desktop.ui.damaged_database import (
    DamagedDatabaseDialog,
    DamageWatch,
    open_at_start,
    watch_damage_check,
)
from desktop.ui.main_window import MainWindow
from desktop.ui.sign_in.dialog import SignInDialog
from desktop.ui.sign_in.start import open_window, sign_out_of
from desktop.ui.sign_in.translator_window import TranslatorWindow
from tests.damaged_files import demo_database_file
from tests.ui.conftest import MessageBoxes
from tests.ui.test_sign_in import PASSWORD, add_user, opened, run_steps, shown

PROBLEM = "*** in database main ***\nPage 12: btreeInitPage() returns error code 11"


class HeldCheck:
    """A damage check that answers ``problems`` once released."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        self.release = threading.Event()

    def __call__(self, _path: Path) -> list[str]:
        assert self.release.wait(60), "the test never released the check"
        return self.problems


@pytest.fixture
def demo_file(sqlite_db: Database) -> Path:
    """The demo office on disk with its exit backup taken, as after a normal close: its
    start needs no backup, so its check may run behind the opening."""
    path = demo_database_file(sqlite_db)
    assert automatic_backup(path, EXIT, RotationPolicy()) is not None
    return path


@pytest.fixture
def translator_file(sqlite_db: Database) -> Path:
    """The demo office with an administrator and a translator who sign in with passwords,
    its exit backup taken, so that its check too may run behind the opening."""
    add_user(sqlite_db, "drita", Role.ADMIN)
    add_user(sqlite_db, "teuta", Role.TRANSLATOR)
    path = demo_database_file(sqlite_db)
    assert automatic_backup(path, EXIT, RotationPolicy()) is not None
    return path


@pytest.fixture
def window(qtbot: QtBot) -> Iterator[MainWindow]:
    """The frame as the start paints it, on the activities page once attached."""
    settings.write(settings.LAST_PAGE, "activities")
    frame = MainWindow()
    frame.show()
    yield frame
    if isValid(frame):  # a restored backup's window replaces it, and deletes it
        frame.close()
        if frame.is_attached():
            frame.database.close()


def _held(monkeypatch: pytest.MonkeyPatch, path: Path, problems: list[str]) -> HeldCheck:
    held = HeldCheck(problems)
    monkeypatch.setattr(database, "_ahead", CheckAhead(path, held))
    return held


def _held_at_start(monkeypatch: pytest.MonkeyPatch, problems: list[str]) -> list[HeldCheck]:
    """The check a whole start (``run_gui``) begins, held back: the list gets it once the
    start has named its file."""
    held: list[HeldCheck] = []

    def held_check_ahead(value: str) -> None:
        held.append(_held(monkeypatch, Path(value), problems))

    monkeypatch.setattr(database, "check_ahead", held_check_ahead)
    return held


@dataclass
class HeldStart:
    """The window on a file, its first rows shown while its check waits to be released."""

    held: HeldCheck
    db: Database
    watch: DamageWatch


def _start_held(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    window: MainWindow,
    path: Path,
    problems: list[str],
) -> HeldStart:
    held = _held(monkeypatch, path, problems)
    db = open_at_start(str(path), window)
    assert db is not None and db.damage_check is not None, "the check did not run behind"
    window.attach(db)
    watch = watch_damage_check(window)
    assert watch is not None
    qtbot.waitUntil(lambda: _rows_shown(window) > 0)
    return HeldStart(held, db, watch)


@pytest.fixture
def damaged_later(
    qtbot: QtBot, window: MainWindow, demo_file: Path, monkeypatch: pytest.MonkeyPatch
) -> HeldStart:
    """The demo office's first rows on the activities page; its check, once released, finds
    the file damaged."""
    return _start_held(qtbot, monkeypatch, window, demo_file, [PROBLEM])


def _rows_shown(window: MainWindow) -> int:
    page = window.page("activities")
    views = page.findChildren(QTableView) if page is not None else []
    model = views[0].model() if views else None
    return model.rowCount() if model is not None else 0


def _damaged_dialogs() -> list[DamagedDatabaseDialog]:
    return [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, DamagedDatabaseDialog) and w.isVisible()
    ]


def test_the_first_rows_show_before_the_check_answers_and_a_healthy_answer_changes_nothing(
    qtbot: QtBot,
    window: MainWindow,
    demo_file: Path,
    monkeypatch: pytest.MonkeyPatch,
    message_boxes: MessageBoxes,
) -> None:
    start = _start_held(qtbot, monkeypatch, window, demo_file, [])
    db, watch = start.db, start.watch
    assert not db.damage_check.answered and not watch.answered

    start.held.release.set()
    qtbot.waitUntil(lambda: watch.answered)
    assert not db.found_damaged()
    assert window.page("activities") is not None and _rows_shown(window) > 0
    assert window.sidebar.isEnabled() and window.closed_label is None
    assert not _damaged_dialogs() and message_boxes.shown == []


def test_a_damaged_answer_after_the_first_rows_closes_every_page_and_offers_recovery(
    qtbot: QtBot, window: MainWindow, demo_file: Path, damaged_later: HeldStart
) -> None:
    window.show_page("dashboard")
    seen: dict[str, object] = {}

    def look_then_quit() -> bool:
        dialogs = _damaged_dialogs()
        if not dialogs:
            return False
        [dialog] = dialogs
        seen["message"] = dialog.message.text()
        seen["problems"] = dialog.problems.text()
        seen["restore"] = dialog.restore_button.text()
        seen["pages"] = [key for key in ("activities", "dashboard") if window.page(key)]
        seen["sidebar"] = window.sidebar.isEnabled()
        seen["page actions"] = any(a.isEnabled() for a in window.page_actions.values())
        dialog.quit_button.click()
        return True

    timer = run_steps([look_then_quit])
    damaged_later.held.release.set()
    qtbot.waitUntil(lambda: damaged_later.watch.answered)
    qtbot.waitUntil(lambda: "message" in seen)
    timer.stop()

    assert str(demo_file) in str(seen["message"])
    assert "closed its pages" in str(seen["message"])
    assert "btreeInitPage" in str(seen["problems"])
    assert str(seen["restore"]).startswith("&Restore the backup from")
    assert seen["pages"] == [] and seen["sidebar"] is False and seen["page actions"] is False
    assert window.closed_label is not None and window.closed_label.text()
    qtbot.waitUntil(lambda: not window.isVisible())


def test_a_change_tried_before_a_damaged_answer_is_refused_and_changes_no_byte(
    qtbot: QtBot,
    window: MainWindow,
    demo_file: Path,
    message_boxes: MessageBoxes,
    damaged_later: HeldStart,
) -> None:
    """Archiving a row waits for the answer (on the GUI thread: a pause as long as the rest
    of the check), then says the file is damaged; opening its editor only reads, which never
    waits; the list stays as it was until the report closes it."""
    before = demo_file.read_bytes()
    held, db, watch = damaged_later.held, damaged_later.db, damaged_later.watch
    page = window.page("activities")
    page.table.selectRow(0)
    row = page.selected_row()
    assert row is not None and not row.archived
    busy = QDialog(window)  # any modal dialog open when the answer comes, such as a report's
    busy.setModal(True)
    busy.show()

    answer = threading.Timer(0.3, held.release.set)  # the archiving waits for it here
    answer.start()
    page.toggle_archived()
    answer.join()
    editor = page.open_dialog(row.id)  # it only reads, and reads never wait for the check
    assert editor is not None
    editor.close()

    assert [(kind, "damaged" in text) for kind, _title, text in message_boxes.shown] == [
        ("warning", True),
    ]
    first = page.model.row_at(0)
    assert first is not None and first.id == row.id and not first.archived
    # The report waits while the modal dialog is open, then comes once it closes.
    qtbot.wait(3 * DamageWatch.POLL_MS)
    assert not watch.answered and not _damaged_dialogs()
    reported: list[str] = []

    def quit_when_reported() -> bool:
        dialogs = _damaged_dialogs()
        if dialogs:
            reported.append(dialogs[0].message.text())
            dialogs[0].quit_button.click()
        return bool(dialogs)

    timer = run_steps([quit_when_reported])
    busy.close()
    qtbot.waitUntil(lambda: bool(reported))
    timer.stop()
    assert window.page("activities") is None
    db.close()
    assert demo_file.read_bytes() == before


def test_a_damaged_file_found_after_the_start_ends_it_when_the_user_quits(
    qtbot: QtBot, demo_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The whole start as an office meets it: the window shows the activities' first rows
    while the check runs, then the damaged answer closes them and asks what to do."""
    settings.write(settings.LAST_PAGE, "activities")
    held = _held_at_start(monkeypatch, [PROBLEM])
    seen: dict[str, object] = {}

    def rows_then_answer() -> bool:
        windows = opened()
        if not windows or _rows_shown(windows[0]) == 0:
            return False
        [window] = windows
        seen["answered before the rows"] = window.database.damage_check.answered
        held[0].release.set()
        return True

    def quit_at_the_dialog() -> bool:
        dialogs = _damaged_dialogs()
        if not dialogs:
            return False
        [window] = opened() or [None]
        seen["pages"] = window is not None and window.page("activities") is not None
        dialogs[0].quit_button.click()
        return True

    timer = run_steps([rows_then_answer, quit_at_the_dialog])
    status = run_gui(str(demo_file), "en")
    timer.stop()

    assert seen == {"answered before the rows": False, "pages": False}
    assert status == 0
    assert not opened()


def test_restoring_the_backup_after_a_damaged_answer_shows_it_in_a_new_window(
    qtbot: QtBot,
    window: MainWindow,
    demo_file: Path,
    message_boxes: MessageBoxes,
    damaged_later: HeldStart,
) -> None:

    def restore() -> bool:
        dialogs = _damaged_dialogs()
        if dialogs:
            dialogs[0].restore_button.click()
        return bool(dialogs)

    timer = run_steps([restore])
    damaged_later.held.release.set()
    qtbot.waitUntil(lambda: damaged_later.watch.answered)
    qtbot.waitUntil(lambda: bool(opened()))
    timer.stop()

    [restored] = opened()
    assert restored is not window and not window.isVisible()
    assert restored.database.path == demo_file and not restored.database.found_damaged()
    assert restored.page("activities") is not None and _rows_shown(restored) > 0
    assert message_boxes.kinds() == ["information"]  # "The backup was restored"
    assert "was restored" in message_boxes.shown[0][2]
    restored.close()
    restored.database.close()


DAMAGED_NOTE = "The database is damaged: its pages are closed."


def _signs_in(username: str) -> bool:
    dialogs = shown(SignInDialog)
    if dialogs:
        dialogs[0].username_edit.setText(username)
        dialogs[0].password_edit.setText(PASSWORD)
        dialogs[0].ok_button.click()
    return bool(dialogs)


def test_a_damaged_answer_reaches_a_translators_window_and_quit_ends_the_start(
    qtbot: QtBot, translator_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A translator's note shows no record, but its Sign out reads the file: the damaged
    answer takes it away and offers the same choices as over the main window."""
    held = _held_at_start(monkeypatch, [PROBLEM])
    seen: dict[str, object] = {}

    def note_then_answer() -> bool:
        notes = shown(TranslatorWindow)
        if notes:
            seen["answered before the note"] = notes[0].database.damage_check.answered
            held[0].release.set()
        return bool(notes)

    def quit_at_the_dialog() -> bool:
        dialogs = _damaged_dialogs()
        if not dialogs:
            return False
        [note] = shown(TranslatorWindow)
        seen["note"] = note.note.text()
        seen["sign out offered"] = note.sign_out_button.isEnabled()
        dialogs[0].quit_button.click()
        return True

    timer = run_steps([lambda: _signs_in("teuta"), note_then_answer, quit_at_the_dialog])
    deadline = QTimer()  # a note the answer never reaches would otherwise stay open for ever
    deadline.setSingleShot(True)
    deadline.timeout.connect(QApplication.closeAllWindows)
    deadline.start(30_000)
    status = run_gui(str(translator_file), "en")
    deadline.stop()
    timer.stop()

    assert seen == {
        "answered before the note": False,
        "note": DAMAGED_NOTE,
        "sign out offered": False,
    }
    assert status == 0
    assert not shown(TranslatorWindow) and not opened()


def test_restoring_the_backup_under_a_translators_window_signs_in_to_it_afresh(
    qtbot: QtBot,
    translator_file: Path,
    monkeypatch: pytest.MonkeyPatch,
    message_boxes: MessageBoxes,
) -> None:
    held = _held(monkeypatch, translator_file, [PROBLEM])
    db = open_at_start(str(translator_file))
    assert db is not None and db.damage_check is not None, "the check did not run behind"
    sign_in_as(sign_in(db, "teuta", PASSWORD))
    note = open_window(db)
    assert isinstance(note, TranslatorWindow)
    note.show()
    watch = watch_damage_check(note)
    assert watch is not None

    def restore() -> bool:
        dialogs = _damaged_dialogs()
        if dialogs:
            dialogs[0].restore_button.click()
        return bool(dialogs)

    timer = run_steps([restore, lambda: _signs_in("teuta")])
    held.release.set()
    qtbot.waitUntil(lambda: watch.answered)
    qtbot.waitUntil(lambda: any(w is not note for w in shown(TranslatorWindow)))
    timer.stop()

    [restored] = shown(TranslatorWindow)
    assert restored.database.path == translator_file and not restored.database.found_damaged()
    assert "Signed in as teuta (Translator)" in restored.note.text()
    assert restored.sign_out_button.isEnabled()
    assert message_boxes.kinds() == ["information"]  # "The backup was restored"
    restored.close()
    restored.database.close()


def test_the_answer_follows_a_sign_out_from_the_main_window_to_a_translators(
    qtbot: QtBot, window: MainWindow, translator_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The watch is for the file: whoever signs in next, before the answer, gets it."""
    start = _start_held(qtbot, monkeypatch, window, translator_file, [PROBLEM])
    db, watch = start.db, start.watch
    sign_in_as(sign_in(db, "drita", PASSWORD))
    seen: dict[str, object] = {}

    def quit_at_the_dialog() -> bool:
        dialogs = _damaged_dialogs()
        if not dialogs:
            return False
        seen["notes"] = [note.note.text() for note in shown(TranslatorWindow)]
        dialogs[0].quit_button.click()
        return True

    timer = run_steps([lambda: _signs_in("teuta"), quit_at_the_dialog])
    note = sign_out_of(window)
    assert isinstance(note, TranslatorWindow) and not watch.answered
    start.held.release.set()
    qtbot.waitUntil(lambda: "notes" in seen)
    timer.stop()

    assert seen["notes"] == [DAMAGED_NOTE]
    qtbot.waitUntil(lambda: not shown(TranslatorWindow))
    db.close()
