"""Stored audit values turned into the words a manager reads, a page of entries at a time.

The log stores what the database held: ``5``, ``"in_progress"``, ``"1500.00"``.  This module
shows the municipality's name, "In progress" and "€1,500.00" in the interface language.
Every record a page's entries point to is read in one query per kind of record, never one
per entry, and fields that identify who raised a case are hidden from those who may not
know it.
"""

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any
from uuid import UUID

from babel.dates import format_datetime
from babel.numbers import format_decimal
from sqlalchemy import select
from sqlalchemy.orm import Session, defer

from desktop.domain import load_all
from desktop.domain.activity import AGE_BAND_LABELS
from desktop.domain.base import Base
from desktop.domain.multilingual import (
    NAME_LANGUAGES,
    MultilingualName,
    name_column,
    resolve_name,
)
from desktop.domain.period import NarrativeSection
from desktop.domain.person import GENDER_LABELS, Person
from desktop.domain.project import PARTNER_ROLE_LABELS
from desktop.domain.reference import ReferenceItem
from desktop.domain.user import User
from desktop.i18n import N_, _, ngettext
from desktop.i18n.formatting import babel_locale, format_date, format_money, format_number
from desktop.services.actor import Actor
from desktop.services.audit_fields import (
    CHOICE_LABELS,
    FieldSpec,
    Kind,
    entity_label,
    field_spec,
)
from desktop.services.permissions import Permission, allowed
from desktop.services.research import PUBLICATION_LANGUAGES

LANGUAGE_NAMES = {
    "en": N_("English"),
    "sq": N_("Albanian"),
    "sr": N_("Serbian (Cyrillic)"),
    "sr_Latn": N_("Serbian (Latin)"),
}

_CODE_ATTRIBUTES = ("code", "reference", "contract_number", "label", "invoice_reference")
_TEXT_ATTRIBUTES = ("title", "description", "filename", "username")


def may_see_confidential(actor: Actor) -> bool:
    """Administrators and managers follow cases up with the people who raised them; staff
    and viewers read the log without learning who they are."""
    return allowed(actor, Permission.READ_CONFIDENTIAL)


@dataclass(frozen=True)
class StoredChange:
    """One field of an entry as stored: ``created`` when the record was created (or
    deleted) with ``new``, so there is no before."""

    column: str
    old: Any
    new: Any
    created: bool


def models_by_table() -> dict[str, type[Base]]:
    load_all()  # every mapper, not only the models imported so far
    return {mapper.class_.__tablename__: mapper.class_ for mapper in Base.registry.mappers}


def record_label(record: Any, language: str) -> str:
    """ "KS-CS-01 Safer communities", "Jelena Stojanović", "Zvečan": the name a person
    knows a record by, its code first when it has one (reference data: its name only)."""
    if isinstance(record, Person):
        return record.full_name
    if isinstance(record, User):
        return record.full_name or record.username
    if isinstance(record, ReferenceItem):
        return record.name(language) or record.code
    code = next((value for a in _CODE_ATTRIBUTES if (value := getattr(record, a, None))), "")
    if isinstance(record, MultilingualName):
        name = record.name(language)
    else:
        name = next((value for a in _TEXT_ATTRIBUTES if (value := getattr(record, a, None))), "")
    return " ".join(part for part in (str(code), str(name)) if part)


def stored_label(values: Mapping[str, Any], language: str) -> str:
    """The name of a record that is gone, from the values its entry kept."""
    person = [str(values[key]) for key in ("first_name", "last_name") if values.get(key)]
    if person:
        return " ".join(person)
    code = next((str(value) for a in _CODE_ATTRIBUTES if (value := values.get(a))), "")
    name = resolve_name(
        {lang: values.get(name_column(lang)) for lang in NAME_LANGUAGES}, language
    ) or next((value for a in _TEXT_ATTRIBUTES if isinstance(value := values.get(a), str)), "")
    return " ".join(part for part in (code, name) if part)


