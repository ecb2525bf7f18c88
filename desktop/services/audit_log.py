"""The audit log, read back: who changed which record, when, and from what to what.

Entries are listed newest first and narrowed to one kind of record, one record or one user,
so a manager can answer "who changed this budget line?" or "what did Arta do yesterday?".
Each entry carries a one-line summary of its changes and the full list for a closer look,
in the user's words: the editors' field labels (``audit_fields``) and names, statuses,
amounts and dates as the interface shows them (``audit_values``).  What the log stores is
not changed by reading it.
"""

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from sqlalchemy import ColumnElement, Select, and_, func, or_, select
from sqlalchemy.orm import Session

from desktop.domain.audit import AuditAction, AuditEntry
from desktop.domain.case import Case
from desktop.domain.search import search_key_of
from desktop.i18n import N_, _, current_language
from desktop.i18n.collation import sort_key, sort_key_for
from desktop.services.actor import Actor
from desktop.services.audit_fields import (
    CONFIDENTIAL,
    CONTEXT_COLUMNS,
    ENTITY_LABELS,
    NOTES,
    Kind,
    entity_label,
    field_order,
    field_spec,
)
from desktop.services.audit_values import (
    Lookup,
    StoredChange,
    ValueReader,
    may_see_confidential,
    models_by_table,
    narrative_label,
    record_label,
    stored_label,
)
from desktop.services.base import Service
from desktop.services.case_confidential import IN_AUDIT_LOG, VIEW_SUMMARIES, record_view
from desktop.services.errors import NotFoundError
from desktop.services.listing import (
    PAGE_SIZE,
    ListQuery,
    in_language,
    search_condition,
    search_words,
)
from desktop.services.permissions import Permission, requires
from desktop.services.scope import entity_condition
from desktop.services.validation import storable

__all__ = [
    "ACTION_LABELS",
    "ENTITY_LABELS",
    "AuditChange",
    "AuditLogService",
    "AuditRow",
    "entity_label",
    "summarise",
]

ACTION_LABELS = {
    AuditAction.CREATE: N_("Created"),
    AuditAction.UPDATE: N_("Changed"),
    AuditAction.ARCHIVE: N_("Archived"),
    AuditAction.RESTORE: N_("Restored"),
    AuditAction.DELETE: N_("Deleted"),
    # L10N: the action of an audit entry recording that someone saw who raised a case
    AuditAction.VIEW: N_("Viewed"),
}

# Columns a created record always has and nobody needs to read in its summary.
_NOT_SHOWN_ON_CREATE = {"id", "uuid", "archived_at"}
_SUMMARY_VALUE_LENGTH = 40
_SPACES = re.compile(r"[ \t\r\n\f\v]+")


@dataclass(frozen=True)
class AuditChange:
    """One field of a record, before and after, as the user reads them: ``field`` is its
    label in the interface language, ``column`` what the log stores it under; ``old`` is
    None when the record was created (or deleted) with ``new``.  A list (partners,
    municipalities…) also says which items were ``added`` and ``removed``."""

    column: str
    field: str
    old: str | None
    new: str
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    in_summary: bool = True


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
    "entity": AuditEntry.entity,
    "action": AuditEntry.action,
}


