"""Interface fixtures: settings in a temporary folder, message boxes that never block, and
the main window over a fresh SQLite database.
"""

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from desktop.store.database import Database
from desktop.ui.main_window import MainWindow


@pytest.fixture(autouse=True)
def temporary_settings(tmp_path: Path) -> Path:
    """Keep every test's QSettings in its own folder, never in the developer's."""
    folder = tmp_path / "settings"
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    return folder


@dataclass
class MessageBoxes:
    """What the patched static message boxes were asked to show; ``answer`` is what
    ``question`` returns."""

    shown: list[tuple[str, str, str]] = field(default_factory=list)
    answer: QMessageBox.StandardButton = QMessageBox.StandardButton.Cancel

    def kinds(self) -> list[str]:
        return [kind for kind, _title, _text in self.shown]


@pytest.fixture(autouse=True)
def message_boxes(monkeypatch: pytest.MonkeyPatch) -> MessageBoxes:
    """Static message boxes record their text instead of waiting for a click."""
    boxes = MessageBoxes()

    def recorder(kind: str) -> Any:
        def show(_parent: object, title: str, text: str, *_args: object) -> Any:
            boxes.shown.append((kind, title, text))
            return boxes.answer if kind == "question" else QMessageBox.StandardButton.Ok

        return show

    for kind in ("information", "warning", "critical", "question", "about"):
        monkeypatch.setattr(QMessageBox, kind, staticmethod(recorder(kind)))
    return boxes


@pytest.fixture
def window(qtbot: QtBot, sqlite_db: Database) -> Iterator[MainWindow]:
    main = MainWindow(sqlite_db)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    yield main
