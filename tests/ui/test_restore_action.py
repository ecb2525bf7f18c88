"""File > Restore from backup… as a user meets it: the backups listed newest first, a
confirmation, then the window back on the restored data with the replaced database kept;
a damaged backup is refused and the open database stays as it was."""

import os
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog, QMessageBox
from pytestqt.qtbot import QtBot
from shiboken6 import isValid
from sqlalchemy import select, text

from desktop.domain import Project
from desktop.store import backups, encryption
from desktop.store.database import Database
from desktop.store.demo import load_demo
from desktop.ui.main_window import MainWindow
from desktop.ui.restore import BackupChooser
from tests.ui.conftest import MessageBoxes


@pytest.fixture
def demo_window(qtbot: QtBot, sqlite_db: Database) -> Iterator[MainWindow]:
    """A window the test may see replaced: closed here only if it still exists."""
    load_demo(sqlite_db)
    window = MainWindow(sqlite_db)
    window.show()
    yield window
    if isValid(window):
        window.close()
        window.deleteLater()


def codes(db: Database) -> list[str]:
    with db.transaction() as session:
        return list(session.scalars(select(Project.code).order_by(Project.id)))


def rename_projects(db: Database) -> None:
    with db.transaction() as session:
        session.execute(text("UPDATE projects SET code = 'LATER-' || id"))


def when_chooser_shows(act: Callable[[BackupChooser], None], seen: list[str]) -> None:
    def look() -> None:
        choosers = [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, BackupChooser) and w.isVisible()
        ]
        if not choosers:
            QTimer.singleShot(20, look)
            return
        chooser = choosers[0]
        seen.extend(chooser.backups.item(row).text() for row in range(chooser.backups.count()))
        act(chooser)

    QTimer.singleShot(0, look)


def restore(qtbot: QtBot, window: MainWindow, act: Callable[[BackupChooser], None]) -> list[str]:
    seen: list[str] = []
    when_chooser_shows(act, seen)
    run = window.file_menu.restore.start()
    if run is not None:
        with qtbot.waitSignal(run.finished, timeout=20_000):
            pass
    return seen


def visible_windows() -> list[MainWindow]:
    return [
        w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
    ]


def test_a_chosen_backup_comes_back_in_a_new_window_and_the_old_data_is_kept(
    qtbot: QtBot, demo_window: MainWindow, message_boxes: MessageBoxes
) -> None:
    db = demo_window.database
    assert db.path is not None
    original = codes(db)
    backups.take_backup(db.path, backups.EXIT)
    rename_projects(db)
    message_boxes.answer = QMessageBox.StandardButton.Yes

    seen = restore(qtbot, demo_window, lambda chooser: chooser.restore_button.click())

    assert len(seen) == 1 and "when CSO Desk closed" in seen[0]
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    [window] = visible_windows()
    qtbot.addWidget(window)
    assert window is not demo_window
    assert codes(window.database) == original
    assert message_boxes.kinds() == ["question", "information"]
    kept = backups.list_backups(db.path)[0]
    assert kept.reason == backups.BEFORE_RESTORE
    assert str(kept.path) in message_boxes.shown[-1][2]


def test_saying_no_to_the_confirmation_changes_nothing(
    qtbot: QtBot, demo_window: MainWindow, message_boxes: MessageBoxes
) -> None:
    db = demo_window.database
    assert db.path is not None
    backups.take_backup(db.path, backups.EXIT)
    rename_projects(db)
    message_boxes.answer = QMessageBox.StandardButton.Cancel

    restore(qtbot, demo_window, lambda chooser: chooser.restore_button.click())

    assert codes(db)[0] == "LATER-1"
    assert visible_windows() == [demo_window]
    assert [b.reason for b in backups.list_backups(db.path)] == [backups.EXIT]


