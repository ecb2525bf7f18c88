"""Every audited field has a label and a reading: a new column cannot reach the audit log
as a bare column name or a raw value."""

from enum import Enum

from sqlalchemy import Enum as EnumType
from sqlalchemy import inspect

from desktop.domain.user import Role
from desktop.services.actor import Actor
from desktop.services.audit import _NOT_AUDITED
from desktop.services.audit_fields import (
    CHOICE_LABELS,
    ENTITY_LABELS,
    Kind,
    audited_models,
    fallback_label,
    field_spec,
    label_of,
)
from desktop.services.audit_values import Lookup, ValueReader


def _audited_columns() -> list[tuple[str, str]]:
    return [
        (table, column.key)
        for table, model in audited_models().items()
        for column in inspect(model).column_attrs
        if column.key not in _NOT_AUDITED
    ]


def test_every_kind_of_record_in_the_log_is_a_mapped_model() -> None:
    assert set(audited_models()) == set(ENTITY_LABELS)


def test_every_column_of_every_audited_model_has_a_label() -> None:
    columns = _audited_columns()
    assert len(columns) > 150
    unlabelled = [f"{table}.{column}" for table, column in columns if not label_of(table, column)]
    assert unlabelled == []


def test_every_foreign_key_names_its_record_and_every_choice_has_labels() -> None:
    for table, column in _audited_columns():
        model_column = audited_models()[table].__table__.columns[column]  # type: ignore[attr-defined]
        spec = field_spec(table, column)
        if model_column.foreign_keys:
            assert spec.kind == Kind.RECORD and spec.target, (table, column)
        if isinstance(model_column.type, EnumType):
            enum_class: type[Enum] = model_column.type.enum_class
            assert spec.kind == Kind.CHOICE, (table, column)
            assert set(CHOICE_LABELS[enum_class]) == set(enum_class), enum_class


def test_labels_are_the_editors_words() -> None:
    assert field_spec("projects", "municipalities").label == "Municipalities"
    assert field_spec("cases", "municipality_id").label == "Municipality"
    assert field_spec("cases", "raised_by").confidential
    assert field_spec("organisations", "name_sq").label == "Name (Albanian)"
    assert field_spec("grants", "amount").kind == Kind.MONEY
    assert field_spec("grants", "signed_on").kind == Kind.DATE
    assert field_spec("users", "active").kind == Kind.BOOLEAN
    assert field_spec("cases", "description").kind == Kind.LONG_TEXT
    assert not any("&" in field_spec(table, column).label for table, column in _audited_columns())


def test_a_field_nobody_named_still_reads_as_words() -> None:
    assert fallback_label("municipality_id") == "Municipality"
    assert fallback_label("next_review_on") == "Next review on"
    assert field_spec("projects", "donor_region_id").label == "Donor region"
    assert field_spec("nowhere", "x").kind == Kind.TEXT


def test_values_read_in_the_interface_language_and_never_fail() -> None:
    english = ValueReader(Lookup(), "en", Actor("arta", Role.ADMIN), reveal=True)
    albanian = ValueReader(Lookup(), "sq", Actor("arta", Role.ADMIN), reveal=True)
    assert english.text("users", "active", True, {}) == "Yes"
    assert english.text("users", "role", "manager", {}) == "Manager"
    assert english.text("users", "language", "sr_Latn", {}) == "Serbian (Latin)"
    assert english.text("budget_lines", "quantity", "1234.50", {}) == "1,234.5"
    assert albanian.text("budget_lines", "quantity", "1234.50", {}) == "1\xa0234,5"
    assert english.text("expenditures", "rate", "1.955830", {}) == "1.95583"
    assert english.text("grants", "amount", "1500.00", {"currency": "USD"}) == "$1,500.00"
    assert english.text("budget_lines", "amount", "1500", {"grant_id": 404}) == "1,500.00"
    assert english.text("grants", "signed_on", "2026-03-02", {}) == "Mar 2, 2026"
    assert albanian.text("grants", "signed_on", "2026-03-02", {}) == "2 mar 2026"
    assert english.text("cases", "municipality_id", 7, {}) == "#7"  # a record since deleted
    # what another version of the application may have written reads as it was stored
    assert english.text("grants", "signed_on", "soon", {}) == "soon"
    assert english.text("projects", "next_steps", ["a", "b"], {}) == "a; b"
    assert english.text("cases", "status", "escalated", {}) == "escalated"
    assert english.text("cases", "raised_by", "", {}) == ""


def test_who_raised_a_case_is_never_read_to_staff_or_viewers() -> None:
    for role, shown in ((Role.ADMIN, True), (Role.MANAGER, True), (Role.STAFF, False)):
        reader = ValueReader(Lookup(), "en", Actor("someone", role), reveal=True)
        text = reader.text("cases", "raised_by", "Jelena Stojanović", {})
        assert (text == "Jelena Stojanović") == shown
        assert (text == "(confidential)") == (not shown)
        # without being asked to reveal it (a page of the log), nobody reads it
        hidden = ValueReader(Lookup(), "en", Actor("someone", role))
        assert hidden.text("cases", "raised_by_contact", "+383 44 000 123", {}) == "(confidential)"
    viewer = ValueReader(Lookup(), "en", Actor("vesna", Role.VIEWER))
    assert viewer.text("cases", "raised_by", None, {}) == "(confidential)"
    assert viewer.text("cases", "title", "No lighting", {}) == "No lighting"
