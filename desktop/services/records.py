"""The steps every editable record shares: load it for a change, refuse a stale version,
archive and restore, each with its audit entry.
"""

from datetime import UTC, datetime
from typing import TypeVar

from sqlalchemy.orm import Session

from desktop.domain.audit import AuditAction
from desktop.domain.base import Base
from desktop.services import audit
from desktop.services.actor import Actor
from desktop.services.errors import ConflictError, NotFoundError
from desktop.services.validation import is_record_id

Record = TypeVar("Record", bound=Base)


def load(session: Session, model: type[Record], record_id: int, missing: str) -> Record:
    found = session.get(model, record_id) if is_record_id(record_id) else None
    if found is None:
        raise NotFoundError(missing)
    return found


def load_for_change(
    session: Session,
    model: type[Record],
    record_id: int,
    expected_version: int | None,
    missing: str,
) -> Record:
    """The record, provided nobody has saved it since the caller read ``expected_version``."""
    found = load(session, model, record_id, missing)
    if expected_version is not None and found.version != expected_version:
        raise ConflictError()
    return found


def set_archived(session: Session, actor: Actor, record: Base, archived: bool) -> None:
    if (record.archived_at is not None) == archived:
        return
    record.archived_at = datetime.now(UTC) if archived else None
    action = AuditAction.ARCHIVE if archived else AuditAction.RESTORE
    audit.record(session, actor, action, record)
