"""``csodesk db copy``: every row of one CSO Desk database into an empty one, proven equal.

An office that outgrows a laptop moves its SQLite file onto the shared PostgreSQL server (and
an office that leaves the server takes its data back into a file).  Nothing may be lost or
changed on the way, the audit log least of all, so:

- everything that could make the copy fail is checked before anything is written: the
  source exists, is sound and is at this version's schema; the target can be reached, holds
  no data and no other program's tables; source and target are not the same database;
- the target's schema is made first (an SQLite file is created; an empty PostgreSQL
  database gets it inside the copy's own transaction, so a failure leaves it empty again),
  then every table is copied in one transaction, parents before children, rows in key
  order, in batches so that memory stays small for any size: ids, UUIDs, versions,
  timestamps, stored keys and sums, attachments' bytes and audit entries as they are;
- the source is read in one snapshot, and each table's row count and checksum
  (``desktop.store.checksums``) are taken from it; before committing, the target's rows are
  read back and summed the same way.  Any difference rolls the whole copy back (a file made
  for it is deleted) and names the tables that differ.

The copy connects as whoever the URL names: on PostgreSQL that must be the role that owns
the tables (the role CSO Desk itself connects as), which row-level security lets see and
write every row.  The audit log's triggers refuse changing and deleting entries, never adding
them, so the copy inserts them like any other rows.  On an SQLite target the activities'
trigram search table is filled by its own triggers as the activities go in.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.i18n import _
from desktop.store.errors import (
    DatabaseDamaged,
    DatabaseTooNew,
    DatabaseUnavailable,
    NotADatabase,
    ReadOnlyLocation,
    StoreError,
)

if TYPE_CHECKING:
    from sqlalchemy import Column, Connection, Engine, Table
    from sqlalchemy.engine import URL

BATCH_ROWS = 1000
# The shipped reference lists every new schema is seeded with; an empty database holds
# them, and the copy replaces them by the source's own rows (their ids are what records
# point at).
REFERENCE_TABLES = frozenset(
    {
        "municipalities",
        "communities",
        "activity_types",
        "budget_templates",
        "budget_headings",
        "thematic_areas",
    }
)
_SQLITE_COMPANIONS = ("-wal", "-shm", "-journal")

# (phase, table, rows): phase "copied" once a table is in the target, "checked" once its
# rows were read back and matched.
Progress = Callable[[str, str, int], None]


@dataclass(frozen=True)
class TableCopy:
    """One table as copied: its rows and the SHA-256 of their canonical text."""

    table: str
    rows: int
    checksum: str


@dataclass(frozen=True)
class CopyResult:
    source: str
    target: str
    tables: tuple[TableCopy, ...]


class CopyRefused(StoreError):
    """The copy cannot begin; nothing was written anywhere."""


class CopyFailed(StoreError):
    """The target refused a row or the connection was lost; the copy was undone."""

    def __init__(self, target: str, reason: str) -> None:
        super().__init__(
            _("The copy into {target} failed and was undone, nothing was kept: {reason}").format(
                target=target, reason=reason
            )
        )


class CopyMismatch(StoreError):
    """The rows read back from the target differ from the source's; the copy was undone."""

    def __init__(self, target: str, tables: list[str]) -> None:
        self.tables = tables
        super().__init__(
            _(
                "The copy in {target} did not match the source in: {tables}; it was undone "
                "and nothing was kept."
            ).format(target=target, tables=", ".join(tables))
        )


def copy_database(
    source: str,
    target: str,
    *,
    progress: Progress | None = None,
    batch_rows: int = BATCH_ROWS,
) -> CopyResult:
    """Copy every row of the database ``source`` names into the empty one ``target`` names
    (file paths or URLs, as ``--db`` takes them); ``CopyRefused`` (or another
    ``StoreError``) before anything is written, ``CopyMismatch`` when the check after the
    copy failed and ``CopyFailed`` when the target refused a row or the connection was lost,
    the copy undone in both cases."""
    from sqlalchemy.exc import DBAPIError

    from desktop.store.location import describe, resolve_url

    source_url, target_url = resolve_url(source), resolve_url(target)
    if _same_database(source_url, target_url):
        raise CopyRefused(
            _("The source and the target are the same database, {where}.").format(
                where=describe(source_url)
            )
        )
    reading = _open_source(source_url)
    try:
        writing = _Target.prepare(target_url)
        try:
            tables = _copy(reading, writing, progress or _quiet, batch_rows)
        except DBAPIError as error:  # a row refused, the connection lost: said in a sentence
            writing.undo()
            reason = str(error.orig or error).strip().splitlines()[0]
            raise CopyFailed(describe(target_url), reason) from error
        except BaseException:
            writing.undo()
            raise
        writing.engine.dispose()
    finally:
        reading.dispose()
    return CopyResult(describe(source_url), describe(target_url), tables)


