"""Writing checked rows quickly: many records per statement, each with its audit entry.

An import of 100,000 rows cannot afford the ORM's one round trip per record, so records
the services have validated (transient objects their ``_apply`` filled) are inserted in
batches, each batch as one statement, with the UUID, first version and timestamps the ORM
would have set; the audit entries, the same the forms write, follow in one more statement.
"""

import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from itertools import islice
from operator import itemgetter
from typing import TYPE_CHECKING, Any
from uuid import UUID

from sqlalchemy import Date, DateTime, Table, Uuid, func, insert, select, text
from sqlalchemy import Enum as SAEnum
from sqlalchemy.orm import Session

from desktop.domain.activity import Activity, ParticipantCount, ParticipantSums, title_keys
from desktop.domain.audit import AuditAction, AuditEntry
from desktop.domain.base import Base, utcnow
from desktop.domain.identifiers import new_uuid, new_uuids
from desktop.domain.multilingual import NAME_LANGUAGES, name_column
from desktop.services import audit
from desktop.services.actor import Actor
from desktop.services.imports.base import ProgressTicker
from desktop.store.background_writes import BackgroundWriter
from desktop.store.log_copy import copy_log_after_commit
from desktop.store.migrations.list_indexes import (
    SEARCH_PADDING,
    SQLITE_SEARCH_TABLE,
    SQLITE_SEARCH_TRIGGERS,
)

if TYPE_CHECKING:
    from desktop.services.activities import CheckedActivity

SAVE_BATCH = 500  # rows inserted per round trip
IMPORT_PAGE_CACHE_KIB = 65_536  # SQLite's page cache while an import inserts (see below)
_SEARCH_INSERT = SQLITE_SEARCH_TRIGGERS[0]
# the activities after the first id and up to the second, entered into the trigram table
_LEARN = (
    f"INSERT INTO {SQLITE_SEARCH_TABLE}(rowid, search_key) "
    f"SELECT id, search_key || '{SEARCH_PADDING}' FROM activities WHERE id > ? AND id <= ?"
)


def tracked_row(record: Base, attributes: Sequence[str], now: datetime) -> dict[str, Any]:
    """The insert values of a new tracked record: its ``attributes``, a fresh UUID (set on
    the record too), version 1 and both timestamps ``now``."""
    record.uuid = new_uuid()  # type: ignore[attr-defined]
    return {
        **{key: getattr(record, key) for key in attributes},
        "created_at": now,
        "updated_at": now,
        "version": 1,
        "uuid": record.uuid,  # type: ignore[attr-defined]
    }


def insert_audited(
    session: Session,
    actor: Actor,
    model: type[Base],
    records: Sequence[Base],
    attributes: Sequence[str],
    now: datetime,
    ticker: ProgressTicker,
    *,
    state: Callable[[Any], audit.Snapshot] = audit.snapshot,
) -> None:
    """Insert ``records`` of ``model`` in batches, give each its new id and write each
    one's creation audit entry holding ``state(record)``; one progress step per record.

    Every row of a batch names the same columns, an empty one as NULL (``render_nulls``):
    left to itself the ORM drops a row's empty columns and sends each run of rows with
    the same empty columns as its own statement, which made 10,000 activities (some
    without a venue, some without a Serbian title) some 4,800 statements instead of 20.
    A column with a default is left out where it is empty, so the default still fills it.
    """
    defaulted = [
        column.key
        for column in model.__table__.columns  # type: ignore[attr-defined]
        if column.default is not None or column.server_default is not None
    ]
    statement = insert(model).execution_options(render_nulls=True)
    for start in range(0, len(records), SAVE_BATCH):
        batch = records[start : start + SAVE_BATCH]
        rows = [tracked_row(record, attributes, now) for record in batch]
        for row in rows:
            for key in defaulted:
                if key in row and row[key] is None:
                    del row[key]
        session.execute(statement, rows)
        uuid_column = model.uuid  # type: ignore[attr-defined]
        saved = select(uuid_column, model.id).where(  # type: ignore[attr-defined]
            uuid_column.in_([record.uuid for record in batch])  # type: ignore[attr-defined]
        )
        ids = {uuid: record_id for uuid, record_id in session.execute(saved)}
        for record in batch:
            record.id = ids[record.uuid]  # type: ignore[attr-defined]
        session.execute(
            insert(AuditEntry),
            [
                {
                    "user_id": actor.user_id,
                    "username": actor.username,
                    "action": AuditAction.CREATE,
                    "entity": model.__tablename__,
                    "entity_id": record.id,  # type: ignore[attr-defined]
                    "entity_uuid": record.uuid,  # type: ignore[attr-defined]
                    "changes": state(record),
                }
                for record in batch
            ],
        )
        for _record in batch:
            ticker.step()


