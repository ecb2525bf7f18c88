"""Files attached to a record through its editor: add, open, remove."""

from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from desktop.i18n import _
from desktop.services.attachments import AttachmentService
from desktop.services.projects import ProjectService
from desktop.store.database import Database
from desktop.ui.projects.dialog import ProjectDialog
from tests.ui.conftest import MessageBoxes
from tests.ui.helpers import add_project


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The files handed to the system's viewer."""
    urls: list[Path] = []

    def open_url(url: QUrl) -> bool:
        urls.append(Path(url.toLocalFile()))
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(open_url))
    return urls


def choose_files(monkeypatch: pytest.MonkeyPatch, *paths: Path) -> None:
    monkeypatch.setattr(
        QFileDialog,
        "getOpenFileNames",
        staticmethod(lambda *_args, **_kwargs: ([str(p) for p in paths], "")),
    )


def test_add_open_and_remove_a_file(
    qtbot: QtBot,
    sqlite_db: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    message_boxes: MessageBoxes,
    opened: list[Path],
) -> None:
    project_id = add_project(sqlite_db, "KS-CS-01", "Safer communities")
    project_uuid = ProjectService(sqlite_db).get(project_id).uuid
    contract = tmp_path / "Grant contract.pdf"
    contract.write_bytes(b"%PDF-1.7 the signed contract")
    minutes = tmp_path / "Записник.txt"
    minutes.write_text("Састанак МССЗ у Звечану", encoding="utf-8")

    dialog = ProjectDialog(sqlite_db, project_id, None)
    qtbot.addWidget(dialog)
    dialog.show()
    panel = dialog.attachments
    assert panel is not None and panel.isVisible()
    assert panel.list.count() == 0
    assert not panel.open_button.isEnabled()

    choose_files(monkeypatch, contract, minutes)
    with qtbot.waitSignal(panel.changed):
        panel.add_button.click()
    assert panel.filenames() == ["Grant contract.pdf", "Записник.txt"]
    stored = AttachmentService(sqlite_db).list("projects", project_uuid)
    assert [row.filename for row in stored] == ["Grant contract.pdf", "Записник.txt"]

    panel.list.setCurrentRow(0)
    panel.open_button.click()
    assert len(opened) == 1
    assert opened[0].name == "Grant contract.pdf"
    assert opened[0].read_bytes() == b"%PDF-1.7 the signed contract"

    message_boxes.answer = QMessageBox.StandardButton.No
    panel.remove_button.click()
    assert panel.list.count() == 2
    message_boxes.answer = QMessageBox.StandardButton.Yes
    panel.remove_button.click()
    assert panel.filenames() == ["Записник.txt"]
    assert len(AttachmentService(sqlite_db).list("projects", project_uuid)) == 1
    assert not dialog.is_modified()  # files are stored at once, not with Save


def test_a_file_too_big_or_gone_is_refused_with_its_name(
    qtbot: QtBot,
    sqlite_db: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    message_boxes: MessageBoxes,
) -> None:
    project_id = add_project(sqlite_db, "KS-CS-01", "Safer communities")
    dialog = ProjectDialog(sqlite_db, project_id, None)
    qtbot.addWidget(dialog)
    assert dialog.attachments is not None
    choose_files(monkeypatch, tmp_path / "vanished.pdf")
    dialog.attachments.add_button.click()
    [(kind, title, text)] = message_boxes.shown
    assert (kind, title) == ("warning", _("The file was not attached"))
    assert "vanished.pdf" in text
    assert dialog.attachments.list.count() == 0


def test_a_new_record_says_to_save_first(qtbot: QtBot, sqlite_db: Database) -> None:
    dialog = ProjectDialog(sqlite_db, None, None)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.attachments is not None
    assert not dialog.attachments.add_button.isEnabled()
    assert dialog.attachments.hint.isVisible()