def _quiet(_phase: str, _table: str, _rows: int) -> None:
    """No progress wanted."""


def model_tables() -> list[Table]:
    """Every table of the models, parents before the tables that point at them."""
    from desktop.domain import Base, load_all

    load_all()
    return list(Base.metadata.sorted_tables)


def _same_database(first: URL, second: URL) -> bool:
    from desktop.store.location import sqlite_path

    one, other = sqlite_path(first), sqlite_path(second)
    if one is not None or other is not None:
        return one is not None and other is not None and one.resolve() == other.resolve()
    keys = ("host", "port", "database", "query")
    return all(getattr(first, key) == getattr(second, key) for key in keys)


def _open_source(url: URL) -> Engine:
    """An engine on the source, once it is known to be a sound CSO Desk database at the head
    revision.  An SQLite file's revision is read without writing a byte to it."""
    from desktop.store.engine import make_engine
    from desktop.store.location import describe, sqlite_path

    path = sqlite_path(url)
    if path is not None:
        if not path.is_file() or path.stat().st_size == 0:
            raise CopyRefused(
                _("There is no CSO Desk database at {where}: nothing to copy.").format(where=path)
            )
        revision, tables = _sqlite_schema(path)
        _refuse_damaged(path)
        engine = make_engine(url)
    else:
        engine = make_engine(url)
        try:
            revision, tables = _server_schema(engine, url)
        except BaseException:
            engine.dispose()
            raise
    try:
        if revision is None:
            raise CopyRefused(
                _("{where} holds no CSO Desk database: nothing to copy.").format(
                    where=describe(url)
                )
                if not tables
                else _("{where} is not a CSO Desk database.").format(where=describe(url))
            )
        _refuse_other_revision(url, revision)
    except BaseException:
        engine.dispose()
        raise
    return engine


def _refuse_other_revision(url: URL, revision: str) -> None:
    from desktop.store import schema
    from desktop.store.location import describe
    from desktop.store.migrations import HEAD

    if not schema.is_known(revision):
        raise DatabaseTooNew(revision)
    if revision != HEAD:
        raise CopyRefused(
            _(
                "The database {where} has schema {revision}, older than this version's "
                '{head}: bring it up to date first with: csodesk --db "{where}" db upgrade'
            ).format(where=describe(url), revision=revision, head=HEAD)
        )


def _refuse_damaged(path: Path) -> None:
    from desktop.store import backups

    problems = backups.find_damage(path)
    if problems:
        raise DatabaseDamaged(str(path), problems)


def _sqlite_schema(path: Path) -> tuple[str | None, list[str]]:
    """The revision and table names of an SQLite file, read through a read-only connection
    (a writing one would switch the file to WAL before we know we want it)."""
    from desktop.store.database import SQLITE_HEADER
    from desktop.store.schema import VERSION_TABLE

    with path.open("rb") as handle:
        if handle.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
            raise NotADatabase(str(path))
    try:
        with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as plain:
            tables = [
                row[0]
                for row in plain.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            ]
            if VERSION_TABLE not in tables:
                return None, tables
            row = plain.execute(f"SELECT version_num FROM {VERSION_TABLE}").fetchone()
    except sqlite3.Error as error:
        raise NotADatabase(str(path)) from error
    return (row[0] if row else None), tables


def _server_schema(engine: Engine, url: URL) -> tuple[str | None, list[str]]:
    """The revision and table names of a server's database, or ``DatabaseUnavailable``."""
    from sqlalchemy import inspect
    from sqlalchemy.exc import OperationalError

    from desktop.store import schema
    from desktop.store.location import describe

    try:
        with engine.connect() as connection:
            tables = inspect(connection).get_table_names()
            revision = schema.current_revision(connection)
    except OperationalError as error:
        raise DatabaseUnavailable(describe(url)) from error
    return revision, tables


