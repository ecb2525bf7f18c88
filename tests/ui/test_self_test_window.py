"""The self-test's window check, in the test's own application: it passes once the demo
office's first rows are painted, and fails, saying what, when Python code Qt called
meanwhile raised (which PySide would only print)."""

from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from desktop.self_test import CheckFailed
from desktop.store.database import Database
from desktop.store.demo import load_demo
from desktop.ui.self_test_window import show_first_rows_offscreen


def test_the_window_check_passes_on_the_demo_office(
    qtbot: QtBot, sqlite_db: Database, tmp_path: Path
) -> None:
    load_demo(sqlite_db)
    show_first_rows_offscreen(sqlite_db, tmp_path, 60_000)


def test_an_error_raised_while_the_window_starts_fails_the_check(
    qtbot: QtBot, sqlite_db: Database, tmp_path: Path
) -> None:
    load_demo(sqlite_db)

    def broken_slot() -> None:
        raise LookupError("no such column: title_key_sq")

    QTimer.singleShot(0, broken_slot)
    with pytest.raises(CheckFailed) as failed:
        show_first_rows_offscreen(sqlite_db, tmp_path, 60_000)
    assert str(failed.value) == (
        "the window met an error: LookupError: no such column: title_key_sq"
    )
