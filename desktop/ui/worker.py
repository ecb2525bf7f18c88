"""Run slow work (reports, imports, backups) off the GUI thread and hear back on it.

The window stays responsive while the work runs; its result or its error comes back as a
queued signal, so the callback runs on the GUI thread and may touch widgets.  Services open
their own session per call, so the work needs nothing from the caller's thread.
"""

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

# A task must outlive the call that started it until its result is delivered.
_running: set["Task"] = set()


class Task(QObject):
    """One piece of background work, created on the GUI thread.

    The worker thread emits the private signals; since the task lives on the GUI thread,
    Qt queues them there, and the public ``succeeded``/``failed``/``finished`` follow.
    """

    succeeded = Signal(object)
    failed = Signal(object)
    finished = Signal()
    _result_ready = Signal(object)
    _error_raised = Signal(object)

    def __init__(self, work: Callable[[], Any]) -> None:
        super().__init__()
        self._work = work
        self._result_ready.connect(self._deliver_result)
        self._error_raised.connect(self._deliver_error)

    def run(self) -> None:
        """The body of the worker thread."""
        try:
            result = self._work()
        except Exception as error:
            self._error_raised.emit(error)
        else:
            self._result_ready.emit(result)

    @Slot(object)
    def _deliver_result(self, result: object) -> None:
        self.succeeded.emit(result)
        self._finish()

    @Slot(object)
    def _deliver_error(self, error: object) -> None:
        self.failed.emit(error)
        self._finish()

    def _finish(self) -> None:
        self.finished.emit()
        _running.discard(self)


def run_in_background(
    work: Callable[[], Any],
    on_success: Callable[[Any], None],
    on_failure: Callable[[Exception], None],
    pool: QThreadPool | None = None,
) -> Task:
    """Start ``work()`` on the thread pool; ``on_success(result)`` or ``on_failure(error)``
    then runs on the GUI thread."""
    task = Task(work)
    task.succeeded.connect(on_success)
    task.failed.connect(on_failure)
    _running.add(task)
    (pool or QThreadPool.globalInstance()).start(QRunnable.create(task.run))
    return task
