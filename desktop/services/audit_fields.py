"""What the audit log calls each audited field, and what kind of value it holds.

The labels are the editors' own words (without their mnemonics), so a manager reads in the
audit log "Municipality", not ``municipality_id``.  The kind of value is read from the
column itself (a foreign key, an enum, a date, a number…); this table only names what the
column cannot say: its label, that an amount is money in some currency, or that a value
identifies someone and is confidential.  A test checks that every column of every audited
model has a label here.
"""

from collections.abc import Mapping
from dataclasses import dataclass, replace
from enum import Enum, StrEnum
from functools import cache

from sqlalchemy import Boolean, Date, DateTime, Integer, Numeric, Text
from sqlalchemy import Enum as EnumType

from desktop.domain import load_all
from desktop.domain.activity import AGE_BAND_LABELS, AgeBand
from desktop.domain.base import Base
from desktop.domain.case import CASE_CATEGORY_LABELS, CASE_STATUS_LABELS, CaseCategory, CaseStatus
from desktop.domain.organisation import ORGANISATION_KIND_LABELS, OrganisationKind
from desktop.domain.period import (
    NARRATIVE_SECTION_LABELS,
    PERIOD_KIND_LABELS,
    NarrativeSection,
    PeriodKind,
)
from desktop.domain.person import GENDER_LABELS, Gender
from desktop.domain.project import (
    PARTNER_ROLE_LABELS,
    PROJECT_STATUS_LABELS,
    PartnerRole,
    ProjectStatus,
)
from desktop.domain.research import (
    OUTPUT_STATUS_LABELS,
    OUTPUT_TYPE_LABELS,
    OutputStatus,
    OutputType,
)
from desktop.domain.results import (
    PARTICIPANT_ROLLUP_LABELS,
    RESULT_LEVEL_LABELS,
    VALUE_STATUS_LABELS,
    ParticipantRollup,
    ResultLevel,
    ValueStatus,
)
from desktop.domain.user import ROLE_LABELS, Role
from desktop.i18n import N_, _