class Lookup:
    """The records a page of entries names, gathered first and then read in bulk."""

    def __init__(self) -> None:
        self._wanted_ids: dict[str, set[int]] = defaultdict(set)
        self._wanted_codes: dict[str, set[str]] = defaultdict(set)
        self._wanted_uuids: dict[str, set[UUID]] = defaultdict(set)
        self._by_id: dict[str, dict[int, Any]] = defaultdict(dict)
        self._by_code: dict[str, dict[str, Any]] = defaultdict(dict)
        self._by_uuid: dict[str, dict[UUID, Any]] = defaultdict(dict)

    def want_id(self, table: str | None, value: Any) -> None:
        if table and isinstance(value, int) and not isinstance(value, bool):
            self._wanted_ids[table].add(value)

    def want_code(self, table: str | None, value: Any) -> None:
        if table and isinstance(value, str):
            self._wanted_codes[table].add(value)

    def want_uuid(self, table: Any, value: Any) -> None:
        if isinstance(table, str) and isinstance(value, str):
            try:
                self._wanted_uuids[table].add(UUID(value))
            except ValueError:
                return

    def load(self, session: Session) -> None:
        """One query per kind of record, whatever the number of entries."""
        models = models_by_table()
        for table, wanted in self._wanted_ids.items():
            model = models.get(table)
            ids = wanted - self._by_id[table].keys()
            if model is None or not ids:
                continue
            for record in session.scalars(_without_content(model, model.id.in_(ids))):  # type: ignore[attr-defined]
                self._by_id[table][record.id] = record
        for table, wanted_uuids in self._wanted_uuids.items():
            model = models.get(table)
            uuids = wanted_uuids - self._by_uuid[table].keys()
            if model is None or not uuids or not hasattr(model, "uuid"):
                continue
            for record in session.scalars(_without_content(model, model.uuid.in_(uuids))):  # type: ignore[attr-defined]
                self._by_uuid[table][record.uuid] = record
        for table, wanted_codes in self._wanted_codes.items():
            model = models.get(table)
            codes = wanted_codes - self._by_code[table].keys()
            if model is None or not codes or not hasattr(model, "code"):
                continue
            for record in session.scalars(select(model).where(model.code.in_(codes))):  # type: ignore[attr-defined]
                self._by_code[table][record.code] = record
        self._wanted_ids.clear()
        self._wanted_codes.clear()
        self._wanted_uuids.clear()

    def record(self, table: str, record_id: Any) -> Any | None:
        return self._by_id[table].get(record_id) if isinstance(record_id, int) else None

    def by_code(self, table: str, code: Any) -> Any | None:
        return self._by_code[table].get(code) if isinstance(code, str) else None

    def by_uuid(self, table: Any, value: Any) -> Any | None:
        try:
            return self._by_uuid[str(table)].get(UUID(str(value)))
        except ValueError:
            return None


def _without_content(model: type[Base], condition: Any) -> Any:
    """The records, without the bytes of an attachment's file."""
    statement = select(model).where(condition)
    if hasattr(model, "content"):
        statement = statement.options(defer(model.content))  # type: ignore[attr-defined]
    return statement


