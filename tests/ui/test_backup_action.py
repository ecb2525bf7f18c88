"""File > Back up database… as a user meets it: a file that opens with the same office and
passes its check, Cancel leaving nothing, and a clear refusal for a file or folder that
cannot take the backup."""

import sqlite3
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QProgressDialog, QPushButton, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desktop.domain import Project
from desktop.i18n import _
from desktop.store import maintenance
from desktop.store.collations import register_sqlite_collations
from desktop.store.database import Database, open_database
from desktop.store.demo import load_demo
from desktop.ui import settings
from desktop.ui.backup import DatabaseBackup, default_backup_path
from desktop.ui.main_window import MainWindow
from desktop.ui.progress import ProgressRun
from tests.ui.conftest import MessageBoxes


def save_as(monkeypatch: pytest.MonkeyPatch, target: Path) -> list[str]:
    """Answer the file dialog with ``target``; the list collects the suggested names."""
    suggested: list[str] = []

    def answer(_parent: object, _caption: str, proposed: str, *_args: object) -> tuple[str, str]:
        suggested.append(proposed)
        return str(target), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(answer))
    return suggested


def back_up(qtbot: QtBot, window: MainWindow) -> ProgressRun:
    window.file_menu.backup_action.trigger()
    run = window.file_menu.backup.current_run
    assert run is not None
    return run


def wait(qtbot: QtBot, run: ProgressRun) -> None:
    with qtbot.waitSignal(run.finished, timeout=20_000):
        pass


def project_codes(db: Database) -> list[str]:
    with db.transaction() as session:
        return list(session.scalars(select(Project.code).order_by(Project.code)))


def test_the_backup_opens_with_the_same_projects_and_passes_its_check(
    qtbot: QtBot,
    window: MainWindow,
    sqlite_db: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    message_boxes: MessageBoxes,
) -> None:
    load_demo(sqlite_db)
    folder = tmp_path / "usb"
    folder.mkdir()
    suggested = save_as(monkeypatch, folder / "office-friday")  # no ending typed

    wait(qtbot, back_up(qtbot, window))

    target = folder / "office-friday.sqlite"
    assert suggested[0].endswith(f"csodesk-{date.today().isoformat()}.sqlite")
    [(kind, _title, text)] = message_boxes.shown
    assert kind == "information" and str(target) in text
    assert sorted(path.name for path in folder.iterdir()) == [target.name]
    with sqlite3.connect(target) as copy:
        register_sqlite_collations(copy)  # the check reads the title indexes (schema 0006)
        assert copy.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    copied = open_database(str(target))
    try:
        assert project_codes(copied) == project_codes(sqlite_db)
        assert len(project_codes(copied)) == 4
    finally:
        copied.close()
    assert settings.read_text(settings.BACKUP_FOLDER) == str(folder)
    assert str(target) in window.statusBar().currentMessage()


def test_cancel_leaves_no_file(
    qtbot: QtBot,
    window: MainWindow,
    sqlite_db: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    message_boxes: MessageBoxes,
) -> None:
    """Cancel pressed at once: whether the copy is still running or just finished, no
    file is left, not even the hidden partial one."""
    load_demo(sqlite_db)
    monkeypatch.setattr(maintenance, "BACKUP_STEP_PAGES", 1)
    folder = tmp_path / "usb"
    folder.mkdir()
    save_as(monkeypatch, folder / "copy.sqlite")

    run = back_up(qtbot, window)
    [dialog] = window.findChildren(QProgressDialog)
    dialog.findChild(QPushButton).click()  # Cancel
    wait(qtbot, run)

    assert list(folder.iterdir()) == []
    assert message_boxes.shown == []
    assert window.statusBar().currentMessage() == _(
        "The backup was cancelled; no file was written."
    )
    assert not window.is_busy()


def test_an_existing_file_is_refused_and_kept(
    qtbot: QtBot,
    window: MainWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    message_boxes: MessageBoxes,
) -> None:
    target = tmp_path / "copy.sqlite"
    target.write_text("last week's backup", encoding="utf-8")
    save_as(monkeypatch, target)

    wait(qtbot, back_up(qtbot, window))

    [(kind, _title, text)] = message_boxes.shown
    assert kind == "warning"
    assert text == _("The file {path} already exists.").format(path=target)
    assert target.read_text(encoding="utf-8") == "last week's backup"
    assert not list(tmp_path.glob(".copy*"))


def test_a_folder_that_cannot_be_written_is_refused(
    qtbot: QtBot,
    window: MainWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    message_boxes: MessageBoxes,
) -> None:
    not_a_folder = tmp_path / "minutes.txt"
    not_a_folder.write_text("not a folder", encoding="utf-8")
    save_as(monkeypatch, not_a_folder / "copy.sqlite")
    before = sorted(tmp_path.iterdir())

    wait(qtbot, back_up(qtbot, window))

    [(kind, _title, text)] = message_boxes.shown
    assert kind == "warning"
    assert str(not_a_folder) in text
    assert sorted(tmp_path.iterdir()) == before


def test_choosing_no_file_starts_nothing(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *_args, **_kwargs: ("", ""))
    )
    window.file_menu.backup_action.trigger()
    assert not window.is_busy()
    assert window.findChildren(QProgressDialog) == []


def test_a_server_database_is_backed_up_with_pg_dump(
    qtbot: QtBot, postgres_url: str, monkeypatch: pytest.MonkeyPatch, message_boxes: MessageBoxes
) -> None:
    asked: list[object] = []
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *args: asked.append(args))
    )
    parent = QWidget()
    qtbot.addWidget(parent)
    db = open_database(postgres_url)
    try:
        backup = DatabaseBackup(parent, db, lambda _message: None)
        assert backup.start() is None
    finally:
        db.close()
    assert message_boxes.shown == [
        ("information", _("Back up database"), maintenance.server_backup_hint())
    ]
    assert asked == [] and not backup.is_busy()


def test_the_suggested_name_never_names_an_existing_backup(tmp_path: Path) -> None:
    day = date(2026, 11, 28)
    assert default_backup_path(tmp_path, day) == tmp_path / "csodesk-2026-11-28.sqlite"
    (tmp_path / "csodesk-2026-11-28.sqlite").touch()
    (tmp_path / "csodesk-2026-11-28-2.sqlite").touch()
    assert default_backup_path(tmp_path, day) == tmp_path / "csodesk-2026-11-28-3.sqlite"
