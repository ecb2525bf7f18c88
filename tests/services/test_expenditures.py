"""Expenditures through their service: conversion to the cent, refusals that name the
field and write nothing, the filtered list, conflicts and deletion, on both databases."""

import hashlib
from dataclasses import replace
from decimal import Decimal

import pytest
from sqlalchemy import select

from desktop.domain import Attachment, AuditEntry, Expenditure
from desktop.i18n import set_language
from desktop.i18n.collation import sort_key
from desktop.services.budget import BudgetLineForm, BudgetService
from desktop.services.errors import ConflictError, ValidationError
from desktop.services.expenditures import ExpenditureForm, ExpenditureRow, ExpenditureService
from desktop.services.grants import GrantService
from desktop.services.listing import ListQuery
from desktop.services.periods import PeriodService
from desktop.store.database import Database
from desktop.store.demo import load_demo
from tests.services.test_grants import audit_count, heading, make_grant


def setup_grant(db: Database) -> tuple[int, int, int]:
    """A grant with a staff line (1.1) and a travel line (2.1)."""
    grant_id = make_grant(db)
    budget = BudgetService(db)
    staff = budget.create(
        grant_id,
        BudgetLineForm(heading_id=heading(db), code="1.1", description="Staff", amount="90000"),
    )
    travel = budget.create(
        grant_id,
        BudgetLineForm(
            heading_id=heading(db, "eu_2_travel"),
            code="2.1",
            description="Local travel",
            amount="20000",
        ),
    )
    return grant_id, staff, travel


def hotel_in_belgrade(line_id: int, **changes: object) -> ExpenditureForm:
    form = ExpenditureForm(
        spent_on="2026-03-12",
        budget_line_id=line_id,
        description="Two nights for the regional study visit",
        supplier="Hotel Slavija",
        invoice_reference="RN-2026-0412",
        original_currency="RSD",
        original_amount="12345.67",
        rate="0.0085",
    )
    for name, value in changes.items():
        setattr(form, name, value)
    return form


def test_a_foreign_invoice_is_converted_to_the_cent(db: Database) -> None:
    service = ExpenditureService(db)
    grant_id, _staff, travel = setup_grant(db)
    expenditure_id = service.create(grant_id, hotel_in_belgrade(travel))
    details = service.get(expenditure_id)
    assert details.amount == Decimal("104.94")  # 12,345.67 × 0.0085 = 104.938195
    assert details.currency == "EUR"
    assert details.form.original_currency == "RSD"
    assert details.form.original_amount == Decimal("12345.67")
    assert details.form.rate == Decimal("0.0085")
    with db.transaction() as session:
        [entry] = session.scalars(
            select(AuditEntry).where(AuditEntry.entity == "expenditures")
        ).all()
        assert entry.entity_uuid == details.uuid
        assert entry.changes["amount"] == "104.94"
        assert Decimal(entry.changes["rate"]) == Decimal("0.0085")


def test_half_a_cent_rounds_up(db: Database) -> None:
    service = ExpenditureService(db)
    grant_id, staff, _travel = setup_grant(db)
    expenditure_id = service.create(
        grant_id,
        hotel_in_belgrade(staff, original_currency="usd", original_amount="0.50", rate="0.25"),
    )
    details = service.get(expenditure_id)
    assert (details.form.original_currency, details.amount) == ("USD", Decimal("0.13"))


def test_the_contract_currency_is_not_converted(db: Database) -> None:
    service = ExpenditureService(db)
    grant_id, staff, _travel = setup_grant(db)
    expenditure_id = service.create(
        grant_id, hotel_in_belgrade(staff, original_currency="EUR", original_amount="3200", rate="")
    )
    details = service.get(expenditure_id)
    assert (details.form.rate, details.amount) == (Decimal(1), Decimal("3200.00"))


def test_rate_and_amount_in_the_interface_language(db: Database) -> None:
    set_language("sq")
    service = ExpenditureService(db)
    grant_id, _staff, travel = setup_grant(db)
    expenditure_id = service.create(
        grant_id, hotel_in_belgrade(travel, original_amount="12 345,67", rate="0,0085")
    )
    assert service.get(expenditure_id).amount == Decimal("104.94")


