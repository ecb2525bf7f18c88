"""The SQL a service sends, for tests that count its queries or read their plans."""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event

from desktop.store.database import Database


@contextmanager
def statements_sent(db: Database) -> Iterator[list[tuple[str, Any]]]:
    """Each statement sent while the block runs, with its parameters, in order."""
    sent: list[tuple[str, Any]] = []

    def keep(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_args: Any) -> None:
        sent.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", keep)
    try:
        yield sent
    finally:
        event.remove(db.engine, "before_cursor_execute", keep)


def sqlite_plan(db: Database, statement: str, parameters: Any) -> str:
    """What SQLite would read to answer ``statement`` (``EXPLAIN QUERY PLAN``'s steps)."""
    with db.engine.connect() as connection:
        rows = connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters)
        return " | ".join(row[3] for row in rows)
