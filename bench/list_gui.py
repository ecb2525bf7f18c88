"""The Qt side of the list figures: one offscreen application for the run, and waiting
until a list's new rows are in its view and painted.

"Shown" means what a user sees: the events the action posted are processed until the
model holds the expected rows of the new query (a model reset since the action began, and
as many rows as the floor's page has), then the table's viewport is repainted at once with
``repaint()``, which paints the visible rows synchronously.  A count still running in the
background is not waited for (the rows are already on screen); ``settle`` waits for it
between runs, so one run's count never competes with the next run.
"""

import os
import tempfile
import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QSettings, QThreadPool
from PySide6.QtWidgets import QAbstractItemView, QApplication, QWidget

from desktop import i18n

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


def paint(view: QAbstractItemView) -> None:
    """Paint the view's visible rows now, as the next frame would."""
    if not view.viewport().isVisible():
        raise NotShown("the list's table is not visible, so nothing would be painted")
    view.viewport().repaint()


def paint_window(window: QWidget) -> None:
    """Paint the whole window now."""
    window.repaint()


def settle() -> None:
    """Let background work (a list's count, a dashboard) finish and deliver its result,
    and delete the widgets a run threw away."""
    QThreadPool.globalInstance().waitForDone()
    for _round in range(3):
        QApplication.processEvents()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
