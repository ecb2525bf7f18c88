"""Quitting while background work runs (``finish_at_quit``, on ``aboutToQuit``): a read
is interrupted at once, a write is waited for and commits, no task reports back or starts
any more (no message box about an interrupted read), and the database is closed last."""

import sqlite3
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select, text

from desktop.domain.organisation import Organisation, OrganisationKind
from desktop.services.base import Service
from desktop.services.errors import StorageError
from desktop.store.database import Database, copy_sqlite, open_database
from desktop.ui import worker
from desktop.ui.main_window import MainWindow
from desktop.ui.worker import (
    Task,
    close_at_quit,
    finish_at_quit,
    run_in_background,
)
from tests.ui.conftest import MessageBoxes

# Would count for hours; only an interrupt ends it.
ENDLESS_READ = (
    "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c "
    "WHERE x < 100000000000) SELECT count(*) FROM c"
)
# About half a second of counting, inside a write.
SLOW_COUNT = (
    "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c "
    "WHERE x < 2000000) SELECT count(*) FROM c"
)
WAIT_S = 10.0


@dataclass
class Work:
    """One task's work, as seen from inside it and from its callbacks."""

    started: threading.Event = field(default_factory=threading.Event)
    error: Exception | None = None
    connection: Any = None  # the DB-API connection the work ran on
    delivered: list[str] = field(default_factory=list)

    def succeeded(self, _result: object) -> None:
        self.delivered.append("success")

    def failed(self, error: Exception) -> None:
        self.delivered.append("failure")
        QMessageBox.warning(None, "Not read", str(error))  # what a page would show


def _in_unit_of_work(
    db: Database, sql: str, work: Work, *, read_only: bool, then: Callable[[Any], None]
) -> Callable[[], Any]:
    def run() -> Any:
        try:
            with Service(db).unit_of_work(read_only=read_only) as session:
                work.connection = session.connection().connection.dbapi_connection
                work.started.set()
                result = session.execute(text(sql)).scalar()
                then(session)
                return result
        except Exception as error:
            work.error = error
            raise

    return run


def test_quitting_interrupts_a_running_read_and_closes_the_database_after_it(
    qtbot: QtBot, sqlite_db: Database, message_boxes: MessageBoxes
) -> None:
    read = Work()
    close_at_quit(sqlite_db)
    run_in_background(
        _in_unit_of_work(sqlite_db, ENDLESS_READ, read, read_only=True, then=lambda _s: None),
        read.succeeded,
        read.failed,
    )
    assert read.started.wait(WAIT_S)
    began = time.monotonic()
    assert finish_at_quit()
    assert time.monotonic() - began < WAIT_S / 2  # interrupted, not counted to the end
    assert isinstance(read.error, StorageError)
    qtbot.wait(100)  # the task's outcome would be delivered now
    assert read.delivered == []
    assert message_boxes.shown == []
    with pytest.raises(sqlite3.ProgrammingError):  # closed, once its read had stopped
        read.connection.execute("SELECT 1")


def test_quitting_waits_for_a_write_which_commits(
    qtbot: QtBot, sqlite_db: Database, message_boxes: MessageBoxes
) -> None:
    written, read = Work(), Work()

    def add_organisation(session: Any) -> None:
        session.add(
            Organisation(
                name_en="Saved as the user quit",
                kind=OrganisationKind.PARTNER_CSO,
                search_key="saved as the user quit",
            )
        )

    close_at_quit(sqlite_db)
    run_in_background(
        _in_unit_of_work(sqlite_db, SLOW_COUNT, written, read_only=False, then=add_organisation),
        written.succeeded,
        written.failed,
    )
    assert written.started.wait(WAIT_S)
    run_in_background(
        _in_unit_of_work(sqlite_db, ENDLESS_READ, read, read_only=True, then=lambda _s: None),
        read.succeeded,
        read.failed,
    )
    assert read.started.wait(WAIT_S)
    assert finish_at_quit()
    assert written.error is None
    assert isinstance(read.error, StorageError)
    qtbot.wait(100)
    assert written.delivered == read.delivered == []
    assert message_boxes.shown == []
    reopened = open_database(str(sqlite_db.path))
    try:
        with Service(reopened).unit_of_work(read_only=True) as session:
            names = session.scalars(select(Organisation.name_en)).all()
    finally:
        reopened.close()
    assert "Saved as the user quit" in names


def test_work_finished_before_the_quit_is_not_delivered_after_it(qtbot: QtBot) -> None:
    delivered: list[object] = []
    task = run_in_background(lambda: 42, delivered.append, delivered.append)
    assert QThreadPool.globalInstance().waitForDone(int(WAIT_S * 1000))  # done, not delivered
    assert finish_at_quit()
    qtbot.wait(100)
    assert delivered == []
    assert task not in worker._running  # let go of, not kept for ever


def test_no_work_starts_once_quitting(qtbot: QtBot) -> None:
    assert finish_at_quit()
    ran: list[bool] = []
    run_in_background(lambda: ran.append(True), lambda _r: None, lambda _e: None)
    qtbot.wait(100)
    assert QThreadPool.globalInstance().activeThreadCount() == 0
    assert ran == []


def test_a_task_whose_object_is_gone_does_not_signal_it() -> None:
    """What Qt's tear-down leaves of a task still working at the very end: signalling it
    raised "Signal source has been deleted" on the worker thread, or crashed mid-way."""
    delivered: list[object] = []
    task = Task(lambda: 42, delivered.append, delivered.append)
    shiboken6.delete(task)
    task.run()  # on this thread, so that what it raises fails the test
    assert delivered == []


def test_a_database_opened_in_place_of_another_is_closed_at_the_quit(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, migrated_sqlite: Path
) -> None:
    """File > Open (``MainWindow.replace_with``) hands the window over to another
    database, which the quit closes like the first."""
    other_path = tmp_path / "other.sqlite3"
    copy_sqlite(migrated_sqlite, other_path)
    other = open_database(str(other_path))
    replacement = window.replace_with(other)
    qtbot.addWidget(replacement)  # closed with the test, as the window it replaced
    replacement.show_page("projects")
    assert other.engine.pool.checkedin() > 0  # the window has read it
    assert finish_at_quit()
    assert other.engine.pool.checkedin() == 0  # its connections closed