class _Target:
    """The database copied into: refused unless it is empty, given the head schema, and put
    back as it was when the copy fails."""

    def __init__(self, url: URL, engine: Engine, *, needs_schema: bool = False) -> None:
        self.url = url
        self.engine = engine
        self.needs_schema = needs_schema  # an empty server database: made in the copy
        self.created: Path | None = None  # an SQLite file made for the copy
        self.was_empty_file = False

    @classmethod
    def prepare(cls, url: URL) -> _Target:
        from desktop.store.engine import make_engine
        from desktop.store.location import sqlite_path

        path = sqlite_path(url)
        if path is None:
            engine = make_engine(url)
            try:
                return cls._server(url, engine)
            except BaseException:
                engine.dispose()
                raise
        if path.exists() and (path.is_dir() or path.stat().st_size > 0):
            if path.is_dir():
                raise NotADatabase(str(path))
            revision, tables = _sqlite_schema(path)
            _refuse_unusable(url, revision, tables)
            target = cls(url, make_engine(url))
            target._refuse_data()
            return target
        return cls._new_file(url, path)

    @classmethod
    def _server(cls, url: URL, engine: Engine) -> _Target:
        revision, tables = _server_schema(engine, url)
        if not tables:
            return cls(url, engine, needs_schema=True)
        _refuse_unusable(url, revision, tables)
        target = cls(url, engine)
        target._refuse_data()
        return target

    @classmethod
    def _new_file(cls, url: URL, path: Path) -> _Target:
        from desktop.store import schema
        from desktop.store.engine import make_engine

        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise ReadOnlyLocation(str(path.parent)) from error
        if not os.access(path.parent, os.W_OK):
            raise ReadOnlyLocation(str(path.parent))
        was_empty_file = path.exists()
        target = cls(url, make_engine(url))
        target.created, target.was_empty_file = path, was_empty_file
        try:
            schema.upgrade(url)
        except BaseException:
            target.undo()
            raise
        return target

    def _refuse_data(self) -> None:
        """``CopyRefused`` (the engine disposed of) when any table but the seeded reference
        lists holds a row."""
        from sqlalchemy import select

        from desktop.store.location import describe

        with self.engine.connect() as connection:
            filled = next(
                (
                    table.name
                    for table in model_tables()
                    if table.name not in REFERENCE_TABLES
                    and connection.execute(select(1).select_from(table).limit(1)).first()
                ),
                None,
            )
        if filled is not None:
            self.engine.dispose()
            raise CopyRefused(
                _(
                    "The database {where} already holds data (in {table}): copy only into an "
                    "empty database, so that nothing in it is mixed or lost."
                ).format(where=describe(self.url), table=filled)
            )

    def undo(self) -> None:
        """Dispose of the engine; delete the file made for the copy, if one was."""
        self.engine.dispose()
        if self.created is None:
            return
        for suffix in _SQLITE_COMPANIONS:
            self.created.with_name(self.created.name + suffix).unlink(missing_ok=True)
        if self.was_empty_file:
            self.created.write_bytes(b"")
        else:
            self.created.unlink(missing_ok=True)


def _refuse_unusable(url: URL, revision: str | None, tables: list[str]) -> None:
    """Refuse a target holding another program's tables, or CSO Desk's of another schema."""
    from desktop.store.location import describe

    if revision is None:
        shown = ", ".join(sorted(tables)[:5]) + (", …" if len(tables) > 5 else "")
        raise CopyRefused(
            _(
                "The database {where} holds tables that are not CSO Desk's ({tables}): copy "
                "into an empty database."
            ).format(where=describe(url), tables=shown)
        )
    _refuse_other_revision(url, revision)


def _copy(
    source: Engine, target: _Target, progress: Progress, batch_rows: int
) -> tuple[TableCopy, ...]:
    from desktop.store.engine import WRITE_INTENT
    from desktop.store.location import describe

    tables = model_tables()
    with _snapshot(source) as reading, target.engine.connect() as writing:
        writing.execution_options(**{WRITE_INTENT: True})
        with writing.begin():
            if target.needs_schema:
                _create_schema(writing)
            for table in reversed(tables):
                if table.name in REFERENCE_TABLES:
                    writing.execute(table.delete())
            copied = []
            for table in tables:
                done = _copy_table(reading, writing, table, batch_rows)
                copied.append(done)
                progress("copied", table.name, done.rows)
            if writing.dialect.name == "postgresql":
                _advance_sequences(reading, writing, tables)
            differing = [
                table.name
                for table, done in zip(tables, copied, strict=True)
                if _read_back(writing, table, batch_rows, progress) != done
            ]
            if differing:
                raise CopyMismatch(describe(target.url), differing)
    return tuple(copied)


@contextmanager
def _snapshot(engine: Engine) -> Iterator[Connection]:
    """A connection reading one consistent state of the source for the whole copy."""
    with engine.connect() as connection:
        if connection.dialect.name == "postgresql":
            connection.execution_options(
                isolation_level="REPEATABLE READ", postgresql_readonly=True
            )
        with connection.begin() as transaction:
            yield connection
            transaction.rollback()


