"""Reading what a user typed into typed values, collecting one message per field.

A form is checked completely before anything is written, so the user sees every problem
at once, each beside its field.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from enum import Enum
from typing import Any, TypeVar
from uuid import UUID

from sqlalchemy import Column, Date, Integer, Uuid, select
from sqlalchemy import Enum as SAEnum
from sqlalchemy.orm import Session

from desktop.i18n import _, current_language, ngettext
from desktop.i18n.formatting import parse_amount

MAX_MONEY = Decimal("999999999999.99")  # what Numeric(14, 2) holds

MAX_ID = 2**63 - 1  # the largest key a BIGINT (and SQLite's INTEGER) holds

ChoiceT = TypeVar("ChoiceT", bound=Enum)
RecordT = TypeVar("RecordT")


def is_record_id(value: object) -> bool:
    """Whether ``value`` can name a stored record at all: an integer (not a truth value) in
    the range a database key holds.  Anything else names no record, and is refused as such
    instead of reaching the database, which would fail on it."""
    return type(value) is int and 0 < value <= MAX_ID


class Checker:
    """Collects field errors; ``errors`` is empty when everything read cleanly."""

    def __init__(self) -> None:
        self.errors: dict[str, str] = {}

    def fail(self, field: str, message: str) -> None:
        self.errors.setdefault(field, message)

    def text(
        self, field: str, value: str | None, *, required: bool = False, max_length: int = 500
    ) -> str | None:
        cleaned = clean_text(value)
        if not cleaned:
            if required:
                self.fail(field, _("This field is required."))
            return None
        if len(cleaned) > max_length:
            self.fail(
                field,
                ngettext(
                    "Too long: at most {limit} character.",
                    "Too long: at most {limit} characters.",
                    max_length,
                ).format(limit=max_length),
            )
        return cleaned

    def date(self, field: str, value: date | str | None, *, required: bool = False) -> date | None:
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        cleaned = clean_text(value)
        if not cleaned:
            if required:
                self.fail(field, _("This field is required."))
            return None
        try:
            return date.fromisoformat(cleaned)
        except ValueError:
            self.fail(field, _("“{value}” is not a date (use YYYY-MM-DD).").format(value=cleaned))
            return None

    def amount(
        self, field: str, value: Decimal | str | int | None, *, required: bool = False
    ) -> Decimal | None:
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.fail(field, _("This field is required."))
            return None
        try:
            amount = (
                parse_amount(value, current_language())
                if isinstance(value, str)
                else Decimal(value)
            )
        except (ValueError, InvalidOperation):
            self.fail(field, _("“{value}” is not an amount.").format(value=value))
            return None
        if not amount.is_finite():
            self.fail(field, _("“{value}” is not an amount.").format(value=value))
            return None
        if amount < 0:
            self.fail(field, _("The amount cannot be negative."))
        elif amount > MAX_MONEY:
            self.fail(field, _("The amount is too large."))
        elif amount != amount.quantize(Decimal("0.01")):
            self.fail(field, _("Use at most two decimal places."))
        return amount.quantize(Decimal("0.01")) if field not in self.errors else None

    def choice(self, field: str, value: object, kind: type[ChoiceT]) -> ChoiceT | None:
        """``value`` as a member of ``kind`` (given as the member or its stored value);
        anything else, from a stale form or a script, is refused rather than crashing."""
        try:
            return kind(value)
        except (ValueError, TypeError):
            self.fail(field, _("Choose one of the values offered."))
            return None

    def record(
        self,
        field: str,
        session: Session,
        model: type[RecordT],
        value: object,
        message: str,
        *,
        required: bool = False,
    ) -> RecordT | None:
        """The ``model`` record whose id is ``value``; ``message`` beside the field when
        there is none (``None`` is no choice, refused only when ``required``)."""
        if value is None:
            if required:
                self.fail(field, message)
            return None
        found = find(session, model, value)
        if found is None:
            self.fail(field, message)
        return found

    def records(
        self, field: str, session: Session, model: type[RecordT], values: object, message: str
    ) -> list[RecordT]:
        """The ``model`` records whose ids are ``values`` (repeats read once); ``message``
        beside the field when one of them is not there."""
        wanted = list(values) if isinstance(values, list | tuple | set | frozenset) else [values]
        if not all(is_record_id(value) for value in wanted):
            self.fail(field, message)
            return []
        found = list(session.scalars(select(model).where(model.id.in_(set(wanted)))))
        if len(found) != len(set(wanted)):
            self.fail(field, message)
        return found

    def date_order(self, end_field: str, start: date | None, end: date | None) -> None:
        if start and end and end < start:
            self.fail(end_field, _("The end date cannot be before the start date."))


def find(session: Session, model: type[RecordT], value: object) -> RecordT | None:
    """The ``model`` record whose id is ``value``, or ``None`` (also for a value that
    cannot be an id, which the database would fail on)."""
    return session.get(model, value) if is_record_id(value) else None


def storable(column: Column[Any], values: Iterable[object]) -> list[object]:
    """The ``values`` that ``column`` can hold, as it stores them: enum members for an enum
    column, 64-bit integers for an integer one, dates and UUIDs for such columns.  A list filter
    narrowed to something else (a stale status, a mangled id) finds nothing instead of
    failing in the database."""
    kept: list[object] = []
    kind = column.type
    for value in values:
        if isinstance(kind, SAEnum) and kind.enum_class is not None:
            try:
                kept.append(kind.enum_class(value))
            except (ValueError, TypeError):
                continue
        elif isinstance(kind, Integer):
            if type(value) is int and -MAX_ID <= value <= MAX_ID:
                kept.append(value)
        elif isinstance(kind, Uuid):
            if isinstance(value, UUID):
                kept.append(value)
        elif isinstance(kind, Date):
            if isinstance(value, date):
                kept.append(value.date() if isinstance(value, datetime) else value)
        elif not (isinstance(value, str) and "\x00" in value):  # no text column holds NUL
            kept.append(value)
    return kept


# Unicode's bidirectional embeddings, overrides and isolates: no name or note in our
# languages needs them, and "Arta\u202eevil" would show in lists and the audit log as
# "Artalive" (a spoofed name).  The plain direction marks (U+200E, U+200F) stay.
_DIRECTION_OVERRIDES = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def clean_text(value: str | None) -> str:
    """What is kept of typed text: control characters (NUL among them, which PostgreSQL
    refuses) and direction overrides dropped, line breaks and tabs kept, the ends
    stripped.

    A printable text (``str.isprintable``: no control, format or separator character but
    the space, so no direction override either) loses nothing but its ends, and is only
    stripped: most of what is typed or imported, without a look at each character."""
    if value is None:
        return ""
    text = str(value)
    if text.isprintable():
        return text.strip()
    kept = "".join(
        ch for ch in text if (ch in "\n\t" or ch >= " ") and ch not in _DIRECTION_OVERRIDES
    )
    return kept.strip()
