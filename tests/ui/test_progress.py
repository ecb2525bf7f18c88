"""Long work behind a progress dialog: the window keeps answering, Cancel stops the work,
and exactly one outcome reaches the GUI thread."""

import threading

import pytest
from PySide6.QtWidgets import QPushButton, QWidget
from pytestqt.qtbot import QtBot

from desktop.ui.progress import Cancelled, CancelToken, run_with_progress


def make_parent(qtbot: QtBot) -> QWidget:
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    return parent


def test_cancel_stops_work_that_reports_progress(qtbot: QtBot) -> None:
    parent = make_parent(qtbot)
    halfway = threading.Event()
    outcomes: list[str] = []

    def work(token: CancelToken) -> str:
        step = 0
        while True:  # stops only through Cancel
            step += 1
            token.report(min(step, 5), 10)
            if step == 5:
                halfway.set()
            threading.Event().wait(0.005)

    run = run_with_progress(
        parent,
        "Export",
        "Working",
        work,
        on_success=lambda result: outcomes.append(f"success {result}"),
        on_failure=lambda error: outcomes.append(f"failure {error}"),
        discard=lambda result: outcomes.append(f"discard {result}"),
        on_cancelled=lambda: outcomes.append("cancelled"),
    )
    qtbot.waitUntil(run.dialog.isVisible)  # the GUI thread shows it while the work runs
    qtbot.waitUntil(lambda: run.dialog.value() == 5 and run.dialog.maximum() == 10)
    assert halfway.is_set()
    run.dialog.findChild(QPushButton).click()
    with qtbot.waitSignal(run.finished, timeout=5_000):
        pass
    assert outcomes == ["cancelled"]
    assert not run.running


def test_a_result_comes_back_on_the_gui_thread(qtbot: QtBot) -> None:
    parent = make_parent(qtbot)
    outcomes: list[tuple[str, bool]] = []
    gui = threading.current_thread()
    run = run_with_progress(
        parent,
        "Report",
        "Working",
        lambda token: token.report(1, 1) or 42,
        on_success=lambda result: outcomes.append((str(result), threading.current_thread() is gui)),
        on_failure=lambda error: outcomes.append((str(error), False)),
    )
    with qtbot.waitSignal(run.finished, timeout=5_000):
        pass
    assert outcomes == [("42", True)]


def test_an_error_is_reported_and_work_finished_after_cancel_is_discarded(
    qtbot: QtBot,
) -> None:
    parent = make_parent(qtbot)
    errors: list[Exception] = []
    run = run_with_progress(
        parent, "Report", "Working", lambda _token: 1 / 0, lambda _r: None, errors.append
    )
    with qtbot.waitSignal(run.finished, timeout=5_000):
        pass
    assert [type(error) for error in errors] == [ZeroDivisionError]

    started, finish = threading.Event(), threading.Event()

    def stubborn(_token: CancelToken) -> str:
        started.set()
        finish.wait(5)  # never looks at the token
        return "report.pdf"

    discarded: list[str] = []
    cancelled: list[bool] = []
    run = run_with_progress(
        parent,
        "Report",
        "Working",
        stubborn,
        on_success=lambda _result: cancelled.append(False),
        on_failure=errors.append,
        discard=discarded.append,
        on_cancelled=lambda: cancelled.append(True),
    )
    started.wait(5)
    run.cancel()
    finish.set()
    with qtbot.waitSignal(run.finished, timeout=5_000):
        pass
    assert discarded == ["report.pdf"]
    assert cancelled == [True]
    assert len(errors) == 1


def test_the_token_raises_once_cancelled() -> None:
    token = CancelToken()
    token.report(3, 7)
    assert token.progress() == (3, 7)
    token.cancel()
    with pytest.raises(Cancelled):
        token.report(4, 7)
    assert token.progress() == (4, 7)
