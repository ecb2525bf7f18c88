"""Run slow work (reports, imports, backups) off the GUI thread and hear back on it.

The window stays responsive while the work runs; its result or its error comes back on the
GUI thread, so the callback may touch widgets.  Services open their own session per call, so
the work needs nothing from the caller's thread.
"""

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal, Slot

# A task must outlive the call that started it until its result is delivered.
_running: set["Task"] = set()


class Task(QObject):
    """One piece of background work, created on the GUI thread.

    The worker thread keeps the outcome on the task and emits ``_done``; the task lives on
    the GUI thread, so Qt queues that signal there, where the callbacks are called.  The
    outcome stays a plain attribute, so nothing but a bare signal crosses the threads.
    """

    finished = Signal()  # after the callback, on the GUI thread
    _done = Signal()

    def __init__(
        self,
        work: Callable[[], Any],
        on_success: Callable[[Any], None],
        on_failure: Callable[[Exception], None],
    ) -> None:
        super().__init__()
        self._work = work
        self._on_success = on_success
        self._on_failure = on_failure
        self._result: Any = None
        self._error: Exception | None = None
        self._done.connect(self._deliver)

    def run(self) -> None:
        """The body of the worker thread."""
        try:
            self._result = self._work()
        except Exception as error:
            self._error = error
        self._done.emit()

    @Slot()
    def _deliver(self) -> None:
        try:
            if self._error is not None:
                self._on_failure(self._error)
            else:
                self._on_success(self._result)
        finally:
            self.finished.emit()
            # Not yet: dropping the last reference here would delete the task while it
            # handles its own event, which Qt warns can crash; the next turn of the loop may.
            QTimer.singleShot(0, lambda: _running.discard(self))


def run_in_background(
    work: Callable[[], Any],
    on_success: Callable[[Any], None],
    on_failure: Callable[[Exception], None],
    pool: QThreadPool | None = None,
) -> Task:
    """Start ``work()`` on the thread pool; ``on_success(result)`` or ``on_failure(error)``
    then runs on the GUI thread."""
    task = Task(work, on_success, on_failure)
    _running.add(task)
    (pool or QThreadPool.globalInstance()).start(QRunnable.create(task.run))
    return task
