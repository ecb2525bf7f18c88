"""The audit log, read back: who changed which record, when, and from what to what.

Entries are listed newest first and narrowed to one kind of record, one record or one user,
so a manager can answer "who changed this budget line?" or "what did Arta do yesterday?".
Each entry carries a one-line summary of its changes and the full list for a closer look.
"""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from sqlalchemy import ColumnElement, Select, and_, func, or_, select
from sqlalchemy.orm import Session

from desktop.domain.audit import AuditAction, AuditEntry
from desktop.domain.base import Base
from desktop.domain.multilingual import MultilingualName
from desktop.domain.person import Person
from desktop.i18n import N_, _
from desktop.i18n.folding import fold
from desktop.services.base import Service
from desktop.services.listing import PAGE_SIZE, ListQuery, search_condition

# What each audited table is called in the interface (untranslated messages).
ENTITY_LABELS = {
    "activities": N_("Activity"),
    "attachments": N_("Attachment"),
    "budget_lines": N_("Budget line"),
    "case_actions": N_("Case follow-up action"),
    "case_status_changes": N_("Case status change"),
    "cases": N_("Case"),
    "expenditures": N_("Expenditure"),
    "grants": N_("Grant"),
    "indicator_values": N_("Indicator value"),
    "indicators": N_("Indicator"),
    "instalments": N_("Instalment"),
    "narrative_texts": N_("Report narrative"),
    "organisations": N_("Organisation"),
    "participant_counts": N_("Participant count"),
    "people": N_("Person"),
    "project_partners": N_("Project partner"),
    "projects": N_("Project"),
    "reporting_periods": N_("Reporting period"),
    "research_outputs": N_("Research output"),
    "results": N_("Result"),
    "users": N_("User"),
}

ACTION_LABELS = {
    AuditAction.CREATE: N_("Created"),
    AuditAction.UPDATE: N_("Changed"),
    AuditAction.ARCHIVE: N_("Archived"),
    AuditAction.RESTORE: N_("Restored"),
    AuditAction.DELETE: N_("Deleted"),
}

# Columns a created record always has and nobody needs to read in its summary.
_NOT_SHOWN_ON_CREATE = {"id", "uuid", "archived_at"}
_SUMMARY_VALUE_LENGTH = 40
_CODE_ATTRIBUTES = ("code", "reference", "contract_number", "label", "invoice_reference")
_TEXT_ATTRIBUTES = ("title", "description", "filename", "username")


@dataclass(frozen=True)
class AuditChange:
    """One field of a record, before and after, as text; ``old`` is None when the record
    was created with ``new``."""

    field: str
    old: str | None
    new: str


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: datetime  # aware, in UTC
    username: str
    action: AuditAction
    entity: str
    entity_label: str
    entity_id: int
    entity_uuid: UUID | None
    record: str  # the record's name or code today, "#id" when it has none or is gone
    summary: str
    changes: tuple[AuditChange, ...]


_FILTERS: dict[str, Any] = {
    "entity": AuditEntry.entity,
    "entity_uuid": AuditEntry.entity_uuid,
    "username": AuditEntry.username,
}
_SORTS: dict[str, Any] = {
    "at": AuditEntry.at,
    "user": func.lower(AuditEntry.username),
    "entity": AuditEntry.entity,
    "action": AuditEntry.action,
}


def entity_label(entity: str) -> str:
    """The translated name of a kind of record, or the table name for an unknown one."""
    label = ENTITY_LABELS.get(entity)
    return _(label) if label else entity


def _models() -> dict[str, type[Base]]:
    return {mapper.class_.__tablename__: mapper.class_ for mapper in Base.registry.mappers}


class AuditLogService(Service):
    """A ``PagedSource`` over the audit log.

    The query's filters narrow it: "entity" (a table name, such as "organisations"),
    "entity_uuid" (one record) and "username".  Its search finds entries by the user's name
    or by the record's name in any spelling its search key knows.  ``include_archived``
    has no meaning here.
    """

    def count(self, query: ListQuery) -> int:
        statement = self._filtered(query).with_only_columns(func.count(AuditEntry.id))
        with self.unit_of_work() as session:
            return session.scalar(statement) or 0

    def page(self, query: ListQuery, offset: int = 0, limit: int = PAGE_SIZE) -> list[AuditRow]:
        """Sorted by "at", "user", "entity" or "action"; newest first for any other key
        (such as the default "name")."""
        sort = _SORTS.get(query.sort)
        descending = query.descending if sort is not None else True
        orders = [AuditEntry.at, AuditEntry.id] if sort is None else [sort, AuditEntry.id]
        statement = (
            self._filtered(query)
            .order_by(*(order.desc() if descending else order.asc() for order in orders))
            .offset(offset)
            .limit(limit)
        )
        with self.unit_of_work() as session:
            entries = list(session.scalars(statement))
            labels = _record_labels(session, entries, query.language)
            return [_row(entry, labels, query.language) for entry in entries]

    def users(self) -> list[str]:
        """Everyone who has an entry, for the filter's choices."""
        statement = select(AuditEntry.username).distinct()
        with self.unit_of_work() as session:
            return sorted(session.scalars(statement), key=fold)

    def entities(self) -> list[tuple[str, str]]:
        """(table, translated label) of every kind of record with entries, by label."""
        statement = select(AuditEntry.entity).distinct()
        with self.unit_of_work() as session:
            found = [(entity, entity_label(entity)) for entity in session.scalars(statement)]
        return sorted(found, key=lambda pair: fold(pair[1]))

    def _filtered(self, query: ListQuery) -> Select:
        statement = select(AuditEntry)
        for name, value in query.filters:
            column = _FILTERS.get(name)
            if column is None:
                raise ValueError(f"The audit log has no list filter {name!r}")
            if value is not None:
                statement = statement.where(column == value)
        if query.search.strip():
            statement = statement.where(_search(query.search))
        return statement


