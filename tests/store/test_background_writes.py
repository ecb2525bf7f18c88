"""The import's writer thread: statements run in order, in the caller's transaction, and
whatever goes wrong reaches the caller with nothing committed."""

import threading

import pytest
from sqlalchemy import event, text
from sqlalchemy.exc import IntegrityError

from desktop.store.background_writes import BackgroundWriter, WriterOwnsConnection
from desktop.store.database import Database

_INSERT = "INSERT INTO probe (n) VALUES (?)"


@pytest.fixture
def probe(sqlite_db: Database) -> Database:
    with sqlite_db.transaction() as session:
        session.execute(text("CREATE TABLE probe (n INTEGER NOT NULL CHECK (n >= 0))"))
    return sqlite_db


def _stored(db: Database) -> list[int]:
    with db.transaction() as session:
        return list(session.scalars(text("SELECT n FROM probe ORDER BY rowid")))


def test_statements_run_in_order_on_another_thread_and_commit_with_the_caller(
    probe: Database,
) -> None:
    threads = set()
    with probe.transaction() as session:
        connection = session.connection()
        event.listen(
            connection, "before_cursor_execute", lambda *_: threads.add(threading.get_ident())
        )
        with BackgroundWriter(connection) as writer:
            writer.put("INSERT INTO probe (n) VALUES (?), (?)", (1, 2))
            for number in range(3, 40):
                writer.put(_INSERT, (number,))
            writer.put("UPDATE probe SET n = n * 10 WHERE n = ?", (39,))

    assert _stored(probe) == [*range(1, 39), 390]
    assert len(threads) == 1 and threading.get_ident() not in threads


def test_a_refused_statement_is_raised_in_the_caller_and_nothing_is_committed(
    probe: Database,
) -> None:
    with (
        pytest.raises(IntegrityError),
        probe.transaction() as session,
        BackgroundWriter(session.connection()) as writer,
    ):
        writer.put(_INSERT, (1,))
        writer.put(_INSERT, (-1,))  # the CHECK refuses it
        writer.put(_INSERT, (2,))

    assert _stored(probe) == []


def test_the_caller_failing_drops_what_is_queued_and_nothing_is_committed(
    probe: Database,
) -> None:
    with (
        pytest.raises(KeyboardInterrupt),
        probe.transaction() as session,
        BackgroundWriter(session.connection()) as writer,
    ):
        for number in range(100):
            writer.put(_INSERT, (number,))
        raise KeyboardInterrupt

    assert _stored(probe) == []


def test_no_other_thread_may_use_the_connection_while_the_writer_owns_it(
    probe: Database,
) -> None:
    with probe.transaction() as session:
        with BackgroundWriter(session.connection()) as writer:
            writer.put(_INSERT, (1,))
            with pytest.raises(WriterOwnsConnection):
                session.execute(text("SELECT count(*) FROM probe"))
        # once the writer is done, the connection is the caller's again
        assert session.scalar(text("SELECT count(*) FROM probe")) == 1