def _create_schema(connection: Connection) -> None:
    """The head schema, inside the copy's transaction (PostgreSQL's DDL is transactional)."""
    from alembic import command

    from desktop.store.schema import alembic_config

    command.upgrade(alembic_config(connection), "head")


def _ordered(table: Table, batch_rows: int) -> Any:
    from sqlalchemy import select

    return (
        select(table).order_by(*table.primary_key.columns).execution_options(yield_per=batch_rows)
    )


def _copy_table(
    reading: Connection, writing: Connection, table: Table, batch_rows: int
) -> TableCopy:
    """Stream ``table`` from ``reading`` into ``writing`` in batches, summing the source's
    rows as they pass.

    A row whose parent in the same table (a result's parent result, a budget heading's
    parent heading) comes later in key order goes in without it, and gets it once the whole
    table is in."""
    from desktop.store.checksums import TableChecksum

    from_target = _converter(list(table.columns), writing.dialect.name)
    parents = [fk.parent.name for fk in table.foreign_keys if fk.column.table is table]
    checksum = TableChecksum()
    later: list[dict[str, Any]] = []
    for batch in reading.execute(_ordered(table, batch_rows)).partitions():
        checksum.add_all(batch)
        rows = [from_target(row) for row in batch]
        for row in rows:
            if any(row[name] is not None and row[name] >= row["id"] for name in parents):
                later.append(dict(row))
                row.update(dict.fromkeys(parents))
        writing.execute(table.insert(), rows)
    for row in later:
        key = row.pop("id")
        writing.execute(table.update().where(table.c.id == key).values(row))
    return TableCopy(table.name, checksum.rows, checksum.hexdigest())


def _converter(columns: list[Column[Any]], dialect: str) -> Callable[[Any], dict[str, Any]]:
    """A row of the source as the target's parameters.  CSO Desk keeps UTC: SQLite holds a
    naive datetime (SQLAlchemy drops an offset there without converting), PostgreSQL an
    aware one (a naive one it would read in the server's own time zone)."""
    from sqlalchemy import DateTime

    from desktop.store.checksums import as_utc

    names = [column.name for column in columns]
    moments = {column.name for column in columns if isinstance(column.type, DateTime)}

    def convert(row: Any) -> dict[str, Any]:
        values = dict(zip(names, row, strict=True))
        for name in moments:
            value: datetime | None = values[name]
            if value is None:
                continue
            if dialect == "postgresql":
                values[name] = value if value.tzinfo else value.replace(tzinfo=UTC)
            else:
                values[name] = as_utc(value)
        return values

    return convert


def _advance_sequences(reading: Connection, writing: Connection, tables: list[Table]) -> None:
    """Each id sequence of a PostgreSQL target past the ids copied (and past the source's
    own sequence, when it is a server: ids of deleted rows are not given out again)."""
    from sqlalchemy import text

    for table in tables:
        if [column.name for column in table.primary_key.columns] != ["id"]:
            continue
        floor = _sequence_position(reading, table.name)
        sequence = writing.execute(
            text("SELECT pg_get_serial_sequence(:table, 'id')"), {"table": table.name}
        ).scalar()
        if sequence is None:
            continue
        writing.execute(
            text(
                f"SELECT setval(:sequence, greatest(coalesce(max(id), 0), :floor) + 1, false) "
                f"FROM {table.name}"
            ),
            {"sequence": sequence, "floor": floor},
        )


def _sequence_position(connection: Connection, table: str) -> int:
    from sqlalchemy import text

    if connection.dialect.name != "postgresql":
        return 0
    sequence = connection.execute(
        text("SELECT pg_get_serial_sequence(:table, 'id')"), {"table": table}
    ).scalar()
    if sequence is None:
        return 0
    last, called = connection.execute(text(f"SELECT last_value, is_called FROM {sequence}")).one()
    return int(last) if called else int(last) - 1


def _read_back(writing: Connection, table: Table, batch_rows: int, progress: Progress) -> TableCopy:
    """``table`` as the target now holds it, summed like the source."""
    from desktop.store.checksums import TableChecksum

    checksum = TableChecksum()
    for batch in writing.execute(_ordered(table, batch_rows)).partitions():
        checksum.add_all(batch)
    progress("checked", table.name, checksum.rows)
    return TableCopy(table.name, checksum.rows, checksum.hexdigest())