# What each audited table is called in the interface (untranslated messages).
ENTITY_LABELS = {
    "activities": N_("Activity"),
    "attachments": N_("Attachment"),
    "budget_lines": N_("Budget line"),
    "case_actions": N_("Case follow-up action"),
    "case_status_changes": N_("Case status change"),
    "cases": N_("Case"),
    "donor_profiles": N_("Donor profile"),
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


class Kind(StrEnum):
    """How a stored value is turned into words."""

    TEXT = "text"
    LONG_TEXT = "long_text"  # shortened in the one-line summary
    DATE = "date"
    DATETIME = "datetime"
    NUMBER = "number"
    MONEY = "money"
    BOOLEAN = "boolean"
    CHOICE = "choice"  # an enum: shown by its label
    RECORD = "record"  # a foreign key: shown by the record's name or code
    CODES = "codes"  # a list of reference codes: shown by their names
    RECORD_TYPE = "record_type"  # a table name: shown as the kind of record
    RECORD_UUID = "record_uuid"  # a record of the kind the field "entity" names, by UUID
    LANGUAGE = "language"  # a language code: shown by the language's name
    PUBLICATION_LANGUAGES = "publication_languages"  # "sq,sr,en"
    BYTES = "bytes"
    PARTNERS = "partners"  # [[organisation id, role], …]
    PARTICIPANTS = "participants"  # [[gender, age band, community code, count], …]
    NARRATIVES = "narratives"  # {"section/language": text}: one field per section


@dataclass(frozen=True)
class FieldSpec:
    """One audited field: its untranslated label and how to read its value.

    ``target`` is the referenced table of a RECORD or CODES field; ``choices`` the
    untranslated labels of a CHOICE; ``currency`` the column holding a MONEY field's
    currency, or "grant_id" for the currency of the record's grant.  A field that is not
    ``in_summary`` shows in the entry's details only.
    """

    label: str
    kind: Kind = Kind.TEXT
    target: str | None = None
    choices: Mapping[str, str] | None = None
    currency: str | None = None
    confidential: bool = False
    in_summary: bool = True


# Labels of the columns every record of a kind has, wherever it is.
SHARED_LABELS = {
    "id": N_("Record number"),
    "uuid": N_("Identifier"),
    "name_en": N_("Name (English)"),
    "name_sq": N_("Name (Albanian)"),
    "name_sr": N_("Name (Serbian Cyrillic)"),
    "name_sr_latn": N_("Name (Serbian Latin)"),
    "archived_at": N_("Archived"),
}

# Each table's fields in the order of its editor (untranslated messages).
FIELD_LABELS: dict[str, dict[str, str]] = {
    "activities": {
        "project_id": N_("Project"),
        "activity_type_id": N_("Type"),
        "municipality_id": N_("Municipality"),
        "carried_out_by_id": N_("Carried out by"),
        "start_date": N_("Start"),
        "end_date": N_("End"),
        "venue": N_("Venue"),
        "description": N_("Description"),
        "problems": N_("Problems met and how they were addressed"),
        "participants_total": N_("Headcount (sign-in sheet)"),
        "participants": N_("Participants"),
    },
    "attachments": {
        "filename": N_("File name"),
        "media_type": N_("File type"),
        "size": N_("Size"),
        "sha256": N_("Checksum (SHA-256)"),
        "content": N_("Content"),
        "entity": N_("Attached to"),
        "entity_uuid": N_("Attached to record"),
    },
    "budget_lines": {
        "grant_id": N_("Grant"),
        "heading_id": N_("Heading"),
        "code": N_("Code"),
        "description": N_("Description"),
        "unit": N_("Unit"),
        "quantity": N_("Quantity"),
        "unit_cost": N_("Unit cost"),
        "amount": N_("Amount"),
    },
    "case_actions": {
        "case_id": N_("Case"),
        "description": N_("What is to be done"),
        "responsible": N_("Responsible"),
        "due_on": N_("Due by"),
        "done_on": N_("Done on"),
    },
    "case_status_changes": {
        "case_id": N_("Case"),
        "status": N_("New status"),
        "changed_at": N_("Date"),
        "changed_by_id": N_("Changed by"),
        "note": N_("Reason or note"),
    },
    "cases": {
        "reference": N_("Reference"),
        "title": N_("Title"),
        "municipality_id": N_("Municipality"),
        "category": N_("Category"),
        "project_id": N_("Project"),
        "raised_by": N_("Raised by"),
        # L10N: how to reach the person who raised a case (a phone, an address)
        "raised_by_contact": N_("How to reach who raised it"),
        "referred_to_id": N_("Referred to"),
        "status": N_("Status"),
        "note": N_("Reason or note"),  # given with a change of status
        "opened_on": N_("Opened on"),
        "due_on": N_("Due by"),
        "resolved_on": N_("Resolved on"),
        "description": N_("Description"),
    },
    "donor_profiles": {
        "organisation_id": N_("Donor"),
        "budget_template_id": N_("Budget template"),
        "logo": N_("Logo"),
        "logo_media_type": N_("Logo file type"),
        "logo_sha256": N_("Logo checksum (SHA-256)"),
    },
    "expenditures": {
        "grant_id": N_("Grant"),
        "spent_on": N_("Date"),
        "budget_line_id": N_("Budget line"),
        "description": N_("Description"),
        "supplier": N_("Supplier"),
        "invoice_reference": N_("Invoice reference"),
        "original_currency": N_("Currency"),
        "original_amount": N_("Original amount"),
        "rate": N_("Exchange rate"),
        "amount": N_("Amount"),
    },
    "grants": {
        "contract_number": N_("Contract number"),
        "title": N_("Title"),
        "project_id": N_("Project"),
        "donor_id": N_("Donor"),
        "currency": N_("Currency"),
        "amount": N_("Amount"),
        "signed_on": N_("Signed on"),
        "start_date": N_("Start date"),
        "end_date": N_("End date"),
        "contact_person_id": N_("Contact person"),
        "notes": N_("Notes"),
    },
    "indicator_values": {
        "indicator_id": N_("Indicator"),
        "period_id": N_("Period"),
        "value": N_("Value"),
        "women": N_("Of whom women"),
        "men": N_("Of whom men"),
        "status": N_("Status"),
        "comment": N_("Comment"),
        "reviewed_by_id": N_("Reviewed by"),
        "reviewed_at": N_("Reviewed at"),
    },
    "indicators": {
        "result_id": N_("Measures"),
        "code": N_("Code"),
        "unit": N_("Unit"),
        "baseline": N_("Baseline"),
        "baseline_year": N_("Baseline year"),
        "target": N_("Target"),
        "target_year": N_("Target year"),
        "means_of_verification": N_("Means of verification"),
        "rollup": N_("Counts"),
        "rollup_activity_type_id": N_("At activities of type"),
    },
    "instalments": {
        "grant_id": N_("Grant"),
        "number": N_("Number"),
        "due_on": N_("Due on"),
        "received_on": N_("Received on"),
        "amount": N_("Amount"),
    },
    "narrative_texts": {
        "period_id": N_("Period"),
        "section": N_("Section"),
        "language": N_("Language"),
        "text": N_("Text"),
    },
    "organisations": {
        "acronym": N_("Acronym"),
        "kind": N_("Kind"),
        "registration_number": N_("Registration number"),
        "municipality_id": N_("Municipality"),
        "address": N_("Address"),
        "email": N_("E-mail"),
        "phone": N_("Phone"),
        "website": N_("Website"),
        "notes": N_("Notes"),
    },
    "participant_counts": {
        "activity_id": N_("Activity"),
        "gender": N_("Gender"),
        "age_band": N_("Age band"),
        "community_id": N_("Community"),
        "count": N_("Participants"),
    },
    "people": {
        "first_name": N_("First name"),
        "last_name": N_("Last name"),
        "gender": N_("Gender"),
        "title": N_("Title or function"),
        "organisation_id": N_("Organisation"),
        "municipality_id": N_("Municipality"),
        "community_id": N_("Community"),
        "email": N_("E-mail"),
        "phone": N_("Phone"),
        "notes": N_("Notes"),
    },
    "project_partners": {
        "project_id": N_("Project"),
        "organisation_id": N_("Organisation"),
        "role": N_("Role"),
    },
    "projects": {
        "code": N_("Code"),
        "status": N_("Status"),
        "start_date": N_("Start date"),
        "end_date": N_("End date"),
        "lead_organisation_id": N_("Lead organisation"),
        "contact_person_id": N_("Contact person"),
        "summary": N_("Summary"),
        "municipalities": N_("Municipalities"),
        "thematic_areas": N_("Thematic areas"),
        "partners": N_("Partners"),
    },
    "reporting_periods": {
        "grant_id": N_("Grant"),
        "label": N_("Label"),
        "kind": N_("Kind of report"),
        "start_date": N_("Start date"),
        "end_date": N_("End date"),
        "due_on": N_("Report due on"),
        "sent_on": N_("Report sent on"),
        "narratives": N_("Narrative of the report"),
    },
    "research_outputs": {
        "output_type": N_("Type"),
        "status": N_("Status"),
        "authors": N_("Authors"),
        "languages": N_("Languages"),
        "published_on": N_("Published on"),
        "publisher": N_("Publisher"),
        "place": N_("Place"),
        "isbn": N_("ISBN"),
        "doi": N_("DOI"),
        "url": N_("Web address"),
        "project_id": N_("Project"),
        "abstract": N_("Abstract"),
        "indicators": N_("Verifies the indicators"),
    },
    "results": {
        "project_id": N_("Project"),
        "level": N_("Level"),
        "parent_id": N_("Contributes to"),
        "code": N_("Code"),
        "sort_order": N_("Position"),
        "assumptions": N_("Assumptions"),
    },
    "users": {
        "username": N_("User name"),
        "full_name": N_("Full name"),
        "role": N_("Role"),
        "language": N_("Language"),
        "active": N_("Active"),
        "organisation_id": N_("Organisation"),
        # L10N: the audit log says only that a password changed, never what it is
        "password": N_("Password"),
        "password_hash": N_("Password"),
        # L10N: how strongly a password is hashed (Argon2 memory, passes, lanes)
        "password_parameters": N_("Password hashing parameters"),
    },
}

# The labels of each kind of choice the audited columns hold.
CHOICE_LABELS: dict[type[Enum], Mapping[str, str]] = {
    AgeBand: AGE_BAND_LABELS,
    CaseCategory: CASE_CATEGORY_LABELS,
    CaseStatus: CASE_STATUS_LABELS,
    Gender: GENDER_LABELS,
    NarrativeSection: NARRATIVE_SECTION_LABELS,
    OrganisationKind: ORGANISATION_KIND_LABELS,
    OutputStatus: OUTPUT_STATUS_LABELS,
    OutputType: OUTPUT_TYPE_LABELS,
    ParticipantRollup: PARTICIPANT_ROLLUP_LABELS,
    PartnerRole: PARTNER_ROLE_LABELS,
    PeriodKind: PERIOD_KIND_LABELS,
    ProjectStatus: PROJECT_STATUS_LABELS,
    ResultLevel: RESULT_LEVEL_LABELS,
    Role: ROLE_LABELS,
    ValueStatus: VALUE_STATUS_LABELS,
}

# What a column's type cannot tell: money, and fields that are not columns at all.
_OVERRIDES: dict[tuple[str, str], FieldSpec] = {
    ("activities", "participants"): FieldSpec("", Kind.PARTICIPANTS),
    ("attachments", "entity"): FieldSpec("", Kind.RECORD_TYPE),
    ("attachments", "size"): FieldSpec("", Kind.BYTES),
    ("attachments", "entity_uuid"): FieldSpec("", Kind.RECORD_UUID),
    ("attachments", "sha256"): FieldSpec("", in_summary=False),
    ("donor_profiles", "logo"): FieldSpec("", Kind.BYTES),  # its size: see DonorProfileService
    ("donor_profiles", "logo_sha256"): FieldSpec("", in_summary=False),
    ("budget_lines", "unit_cost"): FieldSpec("", Kind.MONEY, currency="grant_id"),
    ("budget_lines", "amount"): FieldSpec("", Kind.MONEY, currency="grant_id"),
    ("expenditures", "original_amount"): FieldSpec("", Kind.MONEY, currency="original_currency"),
    ("expenditures", "amount"): FieldSpec("", Kind.MONEY, currency="grant_id"),
    ("grants", "amount"): FieldSpec("", Kind.MONEY, currency="currency"),
    ("instalments", "amount"): FieldSpec("", Kind.MONEY, currency="grant_id"),
    ("narrative_texts", "language"): FieldSpec("", Kind.LANGUAGE),
    ("projects", "municipalities"): FieldSpec("", Kind.CODES, target="municipalities"),
    ("projects", "thematic_areas"): FieldSpec("", Kind.CODES, target="thematic_areas"),
    ("projects", "partners"): FieldSpec("", Kind.PARTNERS, target="organisations"),
    ("reporting_periods", "narratives"): FieldSpec("", Kind.NARRATIVES),
    ("research_outputs", "languages"): FieldSpec("", Kind.PUBLICATION_LANGUAGES),
    ("users", "language"): FieldSpec("", Kind.LANGUAGE),
}

# The columns a MONEY field's currency is read from, on the record or its stored values.
CURRENCY_SOURCES = frozenset(spec.currency for spec in _OVERRIDES.values() if spec.currency)
# What reading one field may need from the rest of its record: a currency, or the kind of
# record an attachment belongs to.
CONTEXT_COLUMNS = CURRENCY_SOURCES | {"entity"}

# Fields an update stores with no "before": a note given with the change itself.
NOTES = {("cases", "note")}

# Who raised a community-safety concern: only those who may know see it in the log.
CONFIDENTIAL = {("cases", "raised_by"), ("cases", "raised_by_contact")}


def entity_label(entity: str) -> str:
    """The translated name of a kind of record, or the table name for an unknown one."""
    label = ENTITY_LABELS.get(entity)
    return _(label) if label else entity


@cache
def audited_models() -> dict[str, type[Base]]:
    """The mapped model of every kind of record the audit log names, by table."""
    load_all()  # every mapper, not only the models imported so far
    return {
        mapper.class_.__tablename__: mapper.class_
        for mapper in Base.registry.mappers
        if mapper.class_.__tablename__ in ENTITY_LABELS
    }


def label_of(table: str, column: str) -> str | None:
    """The untranslated label of a field, ``None`` when nobody named it."""
    return FIELD_LABELS.get(table, {}).get(column) or SHARED_LABELS.get(column)


def fallback_label(column: str) -> str:
    """ "municipality_id" -> "Municipality": readable, if untranslated, for a field a
    newer version of the application wrote."""
    words = column.removesuffix("_id").replace("_", " ").strip()
    return words[:1].upper() + words[1:] if words else column


_NAME_COLUMNS = ("name_en", "name_sq", "name_sr", "name_sr_latn")


def field_order(table: str, column: str) -> int:
    """The field's place in its editor (names on top), so the log lists fields as the
    form shows them."""
    fields = [*_NAME_COLUMNS, *FIELD_LABELS.get(table, {}), *SHARED_LABELS]
    return fields.index(column) if column in fields else len(fields)


@cache
def field_spec(table: str, column: str) -> FieldSpec:
    """The field's label and how to read its value (text, for a field nobody knows)."""
    label = label_of(table, column) or fallback_label(column)
    confidential = (table, column) in CONFIDENTIAL
    override = _OVERRIDES.get((table, column))
    if override is not None:
        return replace(override, label=label, confidential=confidential)
    kind, target, choices = _column_kind(table, column)
    return FieldSpec(label, kind, target, choices, confidential=confidential)


def _column_kind(table: str, column: str) -> tuple[Kind, str | None, Mapping[str, str] | None]:
    model = audited_models().get(table)
    found = model.__table__.columns.get(column) if model is not None else None  # type: ignore[attr-defined]
    if found is None:
        return Kind.TEXT, None, None
    for key in found.foreign_keys:
        return Kind.RECORD, key.column.table.name, None
    column_type = found.type
    if isinstance(column_type, EnumType) and column_type.enum_class is not None:
        return Kind.CHOICE, None, CHOICE_LABELS.get(column_type.enum_class)
    if isinstance(column_type, Boolean):
        return Kind.BOOLEAN, None, None
    if isinstance(column_type, DateTime):
        return Kind.DATETIME, None, None
    if isinstance(column_type, Date):
        return Kind.DATE, None, None
    if isinstance(column_type, Numeric | Integer) and column != "id":
        return Kind.NUMBER, None, None
    if isinstance(column_type, Text):
        return Kind.LONG_TEXT, None, None
    return Kind.TEXT, None, None