@pytest.mark.parametrize(
    ("field", "changes"),
    [
        ("original_currency", {"original_currency": "EU"}),
        ("original_currency", {"original_currency": "€"}),
        ("original_currency", {"original_currency": "EURO"}),
        ("rate", {"rate": ""}),
        ("rate", {"rate": None}),
        ("rate", {"rate": "0"}),
        ("rate", {"rate": "-0.0085"}),
        ("rate", {"rate": "about 0.01"}),
        ("rate", {"rate": "0.000000001"}),
        ("original_amount", {"original_amount": ""}),
        ("original_amount", {"original_amount": "-12"}),
        ("original_amount", {"original_amount": "12.345"}),
        ("spent_on", {"spent_on": "2025-12-31"}),  # the day before the grant starts
        ("spent_on", {"spent_on": "2028-01-01"}),  # the day after it ends
        ("spent_on", {"spent_on": "2026-02-30"}),
        ("spent_on", {"spent_on": ""}),
        ("budget_line_id", {"budget_line_id": None}),
        ("description", {"description": ""}),
        ("invoice_reference", {"invoice_reference": "X" * 65}),
    ],
)
def test_bad_expenditure_is_refused_naming_the_field_and_nothing_is_written(
    db: Database, field: str, changes: dict[str, object]
) -> None:
    service = ExpenditureService(db)
    grant_id, _staff, travel = setup_grant(db)
    with pytest.raises(ValidationError) as refused:
        service.create(grant_id, hotel_in_belgrade(travel, **changes))
    assert field in refused.value.errors
    assert service.count(grant_id, ListQuery()) == 0
    assert audit_count(db, "expenditures") == 0


def test_a_budget_line_of_another_grant_is_refused(db: Database) -> None:
    service = ExpenditureService(db)
    grant_id, _staff, _travel = setup_grant(db)
    other = make_grant(db, "2026/100-002")
    foreign_line = BudgetService(db).create(
        other, BudgetLineForm(heading_id=heading(db), code="1.1", description="x", amount="1")
    )
    with pytest.raises(ValidationError) as refused:
        service.create(grant_id, hotel_in_belgrade(foreign_line))
    assert set(refused.value.errors) == {"budget_line_id"}
    assert service.count(grant_id, ListQuery()) == 0
    assert service.count(other, ListQuery()) == 0


def test_an_edit_converts_again_and_a_stale_one_is_a_conflict(db: Database) -> None:
    service = ExpenditureService(db)
    grant_id, _staff, travel = setup_grant(db)
    expenditure_id = service.create(grant_id, hotel_in_belgrade(travel))
    opened = service.get(expenditure_id)
    opened.form.rate = "0.0086"
    service.update(expenditure_id, opened.form, opened.version)
    assert service.get(expenditure_id).amount == Decimal("106.17")  # 106.172762
    opened.form.rate = "0.0090"
    with pytest.raises(ConflictError):
        service.update(expenditure_id, opened.form, opened.version)
    with pytest.raises(ConflictError):
        service.delete(expenditure_id, opened.version)
    assert service.get(expenditure_id).amount == Decimal("106.17")


def test_the_list_filters_by_period_line_heading_and_text(db: Database) -> None:
    service = ExpenditureService(db)
    grant_id, staff, travel = setup_grant(db)
    PeriodService(db).generate_quarters(grant_id)
    [q1, q2] = [p.id for p in PeriodService(db).periods(grant_id)][:2]
    entries = [
        ("2026-01-31", staff, "Salary January", "Peace and Safety Network", "PAY/01", "3200"),
        ("2026-02-28", staff, "Salary February", "Peace and Safety Network", "PAY/02", "3200"),
        ("2026-03-31", travel, "Fuel for the field visits", "Petrol Company", "F-778", "120.50"),
        ("2026-04-01", travel, "Taxi to Zvečan", "Taksi Sever", "T-15", "25"),
    ]
    for spent_on, line, description, supplier, invoice, amount in entries:
        service.create(
            grant_id,
            ExpenditureForm(
                spent_on=spent_on,
                budget_line_id=line,
                description=description,
                supplier=supplier,
                invoice_reference=invoice,
                original_amount=amount,
            ),
        )
    listing = service.listing(grant_id)
    by_date = ListQuery(sort="spent_on")

    def descriptions(query: ListQuery) -> list[str]:
        return [row.description for row in listing.page(query)]

    assert listing.count(ListQuery()) == 4
    assert listing.total(ListQuery()) == Decimal("6545.50")
    assert descriptions(by_date.with_filter("period", q1)) == [
        "Salary January",
        "Salary February",
        "Fuel for the field visits",
    ]
    assert descriptions(by_date.with_filter("period", q2)) == ["Taxi to Zvečan"]
    assert descriptions(by_date.with_filter("budget_line", travel)) == [
        "Fuel for the field visits",
        "Taxi to Zvečan",
    ]
    staff_costs = by_date.with_filter("heading", heading(db))
    assert listing.total(staff_costs) == Decimal("6400.00")
    assert listing.count(staff_costs.with_filter("period", q2)) == 0
    assert descriptions(replace(by_date, search="peace FEB")) == ["Salary February"]
    assert descriptions(replace(by_date, search="f-778")) == ["Fuel for the field visits"]
    assert descriptions(replace(by_date, search="100%")) == []
    by_amount = listing.page(ListQuery(sort="amount", descending=True, language="sr"))
    assert [row.amount for row in by_amount] == [
        Decimal("3200.00"),
        Decimal("3200.00"),
        Decimal("120.50"),
        Decimal("25.00"),
    ]
    assert by_amount[-1].heading == "2. Путовања"
    assert listing.page(by_date, offset=3, limit=10)[0].line_code == "2.1"
    other_grant = make_grant(db, "2026/100-002")
    assert service.count(other_grant, ListQuery()) == 0