def test_a_damaged_backup_file_is_refused_and_the_database_stays(
    qtbot: QtBot,
    demo_window: MainWindow,
    message_boxes: MessageBoxes,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    db = demo_window.database
    assert db.path is not None
    broken = backups.take_backup(db.path, backups.MANUAL)
    with broken.open("r+b") as handle:
        handle.seek(broken.stat().st_size // 2 // 4096 * 4096)
        handle.write(os.urandom(4096 * 4))
    elsewhere = tmp_path / "usb" / "office.sqlite3"
    elsewhere.parent.mkdir()
    broken.rename(elsewhere)
    rename_projects(db)
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *_args: (str(elsewhere), ""))
    )
    message_boxes.answer = QMessageBox.StandardButton.Yes

    restore(qtbot, demo_window, lambda chooser: chooser.file_button.click())

    assert message_boxes.kinds() == ["question", "warning"]
    assert "failed its check" in message_boxes.shown[-1][2]
    assert visible_windows() == [demo_window]
    assert codes(db)[0] == "LATER-1"  # and the window still reads its database


def test_two_backups_of_the_same_minute_are_told_apart_by_their_seconds(
    qtbot: QtBot, tmp_path: Path
) -> None:
    def backup(taken_at: datetime, reason: str) -> backups.BackupFile:
        return backups.BackupFile(tmp_path / f"{reason}.sqlite3", taken_at, reason, None, False, 0)

    chooser = BackupChooser(
        [
            backup(datetime(2026, 11, 28, 13, 0, 47), backups.BEFORE_RESTORE),
            backup(datetime(2026, 11, 28, 13, 0, 42), backups.BEFORE_RESTORE),
            backup(datetime(2026, 11, 28, 12, 0, 5), backups.START),
        ],
        tmp_path,
        None,
    )
    qtbot.addWidget(chooser)

    lines = [chooser.backups.item(row).text() for row in range(chooser.backups.count())]
    assert "13:00:47" in lines[0] and "13:00:42" in lines[1]
    assert "at 12:00," in lines[2]  # alone in its minute: no seconds


def test_choosing_the_open_database_itself_is_refused_at_once(
    qtbot: QtBot,
    demo_window: MainWindow,
    message_boxes: MessageBoxes,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The copy of a file onto itself once started over for ever behind the progress bar."""
    db = demo_window.database
    assert db.path is not None
    itself = str(db.path)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *_args: (itself, "")))
    message_boxes.answer = QMessageBox.StandardButton.Yes

    restore(qtbot, demo_window, lambda chooser: chooser.file_button.click())

    assert message_boxes.kinds() == ["question", "warning"]
    assert "is the database itself" in message_boxes.shown[-1][2]
    assert visible_windows() == [demo_window]
    assert len(codes(db)) == 4


def test_an_encrypted_backup_asks_its_passphrase_and_a_wrong_one_changes_nothing(
    qtbot: QtBot,
    demo_window: MainWindow,
    message_boxes: MessageBoxes,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    monkeypatch.setattr(encryption, "SCRYPT_LOG2_N", 12)
    db = demo_window.database
    assert db.path is not None
    sealed = tmp_path / "jashtë zyrës 🔐.enc"
    backups.write_encrypted_backup(db.path, sealed, "Prishtinë 2026 🔐")
    rename_projects(db)
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *_args: (str(sealed), ""))
    )
    message_boxes.answer = QMessageBox.StandardButton.Yes
    asked: list[str] = []

    def type_passphrase() -> None:
        dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, QInputDialog)]
        if not dialogs or not dialogs[0].isVisible():
            QTimer.singleShot(20, type_passphrase)
            return
        asked.append(dialogs[0].labelText())
        dialogs[0].setTextValue("not the passphrase")
        dialogs[0].accept()

    QTimer.singleShot(0, type_passphrase)
    restore(qtbot, demo_window, lambda chooser: chooser.file_button.click())

    assert asked and sealed.name in asked[0]
    assert message_boxes.kinds() == ["question", "warning"]
    assert "passphrase" in message_boxes.shown[-1][2]
    assert visible_windows() == [demo_window]
    assert codes(db)[0] == "LATER-1"