def _search(text: str) -> ColumnElement[bool]:
    """The user's name contains the text, or the record's search key has every word of it."""
    by_record = [
        and_(
            AuditEntry.entity == table,
            AuditEntry.entity_uuid.in_(
                select(model.uuid).where(search_condition(model.search_key, text))  # type: ignore[attr-defined]
            ),
        )
        for table, model in _models().items()
        if hasattr(model, "search_key") and hasattr(model, "uuid")
    ]
    by_user = func.lower(AuditEntry.username).contains(text.strip().lower(), autoescape=True)
    return or_(by_user, *by_record)


def _record_labels(
    session: Session, entries: Iterable[AuditEntry], language: str
) -> dict[tuple[str, int], str]:
    """The name of every record the entries speak of, read one query per kind of record."""
    wanted: dict[str, set[int]] = defaultdict(set)
    for entry in entries:
        wanted[entry.entity].add(entry.entity_id)
    models = _models()
    labels: dict[tuple[str, int], str] = {}
    for table, ids in wanted.items():
        model = models.get(table)
        if model is None:
            continue
        for record in session.scalars(select(model).where(model.id.in_(ids))):  # type: ignore[attr-defined]
            labels[(table, record.id)] = _label_of(record, language)
    return labels


def _label_of(record: Any, language: str) -> str:
    """ "KS-CS-01 Safer communities", "Jelena Stojanović", "2025/461-198 …": a code if the
    record has one, then its name."""
    if isinstance(record, Person):
        return record.full_name
    code = next((value for a in _CODE_ATTRIBUTES if (value := getattr(record, a, None))), "")
    if isinstance(record, MultilingualName):
        name = record.name(language)
    else:
        name = next((value for a in _TEXT_ATTRIBUTES if (value := getattr(record, a, None))), "")
    return " ".join(part for part in (str(code), str(name)) if part)


def _row(entry: AuditEntry, labels: dict[tuple[str, int], str], language: str) -> AuditRow:
    changes = _changes(entry)
    at = entry.at if entry.at.tzinfo else entry.at.replace(tzinfo=UTC)
    return AuditRow(
        id=entry.id,
        at=at.astimezone(UTC),
        username=entry.username,
        action=AuditAction(entry.action),
        entity=entry.entity,
        entity_label=entity_label(entry.entity),
        entity_id=entry.entity_id,
        entity_uuid=entry.entity_uuid,
        record=labels.get((entry.entity, entry.entity_id)) or f"#{entry.entity_id}",
        summary=summarise(changes),
        changes=changes,
    )


def _changes(entry: AuditEntry) -> tuple[AuditChange, ...]:
    """An update stores ``field: [old, new]``; a creation stores the new record's values."""
    stored = entry.changes or {}
    if entry.action == AuditAction.UPDATE:
        return tuple(
            AuditChange(field, _text(pair[0]), _text(pair[1]))
            for field, pair in sorted(stored.items())
            if isinstance(pair, Sequence) and not isinstance(pair, str) and len(pair) == 2
        )
    return tuple(
        AuditChange(field, None, _text(value))
        for field, value in sorted(stored.items())
        if field not in _NOT_SHOWN_ON_CREATE and value not in (None, "", [])
    )


def summarise(changes: Sequence[AuditChange]) -> str:
    """ "title: Youth worker → Programme officer; email: (empty) → a@b.org" on one line."""
    parts = []
    for change in changes:
        new = _short(change.new) or _("(empty)")
        if change.old is None:
            # L10N: one field of a created record in the audit log: field name and value
            parts.append(_("{field}: {value}").format(field=change.field, value=new))
        else:
            old = _short(change.old) or _("(empty)")
            # L10N: one changed field in the audit log: field name, old value, new value
            parts.append(_("{field}: {old} → {new}").format(field=change.field, old=old, new=new))
    return "; ".join(parts)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return ", ".join(_text(item) for item in value)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return str(value)


def _short(text: str) -> str:
    line = " ".join(text.split())
    if len(line) <= _SUMMARY_VALUE_LENGTH:
        return line
    return line[: _SUMMARY_VALUE_LENGTH - 1].rstrip() + "…"
