"""Starting the application: one clear sentence for a database that cannot be opened, and
the window on the saved language otherwise; the window's frame comes first, before the
database is opened, and gets its database and page once it is."""

import time
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from desktop import i18n, version
from desktop.store.database import Database, open_database
from desktop.store.demo import load_demo
from desktop.store.errors import StoreError
from desktop.ui import settings
from desktop.ui.app import run_gui
from desktop.ui.main_window import MainWindow
from tests.ui.conftest import MessageBoxes
from tests.ui.test_sign_in import opened, run_steps


def test_a_file_that_is_not_a_database_gives_one_message_and_status_1(
    qtbot: QtBot, tmp_path: Path, message_boxes: MessageBoxes, monkeypatch: pytest.MonkeyPatch
) -> None:
    not_a_database = tmp_path / "notes.sqlite3"
    not_a_database.write_text("minutes of the MCSC meeting", encoding="utf-8")
    with pytest.raises(StoreError) as expected:
        open_database(str(not_a_database))
    over: list[object] = []

    def critical(parent: object, title: str, text: str, *_args: object) -> None:
        over.append(parent)
        message_boxes.shown.append(("critical", title, text))

    monkeypatch.setattr(QMessageBox, "critical", staticmethod(critical))

    assert run_gui(str(not_a_database), "en") == 1
    assert message_boxes.shown == [("critical", message_boxes.shown[0][1], str(expected.value))]
    assert isinstance(over[0], MainWindow)  # said over the window's frame, painted first
    assert not [
        w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
    ]


def test_the_window_opens_in_the_saved_language_on_the_last_page(
    qtbot: QtBot, tmp_path: Path
) -> None:
    settings.save_language("sr_Latn")
    settings.write(settings.LAST_PAGE, "grants")
    seen: dict[str, object] = {}

    def look_and_close() -> bool:
        windows = opened()
        if not windows:
            return False
        [window] = windows
        seen["language"] = i18n.current_language()
        seen["page"] = window.current_page_key()
        seen["status"] = window.database_label.text()
        window.show_page("partners")
        window.close()
        return True

    timer = run_steps([look_and_close])
    database = tmp_path / "office.sqlite3"
    assert run_gui(str(database), None) == 0
    timer.stop()

    assert seen["language"] == "sr_Latn"
    assert seen["page"] == "grants"
    assert str(database) in str(seen["status"])
    assert settings.read_text(settings.LAST_PAGE) == "partners"
    assert settings.read_bytes(settings.WINDOW_GEOMETRY) is not None


def test_without_an_address_the_last_database_opens_again(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CSODESK_DB_URL", raising=False)
    database = tmp_path / "office.sqlite3"
    seen: list[str] = []

    def look_and_close() -> bool:
        for window in opened():
            seen.append(window.database_label.text())
            window.close()
        return bool(seen)

    timer = run_steps([look_and_close])
    assert run_gui(str(database), "en") == 0
    timer.stop()
    seen_first = list(seen)
    seen.clear()
    timer = run_steps([look_and_close])
    assert run_gui(None, "en") == 0
    timer.stop()
    seen.extend(seen_first)
    assert len(seen) == 2 and all(str(database) in text for text in seen)


def test_qt_is_told_the_version_once_the_first_rows_are_shown(qtbot: QtBot, tmp_path: Path) -> None:
    """Reading the version from ``pyproject.toml`` waits until the list's rows are painted."""
    app = QApplication.instance()
    app.setApplicationVersion("")
    settings.write(settings.LAST_PAGE, "activities")
    database = tmp_path / "office.sqlite3"
    db = open_database(str(database))
    load_demo(db)
    db.close()
    seen: dict[str, object] = {}
    deadline = time.monotonic() + 20

    def told_then_close() -> bool:
        windows = opened()
        told = app.applicationVersion() == version()
        if not windows or not (told or time.monotonic() > deadline):
            return False
        seen["told"] = told
        seen["rows"] = windows[0].page("activities").model.rowCount()
        for window in windows:
            window.close()
        return True

    timer = run_steps([told_then_close])
    assert run_gui(str(database), "en") == 0
    timer.stop()
    assert seen == {"told": True, "rows": seen["rows"]} and seen["rows"] > 0


def test_a_start_on_the_remembered_database_leaves_the_settings_file_alone(
    qtbot: QtBot, tmp_path: Path, sqlite_db: Database
) -> None:
    settings.remember_database(sqlite_db)
    stored = Path(settings.app_settings().fileName())
    before = (stored.read_bytes(), stored.stat().st_mtime_ns)
    time.sleep(0.01)  # a rewrite would show in the file's time

    settings.remember_database(sqlite_db)

    assert (stored.read_bytes(), stored.stat().st_mtime_ns) == before
    other = open_database(str(tmp_path / "another.sqlite3"))
    try:
        settings.remember_database(other)
    finally:
        other.close()
    assert settings.read_text(settings.LAST_DATABASE).endswith("another.sqlite3")