class AuditLogService(Service):
    """A ``PagedSource`` over the audit log, read as ``actor`` may read it.

    The query's filters narrow it: "entity" (a table name, such as "organisations"),
    "entity_uuid" (one record) and "username".  Its search finds entries by the user's name
    or by the record's name in any spelling its search key knows.  ``include_archived``
    has no meaning here.  Who raised a case reads "(confidential)" in a page; ``entry`` shows
    it to administrators and managers, and records that it did.
    """

    @requires(Permission.READ_AUDIT)
    def count(self, query: ListQuery) -> int:
        statement = self._filtered(query).with_only_columns(func.count(AuditEntry.id))
        with self.unit_of_work(read_only=True) as session:
            return session.scalar(statement) or 0

    @requires(Permission.READ_AUDIT)
    def page(self, query: ListQuery, offset: int = 0, limit: int = PAGE_SIZE) -> list[AuditRow]:
        """Sorted by "at", "user", "entity" or "action"; newest first for any other key
        (such as the default "name")."""
        sort = _SORTS.get(query.sort)
        if query.sort == "user":
            sort = in_language(AuditEntry.username, query.language)
        descending = query.descending if sort is not None else True
        orders = [AuditEntry.at, AuditEntry.id] if sort is None else [sort, AuditEntry.id]
        statement = (
            self._filtered(query)
            .order_by(*(order.desc() if descending else order.asc() for order in orders))
            .offset(offset)
            .limit(limit)
        )
        with self.unit_of_work(read_only=True) as session:
            entries = list(session.scalars(statement))
            return _read(session, entries, query.language, self.actor)

    @requires(Permission.READ_AUDIT)
    def users(self) -> list[str]:
        """Everyone who has an entry, for the filter's choices."""
        statement = (
            select(AuditEntry.username)
            .where(entity_condition(self.actor, AuditEntry.entity, AuditEntry.entity_id))
            .distinct()
        )
        with self.unit_of_work(read_only=True) as session:
            return sorted(session.scalars(statement), key=sort_key_for(current_language()))

    @requires(Permission.READ_AUDIT)
    def entities(self) -> list[tuple[str, str]]:
        """(table, translated label) of every kind of record with entries, by label."""
        statement = (
            select(AuditEntry.entity)
            .where(entity_condition(self.actor, AuditEntry.entity, AuditEntry.entity_id))
            .distinct()
        )
        with self.unit_of_work(read_only=True) as session:
            found = [(entity, entity_label(entity)) for entity in session.scalars(statement)]
        return sorted(found, key=lambda pair: sort_key(pair[1], current_language()))

    @requires(Permission.READ_AUDIT)
    def entry(self, entry_id: int, language: str) -> AuditRow:
        """One entry, opened for a closer look: with who raised a case in clear for an
        administrator or manager (the lists say "(confidential)"), and then a VIEW entry
        in the same transaction recording that they saw it."""
        statement = self._filtered(ListQuery()).where(AuditEntry.id == entry_id)
        with self.unit_of_work() as session:
            entry = session.scalar(statement)
            if entry is None:
                raise NotFoundError(_("The audit entry was not found."))
            [row] = _read(session, [entry], language, self.actor, reveal=True)
            shown = [
                change.column
                for change in row.changes
                if (entry.entity, change.column) in CONFIDENTIAL and (change.old or change.new)
            ]
            if shown and may_see_confidential(self.actor):
                record_view(
                    session, self.actor, entry.entity_id, entry.entity_uuid, shown, IN_AUDIT_LOG
                )
            return row

    def _filtered(self, query: ListQuery) -> Select:
        statement = select(AuditEntry).where(
            entity_condition(self.actor, AuditEntry.entity, AuditEntry.entity_id)
        )
        for name, value in query.filters:
            column = _FILTERS.get(name)
            if column is None:
                raise ValueError(f"The audit log has no list filter {name!r}")
            if value is not None:
                statement = statement.where(column.in_(storable(column, [value])))
        if query.search.strip():
            with self.unit_of_work(read_only=True) as session:
                if may_see_confidential(self.actor):
                    cases = _cases_matching_with_raisers(session, query.search)
                else:
                    cases = _cases_shown_matching(session, query.search)
            statement = statement.where(_search(query.search, cases))
        return statement


def _search(text: str, cases: Sequence[UUID]) -> ColumnElement[bool]:
    """The user's name contains the text, or the record's search key has every word of it;
    for cases, ``cases`` names those to find (by who raised them too, for a reader who may
    know it)."""
    by_record = [
        and_(
            AuditEntry.entity == table,
            AuditEntry.entity_uuid.in_(
                select(model.uuid).where(search_condition(model.search_key, text))  # type: ignore[attr-defined]
                if model is not Case
                else list(cases)
            ),
        )
        for table, model in models_by_table().items()
        if hasattr(model, "search_key") and hasattr(model, "uuid")
    ]
    by_user = func.lower(AuditEntry.username).contains(text.strip().lower(), autoescape=True)
    return or_(by_user, *by_record)


def _cases_matching_with_raisers(session: Session, text: str) -> list[UUID]:
    """The cases whose search key, or the name or contact of who raised them, folded,
    hold every word of ``text``: what an administrator or manager finds.

    Who raised a case is kept out of its stored key, so it is folded here.
    """
    words = search_words(text)
    cases = session.execute(
        select(Case.uuid, Case.search_key, Case.raised_by, Case.raised_by_contact)
    )
    return [
        uuid
        for uuid, key, name, contact in cases
        if all(word in f"{key} {search_key_of(name, contact)}" for word in words)
    ]


