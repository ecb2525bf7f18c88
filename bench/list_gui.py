"""The Qt side of the list figures: one offscreen application for the run, and waiting
until a list's new rows are in its view and painted.

"Shown" means what a user sees: the events the action posted are processed until the
model holds the expected rows of the new query (a model reset since the action began, and
as many rows as the floor's page has) and the table's viewport has painted them: by the
event loop, as the window would, or, if the loop has not painted them yet, at once with
``repaint()``, which paints the visible rows synchronously.  (Until 28 November the
viewport was always repainted once more after the loop had painted it: a second paint of
the same rows that no user waits for, about a fifth of a keystroke's interface work.)  A
count still running in the background is not waited for (the rows are already on screen);
``settle`` waits for every list's count to land between runs, so one run's count never
competes with the next run.
"""

import os
import tempfile
import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSettings, QThreadPool
from PySide6.QtWidgets import QAbstractItemView, QApplication, QWidget

from desktop import i18n
from desktop.ui.widgets.list_page import ListPage

TIMEOUT_SECONDS = 60.0


class NotShown(RuntimeError):
    """The list never showed the rows expected; the benchmark is wrong, not just slow."""


def application() -> QApplication:
    """The run's one ``QApplication``, offscreen, in English, with settings kept in a
    folder of its own so no developer's window geometry or hidden columns are read."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        i18n.set_language("en")
        return existing
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(
        QSettings.Format.IniFormat,
        QSettings.Scope.UserScope,
        tempfile.mkdtemp(prefix="csodesk-bench-settings-"),
    )
    app = QApplication(["csodesk-bench"])
    i18n.set_language("en")
    return app


def wait_until(ready: Callable[[], bool], what: str) -> None:
    deadline = time.perf_counter() + TIMEOUT_SECONDS
    while True:
        QApplication.processEvents()
        if ready():
            return
        if time.perf_counter() > deadline:
            raise NotShown(f"{what} did not happen within {TIMEOUT_SECONDS:g} s")
        time.sleep(0)


class Paints(QObject):
    """Counts the paint events of a view's viewport from ``watch()`` on."""

    def __init__(self, view: QAbstractItemView) -> None:
        super().__init__(view)
        self.count = 0
        view.viewport().installEventFilter(self)

    def watch(self) -> None:
        self.count = 0

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def paint(view: QAbstractItemView, paints: Paints | None = None) -> None:
    """Make sure the view's visible rows are painted: nothing to do if the event loop
    painted the viewport since ``paints`` was set to watch, else paint them now."""
    if not view.viewport().isVisible():
        raise NotShown("the list's table is not visible, so nothing would be painted")
    if paints is None or paints.count == 0:
        view.viewport().repaint()


def paint_window(window: QWidget) -> None:
    """Paint the whole window now."""
    window.repaint()


def counting() -> bool:
    """Whether a list is still counting its rows, or waiting for its paint to start."""
    return any(
        isinstance(widget, ListPage) and widget.model.counting
        for widget in QApplication.allWidgets()
    )


def settle() -> None:
    """Let background work (a list's count, a dashboard) finish and deliver its result,
    and delete the widgets a run threw away.

    A list's count starts from an event posted behind the paint of its rows, so it may
    not have started when this is called: every list's count is waited for until it has
    landed, or the next figure would time that count beside its own work.
    """
    deadline = time.perf_counter() + TIMEOUT_SECONDS
    while True:
        QThreadPool.globalInstance().waitForDone()
        for _round in range(3):
            QApplication.processEvents()
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        if not counting() and QThreadPool.globalInstance().activeThreadCount() == 0:
            return  # nor work a landed count started (the expenditures' sum)
        if time.perf_counter() > deadline:
            raise NotShown(f"a list's count did not land within {TIMEOUT_SECONDS:g} s")
