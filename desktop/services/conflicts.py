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

from desktop.domain.audit import AuditAction, AuditEntry
from desktop.domain.user import User
from desktop.services.base import Service
from desktop.services.permissions import Permission, require


@dataclass(frozen=True)
class DifferingField:
    """A field whose typed value is not the stored one; ``changed_here`` when the person
    saving changed it themselves (so their value is the one to keep by default)."""

    name: str
    mine: Any
    stored: Any
    changed_here: bool


@dataclass(frozen=True)
class SavedBy:
    name: str
    at: datetime


def differing_fields(opened: Any, mine: Any, stored: Any) -> list[DifferingField]:
    """The fields of the form ``mine`` that differ from ``stored``, in the form's order;
    ``opened`` is the form as it was when the editor opened (to tell who changed what)."""
    if not (is_dataclass(mine) and is_dataclass(stored)) or type(mine) is not type(stored):
        raise TypeError("both versions must be forms of the same kind")
    differing = []
    for field in fields(mine):
        mine_value, stored_value = getattr(mine, field.name), getattr(stored, field.name)
        if _same(mine_value, stored_value):
            continue
        before = getattr(opened, field.name, stored_value)
        differing.append(
            DifferingField(field.name, mine_value, stored_value, not _same(mine_value, before))
        )
    return differing


def _same(first: Any, second: Any) -> bool:
    """Equal, with lists compared as sets of choices: ticking the same municipalities in
    another order is no change."""
    if isinstance(first, list | tuple) and isinstance(second, list | tuple):
        return sorted(map(repr, first)) == sorted(map(repr, second))
    return bool(first == second)


def merged(stored: Any, mine: Any, keep_mine: set[str]) -> Any:
    """The stored form with the fields named in ``keep_mine`` taken from ``mine``."""
    return replace(stored, **{name: getattr(mine, name) for name in keep_mine})


class ConflictService(Service):
    def last_saved_by(self, table: str, record_id: int) -> SavedBy | None:
        """Who saved the record last, and when (from the audit log), if anyone did."""
        require(self.actor, Permission.READ_RECORDS)
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
        with self.unit_of_work() as session:
            row = session.execute(statement).first()
        if row is None:
            return None
        return SavedBy(row.full_name or row.username, row.at)
