"""The unit of work every service method runs in, and the errors it translates.

A write either commits whole, audit entry included, or leaves the database as it was; what
went wrong reaches the caller as a ``ServiceError`` with one translated sentence.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, Generic, TypeVar

from sqlalchemy import ColumnElement, Row, Select, func
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from desktop.domain.audit import AuditAction
from desktop.domain.base import Base, utcnow
from desktop.i18n import _
from desktop.services import audit
from desktop.services.actor import Actor, signed_in_actor
from desktop.services.errors import ConflictError, ServiceError
from desktop.services.listing import PAGE_SIZE, ListQuery, search_condition
from desktop.services.records import load, set_archived
from desktop.store.database import Database

RowT = TypeVar("RowT")


class Service:
    def __init__(self, db: Database, actor: Actor | None = None) -> None:
        self.db = db
        self.actor = actor or signed_in_actor()

    @contextmanager
    def unit_of_work(self) -> Iterator[Session]:
        try:
            with self.db.transaction() as session:
                yield session
        except StaleDataError as error:
            raise ConflictError() from error
        except IntegrityError as error:
            raise ServiceError(
                _("The change was refused because it conflicts with other records.")
            ) from error
        except OperationalError as error:
            raise ServiceError(
                _(
                    "The database could not save the change (the disk may be full, read-only "
                    "or busy); nothing was changed."
                )
            ) from error


class RecordService(Service, Generic[RowT]):
    """Listing, archiving and restoring, shared by the services of top-level records.

    A subclass names its ``model``, builds its listing query and turns a result row into
    the plain ``RowT`` the interface shows.
    """

    model: type[Base]

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
        attribute = getattr(self.model, column.key)
        if isinstance(value, list | tuple | set | frozenset):
            return statement.where(attribute.in_(list(value)))
        return statement.where(attribute == value)

    def _search(self, text: str) -> ColumnElement[bool]:
        """The rows a search finds; a service may widen it (to related records' names)."""
        return search_condition(self.model.search_key, text)

    def _filtered(self, query: ListQuery) -> Select:
        statement = self._listing(query).where(self._search(query.search))
        if not query.include_archived:
            statement = statement.where(self.model.archived_at.is_(None))
        for name, value in query.filters:
            if value is not None:
                statement = self._filter(statement, name, value)
        return statement

    def count(self, query: ListQuery) -> int:
        statement = self._filtered(query).with_only_columns(func.count(self.model.id))
        with self.unit_of_work() as session:
            return session.scalar(statement) or 0

    def page(self, query: ListQuery, offset: int = 0, limit: int = PAGE_SIZE) -> list[RowT]:
        order = self._order(query)
        order = order.desc() if query.descending else order.asc()
        statement = self._filtered(query).order_by(order, self.model.id).offset(offset).limit(limit)
        with self.unit_of_work() as session:
            return [self._row(result, query.language) for result in session.execute(statement)]

    def archive(self, record_id: int) -> None:
        self._set_archived(record_id, True)

    def restore(self, record_id: int) -> None:
        self._set_archived(record_id, False)

    def _set_archived(self, record_id: int, archived: bool) -> None:
        with self.unit_of_work() as session:
            record = load(session, self.model, record_id, self.not_found())
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
