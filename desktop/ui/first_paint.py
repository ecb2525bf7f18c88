"""``csodesk --exit-after-paint``: quit right after the window, or the first rows of its
list, have been painted, so a whole cold start can be timed from outside (``hyperfine``,
``/usr/bin/time -v``) without guessing with a timer.

The watcher sees the paint event itself (an event filter) and quits from the event loop's
next turn, after the paint has finished.
"""

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtWidgets import QAbstractItemView, QWidget

WINDOW, ROWS = "window", "rows"
EXIT_AFTER_PAINT_CHOICES = (WINDOW, ROWS)


class ExitAfterPaint(QObject):
    """Quits the application with status 0 after ``window``'s first paint, or with
    ``ROWS`` after the first paint of its list's viewport that shows a row.

    In ``ROWS`` mode the list is the table view of the page shown at start; a page without
    one (the dashboard) counts as shown with the window.  ``done`` replaces the quitting
    (a test runs its own event loop, which a quit of the application would end for good).
    """

    def __init__(
        self, window: QWidget, until: str = WINDOW, done: Callable[[], None] | None = None
    ) -> None:
        super().__init__(window)
        self._window = window
        self._until = until
        self._on_done = done or (lambda: QCoreApplication.exit(0))
        self._view: QAbstractItemView | None = None
        self._done = False
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self._done:
            if watched is self._window:
                self._window_painted()
            elif watched is self._viewport() and self._shows_rows():
                self._quit()
        return False

    def _window_painted(self) -> None:
        self._window.removeEventFilter(self)
        if self._until == WINDOW:
            self._quit()
            return
        stack = getattr(self._window, "stack", None)
        if stack is not None and stack.currentWidget() is None:  # built after this paint
            stack.currentChanged.connect(self._page_shown)
            return
        self._page_shown()

    def _page_shown(self) -> None:
        self._view = self._list_view()
        if self._view is None:
            self._quit()
            return
        self._view.viewport().installEventFilter(self)
        self._view.viewport().update()

    def _list_view(self) -> QAbstractItemView | None:
        stack = getattr(self._window, "stack", None)
        page = stack.currentWidget() if stack is not None else None
        if page is None:
            return None
        views = [v for v in page.findChildren(QAbstractItemView) if v.isVisible()]
        return views[0] if views else None

    def _viewport(self) -> QWidget | None:
        return self._view.viewport() if self._view is not None else None

    def _shows_rows(self) -> bool:
        model = self._view.model() if self._view is not None else None
        return model is not None and model.rowCount() > 0

    def _quit(self) -> None:
        self._done = True
        QTimer.singleShot(0, self._on_done)
