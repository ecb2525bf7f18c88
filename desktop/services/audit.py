"""Audit entries, written inside the caller's transaction so they commit with the change."""

from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from enum import Enum
from typing import Any
from uuid import UUID

from sqlalchemy import inspect
from sqlalchemy.orm import Session

from desktop.domain.activity import PARTICIPANT_SUM_COLUMNS, TITLE_KEY_COLUMNS
from desktop.domain.audit import AuditAction, AuditEntry
from desktop.domain.base import Base
from desktop.services.actor import Actor

# Bookkeeping, and what is derived from fields the log records already (an activity's
# participant sums change only with its breakdown, which is recorded line by line; its
# title's sort keys only with the titles).
_NOT_AUDITED = {
    "created_at",
    "updated_at",
    "version",
    "search_key",
    *PARTICIPANT_SUM_COLUMNS,
    *TITLE_KEY_COLUMNS.values(),
}
Snapshot = dict[str, Any]


def _plain(value: Any) -> Any:
    """A JSON-safe form of a column value."""
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, Decimal | UUID):
        return str(value)
    if isinstance(value, Enum):
        return value.value
    return value


def snapshot(record: Base) -> Snapshot:
    """The record's audited column values, JSON-safe."""
    mapper = inspect(record).mapper
    return {
        column.key: _plain(_at_scale(getattr(record, column.key), column.columns[0].type))
        for column in mapper.column_attrs
        if column.key not in _NOT_AUDITED
    }


def _at_scale(value: Any, column_type: Any) -> Any:
    """A number as its column stores it: a rate typed "1" and the stored 1.00000000 are the
    same value, and must not read as a change (nor bump the record's version)."""
    scale = getattr(column_type, "scale", None)
    if not isinstance(value, Decimal) or scale is None or not value.is_finite():
        return value
    try:
        return value.quantize(Decimal(1).scaleb(-scale))
    except InvalidOperation:  # more digits than the column holds: the database will say so
        return value


def diff(before: Snapshot, after: Snapshot) -> dict[str, list[Any]]:
    return {
        key: [before.get(key), value] for key, value in after.items() if before.get(key) != value
    }


def record(
    session: Session,
    actor: Actor,
    action: AuditAction,
    target: Base,
    changes: dict[str, Any] | None = None,
) -> None:
    """Add the audit entry for ``action`` on ``target`` (flushed so the target has its id)."""
    session.flush()
    session.add(
        AuditEntry(
            user_id=actor.user_id,
            username=actor.username,
            action=action,
            entity=target.__tablename__,
            entity_id=target.id,
            entity_uuid=getattr(target, "uuid", None),
            changes=changes or {},
        )
    )
