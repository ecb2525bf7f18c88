"""``--exit-after-paint``'s watcher quits after a real paint, never before: of the window,
or with ``rows`` of the list's viewport once it holds rows."""

from collections.abc import Callable

from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer
from PySide6.QtWidgets import QTableView
from pytestqt.qtbot import QtBot

from desktop.store.database import Database
from desktop.store.demo import load_demo
from desktop.ui import settings
from desktop.ui.first_paint import ROWS, WINDOW, ExitAfterPaint
from desktop.ui.main_window import MainWindow

GIVE_UP_MS = 30_000


class PaintLog(QObject):
    """What each watched widget looked like when it was painted."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window_paints = 0
        self.rows_painted: list[int] = []
        self.on_paint: Callable[[QObject, QEvent], None] = lambda _watched, _event: None
        self._window = window
        self._view = window.stack.currentWidget().findChild(QTableView)
        window.installEventFilter(self)
        self._view.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            if watched is self._window:
                self.window_paints += 1
            else:
                self.rows_painted.append(self._view.model().rowCount())
            self.on_paint(watched, event)
        return False


def _run_until_exit(window: MainWindow, until: str) -> tuple[int, PaintLog]:
    log = PaintLog(window)
    loop = QEventLoop()
    ExitAfterPaint(window, until, done=lambda: loop.exit(0))
    QTimer.singleShot(GIVE_UP_MS, lambda: loop.exit(1))
    window.show()
    return loop.exec(), log


def test_the_window_mode_quits_with_0_after_the_first_paint(
    qtbot: QtBot, sqlite_db: Database
) -> None:
    window = MainWindow(sqlite_db)
    qtbot.addWidget(window)
    status, log = _run_until_exit(window, WINDOW)
    assert status == 0
    assert log.window_paints >= 1


def test_the_rows_mode_quits_once_the_list_has_painted_its_rows(
    qtbot: QtBot, sqlite_db: Database
) -> None:
    load_demo(sqlite_db)
    settings.write(settings.LAST_PAGE, "activities")
    window = MainWindow(sqlite_db)
    qtbot.addWidget(window)
    status, log = _run_until_exit(window, ROWS)
    assert status == 0
    assert log.rows_painted and log.rows_painted[-1] == 50  # the demo's activities


def test_the_rows_mode_waits_for_rows_that_come_later(qtbot: QtBot, sqlite_db: Database) -> None:
    """A list painted empty does not end the wait; the same list painted with rows does."""
    settings.write(settings.LAST_PAGE, "activities")
    window = MainWindow(sqlite_db)
    qtbot.addWidget(window)
    page = window.stack.currentWidget()
    log = PaintLog(window)
    filled: list[bool] = []

    def fill_once_painted_empty(watched: QObject, event: QEvent) -> None:
        if log.rows_painted == [0] and not filled:
            filled.append(True)
            QTimer.singleShot(0, lambda: (load_demo(sqlite_db), page.reload()))

    log.on_paint = fill_once_painted_empty
    loop = QEventLoop()
    ExitAfterPaint(window, ROWS, done=lambda: loop.exit(0))
    QTimer.singleShot(GIVE_UP_MS, lambda: loop.exit(1))
    window.show()
    assert loop.exec() == 0
    assert filled and log.rows_painted[0] == 0 and log.rows_painted[-1] == 50


def test_at_start_the_last_page_is_built_after_the_first_paint(
    qtbot: QtBot, sqlite_db: Database
) -> None:
    load_demo(sqlite_db)
    settings.write(settings.LAST_PAGE, "activities")
    window = MainWindow(sqlite_db, page_after_paint=True)
    qtbot.addWidget(window)
    assert window.current_page_key() == "activities" and window.page("activities") is None
    assert "Activities" in window.windowTitle()

    loop = QEventLoop()
    ExitAfterPaint(window, ROWS, done=lambda: loop.exit(0))
    QTimer.singleShot(GIVE_UP_MS, lambda: loop.exit(1))
    window.show()
    assert loop.exec() == 0  # the rows mode waited for the page built after the paint
    page = window.page("activities")
    assert page is not None and window.stack.currentWidget() is page
    assert page.findChild(QTableView).model().rowCount() == 50
