"""Writing checked rows quickly: many records per statement, each with its audit entry.

An import of 100,000 rows cannot afford the ORM's one round trip per record, so records
the services have validated (transient objects their ``_apply`` filled) are inserted in
batches, each batch as one statement, with the UUID, first version and timestamps the ORM
would have set; the audit entries, the same the forms write, follow in one more statement.
"""

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any
from uuid import uuid4

from sqlalchemy import insert, select, text
from sqlalchemy.orm import Session

from desktop.domain.audit import AuditAction, AuditEntry
from desktop.domain.base import Base
from desktop.services import audit
from desktop.services.actor import Actor
from desktop.services.imports.base import ProgressTicker

SAVE_BATCH = 500  # rows inserted per round trip


def tracked_row(record: Base, attributes: Sequence[str], now: datetime) -> dict[str, Any]:
    """The insert values of a new tracked record: its ``attributes``, a fresh UUID (set on
    the record too), version 1 and both timestamps ``now``."""
    record.uuid = uuid4()  # type: ignore[attr-defined]
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
