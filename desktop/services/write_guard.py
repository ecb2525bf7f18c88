"""A backstop under the services' permission checks: a session refuses to write for an
actor whose role may not edit records.

Every public service method checks its permission first (``@requires``); this catches the
method that forgot, or a write hidden in a method meant to read.  A reader may still write
two things: the VIEW entry that records what they saw, and their own password.
"""

from itertools import chain
from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

from desktop.domain.audit import AuditAction, AuditEntry
from desktop.domain.user import User
from desktop.services.actor import Actor
from desktop.services.permissions import Permission, PermissionDenied, allowed

_ACTOR = "actor"
# What changing one's own password touches: the hash, the version the ORM bumps, and the
# audit entry that says the password changed or was rehashed.
_OWN_PASSWORD_COLUMNS = frozenset({"password_hash", "updated_at", "version"})
_OWN_PASSWORD_AUDIT = frozenset({"password", "password_parameters"})


def guard_writes(session: Session, actor: Actor) -> None:
    """Make ``session`` refuse any flush ``actor`` may not write."""
    session.info[_ACTOR] = actor


@event.listens_for(Session, "before_flush")
def _refuse_writes_without_permission(session: Session, _context: Any, _instances: Any) -> None:
    actor = session.info.get(_ACTOR)
    if actor is None or allowed(actor, Permission.EDIT_RECORDS):
        return
    changed = chain(
        session.new,
        (record for record in session.dirty if session.is_modified(record)),
        session.deleted,
    )
    for record in changed:
        if not _reader_may_write(session, actor, record):
            raise PermissionDenied(Permission.EDIT_RECORDS)


def _reader_may_write(session: Session, actor: Actor, record: object) -> bool:
    if isinstance(record, AuditEntry) and record in session.new:
        if record.action == AuditAction.VIEW:
            return True
        return (
            record.action == AuditAction.UPDATE
            and record.entity == User.__tablename__
            and record.entity_id == actor.user_id
            and set(record.changes or {}) <= _OWN_PASSWORD_AUDIT
        )
    if isinstance(record, User) and record in session.dirty and record.id == actor.user_id:
        state = inspect(record)
        touched = {attr.key for attr in state.attrs if attr.history.has_changes()}
        return touched <= _OWN_PASSWORD_COLUMNS
    return False