def _cases_shown_matching(session: Session, text: str) -> list[UUID]:
    """The cases whose reference and title, folded as search keys are ("Zvecan" finds
    "Zveçan" and "Звечан"), hold every word of ``text``.

    SQL cannot fold, and the key of a case saved by an older version also holds who raised
    it, so the key only narrows the candidates (the reference and title are part of it) and
    Python folds theirs.
    """
    words = search_words(text)
    candidates = select(Case.uuid, Case.reference, Case.title).where(
        search_condition(Case.search_key, text)
    )
    return [
        uuid
        for uuid, reference, title in session.execute(candidates)
        if all(word in search_key_of(reference, title) for word in words)
    ]


def _read(
    session: Session,
    entries: Sequence[AuditEntry],
    language: str,
    actor: Actor,
    reveal: bool = False,
) -> list[AuditRow]:
    """The rows of a page: the entries' own records, then every record their values name,
    each kind read in one query; who raised a case only with ``reveal``."""
    lookup = Lookup()
    for entry in entries:
        lookup.want_id(entry.entity, entry.entity_id)
    lookup.load(session)
    reader = ValueReader(lookup, language, actor, reveal)
    read: list[tuple[AuditEntry, list[_Stored]]] = []
    for entry in entries:
        record = lookup.record(entry.entity, entry.entity_id)
        stored = _stored(entry, record)
        for change in stored:
            reader.want(entry.entity, change.change, change.old_context)
            reader.want(entry.entity, change.change, change.new_context)
        read.append((entry, stored))
    lookup.load(session)
    return [_row(entry, stored, lookup, reader) for entry, stored in read]


@dataclass(frozen=True)
class _Stored:
    """A stored change with what its values need to be read: the record's currency, say."""

    change: StoredChange
    old_context: Mapping[str, Any]
    new_context: Mapping[str, Any]
    part: str | None = None  # the "section/language" of a report narrative


def _stored(entry: AuditEntry, record: Any) -> list[_Stored]:
    """An update stores ``field: [old, new]``; a creation or deletion the record's values."""
    stored = entry.changes or {}
    current = {column: getattr(record, column, None) for column in CONTEXT_COLUMNS}
    found: list[_Stored] = []
    if entry.action == AuditAction.VIEW:
        return found  # a read changed nothing: its summary says what was seen
    if entry.action == AuditAction.UPDATE:
        pairs = {
            field: (pair[0], pair[1])
            for field, pair in stored.items()
            if isinstance(pair, Sequence) and not isinstance(pair, str) and len(pair) == 2
        }
        old_context = current | {k: old for k, (old, _new) in pairs.items() if k in current}
        new_context = current | {k: new for k, (_old, new) in pairs.items() if k in current}
        for field, (old, new) in pairs.items():
            noted = old is None and (entry.entity, field) in NOTES
            change = StoredChange(field, old, new, created=noted)
            found.extend(_parts(entry.entity, change, old_context, new_context))
    else:
        context = current | {k: v for k, v in stored.items() if k in current}
        for field, value in stored.items():
            if field in _NOT_SHOWN_ON_CREATE or value in (None, "", [], {}):
                continue
            change = StoredChange(field, None, value, created=True)
            found.extend(_parts(entry.entity, change, context, context))
    return sorted(
        found,
        key=lambda s: (field_order(entry.entity, s.change.column), s.change.column, s.part or ""),
    )


def _parts(
    table: str, change: StoredChange, old_context: Mapping[str, Any], new_context: Mapping[str, Any]
) -> Iterable[_Stored]:
    """The change itself, or one change per section and language of a report's narrative."""
    if field_spec(table, change.column).kind != Kind.NARRATIVES:
        return [_Stored(change, old_context, new_context)]
    old = change.old if isinstance(change.old, dict) else {}
    new = change.new if isinstance(change.new, dict) else {}
    return [
        _Stored(
            StoredChange(change.column, old.get(key), new.get(key), change.created),
            old_context,
            new_context,
            part=key,
        )
        for key in sorted(old.keys() | new.keys())
        if (old.get(key) or "") != (new.get(key) or "")
    ]