def test_deleting_removes_the_attached_invoice_too(db: Database) -> None:
    service = ExpenditureService(db)
    grant_id, _staff, travel = setup_grant(db)
    expenditure_id = service.create(grant_id, hotel_in_belgrade(travel))
    details = service.get(expenditure_id)
    content = b"%PDF-1.4 invoice"
    with db.transaction() as session:
        session.add(
            Attachment(
                entity="expenditures",
                entity_uuid=details.uuid,
                filename="RN-2026-0412.pdf",
                media_type="application/pdf",
                size=len(content),
                sha256=hashlib.sha256(content).hexdigest(),
                content=content,
            )
        )
    service.delete(expenditure_id, details.version)
    assert service.count(grant_id, ListQuery()) == 0
    with db.transaction() as session:
        assert session.scalars(select(Attachment)).all() == []
        deleted = session.scalars(
            select(AuditEntry.entity).where(AuditEntry.action == "delete")
        ).all()
    assert sorted(deleted) == ["attachments", "expenditures"]


def test_saving_an_unchanged_invoice_is_no_change(db: Database) -> None:
    """An invoice in the contract's currency has the rate 1, stored as 1.00000000; saved back
    unchanged, it is the same rate: no audit entry, and no new version that would tell a
    colleague someone changed it."""
    service = ExpenditureService(db)
    grant_id, _staff, travel = setup_grant(db)
    expenditure_id = service.create(
        grant_id, hotel_in_belgrade(travel, original_currency="EUR", rate="")
    )
    stored = service.get(expenditure_id)

    service.update(expenditure_id, stored.form, stored.version)

    assert service.get(expenditure_id).version == stored.version
    with db.transaction() as session:
        entries = session.scalars(
            select(AuditEntry).where(AuditEntry.entity == "expenditures")
        ).all()
    assert [entry.action for entry in entries] == ["create"]


# -- the list's rows on the demo -----------------------------------------------------------

DEMO = "2025/461-198"  # the demo's grant with periods and expenditures
SORTS = ("spent_on", "line", "invoice_reference", "original_amount", "amount")
TEXT_SORTS = ("description", "supplier")


def from_whole_records(db: Database, grant_id: int, language: str) -> dict[int, ExpenditureRow]:
    """The grant's rows as the list used to build them: from each expenditure, its budget
    line and its heading, read as whole records."""
    with db.transaction() as session:
        return {
            e.id: ExpenditureRow(
                id=e.id,
                uuid=e.uuid,
                version=e.version,
                spent_on=e.spent_on,
                line_code=e.budget_line.code,
                heading=e.budget_line.heading.name(language),
                description=e.description,
                supplier=e.supplier or "",
                invoice_reference=e.invoice_reference or "",
                original_currency=e.original_currency,
                original_amount=e.original_amount,
                rate=e.rate,
                amount=e.amount,
                currency=e.grant.currency,
            )
            for e in session.scalars(select(Expenditure).where(Expenditure.grant_id == grant_id))
        }


def sorted_by(row: ExpenditureRow, sort: str, language: str) -> object:
    if sort in TEXT_SORTS:
        return sort_key(getattr(row, sort), language)
    return row.line_code if sort == "line" else getattr(row, sort)


@pytest.mark.parametrize("language", ["en", "sq", "sr", "sr_Latn"])
def test_every_order_lists_the_rows_whole_records_gave(db: Database, language: str) -> None:
    """The page reads the columns a row shows, not whole records; every row, in every
    order and language, is what the records give, page after page."""
    load_demo(db)
    [grant] = [g for g in GrantService(db).page(ListQuery(), 0, 50) if g.contract_number == DEMO]
    expected = from_whole_records(db, grant.id, language)
    assert len(expected) > 20
    listing = ExpenditureService(db).listing(grant.id)
    for sort in SORTS + TEXT_SORTS:
        for descending in (False, True):
            query = ListQuery(sort=sort, descending=descending, language=language)
            rows = listing.page(query, 0, 1000)
            assert rows == [expected[row.id] for row in rows], (sort, descending)
            assert sorted(row.id for row in rows) == sorted(expected), (sort, descending)
            by_id = sorted(rows, key=lambda row: row.id)  # ties: by id, in either direction
            in_order = sorted(
                by_id, key=lambda row: sorted_by(row, sort, language), reverse=descending
            )
            assert rows == in_order, (sort, descending)
            in_pages = [
                row for offset in range(0, len(rows), 7) for row in listing.page(query, offset, 7)
            ]
            assert in_pages == rows, (sort, descending)
