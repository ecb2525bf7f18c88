"""The first paint at start: the frame of the main window is painted before the database
is opened (``wait_for_first_paint``), and ``csodesk --exit-after-paint`` quits right after
it, or after the first rows of the list (``ExitAfterRows``), so a whole cold start can be
timed from outside (``hyperfine``, ``/usr/bin/time -v``) without guessing with a timer.

Both see the paint event itself (an event filter) and go on from the event loop's next
turn, after the paint has finished.
"""

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QObject, QTimer
from PySide6.QtWidgets import QAbstractItemView, QWidget

WINDOW, ROWS = "window", "rows"
EXIT_AFTER_PAINT_CHOICES = (WINDOW, ROWS)
# Only for a window the desktop never exposes (started minimised, say), which gets no
# paint: the start goes on without it rather than waiting for ever.
NEVER_PAINTED_MS = 3000


class _Painted(QObject):
    """Calls ``then`` on the event loop's turn after ``widget``'s first paint, or after
    it was hidden or closed unpainted."""

    def __init__(self, widget: QWidget, then: Callable[[], None]) -> None:
        super().__init__(widget)
        self._widget = widget
        self._then = then
        self._done = False
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        ends = (QEvent.Type.Paint, QEvent.Type.Hide, QEvent.Type.Close)
        if watched is self._widget and event.type() in ends and not self._done:
            self.finish()
        return False

    def finish(self) -> None:
        if not self._done:
            self._done = True
            self._widget.removeEventFilter(self)
            QTimer.singleShot(0, self._then)


def wait_for_first_paint(widget: QWidget) -> None:
    """Show ``widget`` and run the event loop until it has been painted once, so it is on
    screen before the slow work that follows (opening the database) blocks the loop."""
    loop = QEventLoop()
    watcher = _Painted(widget, loop.quit)
    QTimer.singleShot(NEVER_PAINTED_MS, watcher, watcher.finish)
    widget.show()
    loop.exec()
    watcher.deleteLater()


class ExitAfterRows(QObject):
    """Quits the application with status 0 after the first paint of the list's viewport
    that shows a row: the table view of the page ``window`` shows, already painted and
    built (a page without one, the dashboard, counts as shown at once).  ``done`` replaces
    the quitting (a test runs its own event loop, which a quit of the application would
    end for good)."""

    def __init__(self, window: QWidget, done: Callable[[], None] | None = None) -> None:
        super().__init__(window)
        self._on_done = done or (lambda: QCoreApplication.exit(0))
        self._done = False
        self._view = _list_view(window)
        if self._view is None:
            self._quit()
            return
        self._view.viewport().installEventFilter(self)
        self._view.viewport().update()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self._done and self._shows_rows():
            self._quit()
        return False

    def _shows_rows(self) -> bool:
        model = self._view.model() if self._view is not None else None
        return model is not None and model.rowCount() > 0

    def _quit(self) -> None:
        self._done = True
        QTimer.singleShot(0, self._on_done)


def _list_view(window: QWidget) -> QAbstractItemView | None:
    """The first visible list of the page ``window`` shows, if it has one."""
    stack = getattr(window, "stack", None)
    page = stack.currentWidget() if stack is not None else None
    if page is None:
        return None
    views = [v for v in page.findChildren(QAbstractItemView) if v.isVisible()]
    return views[0] if views else None
