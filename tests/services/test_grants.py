"""Grants through their service: what a change to the contract may not cut off, the
choices a grant form offers, and the grant's summary checked against the database."""

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from desktop.domain import AuditAction, AuditEntry, Expenditure, Grant, Instalment, OrganisationKind
from desktop.services.budget import BudgetLineForm, BudgetService
from desktop.services.donor_profiles import DonorProfileForm, DonorProfileService
from desktop.services.errors import ConflictError, ValidationError
from desktop.services.expenditures import ExpenditureForm, ExpenditureService
from desktop.services.grant_summary import GrantSummaryService, time_elapsed
from desktop.services.grants import GrantForm, GrantService
from desktop.services.instalments import InstalmentForm, InstalmentService
from desktop.services.listing import ListQuery
from desktop.services.organisations import OrganisationForm, OrganisationService
from desktop.services.periods import PeriodForm, PeriodService
from desktop.services.projects import ProjectForm, ProjectService
from desktop.services.reference import ReferenceService
from desktop.store.database import Database
from desktop.store.demo import load_demo


def make_grant(db: Database, contract_number: str = "2026/100-001", **changes: object) -> int:
    """A EUR 150,000 grant for 2026-2027 with its own project and donor, which reports on
    the EU's budget template (the headings ``heading`` finds)."""
    project = ProjectService(db).create(
        ProjectForm(
            code=f"P-{contract_number}",
            name_en="Safer Zvečan",
            start_date="2026-01-01",
            end_date="2027-12-31",
        )
    )
    donor = OrganisationService(db).create(
        OrganisationForm(name_en="Fictional Peace Foundation", kind=OrganisationKind.DONOR)
    )
    eu_template(db, donor)
    form = GrantForm(
        contract_number=contract_number,
        title="Community safety in the north",
        project_id=project,
        donor_id=donor,
        amount="150000.00",
        start_date="2026-01-01",
        end_date="2027-12-31",
    )
    for name, value in changes.items():
        setattr(form, name, value)
    return GrantService(db).create(form)


def eu_template(db: Database, donor: int) -> None:
    [eu] = [t.id for t in ReferenceService(db).budget_templates("en") if t.code == "eu_2016"]
    DonorProfileService(db).set(donor, DonorProfileForm(budget_template_id=eu), None)


def heading(db: Database, code: str = "eu_1_human_resources") -> int:
    [found] = [c.id for c in ReferenceService(db).budget_headings("en") if c.code == code]
    return found


def add_line(db: Database, grant_id: int, code: str = "1.1", amount: str = "1000.00") -> int:
    return BudgetService(db).create(
        grant_id,
        BudgetLineForm(heading_id=heading(db), code=code, description="Staff", amount=amount),
    )


def audit_count(db: Database, entity: str | None = None) -> int:
    statement = select(func.count(AuditEntry.id))
    if entity:
        statement = statement.where(AuditEntry.entity == entity)
    with db.transaction() as session:
        return session.scalar(statement) or 0


def test_create_and_update_are_audited_and_versioned(db: Database) -> None:
    service = GrantService(db)
    grant_id = make_grant(db)
    details = service.get(grant_id)
    assert audit_count(db, "grants") == 1

    details.form.title = "Community safety in Zvečan and Leposavić"
    service.update(grant_id, details.form, details.version)
    assert service.get(grant_id).form.title == "Community safety in Zvečan and Leposavić"
    assert audit_count(db, "grants") == 2

    details.form.title = "A stale edit"
    with pytest.raises(ConflictError):
        service.update(grant_id, details.form, details.version)
    assert service.get(grant_id).form.title == "Community safety in Zvečan and Leposavić"
    assert audit_count(db, "grants") == 2


def test_the_amount_cannot_fall_below_the_budget_or_the_instalments(db: Database) -> None:
    service = GrantService(db)
    grant_id = make_grant(db)
    add_line(db, grant_id, "1.1", "100000.00")
    details = service.get(grant_id)
    details.form.amount = "99999.99"
    with pytest.raises(ValidationError) as refused:
        service.update(grant_id, details.form, details.version)
    assert set(refused.value.errors) == {"amount"}
    assert "100,000.00" in refused.value.errors["amount"]
    assert service.get(grant_id).form.amount == Decimal("150000.00")

    InstalmentService(db).create(grant_id, InstalmentForm(number=1, amount="120000.00"))
    details.form.amount = "110000.00"
    with pytest.raises(ValidationError) as refused:
        service.update(grant_id, details.form, details.version)
    assert "120,000.00" in refused.value.errors["amount"]

    details.form.amount = "120000.00"
    service.update(grant_id, details.form, details.version)
    assert service.get(grant_id).form.amount == Decimal("120000.00")


