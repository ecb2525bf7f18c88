"""The unit of work every service method runs in, and the errors it translates.

A write either commits whole, audit entry included, or leaves the database as it was; what
went wrong reaches the caller as a ``ServiceError`` with one translated sentence.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, Generic, TypeVar

from sqlalchemy import ColumnElement, Row, Select, func, true
from sqlalchemy.exc import DataError, DBAPIError, IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from desktop.domain.audit import AuditAction
from desktop.domain.base import Base, utcnow
from desktop.i18n import _
from desktop.services import audit
from desktop.services.actor import Actor, signed_in_actor
from desktop.services.errors import ConflictError, DamagedDatabaseError, ServiceError
from desktop.services.listing import PAGE_SIZE, ListQuery, search_condition
from desktop.services.permissions import Permission, requires
from desktop.services.records import load, set_archived
from desktop.services.scope import require_project_in_scope, scope_condition
from desktop.services.storage_failures import storage_error
from desktop.services.validation import storable
from desktop.services.write_guard import guard_writes
from desktop.store.database import Database
from desktop.store.engine import WRITE_INTENT
from desktop.store.errors import DatabaseDamaged

RowT = TypeVar("RowT")


class Service:
    def __init__(self, db: Database, actor: Actor | None = None) -> None:
        self.db = db
        self.actor = actor or signed_in_actor()

    @contextmanager
    def unit_of_work(self, *, read_only: bool = False) -> Iterator[Session]:
        """One transaction; a storage failure reaches the caller as a ``StorageError``.

        On SQLite a unit of work that may write takes the write lock when it begins: a
        transaction that first reads and then writes cannot wait for another copy of the
        app to finish (SQLite refuses the upgrade at once), while one that starts as a
        writer waits its turn for up to the busy timeout.  ``read_only`` work (lists,
        counts) leaves the lock to writers.
        """
        try:
            with self.db.transaction() as session:
                guard_writes(session, self.actor)
                if not read_only:
                    session.connection(execution_options={WRITE_INTENT: True})
                yield session
        except StaleDataError as error:
            raise ConflictError() from error
        except IntegrityError as error:
            raise ServiceError(
                _("The change was refused because it conflicts with other records.")
            ) from error
        except (DataError, OverflowError) as error:
            # The last line of defence: the services check every field first, so a value
            # the database cannot hold (an id beyond 64 bits…) ends here only by an oversight.
            raise ServiceError(
                _(
                    "A value is too large or of the wrong kind for the database; "
                    "nothing was changed."
                )
            ) from error
        except DBAPIError as error:
            failure = storage_error(error, reading=read_only)
            if failure is None and self.db.found_damaged():  # a write refused by its gate
                failure = DamagedDatabaseError(reading=read_only)
            if failure is None:
                raise
            raise failure from error
        except DatabaseDamaged as error:  # the check behind the opening found damage
            raise DamagedDatabaseError(reading=read_only) from error


class RecordService(Service, Generic[RowT]):
    """Listing, archiving and restoring, shared by the services of top-level records.

    A subclass names its ``model``, builds its listing query and turns a result row into
    the plain ``RowT`` the interface shows.
    """

    model: type[Base]
    # The attribute of ``model`` naming the project a record belongs to ("id" for projects
    # themselves), or None for records every user sees (organisations, people); a scoped
    # actor (services/scope.py) lists, reads and changes only their projects' records.
    scope_by: str | None = None

    def not_found(self) -> str:
        """The whole sentence that says the record is gone."""
        raise NotImplementedError

    def _listing(self, query: ListQuery) -> Select:
        raise NotImplementedError

    def _order(self, query: ListQuery) -> ColumnElement:
        raise NotImplementedError

    def _row(self, result: Row[Any], language: str) -> RowT:
        raise NotImplementedError

    def _filter(self, statement: Select, name: str, value: Any) -> Select:
        """Narrow the listing by the filter ``name`` (never ``None``).

        By default a filter named after a column of ``model`` keeps the rows whose column
        equals ``value`` (or is one of them, for a list or tuple); a service overrides this
        for filters through related tables (a municipality, a period) and calls it for the
        rest.
        """
        column = self.model.__table__.columns.get(name)
        if column is None:
            raise ValueError(f"{type(self).__name__} has no list filter {name!r}")
        values = list(value) if isinstance(value, list | tuple | set | frozenset) else [value]
        return statement.where(column.in_(storable(column, values)))

    # The conditions below name the table's columns, not the mapped attributes, so that a
    # list written in Core (the activities') stays free of the ORM; in a statement on the
    # mapped classes they read the same.

    def _search(self, text: str) -> ColumnElement[bool]:
        """The rows a search finds; a service may widen it (to related records' names)."""
        return search_condition(self.model.__table__.c.search_key, text)

    def _in_scope(self) -> ColumnElement[bool]:
        """The rows the actor's organisation scope lets them see (every row, unscoped)."""
        if self.scope_by is None:
            return true()
        return scope_condition(self.actor, self.model.__table__.c[self.scope_by])

    def _load_in_scope(
        self, session: Session, record_id: int, expected_version: int | None = None
    ) -> Any:
        """The record to read or change; one outside the actor's scope is "not found", and
        only then is its version compared, so a refusal never reveals that it exists."""
        record = load(session, self.model, record_id, self.not_found())
        if self.scope_by is not None:
            project_id = getattr(record, self.scope_by)
            require_project_in_scope(session, self.actor, project_id, self.not_found())
        if expected_version is not None and record.version != expected_version:
            raise ConflictError()
        return record

    def _filtered(self, query: ListQuery) -> Select:
        statement = self._listing(query).where(self._search(query.search), self._in_scope())
        if not query.include_archived:
            statement = statement.where(self.model.archived_at.is_(None))
        for name, value in query.filters:
            if value is not None:
                statement = self._filter(statement, name, value)
        return statement

    @requires(Permission.READ_RECORDS)
    def count(self, query: ListQuery) -> int:
        statement = self._filtered(query).with_only_columns(func.count(self.model.id))
        with self.unit_of_work(read_only=True) as session:
            return session.scalar(statement) or 0

    @requires(Permission.READ_RECORDS)
    def page(self, query: ListQuery, offset: int = 0, limit: int = PAGE_SIZE) -> list[RowT]:
        order = self._order(query)
        order = order.desc() if query.descending else order.asc()
        statement = self._filtered(query).order_by(order, self.model.id).offset(offset).limit(limit)
        with self.unit_of_work(read_only=True) as session:
            return [self._row(result, query.language) for result in session.execute(statement)]

    @requires(Permission.ARCHIVE_RECORDS)
    def archive(self, record_id: int) -> None:
        self._set_archived(record_id, True)

    @requires(Permission.ARCHIVE_RECORDS)
    def restore(self, record_id: int) -> None:
        self._set_archived(record_id, False)

    def _set_archived(self, record_id: int, archived: bool) -> None:
        with self.unit_of_work() as session:
            record = self._load_in_scope(session, record_id)
            set_archived(session, self.actor, record, archived)

    def _state(self, record: Base) -> audit.Snapshot:
        """What the audit log compares before and after an update."""
        return audit.snapshot(record)

    def _audited_update(self, session: Session, record: Base, before: audit.Snapshot) -> None:
        """Audit what changed; touching ``updated_at`` makes even a change confined to
        related rows bump the version, so a concurrent editor is told."""
        changes = audit.diff(before, self._state(record))
        if changes:
            record.updated_at = utcnow()
            audit.record(session, self.actor, AuditAction.UPDATE, record, changes)

    def _audited_create(self, session: Session, record: Base) -> int:
        session.add(record)
        audit.record(session, self.actor, AuditAction.CREATE, record, audit.snapshot(record))
        return record.id
