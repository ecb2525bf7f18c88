"""Interface fixtures: settings in a temporary folder, message boxes that never block, no
background work outliving its test, and the main window over a fresh SQLite database.
"""

import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, QThreadPool
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from desktop.store.database import Database
from desktop.ui.main_window import MainWindow
from desktop.ui.worker import accept_work_again

# How long a test's background work (a list's count, an export) may run on after the test
# before the test counts as having left it running.
BACKGROUND_WORK_WAIT_S = 5.0


@pytest.fixture(autouse=True)
def temporary_settings(tmp_path: Path) -> Path:
    """Keep every test's QSettings in its own folder, never in the developer's."""
    folder = tmp_path / "settings"
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    return folder


@pytest.fixture(autouse=True)
def no_background_work_left(qtbot: QtBot) -> Iterator[None]:
    """Each test ends with the global thread pool idle and the outcomes of its tasks
    delivered, while its widgets still stand: work left running ran into the next test,
    whose own tasks then waited behind it for a free thread and its signals never came
    in time.  A test that quits the application (``run_gui``) leaves it taking work
    again."""
    yield
    accept_work_again()
    pool = QThreadPool.globalInstance()
    deadline = time.monotonic() + BACKGROUND_WORK_WAIT_S
    while pool.activeThreadCount() > 0 and time.monotonic() < deadline:
        qtbot.wait(10)
    running = pool.activeThreadCount()
    if running:
        pytest.fail(
            f"the test left {running} background task(s) running on the global thread pool "
            f"{BACKGROUND_WORK_WAIT_S:.0f} s after it ended: wait for them (their finished "
            "signal) or stop them before the test ends",
            pytrace=False,
        )
    qtbot.wait(1)  # the outcomes of the tasks that finished last


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