class ValueReader:
    """Reads the stored values of a page of entries in one language, for one actor.

    Who raised a case reads as "(confidential)" unless ``reveal`` is asked for (one entry
    opened by someone who may know it, which the audit log itself then records)."""

    def __init__(self, lookup: Lookup, language: str, actor: Actor, reveal: bool = False) -> None:
        self.lookup = lookup
        self.language = language
        self.confidential_shown = reveal and may_see_confidential(actor)

    def want(self, table: str, change: StoredChange, context: Mapping[str, Any]) -> None:
        """Note every record the change's values and its currency point to."""
        spec = field_spec(table, change.column)
        for value in (change.old, change.new):
            if spec.kind == Kind.RECORD:
                self.lookup.want_id(spec.target, value)
            elif spec.kind == Kind.CODES and isinstance(value, list):
                for code in value:
                    self.lookup.want_code(spec.target, code)
            elif spec.kind == Kind.PARTNERS and isinstance(value, list):
                for pair in value:
                    if isinstance(pair, list) and pair:
                        self.lookup.want_id(spec.target, pair[0])
            elif spec.kind == Kind.PARTICIPANTS and isinstance(value, list):
                for line in value:
                    if isinstance(line, list) and len(line) == 4:
                        self.lookup.want_code("communities", line[2])
            elif spec.kind == Kind.RECORD_UUID:
                self.lookup.want_uuid(context.get("entity"), value)
        if spec.kind == Kind.MONEY and spec.currency == "grant_id":
            self.lookup.want_id("grants", context.get("grant_id"))

    def label(self, table: str, column: str) -> str:
        return _(field_spec(table, column).label)

    def hidden(self, table: str, column: str) -> bool:
        """Whether the field identifies someone this reader may not know."""
        return field_spec(table, column).confidential and not self.confidential_shown

    def text(self, table: str, column: str, value: Any, context: Mapping[str, Any]) -> str:
        """The value as the user reads it; "" for no value."""
        if self.hidden(table, column):
            # L10N: in the audit log, in place of who raised a case, for those who may not see it
            return _("(confidential)")
        if value is None or value == "" or value == []:
            return ""
        items = self.items(table, column, value, context)
        if items is not None:
            return "; ".join(items)
        try:
            return self._text(field_spec(table, column), value, context)
        except (ValueError, TypeError, InvalidOperation, KeyError):
            return _plain(value)  # a value an older or newer version wrote differently

    def items(
        self, table: str, column: str, value: Any, context: Mapping[str, Any]
    ) -> list[str] | None:
        """Each item of a list value as the user reads it (``None`` for a single value), so
        the log can say which items were added and which removed."""
        if not isinstance(value, list) or self.hidden(table, column):
            return None
        spec = field_spec(table, column)
        try:
            match spec.kind:
                case Kind.CODES:
                    return [self._code(spec.target, code) for code in value]
                case Kind.PARTNERS:
                    return [self._partner(spec.target, pair) for pair in value]
                case Kind.PARTICIPANTS:
                    return [self._participants(line) for line in value]
        except (ValueError, TypeError, InvalidOperation, KeyError):
            pass
        return [_plain(item) for item in value]

    def _text(self, spec: FieldSpec, value: Any, context: Mapping[str, Any]) -> str:
        match spec.kind:
            case Kind.DATE:
                return format_date(date.fromisoformat(str(value)), self.language)
            case Kind.DATETIME:
                return self._datetime(datetime.fromisoformat(str(value)))
            case Kind.NUMBER:
                return self._number(value)
            case Kind.MONEY:
                return self._money(spec, value, context)
            case Kind.BOOLEAN:
                return _("Yes") if value else _("No")
            case Kind.CHOICE:
                return _choice(spec.choices or {}, value)
            case Kind.RECORD:
                return self._record(spec.target, value)
            case Kind.RECORD_UUID:
                found = self.lookup.by_uuid(context.get("entity"), value)
                return record_label(found, self.language) if found is not None else str(value)
            case Kind.PUBLICATION_LANGUAGES:
                codes = [code for code in str(value).split(",") if code]
                return ", ".join(_choice(PUBLICATION_LANGUAGES, code) for code in codes)
            case Kind.RECORD_TYPE:
                return entity_label(str(value))
            case Kind.LANGUAGE:
                return language_name(str(value))
            case Kind.BYTES:
                count = int(value)
                return ngettext("{count} byte", "{count} bytes", count).format(
                    count=format_number(count, self.language)
                )
        return _plain(value)

    def _datetime(self, value: datetime) -> str:
        aware = value if value.tzinfo else value.replace(tzinfo=UTC)
        return format_datetime(
            aware.astimezone(), format="medium", locale=babel_locale(self.language)
        )

    def _number(self, value: Any) -> str:
        number = Decimal(str(value))
        return format_decimal(
            number, locale=babel_locale(self.language), decimal_quantization=False
        )

    def _money(self, spec: FieldSpec, value: Any, context: Mapping[str, Any]) -> str:
        amount = Decimal(str(value))
        currency = None
        if spec.currency == "grant_id":
            grant = self.lookup.record("grants", context.get("grant_id"))
            currency = getattr(grant, "currency", None)
        elif spec.currency:
            currency = context.get(spec.currency)
        if currency:
            return format_money(amount, str(currency), self.language)
        return format_decimal(amount, format="#,##0.00", locale=babel_locale(self.language))

    def _record(self, table: str | None, record_id: Any) -> str:
        record = self.lookup.record(table or "", record_id)
        if record is None:
            return f"#{record_id}"  # gone: its number, as the log's record column shows it
        return record_label(record, self.language)

    def _code(self, table: str | None, code: Any) -> str:
        record = self.lookup.by_code(table or "", code)
        return record_label(record, self.language) if record is not None else str(code)

    def _partner(self, table: str | None, pair: Any) -> str:
        organisation, role = pair
        role_label = _choice(PARTNER_ROLE_LABELS, role)
        # L10N: a project partner in the audit log: the organisation, then its role
        return _("{organisation} ({role})").format(
            organisation=self._record(table, organisation), role=role_label
        )

    def _participants(self, line: Sequence[Any]) -> str:
        gender, age_band, community, count = line
        # L10N: one line of an activity's participants in the audit log
        return _("{gender}, {age_band}, {community}: {count}").format(
            gender=_choice(GENDER_LABELS, gender),
            age_band=_choice(AGE_BAND_LABELS, age_band),
            community=self._code("communities", community),
            count=format_number(int(count), self.language),
        )


def narrative_label(key: str) -> str:
    """ "summary/sq" -> "Summary (Albanian)": one section of a report in one language."""
    section, _slash, code = key.partition("/")
    # L10N: one report section in one language, in the audit log
    return _("{section} ({language})").format(
        section=_choice(CHOICE_LABELS[NarrativeSection], section), language=language_name(code)
    )


def language_name(code: str) -> str:
    name = LANGUAGE_NAMES.get(code)
    return _(name) if name else code


def _choice(labels: Mapping[str, str], value: Any) -> str:
    label = labels.get(str(value))
    return _(label) if label else str(value)


def _plain(value: Any) -> str:
    if isinstance(value, list | tuple):
        return ", ".join(_plain(item) for item in value)
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    return str(value)
