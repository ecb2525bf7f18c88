"""What the services of a grant's parts share (budget lines, instalments, expenditures,
reporting periods): finding the grant, and writing each change with its audit entry.

The parts are not archived like top-level records: a line typed by mistake is deleted,
and the audit log keeps what it held.
"""

from sqlalchemy.orm import Session

from desktop.domain.audit import AuditAction
from desktop.domain.base import Base, utcnow
from desktop.domain.grant import Grant
from desktop.i18n import _
from desktop.services import audit
from desktop.services.base import Service
from desktop.services.records import load


def grant_missing() -> str:
    return _("The grant was not found; it may have been deleted.")


class GrantPartService(Service):
    def _grant(self, session: Session, grant_id: int) -> Grant:
        return load(session, Grant, grant_id, grant_missing())

    def _state(self, record: Base) -> audit.Snapshot:
        """What the audit log compares before and after an update."""
        return audit.snapshot(record)

    def _created(self, session: Session, record: Base) -> int:
        session.add(record)
        session.flush()  # the snapshot then holds the new record's key and UUID
        audit.record(session, self.actor, AuditAction.CREATE, record, self._state(record))
        return record.id

    def _updated(self, session: Session, record: Base, before: audit.Snapshot) -> None:
        """Audit what changed; touching ``updated_at`` bumps the version even when only
        related rows changed, so a concurrent editor is told."""
        changes = audit.diff(before, self._state(record))
        if changes:
            record.updated_at = utcnow()
            audit.record(session, self.actor, AuditAction.UPDATE, record, changes)

    def _deleted(self, session: Session, record: Base) -> None:
        audit.record(session, self.actor, AuditAction.DELETE, record, self._state(record))
        session.delete(record)
        session.flush()
