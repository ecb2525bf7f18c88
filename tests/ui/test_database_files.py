"""File > Open database… and New database…: the window moves to the chosen file and
remembers it; a file that cannot be opened is explained and the current one stays."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QFileDialog
from pytestqt.qtbot import QtBot
from shiboken6 import isValid

from desktop.i18n import _
from desktop.services.listing import ListQuery
from desktop.services.projects import ProjectService
from desktop.store import backups
from desktop.store.database import Database, open_database
from desktop.store.demo import load_demo
from desktop.ui import settings
from desktop.ui.main_window import MainWindow
from tests.damaged_files import garbage_in_the_middle
from tests.ui.conftest import MessageBoxes
from tests.ui.test_damaged_database_dialog import when_dialog_shows


def answer_open(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *_args, **_kwargs: (str(path), ""))
    )


def answer_save(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *_args, **_kwargs: (str(path), ""))
    )


def visible_windows() -> list[MainWindow]:
    return [
        w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
    ]


@pytest.fixture
def other_office(tmp_path: Path) -> Path:
    """A second database, with the demo office in it."""
    path = tmp_path / "elsewhere" / "pristina-office.sqlite3"
    db = open_database(str(path))
    try:
        load_demo(db)
    finally:
        db.close()
    return path


@pytest.fixture
def first_window(qtbot: QtBot, sqlite_db: Database) -> Iterator[MainWindow]:
    """A window the test may see replaced: qtbot closes it only if it still exists."""
    window = MainWindow(sqlite_db)
    window.show()
    qtbot.waitExposed(window)
    yield window
    if isValid(window):
        window.close()
        window.deleteLater()


def adopt(qtbot: QtBot) -> MainWindow:
    """The one window left showing, handed to qtbot to close after the test."""
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    [window] = visible_windows()
    qtbot.addWidget(window)
    return window


def test_open_database_moves_the_window_to_the_other_file(
    qtbot: QtBot,
    first_window: MainWindow,
    sqlite_db: Database,
    other_office: Path,
    monkeypatch: pytest.MonkeyPatch,
    message_boxes: MessageBoxes,
) -> None:
    assert first_window.file_menu.open_action.shortcut() == QKeySequence("Ctrl+O")
    first_window.show_page("projects")
    answer_open(monkeypatch, other_office)

    first_window.file_menu.open_action.trigger()

    window = adopt(qtbot)
    assert not isValid(first_window)
    assert message_boxes.shown == []
    assert window.database.path == other_office.resolve()
    assert str(other_office) in window.database_label.text()
    assert window.current_page_key() == "projects"
    projects = window.page("projects")
    assert projects is not None and projects.model.rowCount() == 4  # the demo's projects
    assert str(other_office) in settings.read_text(settings.LAST_DATABASE)
    assert ProjectService(sqlite_db).count(ListQuery()) == 0  # the first file is untouched


def test_a_file_that_is_not_a_database_is_explained_and_the_current_one_stays(
    qtbot: QtBot,
    first_window: MainWindow,
    sqlite_db: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    message_boxes: MessageBoxes,
) -> None:
    notes = tmp_path / "minutes.sqlite3"
    notes.write_text("minutes of the MCSC meeting", encoding="utf-8")
    answer_open(monkeypatch, notes)

    first_window.file_menu.open_action.trigger()

    assert visible_windows() == [first_window]
    [(kind, _title, text)] = message_boxes.shown
    assert kind == "warning"
    assert text == _("The file {path} is not a CSO Desk database (or it is damaged).").format(
        path=notes
    )
    assert first_window.database is sqlite_db
    assert notes.read_text(encoding="utf-8") == "minutes of the MCSC meeting"
    assert settings.read_text(settings.LAST_DATABASE) == ""


def test_a_damaged_file_offers_its_newest_sound_backup_as_at_start(
    qtbot: QtBot,
    first_window: MainWindow,
    other_office: Path,
    monkeypatch: pytest.MonkeyPatch,
    message_boxes: MessageBoxes,
) -> None:
    backups.take_backup(other_office, backups.EXIT)
    garbage_in_the_middle(other_office)
    damaged_bytes = other_office.read_bytes()
    answer_open(monkeypatch, other_office)
    seen: list[str] = []
    when_dialog_shows(lambda dialog: dialog.restore_button.click(), seen)

    first_window.file_menu.open_action.trigger()

    assert seen, "the damaged-database dialog did not open"
    window = adopt(qtbot)
    assert window.database.path == other_office.resolve()
    projects = window.page("projects")
    window.show_page("projects")
    assert projects is not None and projects.model.rowCount() == 4
    [aside] = other_office.parent.glob(f"{other_office.name}.damaged-*[0-9]")
    assert aside.read_bytes() == damaged_bytes


def test_new_database_creates_an_empty_office_and_shows_it(
    qtbot: QtBot,
    first_window: MainWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    message_boxes: MessageBoxes,
) -> None:
    answer_save(monkeypatch, tmp_path / "new-office")  # no ending typed

    first_window.file_menu.new_action.trigger()

    window = adopt(qtbot)
    created = tmp_path / "new-office.sqlite3"
    assert message_boxes.shown == []
    assert window.database.path == created.resolve()
    assert ProjectService(window.database).count(ListQuery()) == 0
    assert str(created) in settings.read_text(settings.LAST_DATABASE)


def test_new_database_never_replaces_an_existing_file(
    qtbot: QtBot,
    first_window: MainWindow,
    other_office: Path,
    monkeypatch: pytest.MonkeyPatch,
    message_boxes: MessageBoxes,
) -> None:
    answer_save(monkeypatch, other_office)
    before = other_office.read_bytes()

    first_window.file_menu.new_action.trigger()

    assert visible_windows() == [first_window]
    [(kind, _title, text)] = message_boxes.shown
    assert kind == "warning" and str(other_office) in text
    assert other_office.read_bytes() == before


def test_a_cancelled_file_dialog_changes_nothing(
    qtbot: QtBot, window: MainWindow, sqlite_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *_args, **_kwargs: ("", ""))
    )
    window.file_menu.open_action.trigger()
    assert visible_windows() == [window]
    assert window.database is sqlite_db


def test_the_open_database_is_not_opened_twice(
    qtbot: QtBot, window: MainWindow, sqlite_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert sqlite_db.path is not None
    answer_open(monkeypatch, sqlite_db.path)
    window.file_menu.open_action.trigger()
    assert visible_windows() == [window]
    assert window.statusBar().currentMessage() == _("This database is already open.")
