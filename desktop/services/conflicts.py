"""Two people saving the same record: what each of them has, field by field.

The record's ``version`` tells the second person that someone saved first (a
``ConflictError``); this module tells them who, when, and which fields now differ between
what they typed and what is stored, so that they choose value by value instead of losing
either version.  Comparing forms (the dataclasses the editors and services exchange) keeps
it the same for every kind of record.
"""

from dataclasses import dataclass, fields, is_dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy import select

from desktop.domain import load_all
from desktop.domain.audit import AuditAction, AuditEntry
from desktop.domain.base import Base
from desktop.domain.user import User
from desktop.services.base import Service
from desktop.services.permissions import Permission, require
from desktop.services.validation import is_record_id

Choice = str | tuple[str, Any]
"""What the person picks a value for: a field's name, or (name, key) for one entry of a
field that holds texts by key (a period's narratives by section and language)."""

_UNKNOWN = object()


@dataclass(frozen=True)
class DifferingField:
    """A field (or, with ``key``, one entry of a dict field) whose typed value is not the
    stored one; ``changed_here`` when the person saving changed it themselves (so their
    value is the one to keep by default)."""

    name: str
    mine: Any
    stored: Any
    changed_here: bool
    key: Any = None

    @property
    def choice(self) -> Choice:
        return self.name if self.key is None else (self.name, self.key)


@dataclass(frozen=True)
class SavedBy:
    name: str
    at: datetime


def differing_fields(
    opened: Any, mine: Any, stored: Any, stored_when_opened: Any = None
) -> list[DifferingField]:
    """The fields of the form ``mine`` that differ from ``stored``, in the form's order;
    ``opened`` is the form as the editor showed it when it opened (to tell who changed
    what).  With ``stored_when_opened`` (the service's form at that moment), a field that
    neither person changed is left out even where the editor writes it differently from
    the service (an amount typed as "1,234.50", a Latin name filled in from the Cyrillic).
    A dict field is compared entry by entry, so that two people writing different sections
    of a report are no conflict."""
    if not (is_dataclass(mine) and is_dataclass(stored)) or type(mine) is not type(stored):
        raise TypeError("both versions must be forms of the same kind")
    differing: list[DifferingField] = []
    for field in fields(mine):
        name = field.name
        mine_value, stored_value = getattr(mine, name), getattr(stored, name)
        before = getattr(opened, name, stored_value)
        then = (
            getattr(stored_when_opened, name, _UNKNOWN)
            if stored_when_opened is not None
            else _UNKNOWN
        )
        if isinstance(mine_value, dict) and isinstance(stored_value, dict):
            for key in [*mine_value, *(key for key in stored_value if key not in mine_value)]:
                entry = _differing(
                    name,
                    mine_value.get(key),
                    stored_value.get(key),
                    before.get(key) if isinstance(before, dict) else None,
                    then.get(key) if isinstance(then, dict) else _UNKNOWN,
                    key,
                )
                if entry is not None:
                    differing.append(entry)
            continue
        entry = _differing(name, mine_value, stored_value, before, then, None)
        if entry is not None:
            differing.append(entry)
    return differing


def _differing(
    name: str, mine: Any, stored: Any, before: Any, then: Any, key: Any
) -> DifferingField | None:
    if _same(mine, stored):
        return None
    changed_here = not _same(mine, before)
    if not changed_here and then is not _UNKNOWN and _same(stored, then):
        return None  # nobody changed it: the editor only writes it its own way
    return DifferingField(name, mine, stored, changed_here, key)


def _same(first: Any, second: Any) -> bool:
    """Equal, with lists compared as sets of choices (ticking the same municipalities in
    another order is no change) and no value the same as an empty text."""
    if first in (None, "") and second in (None, ""):
        return True
    if isinstance(first, list | tuple) and isinstance(second, list | tuple):
        return sorted(map(repr, first)) == sorted(map(repr, second))
    return bool(first == second)


def merged(stored: Any, mine: Any, keep_mine: set[Choice]) -> Any:
    """The stored form with the fields (or dict entries) in ``keep_mine`` from ``mine``."""
    changes: dict[str, Any] = {}
    for choice in keep_mine:
        if isinstance(choice, str):
            changes[choice] = getattr(mine, choice)
            continue
        name, key = choice
        entries = changes.setdefault(name, dict(getattr(stored, name)))
        value = getattr(mine, name).get(key)
        if value is None:
            entries.pop(key, None)
        else:
            entries[key] = value
    return replace(stored, **changes)


class ConflictService(Service):
    def last_saved_by(self, table: str, record_id: int) -> SavedBy | None:
        """Who saved the record last, and when (from the audit log), if anyone did; a table
        or an id that names no record was saved by nobody (asking the database about an id
        beyond its integers would fail instead)."""
        require(self.actor, Permission.READ_RECORDS)
        load_all()  # every table, not only the models imported so far
        if table not in Base.metadata.tables or not is_record_id(record_id):
            return None
        statement = (
            select(AuditEntry.username, User.full_name, AuditEntry.at)
            .outerjoin(User, User.id == AuditEntry.user_id)
            .where(
                AuditEntry.entity == table,
                AuditEntry.entity_id == record_id,
                AuditEntry.action != AuditAction.VIEW,
            )
            .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
            .limit(1)
        )
        with self.unit_of_work(read_only=True) as session:
            row = session.execute(statement).first()
        if row is None:
            return None
        return SavedBy(row.full_name or row.username, row.at)
