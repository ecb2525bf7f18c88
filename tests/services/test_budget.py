"""Budget lines and instalments through their services, on both databases."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from desktop.i18n import set_language
from desktop.services.budget import BudgetLineForm, BudgetService
from desktop.services.errors import ConflictError, RefusedError, ValidationError
from desktop.services.expenditures import ExpenditureForm, ExpenditureService
from desktop.services.instalments import InstalmentForm, InstalmentService
from desktop.store.database import Database
from tests.services.test_grants import audit_count, heading, make_grant


def line_form(db: Database, **changes: object) -> BudgetLineForm:
    form = BudgetLineForm(
        heading_id=heading(db),
        code="1.1",
        description="Project manager, 100%",
        unit="per month",
        quantity="24",
        unit_cost="3200.00",
    )
    for name, value in changes.items():
        setattr(form, name, value)
    return form


def test_amount_is_quantity_times_unit_cost_to_the_cent(db: Database) -> None:
    service = BudgetService(db)
    grant_id = make_grant(db)
    manager = service.create(grant_id, line_form(db, amount="1.00"))
    officers = service.create(
        grant_id, line_form(db, code="1.2", quantity="2.5", unit_cost="1450.55")
    )
    lump = service.create(
        grant_id,
        line_form(db, code="5.1", quantity="", unit_cost="", unit="lump sum", amount="4500"),
    )
    assert service.get(manager).form.amount == Decimal("76800.00")  # the typed 1.00 is ignored
    assert service.get(officers).form.amount == Decimal("3626.38")  # 3,626.375 rounds up
    stored = service.get(lump).form
    assert (stored.quantity, stored.unit_cost, stored.amount) == (None, None, Decimal("4500.00"))
    assert audit_count(db, "budget_lines") == 3


def test_amounts_are_typed_in_the_interface_language(db: Database) -> None:
    set_language("sq")
    service = BudgetService(db)
    grant_id = make_grant(db)
    line_id = service.create(grant_id, line_form(db, quantity="2,5", unit_cost="1 000,00"))
    assert service.get(line_id).form.amount == Decimal("2500.00")


@pytest.mark.parametrize(
    ("field", "changes"),
    [
        ("code", {"code": ""}),
        ("description", {"description": "  "}),
        ("heading_id", {"heading_id": None}),
        ("heading_id", {"heading_id": 99999}),
        ("quantity", {"quantity": "-1"}),
        ("quantity", {"quantity": "many"}),
        ("quantity", {"quantity": "1.255"}),
        ("unit_cost", {"unit_cost": "-3"}),
        ("amount", {"quantity": "3", "unit_cost": "", "amount": ""}),
        ("amount", {"quantity": "", "unit_cost": "", "amount": "12.345"}),
        ("amount", {"quantity": "100", "unit_cost": "2000"}),  # 200,000 > the grant's 150,000
    ],
)
def test_bad_line_is_refused_naming_the_field(
    db: Database, field: str, changes: dict[str, object]
) -> None:
    service = BudgetService(db)
    grant_id = make_grant(db)
    with pytest.raises(ValidationError) as refused:
        service.create(grant_id, line_form(db, **changes))
    assert field in refused.value.errors
    assert service.lines(grant_id, "en") == []
    assert audit_count(db, "budget_lines") == 0


def test_codes_are_unique_within_a_grant_only(db: Database) -> None:
    service = BudgetService(db)
    first, second = make_grant(db, "2026/100-001"), make_grant(db, "2026/100-002")
    service.create(first, line_form(db))
    with pytest.raises(ValidationError) as refused:
        service.create(first, line_form(db, quantity="1"))
    assert set(refused.value.errors) == {"code"}
    service.create(second, line_form(db))
    assert len(service.lines(second, "en")) == 1


def test_the_budget_never_exceeds_the_grant_amount(db: Database) -> None:
    service = BudgetService(db)
    grant_id = make_grant(db)  # EUR 150,000
    staff = service.create(grant_id, line_form(db, quantity="", unit_cost="", amount="100000"))
    travel = service.create(
        grant_id,
        line_form(
            db,
            code="2.1",
            heading_id=heading(db, "eu_2_travel"),
            amount="50000",
            quantity="",
            unit_cost="",
        ),
    )
    raised = line_form(
        db,
        code="2.1",
        heading_id=heading(db, "eu_2_travel"),
        amount="60000",
        quantity="",
        unit_cost="",
    )
    with pytest.raises(ValidationError) as refused:
        service.update(travel, raised, service.get(travel).version)
    assert "€160,000.00" in refused.value.errors["amount"]
    assert "€150,000.00" in refused.value.errors["amount"]
    assert service.get(travel).form.amount == Decimal("50000.00")

    lowered = service.get(staff).form
    lowered.amount = "90000"
    service.update(staff, lowered, service.get(staff).version)
    service.update(travel, raised, service.get(travel).version)
    assert [row.amount for row in service.lines(grant_id, "en")] == [
        Decimal("90000.00"),
        Decimal("60000.00"),
    ]


def test_lines_in_the_order_of_headings_then_codes(db: Database) -> None:
    service = BudgetService(db)
    grant_id = make_grant(db)
    for code, heading_code in (
        ("2.1", "eu_2_travel"),
        ("1.10", "eu_1_human_resources"),
        ("1.2", "eu_1_human_resources"),
    ):
        service.create(
            grant_id, line_form(db, code=code, heading_id=heading(db, heading_code), quantity="1")
        )
    rows = service.lines(grant_id, "sr")
    assert [row.code for row in rows] == ["1.2", "1.10", "2.1"]
    assert rows[0].heading == "1. Људски ресурси"


def test_a_stale_edit_is_a_conflict(db: Database) -> None:
    service = BudgetService(db)
    grant_id = make_grant(db)
    line_id = service.create(grant_id, line_form(db))
    first = service.get(line_id)
    first.form.description = "Project manager, 80%"
    service.update(line_id, first.form, first.version)
    first.form.description = "Someone else's older view"
    with pytest.raises(ConflictError):
        service.update(line_id, first.form, first.version)
    with pytest.raises(ConflictError):
        service.delete(line_id, first.version)
    assert service.get(line_id).form.description == "Project manager, 80%"


def test_a_line_with_expenditures_is_not_deleted(db: Database) -> None:
    service = BudgetService(db)
    grant_id = make_grant(db)
    used = service.create(grant_id, line_form(db))
    unused = service.create(grant_id, line_form(db, code="1.2", quantity="1"))
    ExpenditureService(db).create(
        grant_id,
        ExpenditureForm(
            spent_on="2026-01-31", budget_line_id=used, description="Salary", original_amount="3200"
        ),
    )
    with pytest.raises(RefusedError) as refused:
        service.delete(used, service.get(used).version)
    assert "1.1" in str(refused.value)
    service.delete(unused, service.get(unused).version)
    [row] = service.lines(grant_id, "en")
    assert (row.code, row.spent) == ("1.1", Decimal("3200.00"))
    assert audit_count(db, "budget_lines") == 3  # two created, one deleted


def test_instalments_received_and_due(db: Database) -> None:
    service = InstalmentService(db)
    grant_id = make_grant(db)
    assert service.next_number(grant_id) == 1
    first = service.create(
        grant_id,
        InstalmentForm(number="1", due_on="2026-01-15", received_on="2026-01-20", amount="90000"),
    )
    service.create(grant_id, InstalmentForm(number=2, due_on="2027-01-15", amount="45000"))
    assert service.next_number(grant_id) == 3
    rows = service.instalments(grant_id)
    assert [(row.number, row.received, row.amount) for row in rows] == [
        (1, True, Decimal("90000.00")),
        (2, False, Decimal("45000.00")),
    ]
    changed = service.get(first)
    changed.form.received_on = "2026-01-22"
    service.update(first, changed.form, changed.version)
    assert service.get(first).form.received_on == date(2026, 1, 22)
    with pytest.raises(ConflictError):
        service.update(first, changed.form, changed.version)


@pytest.mark.parametrize(
    ("field", "form"),
    [
        ("number", InstalmentForm(number="", amount="10")),
        ("number", InstalmentForm(number="0", amount="10")),
        ("number", InstalmentForm(number="²", amount="10")),
        ("number", InstalmentForm(number="1", amount="10")),  # number 1 exists
        ("amount", InstalmentForm(number="2", amount="")),
        ("amount", InstalmentForm(number="2", amount="60000.01")),  # 150,000.01 in all
        ("due_on", InstalmentForm(number="2", amount="10", due_on="2026-13-01")),
        (
            "received_on",
            InstalmentForm(number="2", amount="10", received_on=date.today() + timedelta(days=1)),
        ),
    ],
)
def test_bad_instalment_is_refused_naming_the_field(
    db: Database, field: str, form: InstalmentForm
) -> None:
    service = InstalmentService(db)
    grant_id = make_grant(db)
    service.create(grant_id, InstalmentForm(number=1, amount="90000"))
    with pytest.raises(ValidationError) as refused:
        service.create(grant_id, form)
    assert field in refused.value.errors
    assert len(service.instalments(grant_id)) == 1
    assert audit_count(db, "instalments") == 1
