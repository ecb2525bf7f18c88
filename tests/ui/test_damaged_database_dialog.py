"""A damaged database at start, as the user meets it: a dialog that offers the newest sound
backup and says what it holds, restores it while keeping the damaged file aside, or lets
them open another file or quit; plus the sync-folder warning and the exit backup."""

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from desktop.store import backups
from desktop.store.database import Database
from desktop.store.errors import DatabaseDamaged
from desktop.ui.app import run_gui
from desktop.ui.damaged_database import DamagedDatabaseDialog, open_at_start
from desktop.ui.main_window import MainWindow
from tests.damaged_files import demo_database_file, garbage_in_the_middle
from tests.ui.conftest import MessageBoxes
from tests.ui.helpers import close_once_open


@pytest.fixture
def demo_file(sqlite_db: Database) -> Path:
    return demo_database_file(sqlite_db)


def project_count(path: Path) -> int:
    connection = sqlite3.connect(path)
    try:
        return connection.execute("SELECT count(*) FROM projects").fetchone()[0]
    finally:
        connection.close()


def when_dialog_shows(act: Callable[[DamagedDatabaseDialog], None], seen: list[str]) -> None:
    """Once the dialog is up, note what it says and act on it."""

    def look() -> None:
        dialogs = [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, DamagedDatabaseDialog) and w.isVisible()
        ]
        if not dialogs:
            QTimer.singleShot(20, look)
            return
        dialog = dialogs[0]
        seen.append(dialog.loss.text())
        seen.append(dialog.restore_button.text() if dialog.restore_button.isVisible() else "")
        counts = [dialog.counts.item(0, column) for column in range(3)]
        seen.append(" | ".join(item.text() for item in counts if item is not None))
        act(dialog)

    QTimer.singleShot(0, look)


def test_the_newest_sound_backup_is_restored_and_the_damaged_file_kept(
    qtbot: QtBot, demo_file: Path, message_boxes: MessageBoxes
) -> None:
    backups.take_backup(demo_file, backups.EXIT)
    garbage_in_the_middle(demo_file)
    damaged_bytes = demo_file.read_bytes()
    seen: list[str] = []

    when_dialog_shows(lambda dialog: dialog.restore_button.click(), seen)
    db = open_at_start(str(demo_file))

    assert db is not None
    try:
        assert project_count(demo_file) == 4
    finally:
        db.close()
    loss, button, projects_row = seen
    assert "changes made after it will be lost" in loss
    assert button.startswith("&Restore the backup from")
    assert projects_row.startswith("Projects | 4 | ")
    [aside] = demo_file.parent.glob(f"{demo_file.name}.damaged-*[0-9]")
    assert aside.read_bytes() == damaged_bytes
    assert message_boxes.kinds() == ["information"]
    assert str(aside) in message_boxes.shown[0][2]


def test_every_count_and_heading_shows_without_scrolling(qtbot: QtBot, demo_file: Path) -> None:
    backups.take_backup(demo_file, backups.EXIT)
    garbage_in_the_middle(demo_file)
    backup = backups.newest_good_backup(demo_file)
    dialog = DamagedDatabaseDialog(DatabaseDamaged(str(demo_file), ["malformed"]), backup)
    qtbot.addWidget(dialog)
    dialog.show()

    table = dialog.counts
    rows = sum(table.rowHeight(row) for row in range(table.rowCount()))
    assert table.viewport().height() >= rows
    header = table.horizontalHeader()
    for column in range(table.columnCount()):
        heading = table.horizontalHeaderItem(column).text()
        assert header.sectionSize(column) >= header.fontMetrics().horizontalAdvance(heading)
    assert dialog.width() <= 620


def test_a_backup_restored_in_a_sync_folder_comes_with_the_warning(
    qtbot: QtBot, tmp_path: Path, demo_file: Path, message_boxes: MessageBoxes
) -> None:
    folder = tmp_path / "OneDrive - Fondacioni"
    folder.mkdir()
    synced = folder / demo_file.name
    demo_file.rename(synced)
    backups.take_backup(synced, backups.EXIT)
    garbage_in_the_middle(synced)

    when_dialog_shows(lambda dialog: dialog.restore_button.click(), [])
    db = open_at_start(str(synced))

    assert db is not None
    db.close()
    assert message_boxes.kinds() == ["information", "warning"]
    assert "OneDrive" in message_boxes.shown[1][2]


def test_without_a_backup_quitting_leaves_the_damaged_file_as_it_was(
    qtbot: QtBot, demo_file: Path, message_boxes: MessageBoxes
) -> None:
    garbage_in_the_middle(demo_file)
    before = demo_file.read_bytes()
    seen: list[str] = []

    when_dialog_shows(lambda dialog: dialog.quit_button.click(), seen)
    assert open_at_start(str(demo_file)) is None

    assert "There is no sound backup" in seen[0]
    assert seen[1] == ""  # no restore button to press
    assert demo_file.read_bytes() == before
    assert not list(demo_file.parent.glob("*.damaged-*"))
    assert message_boxes.shown == []


def test_another_database_can_be_opened_instead(
    qtbot: QtBot, demo_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    garbage_in_the_middle(demo_file)
    other = tmp_path / "other" / "office.sqlite3"
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *_args: (str(other), ""))
    )

    when_dialog_shows(lambda dialog: dialog.open_button.click(), [])
    db = open_at_start(str(demo_file))

    assert db is not None and db.path == other.resolve()
    db.close()


def test_a_database_in_a_sync_folder_opens_with_a_warning(
    qtbot: QtBot, tmp_path: Path, message_boxes: MessageBoxes
) -> None:
    folder = tmp_path / "OneDrive - Fondacioni"
    db = open_at_start(str(folder / "office.sqlite3"))
    assert db is not None
    db.close()
    [(kind, _title, text)] = message_boxes.shown
    assert kind == "warning" and "OneDrive" in text and "PostgreSQL" in text


def test_the_application_takes_a_backup_when_it_closes(qtbot: QtBot, demo_file: Path) -> None:
    def work(window: MainWindow) -> None:
        with window.database.transaction() as session:
            session.execute(text("UPDATE projects SET code = 'WORK-' || id"))

    close_once_open(work)
    assert run_gui(str(demo_file), "en") == 0

    exit_backup, start_backup = backups.list_backups(demo_file)
    assert (exit_backup.reason, start_backup.reason) == (backups.EXIT, backups.START)
    assert backups.find_damage(exit_backup.path, thorough=True) == []
    assert project_codes(exit_backup.path) == [f"WORK-{n}" for n in range(1, 5)]
    assert "WORK-1" not in project_codes(start_backup.path)


def project_codes(path: Path) -> list[str]:
    connection = sqlite3.connect(path)
    try:
        return [row[0] for row in connection.execute("SELECT code FROM projects ORDER BY id")]
    finally:
        connection.close()


def test_a_path_that_looks_like_markup_is_shown_as_it_is(qtbot: QtBot) -> None:
    path = "/home/ana/<b>zyra</b>/csodesk.sqlite3"
    dialog = DamagedDatabaseDialog(DatabaseDamaged(path, ["<i>malformed</i>"]), None)
    qtbot.addWidget(dialog)

    for label in (dialog.message, dialog.problems, dialog.loss):
        assert label.textFormat() == Qt.TextFormat.PlainText
    assert path in dialog.message.text()
