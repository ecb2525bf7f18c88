"""Writing the benchmark office fast, and the small drawing helpers its stages share.

Rows go in with Core ``executemany`` in batches, never one ORM object at a time; their keys
are handed out here, after whatever each table already holds, so a stage knows the key of a
row before it is written and children can point at it without a round trip.  The whole load
runs on one connection: on SQLite it trades crash safety for speed while loading (a
benchmark database that a power cut damages is simply generated again) and restores the
usual settings at the end; on PostgreSQL each sequence is moved past the keys given here.
"""

import random
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date, timedelta
from typing import Any, TypeVar

from sqlalchemy import (
    Connection,
    DateTime,
    Table,
    func,
    insert,
    literal,
    literal_column,
    select,
    text,
)

from desktop.domain.base import utcnow
from desktop.domain.identifiers import new_uuid
from desktop.i18n.translit import cyrillic_to_latin
from desktop.store.database import Database
from desktop.store.demo_content import Names

BATCH = 5_000  # rows per INSERT, and activities or cases per transaction
_T = TypeVar("_T")


class RowWriter:
    """Hands out keys, stamps editable rows and inserts them, counting per table."""

    def __init__(self, connection: Connection, keyed: Sequence[Any]) -> None:
        self.connection = connection
        self.now = utcnow()
        self.written: Counter[str] = Counter()
        self._keyed = [model.__table__ for model in keyed]
        self._next: dict[str, int] = {}

    def reserve_keys(self) -> None:
        """New keys start after the largest a table already holds."""
        for table in self._keyed:
            self._next[table.name] = (self.connection.scalar(select(func.max(table.c.id))) or 0) + 1

    def next_key(self, model: Any) -> int:
        """The key the next ``tracked`` row of ``model`` will get."""
        return self._next[model.__tablename__]

    def tracked(self, model: Any, **values: Any) -> dict[str, Any]:
        """A row of an editable table with its key and UUID; ``insert`` adds the
        timestamps and the first version."""
        table = model.__tablename__
        key = self._next[table]
        self._next[table] = key + 1
        return {"id": key, "uuid": new_uuid(), **values}

    def insert(self, target: Any, rows: Sequence[dict[str, Any]]) -> None:
        table: Table = getattr(target, "__table__", target)
        statement = insert(table)
        if "version" in table.c:
            # The same for every row, so written into the statement once rather than
            # converted for each of a million rows.
            stamp = self._stamp()
            statement = statement.values(
                created_at=stamp, updated_at=stamp, version=literal_column("1")
            )
        for start in range(0, len(rows), BATCH):
            self.connection.execute(statement, rows[start : start + BATCH])
        self.written[table.name] += len(rows)

    def _stamp(self) -> Any:
        """The time of the load as the database's own literal (SQLite keeps text)."""
        value = literal(self.now, DateTime(timezone=True))
        rendered = value.compile(
            dialect=self.connection.dialect, compile_kwargs={"literal_binds": True}
        )
        return literal_column(str(rendered))

    def align_sequences(self) -> None:
        """PostgreSQL hands out keys from sequences, which rows with given keys do not
        advance; each is set past the largest key, so the next record typed in fits."""
        if self.connection.dialect.name != "postgresql":
            return
        for table in self._keyed:
            self.connection.execute(
                text(
                    "SELECT setval(pg_get_serial_sequence(:table, 'id'), "
                    f"coalesce(max(id), 1), max(id) IS NOT NULL) FROM {table.name}"
                ),
                {"table": table.name},
            )


# While loading, SQLite writes each page once (its rollback journal kept in memory rather
# than a WAL copy written twice), skips fsync, and caches index pages generously.
_LOADING_PRAGMAS = {"synchronous": "OFF", "journal_mode": "MEMORY", "cache_size": "-131072"}


@contextmanager
def loading_connection(db: Database) -> Iterator[Connection]:
    """One connection for the whole load, on SQLite tuned for loading until the end."""
    with db.engine.connect() as connection:
        if not db.is_sqlite:
            yield connection
            return
        # These settings change only outside a transaction, so before SQLAlchemy begins one;
        # leaving WAL needs the only connection to the file, and is skipped when another
        # copy of CSO Desk has it open.
        driver = connection.connection.driver_connection
        before = {name: driver.execute(f"PRAGMA {name}").fetchone()[0] for name in _LOADING_PRAGMAS}
        for name, value in _LOADING_PRAGMAS.items():
            driver.execute(f"PRAGMA {name}={value}")
        try:
            yield connection
        finally:
            if connection.in_transaction():
                connection.rollback()
            for name, value in before.items():
                driver.execute(f"PRAGMA {name}={value}")


# -- drawing ---------------------------------------------------------------------------------


def weighted(rng: random.Random, shares: dict[_T, int]) -> _T:
    return rng.choices(list(shares), list(shares.values()))[0]


def some(rng: random.Random, shares: dict[_T, int], count: int) -> dict[_T, int]:
    """``count`` different keys of ``shares``, drawn by their shares, with their shares."""
    left = dict(shares)
    chosen: dict[_T, int] = {}
    while left and len(chosen) < count:
        key = weighted(rng, left)
        chosen[key] = left.pop(key)
    return chosen


def largest_remainders(total: int, weights: Sequence[float]) -> list[int]:
    """``total`` shared out in proportion to ``weights``, in whole numbers that add up to it
    (evenly when every weight is zero)."""
    if not weights:
        return []
    whole = sum(weights)
    if whole <= 0:
        weights, whole = [1] * len(weights), len(weights)
    quotas = [total * weight / whole for weight in weights]
    counts = [int(quota) for quota in quotas]
    by_remainder = sorted(range(len(quotas)), key=lambda i: quotas[i] - counts[i], reverse=True)
    for index in by_remainder[: total - sum(counts)]:
        counts[index] += 1
    return counts


def name_columns(names: Names) -> dict[str, str | None]:
    return {
        "name_en": names.en,
        "name_sq": names.sq,
        "name_sr": names.sr,
        "name_sr_latn": names.sr_latn,
    }


def filled(templates: Names, latin: bool, **values: Names) -> Names:
    """``templates`` filled with each language's form of ``values``; the Serbian Latin is
    typed for some records (``latin``) and left to be derived from the Cyrillic for others."""
    texts = [
        getattr(templates, language).format(
            **{key: getattr(value, language) for key, value in values.items()}
        )
        for language in ("en", "sq", "sr")
    ]
    return Names(*texts, cyrillic_to_latin(texts[2]) if latin else None)


def add_months(day: date, months: int) -> date:
    """The first day of the month ``months`` after ``day``'s."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def month_end(month: date) -> date:
    return add_months(month, 1) - timedelta(days=1)


def day_between(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randint(0, max(0, (last - first).days)))
