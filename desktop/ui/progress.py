"""Long work (exports, reports, imports, backups) with a progress dialog and a Cancel button.

The work runs on the thread pool (``desktop.ui.worker``), so the window keeps repainting
and the Cancel button answers.  Work and window share a ``CancelToken``: the work calls
``token.report(done, total)`` now and then, which records how far it is and raises
``Cancelled`` once the user has cancelled; the dialog reads the token on a timer, so
nothing but the worker's own finishing signal crosses the threads.

    run_with_progress(
        self, _("Exporting"), _("Writing the list…"),
        lambda token: export_list(source, query, columns, path, token.report),
        on_success=lambda rows: ..., on_failure=lambda error: ...,
        discard=lambda path: path.unlink(missing_ok=True),   # result of cancelled work
        on_cancelled=lambda: ...,
    )

Work that cannot stop halfway (a report being drawn) still finishes on its thread; its
result is then handed to ``discard`` instead of ``on_success``.
"""

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from desktop.i18n import _
from desktop.ui.worker import run_in_background

POLL_MS = 100  # how often the dialog reads the token: smooth enough, and cheap
SHOW_AFTER_MS = 400  # quick work finishes without a dialog flashing up


class Cancelled(Exception):
    """Raised inside the work once the user has cancelled it."""


class CancelToken:
    """How far the work is, and whether the user wants it stopped; safe across threads."""

    def __init__(self) -> None:
        self._cancelled = threading.Event()
        self._lock = threading.Lock()
        self._done = 0
        self._total = 0

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def cancel(self) -> None:
        self._cancelled.set()

    def check(self) -> None:
        """Raise ``Cancelled`` if the user has cancelled."""
        if self.cancelled:
            raise Cancelled()

    def report(self, done: int, total: int = 0) -> None:
        """Record progress (``total`` 0: unknown); raise ``Cancelled`` if cancelled."""
        with self._lock:
            self._done, self._total = done, total
        self.check()

    def progress(self) -> tuple[int, int]:
        with self._lock:
            return self._done, self._total


class ProgressRun(QObject):
    """One piece of long work and its dialog; ``finished`` fires after the callbacks."""

    finished = Signal()

    def __init__(
        self,
        parent: QWidget,
        title: str,
        text: str,
        on_success: Callable[[Any], None],
        on_failure: Callable[[Exception], None],
        discard: Callable[[Any], None] | None,
        on_cancelled: Callable[[], None] | None,
    ) -> None:
        super().__init__(parent)
        self.token = CancelToken()
        self._on_success = on_success
        self._on_failure = on_failure
        self._discard = discard
        self._on_cancelled = on_cancelled
        self.running = True

        self.dialog = QProgressDialog(text, _("Cancel"), 0, 0, parent)
        self.dialog.setWindowTitle(title)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.setMinimumDuration(SHOW_AFTER_MS)
        self.dialog.canceled.connect(self.cancel)
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._show_progress)
        self._timer.start()
        QTimer.singleShot(SHOW_AFTER_MS, self._show_dialog)

    def cancel(self) -> None:
        """Ask the work to stop; it stops at its next ``report`` or ``check``."""
        self.token.cancel()
        if self.running:
            self.dialog.setLabelText(_("Cancelling…"))

    def _show_dialog(self) -> None:
        if self.running and not self.token.cancelled:
            self.dialog.show()

    def _show_progress(self) -> None:
        done, total = self.token.progress()
        if total > 0:
            self.dialog.setMaximum(total)
            self.dialog.setValue(min(done, total))

    def succeeded(self, result: Any) -> None:
        self._close()
        if self.token.cancelled:
            if self._discard is not None:
                self._discard(result)
            self._cancelled()
        else:
            self._on_success(result)
        self.finished.emit()

    def failed(self, error: Exception) -> None:
        self._close()
        if isinstance(error, Cancelled) or self.token.cancelled:
            self._cancelled()
        else:
            self._on_failure(error)
        self.finished.emit()

    def _cancelled(self) -> None:
        if self._on_cancelled is not None:
            self._on_cancelled()

    def _close(self) -> None:
        self.running = False
        self._timer.stop()
        self.dialog.hide()
        self.dialog.deleteLater()


def run_with_progress(
    parent: QWidget,
    title: str,
    text: str,
    work: Callable[[CancelToken], Any],
    on_success: Callable[[Any], None],
    on_failure: Callable[[Exception], None],
    discard: Callable[[Any], None] | None = None,
    on_cancelled: Callable[[], None] | None = None,
    pool: QThreadPool | None = None,
) -> ProgressRun:
    """Start ``work(token)`` off the GUI thread behind a progress dialog (shown when the
    work takes longer than a moment); exactly one of ``on_success(result)``,
    ``on_failure(error)`` or ``on_cancelled()`` then runs on the GUI thread."""
    run = ProgressRun(parent, title, text, on_success, on_failure, discard, on_cancelled)
    run_in_background(lambda: work(run.token), run.succeeded, run.failed, pool)
    return run


class OneRunAtATime(QObject):
    """A window's long task (writing or restoring a backup) that runs once at a time;
    ``is_busy`` while its run lasts, so the window neither closes nor starts another."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._run: ProgressRun | None = None

    def is_busy(self) -> bool:
        return self._run is not None

    @property
    def current_run(self) -> ProgressRun | None:
        """The run under way, if any."""
        return self._run