def refresh_statistics(session: Session, model: type[Base]) -> None:
    """Let PostgreSQL know how many rows ``model``'s table now holds, before rows that
    point at the new ones are inserted.

    PostgreSQL plans each foreign-key check once per connection; planned while a table
    held a few dozen rows, the check reads the whole table for every row inserted after,
    and 100,000 activities' participant counts then take hours instead of seconds.
    ANALYZE counts the rows this transaction inserted and makes the checks be planned
    again (a database user who does not own the table gets a warning and no harm).
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text(f"ANALYZE {model.__tablename__}"))


# Audited the way the form audits an activity (``ActivityService._state``): every column
# the audit log keeps, and the breakdown line by line.
_ACTIVITY_AUDITED = tuple(audit.snapshot(Activity()))
# Those of them whose values JSON lacks (dates, UUIDs): the others are kept as they are.
_ACTIVITY_AUDITED_CONVERTED = tuple(
    key
    for key in _ACTIVITY_AUDITED
    if isinstance(Activity.__table__.c[key].type, (Date, DateTime, Uuid))
)

# SQLite writes each imported activity's creation entry itself, from the stored row and
# its participant lines (``_CREATION_ENTRIES``): the same JSON, once parsed, as
# ``_creation_entry`` (as ``ActivityService._state``).  A UUID is stored as 32 hex digits
# and audited in its usual form; a date is stored as the ISO text the audit keeps; the
# only timestamp audited, ``archived_at``, is empty on every imported activity.
_UUID_TEXT = (
    "substr(a.{0}, 1, 8) || '-' || substr(a.{0}, 9, 4) || '-' || substr(a.{0}, 13, 4)"
    " || '-' || substr(a.{0}, 17, 4) || '-' || substr(a.{0}, 21)"
)


def _audited_sql(key: str) -> str:
    column_type = Activity.__table__.c[key].type
    if isinstance(column_type, Uuid):
        return _UUID_TEXT.format(key)
    if isinstance(column_type, DateTime):
        return "NULL"
    return f"a.{key}"


# The breakdown as ``ActivityService._state`` sorts it: SQLite aggregates a subquery's
# rows in its order (an aggregate's own ORDER BY needs SQLite 3.44); json() keeps the
# array an array inside the object.
_AUDITED_PARTICIPANTS = (
    "json((SELECT json_group_array(json_array(gender, age_band, code, count)) FROM ("
    "SELECT p.gender, p.age_band, c.code, p.count FROM participant_counts p "
    "JOIN communities c ON c.id = p.community_id WHERE p.activity_id = a.id "
    "ORDER BY 1, 2, 3, 4)))"
)
_CREATION_ENTRIES = (
    "INSERT INTO audit_entries "
    "(at, user_id, username, action, entity, entity_id, entity_uuid, changes) "
    f"SELECT ?, ?, ?, ?, '{Activity.__tablename__}', a.id, a.uuid, json_object("
    + ", ".join(f"'{key}', {_audited_sql(key)}" for key in _ACTIVITY_AUDITED)
    + f", 'participants', {_AUDITED_PARTICIPANTS}) "
    "FROM activities a WHERE a.id > ? AND a.id <= ?"
)


def insert_new_activities(
    session: Session,
    actor: Actor,
    activities: Iterable["CheckedActivity"],
    ticker: ProgressTicker,
) -> int:
    """Insert checked activities as the form stores them (sums, title keys and search key
    included), each with the audit entry the form writes, and their participant counts:
    a few statements a batch.  ``activities`` may still be being checked
    (``ActivityImport`` hands them over row by row as each passes): each batch is stored
    as soon as it is full.  Returns how many were inserted.

    On SQLite the statements run on the writer's own thread (``BackgroundWriter``) while
    this one checks and prepares the next batch, many rows a statement through the
    driver (``_DriverInsert``), each activity with the id SQLite would give it.  The
    trigram table (schema 0005) learns each batch in one statement, not row by row
    through its insert trigger, which cost 2.3 of the 3.3 s of CPU that 10,000 activities
    took to insert: the trigger is dropped and made again, word for word, inside this
    transaction, which either commits both or neither.  SQLite also writes each batch's
    audit entries itself, from the stored rows (``_CREATION_ENTRIES``), so their JSON is
    made without Python's lock instead of on this thread, which bounds the import.
    PostgreSQL's ids come from its sequence, read back with RETURNING, its audit entries
    are made here, and its trigram index keeps itself."""
    if session.get_bind().dialect.name == "sqlite":
        return _insert_on_sqlite(session, actor, activities, ticker)
    return _insert_on_server(session, actor, activities, ticker)


def _insert_on_sqlite(
    session: Session,
    actor: Actor,
    activities: Iterable["CheckedActivity"],
    ticker: ProgressTicker,
) -> int:
    now = utcnow()
    table = Activity.__table__
    store_activities = _DriverInsert(session, table)
    store_lines = _DriverInsert(session, ParticipantCount.__table__)
    entry_values = _DriverInsert(session, AuditEntry.__table__).converted(
        {
            "at": now,
            "user_id": actor.user_id,
            "username": actor.username,
            "action": AuditAction.CREATE,
        }
    )
    inserted = 0
    copy_log_after_commit(session)
    with search_trigger_set_aside(session), roomy_page_cache(session):
        # SQLite gives a new row the largest id plus one (no AUTOINCREMENT); the unit of
        # work holds the write lock, so no one else inserts meanwhile
        last_id = session.execute(select(func.max(table.c.id))).scalar() or 0
        with BackgroundWriter(session.connection()) as writer:
            for batch in _batches(activities):
                rows = _activity_rows(batch, now)
                for number, row in enumerate(rows, start=last_id + 1):
                    row["id"] = number
                for statement in store_activities.prepared(rows):
                    writer.put(*statement)
                writer.put(_LEARN, (last_id, rows[-1]["id"]))
                for statement in store_lines.prepared(_participant_lines(rows, batch, now)):
                    writer.put(*statement)
                writer.put(_CREATION_ENTRIES, (*entry_values, last_id, rows[-1]["id"]))
                last_id = rows[-1]["id"]
                inserted += len(batch)
                for _activity in batch:
                    ticker.step()
    return inserted


def _insert_on_server(
    session: Session,
    actor: Actor,
    activities: Iterable["CheckedActivity"],
    ticker: ProgressTicker,
) -> int:
    now = utcnow()
    table = Activity.__table__
    # with each new id its UUID: asked to return the ids in the rows' order, SQLAlchemy
    # sends one INSERT a row
    added = insert(table).returning(table.c.uuid, table.c.id)
    inserted = 0
    for batch in _batches(activities):
        rows = _activity_rows(batch, now)
        returned = dict(session.execute(added, rows).all())
        for row in rows:
            row["id"] = returned[row["uuid"]]
        session.execute(insert(AuditEntry), _creation_entries(actor, rows, batch, now))
        if inserted == 0:
            refresh_statistics(session, Activity)
        if lines := _participant_lines(rows, batch, now):
            session.execute(insert(ParticipantCount.__table__), lines)
        inserted += len(batch)
        for _activity in batch:
            ticker.step()
    return inserted


def _batches(activities: Iterable["CheckedActivity"]) -> Iterator[list["CheckedActivity"]]:
    """``SAVE_BATCH`` activities at a time, each batch as soon as it is full."""
    activities = iter(activities)
    while batch := list(islice(activities, SAVE_BATCH)):
        yield batch


def _creation_entries(
    actor: Actor, rows: list[dict[str, Any]], batch: list["CheckedActivity"], now: datetime
) -> list[dict[str, Any]]:
    return [
        _creation_entry(actor, row, activity, now)
        for row, activity in zip(rows, batch, strict=True)
    ]


def _participant_lines(
    rows: list[dict[str, Any]], batch: list["CheckedActivity"], now: datetime
) -> list[dict[str, Any]]:
    counted = [
        (row["id"], cell, count)
        for row, activity in zip(rows, batch, strict=True)
        for cell, count in activity.cells.items()
    ]
    return [
        {
            "activity_id": activity_id,
            "gender": gender,
            "age_band": band,
            "community_id": community.id,
            "count": count,
            "uuid": uuid,
            "created_at": now,
            "updated_at": now,
            "version": 1,
        }
        for (activity_id, (gender, band, community), count), uuid in zip(
            counted, new_uuids(len(counted)), strict=True
        )
    ]


class _DriverInsert:
    """``INSERT`` of rows (dicts naming the same columns) into a table in as few
    statements as SQLite allows, each value converted as SQLAlchemy converts it for the
    database (the columns' bind processors): the same stored values without SQLAlchemy's
    work for each row of each statement (0.3 s of CPU for 10,000 activities and their
    counts).

    One statement holds many rows (``VALUES (…), (…), …``, up to SQLite's limit on
    parameters), not one row per step of an ``executemany``: the driver lets go of Python's
    lock for each step, and while the import checks rows on the other thread every step
    then waited for the lock to come back (1.1 of 2.3 s of the writer's time).

    The values of a date, a timestamp or a choice recur from row to row (every row's
    creation time, a few hundred days, a handful of genders), so each is converted once a
    statement and looked up after: 130,000 conversions of 10,000 activities, their counts
    and audit entries became a few thousand."""

    def __init__(self, session: Session, table: Table) -> None:
        dialect = session.get_bind().dialect
        self.table = table
        self.converters = {
            column.name: column.type.dialect_impl(dialect).bind_processor(dialect)
            for column in table.columns
        }
        self.recurring = frozenset(
            column.name
            for column in table.columns
            if isinstance(column.type, (Date, DateTime, SAEnum))
        )
        driver = session.connection().connection.driver_connection
        self.parameter_limit = driver.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)

    def converted(self, values: dict[str, Any]) -> tuple[Any, ...]:
        """``values`` (by column) converted as ``prepared`` converts them, in their order."""
        return tuple(
            value if (convert := self.converters[name]) is None else convert(value)
            for name, value in values.items()
        )

    def prepared(self, rows: Sequence[dict[str, Any]]) -> Iterator[tuple[str, tuple[Any, ...]]]:
        """The ``INSERT`` statements of ``rows``, each with its converted values (none for
        no rows)."""
        if not rows:
            return
        columns = tuple(rows[0])
        converted = [
            (position, _remembered(convert) if name in self.recurring else convert)
            for position, name in enumerate(columns)
            if (convert := self.converters[name]) is not None
        ]
        values_of = itemgetter(*columns)
        marks = f"({', '.join('?' * len(columns))})"
        per_statement = max(1, self.parameter_limit // len(columns))
        for start in range(0, len(rows), per_statement):
            chunk = rows[start : start + per_statement]
            values: list[Any] = []
            for row in chunk:
                value = list(values_of(row))
                for position, convert in converted:
                    value[position] = convert(value[position])
                values.extend(value)
            statement = (
                f"INSERT INTO {self.table.name} ({', '.join(columns)}) "
                f"VALUES {', '.join([marks] * len(chunk))}"
            )
            yield statement, tuple(values)


def _remembered(convert: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """``convert`` working out each distinct value once (see ``_DriverInsert``)."""
    done: dict[Any, Any] = {}

    def converted(value: Any) -> Any:
        try:
            return done[value]
        except KeyError:
            done[value] = result = convert(value)
            return result

    return converted


def _activity_rows(batch: list["CheckedActivity"], now: datetime) -> list[dict[str, Any]]:
    return [
        _activity_row(activity, now, uuid)
        for activity, uuid in zip(batch, new_uuids(len(batch)), strict=True)
    ]


def _activity_row(activity: "CheckedActivity", now: datetime, uuid: UUID) -> dict[str, Any]:
    sums = ParticipantSums.of(
        (gender, count) for (gender, _band, _c), count in activity.cells.items()
    )
    names = {code: activity.names[name_column(code)] for code in NAME_LANGUAGES}
    return {
        **activity.names,
        "project_id": activity.project_id,
        "activity_type_id": activity.activity_type_id,
        "municipality_id": activity.municipality_id,
        "carried_out_by_id": activity.carried_out_by_id,
        "start_date": activity.start_date,
        "end_date": activity.end_date,
        "venue": activity.venue,
        "description": activity.description,
        "problems": activity.problems,
        "participants_total": activity.participants_total,
        "participants_women": sums.women,
        "participants_men": sums.men,
        "participants_recorded": sums.recorded,
        "search_key": activity.search_key,
        **title_keys(names),
        "archived_at": None,
        "uuid": uuid,
        "created_at": now,
        "updated_at": now,
        "version": 1,
    }


def _creation_entry(
    actor: Actor, row: dict[str, Any], activity: "CheckedActivity", now: datetime
) -> dict[str, Any]:
    state = {key: row[key] for key in _ACTIVITY_AUDITED}
    for key in _ACTIVITY_AUDITED_CONVERTED:
        state[key] = _plain(state[key])
    state["participants"] = sorted(
        [gender.value, band.value, community.code, count]
        for (gender, band, community), count in activity.cells.items()
    )
    return {
        # the column's default, which the driver's insert does not apply: the time of the
        # import, as the activity's own creation time
        "at": now,
        "user_id": actor.user_id,
        "username": actor.username,
        "action": AuditAction.CREATE,
        "entity": Activity.__tablename__,
        "entity_id": row["id"],
        "entity_uuid": row["uuid"],
        "changes": state,
    }


def _plain(value: Any) -> Any:
    """A column value as the audit log keeps it (``audit.snapshot``): dates in ISO form,
    UUIDs as text; an activity has no other kind of value that JSON lacks."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, UUID):
        return str(value)
    return value


@contextmanager
def roomy_page_cache(session: Session) -> Iterator[None]:
    """SQLite's page cache at ``IMPORT_PAGE_CACHE_KIB`` for the inserts, the connection's
    own size again afterwards.

    Each new activity enters some fifteen indexes at random places, six of them wide (the
    title keys in four languages, the search key, the date walk's): at 100,000 activities
    those alone are some 200 MB of pages.  With SQLite's default 2 MB cache each insert
    reads pages back and the transaction spills changed pages to the log before its
    commit, often the same page several times: 10,000 rows' inserts took 2.0–2.4 s of CPU
    there, 1.1–1.3 s with 64 MB.  The pages are only taken as the inserts touch them, and
    given back once the size is set back."""
    # the driver's own connection: the size is set back also after a failed statement
    driver = session.connection().connection.driver_connection
    before = driver.execute("PRAGMA cache_size").fetchone()[0]
    driver.execute(f"PRAGMA cache_size = -{IMPORT_PAGE_CACHE_KIB}")
    try:
        yield
    finally:
        driver.execute(f"PRAGMA cache_size = {int(before)}")


@contextmanager
def search_trigger_set_aside(session: Session) -> Iterator[None]:
    """The trigram table's insert trigger dropped, and made again word for word on
    leaving, in the same transaction (see ``insert_new_activities``)."""
    trigger = session.execute(
        text("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = :name"),
        {"name": _SEARCH_INSERT},
    ).scalar_one()
    session.execute(text(f"DROP TRIGGER {_SEARCH_INSERT}"))
    yield
    session.execute(text(trigger))
