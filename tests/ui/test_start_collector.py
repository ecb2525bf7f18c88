"""The garbage collector paused for the start (``desktop.ui.collector``): it comes back on
once the window's page has painted its rows, or after the longest pause whatever happens,
and a collector someone else turned off stays off.  A whole start's collector is checked
in a real process in tests/test_startup.py."""

import gc
import time
from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QTableView
from pytestqt.qtbot import QtBot

from desktop.store.database import Database
from desktop.ui import collector
from tests.ui.helpers import frame_painted_before_its_file


@pytest.fixture(autouse=True)
def collector_restored() -> Iterator[None]:
    """The test process gets its collector back as it was, with nothing frozen."""
    yield
    collector.resume()
    gc.enable()
    gc.unfreeze()


def test_a_pause_ends_with_the_collector_on_and_the_start_frozen() -> None:
    frozen = gc.get_freeze_count()
    collector.pause()
    assert not gc.isenabled()
    collector.resume()
    assert gc.isenabled()
    assert gc.get_freeze_count() > frozen


def test_a_collector_turned_off_by_someone_else_stays_off() -> None:
    gc.disable()
    collector.pause()
    collector.resume()
    assert not gc.isenabled()


def test_the_collector_comes_back_on_by_itself_after_the_longest_pause(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A start held up by a dialog left open gets no event loop turn to wait for."""
    monkeypatch.setattr(collector, "LONGEST_PAUSE_S", 0.05)
    collector.pause()
    deadline = time.monotonic() + 10
    while not gc.isenabled() and time.monotonic() < deadline:
        time.sleep(0.01)
    assert gc.isenabled()


def test_the_collector_comes_back_on_once_the_page_has_painted_its_rows(
    qtbot: QtBot, sqlite_db: Database
) -> None:
    frame = frame_painted_before_its_file(qtbot, sqlite_db)
    collector.pause()
    frame.attach(sqlite_db)
    collector.resume_after_rows(frame)
    assert not gc.isenabled()  # the rows are not painted before the event loop turns
    qtbot.waitUntil(gc.isenabled, timeout=30_000)
    view = frame.stack.currentWidget().findChild(QTableView)
    assert view is not None and view.model().rowCount() == 50  # the demo's activities