def test_dates_and_currency_cannot_cut_off_what_was_recorded(db: Database) -> None:
    service = GrantService(db)
    grant_id = make_grant(db)
    line = add_line(db, grant_id)
    ExpenditureService(db).create(
        grant_id,
        ExpenditureForm(
            spent_on="2026-03-10", budget_line_id=line, description="Fuel", original_amount="50"
        ),
    )
    PeriodService(db).create(
        grant_id, PeriodForm(label="2027-Q4", start_date="2027-10-01", end_date="2027-12-31")
    )
    details = service.get(grant_id)
    details.form.start_date = "2026-04-01"
    details.form.end_date = "2027-09-30"
    details.form.currency = "USD"
    with pytest.raises(ValidationError) as refused:
        service.update(grant_id, details.form, details.version)
    assert set(refused.value.errors) == {"start_date", "end_date", "currency"}
    assert "Mar 10, 2026" in refused.value.errors["start_date"]
    assert "Dec 31, 2027" in refused.value.errors["end_date"]
    stored = service.get(grant_id).form
    assert (stored.start_date, stored.end_date, stored.currency) == (
        date(2026, 1, 1),
        date(2027, 12, 31),
        "EUR",
    )


def test_archive_and_restore(db: Database) -> None:
    service = GrantService(db)
    grant_id = make_grant(db)
    service.archive(grant_id)
    assert service.count(ListQuery()) == 0
    [row] = service.page(ListQuery(include_archived=True))
    assert row.archived and row.title == "Community safety in the north"
    service.restore(grant_id)
    assert [row.id for row in service.page(ListQuery())] == [grant_id]
    with db.transaction() as session:
        actions = session.scalars(
            select(AuditEntry.action).where(AuditEntry.entity == "grants").order_by(AuditEntry.id)
        ).all()
    assert actions == [AuditAction.CREATE, AuditAction.ARCHIVE, AuditAction.RESTORE]


def test_choices_keep_the_grants_own_project_and_donor(db: Database) -> None:
    grants = GrantService(db)
    grant_id = make_grant(db)
    form = grants.get(grant_id).form
    OrganisationService(db).create(
        OrganisationForm(name_en="A partner, not a donor", kind=OrganisationKind.PARTNER_CSO)
    )
    assert [name for _id, name in grants.donor_choices("en")] == ["Fictional Peace Foundation"]
    ProjectService(db).archive(form.project_id)
    OrganisationService(db).archive(form.donor_id)
    assert grants.project_choices("en") == []
    assert grants.donor_choices("en") == []
    assert grants.project_choices("en", keep=form.project_id) == [
        (form.project_id, "P-2026/100-001 — Safer Zvečan")
    ]
    assert [i for i, _name in grants.donor_choices("sr", keep=form.donor_id)] == [form.donor_id]


def test_time_elapsed_counts_both_ends() -> None:
    start, end = date(2026, 1, 1), date(2026, 1, 10)
    assert time_elapsed(start, end, date(2025, 12, 31)) == 0
    assert time_elapsed(start, end, date(2026, 1, 1)) == Decimal("0.1")
    assert time_elapsed(start, end, date(2026, 1, 5)) == Decimal("0.5")
    assert time_elapsed(start, end, date(2026, 2, 1)) == 1


def test_summary_of_the_demo_grant_matches_the_database(db: Database) -> None:
    load_demo(db)
    grant_id = GrantService(db).find("2025/461-198")
    as_of = date(2026, 3, 31)
    summary = GrantSummaryService(db).summary(grant_id, "sq", as_of)
    with db.transaction() as session:
        grant = session.get(Grant, grant_id)
        lines = {line.id: (line.heading.name_sq, line.amount) for line in grant.budget_lines}
        spending = session.execute(
            select(Expenditure.budget_line_id, Expenditure.amount).where(
                Expenditure.grant_id == grant_id, Expenditure.spent_on <= as_of
            )
        ).all()
        received = session.scalars(
            select(Instalment.amount).where(
                Instalment.grant_id == grant_id, Instalment.received_on <= as_of
            )
        ).all()
        amount, start, end = grant.amount, grant.start_date, grant.end_date
    spent = sum((value for _line, value in spending), Decimal(0))
    budget_by_heading: dict[str, Decimal] = {}
    spent_by_heading: dict[str, Decimal] = {}
    for name, budget in lines.values():
        budget_by_heading[name] = budget_by_heading.get(name, Decimal(0)) + budget
    for line_id, value in spending:
        name = lines[line_id][0]
        spent_by_heading[name] = spent_by_heading.get(name, Decimal(0)) + value

    assert summary.amount == amount == summary.budgeted
    assert summary.unallocated == 0
    assert summary.spent == spent > 0
    assert summary.received == sum(received, Decimal(0)) > 0
    assert {h.name: h.budget for h in summary.headings} == budget_by_heading
    assert {h.name: h.spent for h in summary.headings if h.spent} == spent_by_heading
    # The demo's EU grant budgets its staff under the EU form's sub-heading 1.1.
    assert summary.headings[0].name == "1.1 Pagat e stafit lokal (teknik dhe administrativ)"
    assert summary.spent_share == (spent / amount).quantize(Decimal("0.0001"))
    days = (as_of - start).days + 1
    assert summary.time_share == (Decimal(days) / ((end - start).days + 1)).quantize(
        Decimal("0.0001")
    )