def _row(
    entry: AuditEntry, stored: Sequence[_Stored], lookup: Lookup, reader: ValueReader
) -> AuditRow:
    changes = tuple(_change(entry.entity, item, reader) for item in stored)
    at = entry.at if entry.at.tzinfo else entry.at.replace(tzinfo=UTC)
    record = lookup.record(entry.entity, entry.entity_id)
    if record is not None:
        name = record_label(record, reader.language)
    elif entry.action != AuditAction.UPDATE:
        name = stored_label(entry.changes or {}, reader.language)
    else:
        name = ""
    return AuditRow(
        id=entry.id,
        at=at.astimezone(UTC),
        username=entry.username,
        action=AuditAction(entry.action),
        entity=entry.entity,
        entity_label=entity_label(entry.entity),
        entity_id=entry.entity_id,
        entity_uuid=entry.entity_uuid,
        record=name or f"#{entry.entity_id}",
        summary=_viewed(entry, reader) if entry.action == AuditAction.VIEW else summarise(changes),
        changes=changes,
    )


def _viewed(entry: AuditEntry, reader: ValueReader) -> str:
    """ "Saw who raised the case: Raised by, Raised by (contact)": which confidential
    fields someone read, and how (opened the case, exported a list)."""
    stored = entry.changes or {}
    fields = stored.get("fields")
    columns = [str(f) for f in fields] if isinstance(fields, list) else []
    labels = ", ".join(reader.label(entry.entity, column) for column in columns)
    summary = VIEW_SUMMARIES.get(str(stored.get("purpose")))
    if summary is None:
        # L10N: the audit log's summary of a read of confidential fields, listed in {fields}
        return _("Viewed: {fields}").format(fields=labels)
    return _(summary).format(fields=labels)


def _change(table: str, item: _Stored, reader: ValueReader) -> AuditChange:
    change = item.change
    if item.part is not None:
        label = narrative_label(item.part)
        old, new = str(change.old or ""), str(change.new or "")
    else:
        label = reader.label(table, change.column)
        old = reader.text(table, change.column, change.old, item.old_context)
        new = reader.text(table, change.column, change.new, item.new_context)
    before = reader.items(table, change.column, change.old, item.old_context)
    after = reader.items(table, change.column, change.new, item.new_context)
    added = removed = ()
    if not change.created and set(before or []) & set(after or []):
        # a list that kept some items reads better as what came and went
        added = tuple(text for text in after or [] if text not in (before or []))
        removed = tuple(text for text in before or [] if text not in (after or []))
    return AuditChange(
        change.column,
        label,
        None if change.created else old,
        new,
        added,
        removed,
        in_summary=field_spec(table, change.column).in_summary,
    )


def summarise(changes: Sequence[AuditChange]) -> str:
    """ "Title or function: Youth worker → Programme officer; E-mail: (empty) → a@b.org"
    on one line, each value shortened; the details hold them whole."""
    parts = []
    for change in changes:
        new = _short(change.new) or _("(empty)")
        if not change.in_summary:
            continue
        if change.added or change.removed:
            parts.append(_list_change(change))
        elif change.old is None:
            # L10N: one field of a created record in the audit log: field name and value
            parts.append(_("{field}: {value}").format(field=change.field, value=new))
        else:
            old = _short(change.old) or _("(empty)")
            # L10N: one changed field in the audit log: field name, old value, new value
            parts.append(_("{field}: {old} → {new}").format(field=change.field, old=old, new=new))
    return "; ".join(parts)


def _list_change(change: AuditChange) -> str:
    """ "Partners: added Ibar Dialogue Centre (Co-applicant)" rather than two long lists."""
    added = ", ".join(_short(text) for text in change.added)
    removed = ", ".join(_short(text) for text in change.removed)
    if not removed:
        # L10N: items added to a list in the audit log, such as a project's municipalities
        return _("{field}: added {added}").format(field=change.field, added=added)
    if not added:
        # L10N: items removed from a list in the audit log
        return _("{field}: removed {removed}").format(field=change.field, removed=removed)
    # L10N: items added to and removed from a list in the audit log
    return _("{field}: added {added}, removed {removed}").format(
        field=change.field, added=added, removed=removed
    )


def _short(text: str) -> str:
    line = _SPACES.sub(" ", text).strip()  # one line; non-breaking spaces stay
    if len(line) <= _SUMMARY_VALUE_LENGTH:
        return line
    return line[: _SUMMARY_VALUE_LENGTH - 1].rstrip() + "…"
