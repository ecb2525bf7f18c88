"""Run slow work (reports, imports, backups) off the GUI thread and hear back on it.

The window stays responsive while the work runs; its result or its error comes back on the
GUI thread, so the callback may touch widgets.  Services open their own session per call, so
the work needs nothing from the caller's thread.

Quitting (``finish_at_quit``, on ``aboutToQuit``) ends the background work before the
databases close: no task starts any more and none reports back (its window is going),
the reads still running are interrupted, the writes are waited for, and only then are the
databases the application opened (``close_at_quit``) closed.  Work left running at the
end otherwise ran on while Qt tore the application down, and a task that finished then
signalled an object already deleted: the process crashed (a segmentation fault) on quit.
"""

import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, QTimer, Signal, Slot
from shiboken6 import isValid

if TYPE_CHECKING:
    from desktop.store.database import Database

log = logging.getLogger(__name__)

# How long quitting waits for background work.  Reads are interrupted and end within
# milliseconds; a write (a save, an import, a backup) is let finish, and this is longer
# than an import of thousands of rows takes on a slow laptop.
QUIT_WAIT_MS = 30_000
# How often a reading connection is interrupted again while quitting waits: an interrupt
# reaches only the statement running, not the next one of the same work.
INTERRUPT_EVERY_MS = 50

# A task must outlive the call that started it until its result is delivered.
_running: set["Task"] = set()


class _Quit:
    """Whether the application is quitting, and the databases to close when it does."""

    quitting = False
    databases: list["Database"] = []  # noqa: RUF012 - one list for the process
    connected = False


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
        """The body of the worker thread.  Once the application quits, the outcome stays
        here: the window that asked for it is going, and Qt may already have deleted this
        task's object, which emitting into crashes the process."""
        try:
            self._result = self._work()
        except Exception as error:
            self._error = error
        if not _Quit.quitting and isValid(self):
            self._done.emit()

    @Slot()
    def _deliver(self) -> None:
        if _Quit.quitting:  # an interrupted read's error is no news to a user who quit
            _running.discard(self)
            return
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
    then runs on the GUI thread.  Once the application quits, nothing starts: the task
    never reports back."""
    task = Task(work, on_success, on_failure)
    if _Quit.quitting:
        return task
    _running.add(task)
    (pool or QThreadPool.globalInstance()).start(QRunnable.create(task.run))
    return task


def close_at_quit(db: "Database") -> None:
    """Close ``db`` when the application quits, once the work reading it has stopped
    (``finish_at_quit``)."""
    _Quit.databases.append(db)
    app = QCoreApplication.instance()
    if app is not None and not _Quit.connected:
        app.aboutToQuit.connect(finish_at_quit)
        _Quit.connected = True


def finish_at_quit(timeout_ms: int = QUIT_WAIT_MS) -> bool:
    """End the background work and close the databases, in that order: stop starting and
    delivering tasks, interrupt the reads running on every database ``close_at_quit`` was
    given (again and again: a read may run several statements), wait for the global thread
    pool for at most ``timeout_ms``, then close the databases.  Whether the pool finished;
    a write still running after the wait goes on with its own connection (it commits whole
    or not at all), and Qt waits for it once more as the application object goes."""
    _Quit.quitting = True
    databases, _Quit.databases = _Quit.databases, []
    pool = QThreadPool.globalInstance()
    deadline = time.monotonic() + timeout_ms / 1000
    finished = False
    while not finished:
        for db in databases:
            db.interrupt_reads()
        left_ms = int((deadline - time.monotonic()) * 1000)
        finished = pool.waitForDone(max(0, min(INTERRUPT_EVERY_MS, left_ms)))
        if left_ms <= 0:
            break
    if not finished:
        log.warning("quitting with %d background tasks still running", pool.activeThreadCount())
    for db in databases:
        db.close()
    return finished


def accept_work_again() -> None:
    """Start and deliver tasks again after ``finish_at_quit``: for tests, which quit
    windows and go on in the same application."""
    _Quit.quitting = False
