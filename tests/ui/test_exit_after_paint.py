"""The frame's first paint and ``--exit-after-paint``: a start goes on once the window's
frame has really been painted, never before, and with ``rows`` quits only after the
list's viewport has been painted with rows."""

from collections.abc import Callable

from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer
from PySide6.QtWidgets import QTableView, QWidget
from pytestqt.qtbot import QtBot

from desktop.store.database import Database
from desktop.store.demo import load_demo
from desktop.ui import settings
from desktop.ui.first_paint import ExitAfterRows, wait_for_first_paint
from desktop.ui.main_window import MainWindow
from tests.ui.helpers import frame_painted_before_its_file

GIVE_UP_MS = 30_000


class PaintLog(QObject):
    """How often ``widget`` was painted, and how many rows ``view`` held at each paint."""

    def __init__(self, widget: QWidget, view: QTableView | None = None) -> None:
        super().__init__(widget)
        self.widget_paints = 0
        self.rows_painted: list[int] = []
        self.on_paint: Callable[[QObject, QEvent], None] = lambda _watched, _event: None
        self._widget = widget
        self._view = view
        widget.installEventFilter(self)
        if view is not None:
            view.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            if watched is self._widget:
                self.widget_paints += 1
            elif self._view is not None:
                self.rows_painted.append(self._view.model().rowCount())
            self.on_paint(watched, event)
        return False


def _run_until_rows(window: MainWindow) -> int:
    loop = QEventLoop()
    ExitAfterRows(window, done=lambda: loop.exit(0))
    QTimer.singleShot(GIVE_UP_MS, lambda: loop.exit(1))
    return loop.exec()


def test_the_start_goes_on_only_after_the_frame_has_been_painted(qtbot: QtBot) -> None:
    frame = MainWindow()
    qtbot.addWidget(frame)
    log = PaintLog(frame)
    wait_for_first_paint(frame)
    assert frame.isVisible() and log.widget_paints >= 1
    assert not frame.is_attached()


def test_a_frame_closed_before_its_paint_ends_the_wait(qtbot: QtBot) -> None:
    frame = MainWindow()
    qtbot.addWidget(frame)
    QTimer.singleShot(0, frame.close)  # before the first turn of the loop paints it
    wait_for_first_paint(frame)
    assert not frame.isVisible()


def test_the_rows_mode_quits_once_the_list_has_painted_its_rows(
    qtbot: QtBot, sqlite_db: Database
) -> None:
    frame = frame_painted_before_its_file(qtbot, sqlite_db)
    frame.attach(sqlite_db)
    log = PaintLog(frame, frame.stack.currentWidget().findChild(QTableView))
    assert _run_until_rows(frame) == 0
    assert log.rows_painted and log.rows_painted[-1] == 50  # the demo's activities


def test_the_rows_mode_waits_for_rows_that_come_later(qtbot: QtBot, sqlite_db: Database) -> None:
    """A list painted empty does not end the wait; the same list painted with rows does."""
    settings.write(settings.LAST_PAGE, "activities")
    window = MainWindow(sqlite_db)
    qtbot.addWidget(window)
    wait_for_first_paint(window)
    page = window.stack.currentWidget()
    log = PaintLog(window, page.findChild(QTableView))
    filled: list[bool] = []

    def fill_once_painted_empty(watched: QObject, event: QEvent) -> None:
        if log.rows_painted == [0] and not filled:
            filled.append(True)
            QTimer.singleShot(0, lambda: (load_demo(sqlite_db), page.reload()))

    log.on_paint = fill_once_painted_empty
    assert _run_until_rows(window) == 0
    assert filled and log.rows_painted[0] == 0 and log.rows_painted[-1] == 50
