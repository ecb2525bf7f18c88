"""``Database.interrupt_reads``, what quitting calls before it closes the database: a read
running in a service's unit of work stops at once with a storage error, while a unit of
work that may write runs on to its commit, on SQLite (``interrupt``) and on PostgreSQL
(a cancel request)."""

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select, text

from desktop.domain.organisation import Organisation, OrganisationKind
from desktop.services.base import Service
from desktop.services.errors import StorageError
from desktop.store.database import Database

# A read that would run for hours (SQLite counts to a hundred thousand million) or a minute.
ENDLESS_READ = {
    "sqlite": "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c "
    "WHERE x < 100000000000) SELECT count(*) FROM c",
    "postgresql": "SELECT pg_sleep(60)",
}
# The slow statement of a write: about half a second of work, then its answer.
SLOW_STATEMENT = {
    "sqlite": "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c "
    "WHERE x < 2000000) SELECT count(*) FROM c",
    "postgresql": "SELECT count(*) FROM (SELECT pg_sleep(0.5)) AS s, generate_series(1, 2000000)",
}
WAIT_S = 10.0  # far longer than an interrupted read takes to stop


@dataclass
class Outcome:
    """What one piece of work on its own thread came to."""

    started: threading.Event = field(default_factory=threading.Event)
    result: Any = None
    error: Exception | None = None


def _on_a_thread(work: Callable[[Outcome], Any]) -> tuple[threading.Thread, Outcome]:
    outcome = Outcome()

    def run() -> None:
        try:
            outcome.result = work(outcome)
        except Exception as error:
            outcome.error = error

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread, outcome


def _read(db: Database, backend: str) -> Callable[[Outcome], Any]:
    def work(outcome: Outcome) -> Any:
        with Service(db).unit_of_work(read_only=True) as session:
            outcome.started.set()
            return session.execute(text(ENDLESS_READ[backend])).scalar()

    return work


def _write(db: Database, backend: str) -> Callable[[Outcome], Any]:
    def work(outcome: Outcome) -> Any:
        with Service(db).unit_of_work() as session:
            outcome.started.set()
            counted = session.execute(text(SLOW_STATEMENT[backend])).scalar()
            session.add(
                Organisation(
                    name_en="Saved before the quit",
                    kind=OrganisationKind.PARTNER_CSO,
                    search_key="saved before the quit",
                )
            )
        return counted

    return work


def _interrupt_until_done(db: Database, thread: threading.Thread) -> float:
    """Interrupt ``db``'s reads every 10 ms until ``thread`` ends; the seconds it took."""
    began = time.monotonic()
    while thread.is_alive() and time.monotonic() - began < WAIT_S:
        db.interrupt_reads()
        thread.join(0.01)
    return time.monotonic() - began


def test_a_running_read_is_interrupted_at_once(db: Database) -> None:
    backend = db.url.get_backend_name()
    thread, outcome = _on_a_thread(_read(db, backend))
    assert outcome.started.wait(WAIT_S)
    took = _interrupt_until_done(db, thread)
    assert not thread.is_alive(), "the read ran on through the interrupts"
    assert took < WAIT_S / 2
    assert isinstance(outcome.error, StorageError), outcome.error
    assert outcome.result is None


def test_a_write_runs_to_its_commit_while_reads_beside_it_are_interrupted(db: Database) -> None:
    backend = db.url.get_backend_name()
    writer, written = _on_a_thread(_write(db, backend))
    assert written.started.wait(WAIT_S)
    reader, read = _on_a_thread(_read(db, backend))
    assert read.started.wait(WAIT_S)
    _interrupt_until_done(db, reader)
    asked_during_the_write = 0
    while writer.is_alive():  # the write's slow statement runs on, asked again and again
        asked_during_the_write += 1
        db.interrupt_reads()
        writer.join(0.01)
    assert isinstance(read.error, StorageError)
    assert written.error is None and written.result == 2_000_000
    assert asked_during_the_write > 1  # the interrupts overlapped the write's statement
    with Service(db).unit_of_work(read_only=True) as session:
        names = session.scalars(select(Organisation.name_en)).all()
    assert "Saved before the quit" in names


def test_only_the_connections_handed_out_for_reading_are_asked(db: Database) -> None:
    assert db.interrupt_reads() == 0
    with Service(db).unit_of_work(read_only=True) as session:
        assert session.execute(text("SELECT 1")).scalar() == 1
        assert db.interrupt_reads() == 1
    with Service(db).unit_of_work() as session:
        assert session.execute(text("SELECT 1")).scalar() == 1
        assert db.interrupt_reads() == 0
    assert db.interrupt_reads() == 0
