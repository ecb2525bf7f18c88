"""The self-test's window check (``desktop.self_test``): the main window started as a
user's start does (its frame painted, then given its database), on the offscreen platform,
until the first rows of its list have been painted.

Offscreen always, whatever ``QT_QPA_PLATFORM`` says: a desktop session may set that for
every program (a Wayland session often does), which is no request to see a window flash
up and vanish; and a self-test run over SSH or by an installer's test has no screen at
all.  What the self-test proves is that the widgets, the style, the pages and their models
work in this installation, not that the desktop's own platform plugin does.
"""

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop.store.database import Database

# How long the window may keep reading in the background after its rows, before closing.
BACKGROUND_WAIT_MS = 30_000
# What the offscreen platform says of every window it shows: no news to the user.
_OFFSCREEN_NOISE = "This plugin does not support propagateSizeHints()"


def show_first_rows_offscreen(db: "Database", folder: Path, timeout_ms: int) -> None:
    """Open the main window on ``db`` offscreen, wait for its first rows, and close it;
    raise ``CheckFailed`` when no rows were painted within ``timeout_ms``, or when Python
    code called by Qt meanwhile raised (PySide would print that and go on: the page may
    look fine with a column or a count missing).  Qt's settings are read and written under
    ``folder`` (the window saves its size when it closes)."""
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import QSettings, qInstallMessageHandler

    for scope, name in (
        (QSettings.Scope.UserScope, "settings"),
        (QSettings.Scope.SystemScope, "system-settings"),
    ):
        QSettings.setPath(QSettings.Format.IniFormat, scope, str(folder / name))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)

    from desktop.i18n import _
    from desktop.self_test import CheckFailed

    errors: list[BaseException] = []
    previous_hook = sys.excepthook
    sys.excepthook = lambda _kind, error, _trace: errors.append(error)
    previous_handler = qInstallMessageHandler(_without_offscreen_noise)
    try:
        shown = _first_rows(db, timeout_ms)
    finally:
        sys.excepthook = previous_hook
        qInstallMessageHandler(previous_handler)
    if errors:
        raise CheckFailed(
            # L10N: {error} is the kind of error and its text, in English
            _("the window met an error: {error}").format(
                error=f"{type(errors[0]).__name__}: {errors[0]}"
            )
        )
    if not shown:
        raise CheckFailed(
            # L10N: {seconds} is a whole number of seconds.
            _("no rows were shown within {seconds} s").format(seconds=timeout_ms // 1000)
        )


def _first_rows(db: "Database", timeout_ms: int) -> bool:
    """Whether the window's first rows were painted within ``timeout_ms``."""
    from PySide6.QtCore import QEventLoop, QThreadPool, QTimer
    from PySide6.QtWidgets import QApplication

    from desktop.ui.first_paint import ExitAfterRows, wait_for_first_paint
    from desktop.ui.main_window import MainWindow
    from desktop.ui.style import install_style

    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "csodesk"])
    install_style(app)
    window = MainWindow()
    wait_for_first_paint(window)
    window.attach(db)
    shown: list[bool] = []
    loop = QEventLoop()

    def rows_painted() -> None:
        shown.append(True)
        loop.quit()

    ExitAfterRows(window, done=rows_painted)
    timeout = QTimer()
    timeout.setSingleShot(True)
    timeout.timeout.connect(loop.quit)
    timeout.start(timeout_ms)
    loop.exec()
    timeout.stop()
    QThreadPool.globalInstance().waitForDone(BACKGROUND_WAIT_MS)
    window.close()
    window.deleteLater()
    app.processEvents()
    return bool(shown)


def _without_offscreen_noise(_kind: object, _context: object, message: str) -> None:
    """Qt's messages on standard error, as without a handler, less the offscreen
    platform's own."""
    if message != _OFFSCREEN_NOISE:
        print(message, file=sys.stderr)
