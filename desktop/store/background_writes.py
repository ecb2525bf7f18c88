"""Statements run on a connection by a thread of their own, while the caller works on.

An import checks rows in Python and SQLite stores them in C, without Python's lock, so the
two can use the laptop's two cores at once: the caller checks the next rows and prepares
their values while this writer's thread stores the ones before, in the caller's
transaction and in the order given.  Whatever goes wrong in either reaches the caller,
and the transaction then commits nothing: the import stays all or nothing.

While the writer is open the connection is its alone.  A statement from any other thread
on it is refused at once (``WriterOwnsConnection``): two threads on one SQLite connection
would not fail, they would quietly interleave.
"""

import queue
import threading
from collections.abc import Sequence
from types import TracebackType
from typing import Any

from sqlalchemy import Connection, event

# Statements waiting at most: enough to keep the writer busy, few enough that a writer
# which fell behind makes the caller wait rather than hold every prepared row in memory.
QUEUE_DEPTH = 8

_Statement = tuple[str, Sequence[Any]]


class WriterOwnsConnection(RuntimeError):
    """A statement was sent on the connection while a ``BackgroundWriter`` owned it."""


class BackgroundWriter:
    """``put`` queues a statement (plain SQL with the driver's ``?`` marks, and one row of
    parameters or a list of rows for ``executemany``); leaving the ``with`` block waits
    for the last to run and raises the first failure, if any.  Leaving it with an
    exception drops what is still queued."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection
        self._queue: queue.Queue[_Statement | None] = queue.Queue(maxsize=QUEUE_DEPTH)
        self._failure: BaseException | None = None
        self._abandoned = False
        self._thread = threading.Thread(target=self._work, name="import writer", daemon=True)

    def __enter__(self) -> "BackgroundWriter":
        event.listen(self._connection, "before_cursor_execute", self._refuse_other_threads)
        self._thread.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._abandoned = error is not None
        self._queue.put(None)
        self._thread.join()
        event.remove(self._connection, "before_cursor_execute", self._refuse_other_threads)
        if error is None:
            self._raise_failure()

    def put(self, statement: str, parameters: Sequence[Any]) -> None:
        """Queue ``statement``; raises at once if an earlier one failed."""
        self._raise_failure()
        self._queue.put((statement, parameters))

    def _raise_failure(self) -> None:
        if self._failure is not None:
            raise self._failure

    def _work(self) -> None:
        while (item := self._queue.get()) is not None:
            if self._failure is not None or self._abandoned:
                continue  # drained without running, so the caller's puts never block
            try:
                self._connection.exec_driver_sql(*item)
            except BaseException as failure:  # handed to the caller, raised in its thread
                self._failure = failure

    def _refuse_other_threads(self, *_arguments: Any) -> None:
        if threading.current_thread() is not self._thread:
            raise WriterOwnsConnection(
                "a statement was sent on a connection an import's writer owns"
            )
