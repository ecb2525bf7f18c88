"""What the services of a grant's parts share (budget lines, instalments, expenditures,
reporting periods): finding the grant, and writing each change with its audit entry.

The parts are not archived like top-level records: a line typed by mistake is deleted,
and the audit log keeps what it held.
"""

from typing import TypeVar

from sqlalchemy.orm import Session

from desktop.domain.audit import AuditAction
from desktop.domain.base import Base, utcnow
from desktop.domain.grant import BudgetLine, Expenditure, Grant, Instalment
from desktop.domain.period import ReportingPeriod
from desktop.i18n import _
from desktop.services import audit
from desktop.services.base import Service
from desktop.services.errors import ConflictError
from desktop.services.records import load
from desktop.services.scope import require_project_in_scope

Part = TypeVar("Part", BudgetLine, Instalment, Expenditure, ReportingPeriod)


def grant_missing() -> str:
    return _("The grant was not found; it may have been deleted.")


class GrantPartService(Service):
    def _grant(self, session: Session, grant_id: int) -> Grant:
        """The grant; one outside the actor's organisation scope is "not found"."""
        grant = load(session, Grant, grant_id, grant_missing())
        require_project_in_scope(session, self.actor, grant.project_id, grant_missing())
        return grant

    def _part(
        self,
        session: Session,
        model: type[Part],
        record_id: int,
        missing: str,
        expected_version: int | None = None,
    ) -> Part:
        """A line, instalment, expenditure or period of a grant, to read or change: one
        whose grant lies outside the actor's scope is "not found", and only then is its
        version compared, so a refusal never reveals that it exists."""
        record = load(session, model, record_id, missing)
        grant = session.get(Grant, record.grant_id)
        require_project_in_scope(session, self.actor, grant.project_id if grant else None, missing)
        if expected_version is not None and record.version != expected_version:
            raise ConflictError()
        return record

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
