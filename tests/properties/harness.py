"""The two properties every service call must keep, checked around one call.

A call either succeeds, or raises a ``ServiceError`` (our refusal, one translated sentence)
and leaves every table exactly as it was: same rows, same values, audit log included.
"""

import hashlib
from collections.abc import Callable
from typing import Any, TypeVar

from sqlalchemy import inspect

from desktop.services.errors import ServiceError
from desktop.store.database import Database

T = TypeVar("T")

Dump = dict[str, tuple[int, str]]


def dump(db: Database) -> Dump:
    """Every table's row count and a hash of all its rows (in any order)."""
    with db.engine.connect() as connection:
        names = inspect(connection).get_table_names()
        tables: Dump = {}
        for name in names:
            rows = connection.exec_driver_sql(f'SELECT * FROM "{name}"').fetchall()
            digest = hashlib.sha256("\n".join(sorted(map(repr, rows))).encode()).hexdigest()
            tables[name] = (len(rows), digest)
    return tables


class Refused:
    """What a refused call raised (so a test can look at the message)."""

    def __init__(self, error: ServiceError) -> None:
        self.error = error


def attempt(db: Database, call: Callable[[], T]) -> T | Refused:
    """Run ``call``; any exception but a ``ServiceError`` fails the test, and so does a
    refusal that changed the database."""
    before = dump(db)
    try:
        return call()
    except ServiceError as error:
        after = dump(db)
        changed = {name: (before.get(name), after.get(name)) for name in set(before) | set(after)}
        changed = {name: pair for name, pair in changed.items() if pair[0] != pair[1]}
        assert not changed, f"refused with {error!r} but changed {changed}"
        assert str(error).strip(), "a refusal must say why"
        return Refused(error)


def succeeded(outcome: Any) -> bool:
    return not isinstance(outcome, Refused)


def first_id(db: Database, model: type, *conditions: Any) -> int:
    """The smallest id of ``model`` (matching ``conditions``): a record the demo wrote."""
    from sqlalchemy import func, select

    with db.transaction() as session:
        found = session.scalar(select(func.min(model.id)).where(*conditions))
    assert found is not None, model
    return found


def assert_text_kept(typed: Any, stored: Any, fields: tuple[str, ...]) -> None:
    """Each text the user typed reads back as the service cleans it (controls dropped,
    ends stripped); an empty one may come back filled by the service (a derived name)."""
    from desktop.services.validation import clean_text

    for name in fields:
        expected = clean_text(getattr(typed, name))
        if expected:
            assert getattr(stored, name) == expected, name
