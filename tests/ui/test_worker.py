"""Background work reports back on the GUI thread, with its result or its error."""

import threading

from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.ui.worker import run_in_background


def test_the_result_arrives_on_the_gui_thread(qtbot: QtBot) -> None:
    received: list[tuple[object, bool]] = []

    def on_gui_thread() -> bool:
        return QThread.currentThread() is QApplication.instance().thread()

    task = run_in_background(
        lambda: threading.current_thread() is threading.main_thread(),
        lambda result: received.append((result, on_gui_thread())),
        lambda error: received.append((error, on_gui_thread())),
    )
    with qtbot.waitSignal(task.finished):
        pass
    assert received == [(False, True)]  # worked elsewhere, delivered here


def test_an_error_is_delivered_not_raised(qtbot: QtBot) -> None:
    errors: list[Exception] = []

    def fail() -> None:
        raise OSError("disk full")

    task = run_in_background(fail, lambda _result: None, errors.append)
    with qtbot.waitSignal(task.finished):
        pass
    assert [str(error) for error in errors] == ["disk full"]
