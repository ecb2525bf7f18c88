"""Grants: list, read, create, update, archive; and their reporting periods.

A grant's contract figures bound what is recorded under it, so a change to the grant
itself is refused when it would cut off what is already there: an amount below the budget
lines' total, dates that leave out an expenditure or a reporting period, or another
contract currency once expenditures were converted into this one.
"""

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any
from uuid import UUID

from sqlalchemy import ColumnElement, Row, Select, false, func, or_, select, true
from sqlalchemy.orm import Session, aliased

from desktop.domain.grant import DEFAULT_CURRENCY, BudgetLine, Expenditure, Grant, Instalment
from desktop.domain.organisation import Organisation, OrganisationKind
from desktop.domain.period import PeriodKind, ReportingPeriod
from desktop.domain.person import Person
from desktop.domain.project import Project
from desktop.domain.search import search_key_of
from desktop.i18n import _, current_language
from desktop.i18n.collation import sort_key
from desktop.i18n.formatting import format_date, format_money
from desktop.services.base import RecordService
from desktop.services.currency import money, read_currency
from desktop.services.donor_profiles import donor_template, templates_in_use
from desktop.services.errors import NotFoundError, ValidationError
from desktop.services.grant_parts import grant_missing
from desktop.services.listing import ListQuery
from desktop.services.permissions import Permission, requires
from desktop.services.scope import scope_condition, sees_project
from desktop.services.validation import Checker, find, is_record_id

_QUARTER = re.compile(r"^(\d{4})-?Q([1-4])$", re.IGNORECASE)


@dataclass(frozen=True)
class GrantRow:
    id: int
    contract_number: str
    project: str
    donor: str
    currency: str
    amount: Decimal
    start_date: date
    end_date: date
    archived: bool
    title: str = ""


@dataclass
class GrantForm:
    contract_number: str = ""
    title: str = ""
    project_id: int | None = None
    donor_id: int | None = None
    currency: str = DEFAULT_CURRENCY
    amount: Decimal | str | None = None
    signed_on: date | str | None = None
    start_date: date | str | None = None
    end_date: date | str | None = None
    notes: str = ""
    # Whose name and title the EU narrative report gives as the contact person (1.2).
    contact_person_id: int | None = None


@dataclass(frozen=True)
class GrantDetails:
    id: int
    uuid: UUID
    version: int
    archived: bool
    form: GrantForm


@dataclass(frozen=True)
class PeriodRow:
    id: int
    label: str
    kind: PeriodKind
    start_date: date
    end_date: date
    due_on: date | None


_SORTS = {
    "amount": Grant.amount,
    "start_date": Grant.start_date,
    "end_date": Grant.end_date,
    "currency": Grant.currency,
}


class GrantService(RecordService[GrantRow]):
    model = Grant
    scope_by = "project_id"

    def not_found(self) -> str:
        return grant_missing()

    def _listing(self, query: ListQuery) -> Select:
        donor = aliased(Organisation)
        return (
            select(Grant, Project, donor)
            .join(Project, Grant.project_id == Project.id)
            .join(donor, Grant.donor_id == donor.id)
        )

    def _order(self, query: ListQuery) -> ColumnElement:
        return _SORTS.get(query.sort, Grant.contract_number)

    def _row(self, result: Row[Any], language: str) -> GrantRow:
        grant, project, donor = result
        return GrantRow(
            id=grant.id,
            contract_number=grant.contract_number,
            project=project.name(language),
            donor=donor.name(language),
            currency=grant.currency,
            amount=grant.amount,
            start_date=grant.start_date,
            end_date=grant.end_date,
            archived=grant.is_archived,
            title=grant.title or "",
        )

    @requires(Permission.READ_RECORDS)
    def project_choices(self, language: str, keep: int | None = None) -> list[tuple[int, str]]:
        """(id, "code — title") of the projects a grant can fund: those not archived, and
        ``keep`` (the project a grant already funds) even if it was archived since."""
        statement = (
            select(Project)
            .where(or_(Project.archived_at.is_(None), Project.id == keep))
            .where(scope_condition(self.actor, Project.id))
            .order_by(Project.code)
        )
        with self.unit_of_work(read_only=True) as session:
            return [
                (project.id, f"{project.code} — {project.name(language)}")
                for project in session.scalars(statement)
            ]

    @requires(Permission.READ_RECORDS)
    def donor_choices(self, language: str, keep: int | None = None) -> list[tuple[int, str]]:
        """(id, name) of the organisations recorded as donors (and ``keep``, the grant's
        donor, whatever its kind or state), donors first in the order of their names."""
        statement = select(Organisation).where(
            or_(
                (Organisation.kind == OrganisationKind.DONOR) & Organisation.archived_at.is_(None),
                Organisation.id == keep,
            )
        )
        with self.unit_of_work(read_only=True) as session:
            donors = [(org.id, org.name(language)) for org in session.scalars(statement)]
        return sorted(donors, key=lambda donor: sort_key(donor[1], language))

    @requires(Permission.READ_RECORDS)
    def contact_person_choices(
        self, language: str, keep: int | None = None
    ) -> list[tuple[int, str]]:
        """(id, "name, title") of the people who can be a grant's contact person: those not
        archived, and ``keep`` (the grant's contact person) even if archived since; in the
        order of their names in ``language``'s alphabet (then of their ids).

        Only the four columns the choice shows are read: at a large office there are tens of
        thousands of people, and loading each as a whole record took most of a second."""
        statement = (
            select(Person.id, Person.first_name, Person.last_name, Person.title)
            .where(or_(Person.archived_at.is_(None), Person.id == keep))
            .order_by(Person.id)
        )
        with self.unit_of_work(read_only=True) as session:
            people = [
                (id_, ", ".join(part for part in (f"{first} {last}".strip(), title) if part))
                for id_, first, last, title in session.execute(statement)
            ]
        return sorted(people, key=lambda person: sort_key(person[1], language))

    @requires(Permission.READ_RECORDS)
    def find(self, contract_number: str) -> int:
        """The grant's id for its contract number, as the CLI names grants."""
        with self.unit_of_work(read_only=True) as session:
            found = session.scalar(
                select(Grant.id).where(
                    Grant.contract_number == contract_number.strip(), self._in_scope()
                )
            )
        if found is None:
            raise NotFoundError(
                _("No grant has the contract number {number}.").format(number=contract_number)
            )
        return found

    @requires(Permission.READ_RECORDS)
    def get(self, grant_id: int) -> GrantDetails:
        with self.unit_of_work(read_only=True) as session:
            grant = self._load_in_scope(session, grant_id)
            form = GrantForm(
                contract_number=grant.contract_number,
                title=grant.title or "",
                project_id=grant.project_id,
                donor_id=grant.donor_id,
                currency=grant.currency,
                amount=grant.amount,
                signed_on=grant.signed_on,
                start_date=grant.start_date,
                end_date=grant.end_date,
                notes=grant.notes or "",
                contact_person_id=grant.contact_person_id,
            )
            return GrantDetails(grant.id, grant.uuid, grant.version, grant.is_archived, form)

    @requires(Permission.EDIT_RECORDS)
    def create(self, form: GrantForm) -> int:
        with self.unit_of_work() as session:
            grant = Grant()
            self._apply(session, grant, form)
            return self._audited_create(session, grant)

    @requires(Permission.EDIT_RECORDS)
    def update(self, grant_id: int, form: GrantForm, expected_version: int) -> None:
        with self.unit_of_work() as session:
            grant = self._load_in_scope(session, grant_id, expected_version)
            before = self._state(grant)
            self._apply(session, grant, form)
            self._audited_update(session, grant, before)

    @requires(Permission.READ_RECORDS)
    def periods(self, grant_id: int) -> list[PeriodRow]:
        with self.unit_of_work(read_only=True) as session:
            periods = session.scalars(
                select(ReportingPeriod)
                .join(Grant, ReportingPeriod.grant_id == Grant.id)
                .where(ReportingPeriod.grant_id == grant_id, self._in_scope())
                .where(true() if is_record_id(grant_id) else false())
                .order_by(ReportingPeriod.start_date)
            )
            return [
                PeriodRow(p.id, p.label, p.kind, p.start_date, p.end_date, p.due_on)
                for p in periods
            ]

    @requires(Permission.READ_RECORDS)
    def find_period(self, grant_id: int, key: str) -> int:
        """A period named as ``2026-Q1`` or by its dates ``2026-01-01..2026-03-31``."""
        text = key.strip()
        condition = ReportingPeriod.label == text
        quarter = _QUARTER.match(text)
        if quarter:
            year, number = int(quarter.group(1)), int(quarter.group(2))
            start = date(year, 3 * number - 2, 1)
            condition = or_(
                condition,
                ReportingPeriod.label == f"{year}-Q{number}",
                ReportingPeriod.start_date == start,
            )
        elif ".." in text:
            first, _sep, last = text.partition("..")
            try:
                start, end = date.fromisoformat(first.strip()), date.fromisoformat(last.strip())
            except ValueError:
                start = end = None
            if start and end:
                condition = or_(
                    condition,
                    (ReportingPeriod.start_date == start) & (ReportingPeriod.end_date == end),
                )
        with self.unit_of_work(read_only=True) as session:
            found = session.scalar(
                select(ReportingPeriod.id)
                .join(Grant, ReportingPeriod.grant_id == Grant.id)
                .where(ReportingPeriod.grant_id == grant_id, condition, self._in_scope())
            )
        if found is None:
            raise NotFoundError(_("The grant has no reporting period {period}.").format(period=key))
        return found

    def _apply(self, session: Session, grant: Grant, form: GrantForm) -> None:
        check = Checker()
        number = check.text("contract_number", form.contract_number, required=True, max_length=64)
        title = check.text("title", form.title)
        currency = read_currency(check, "currency", form.currency)
        amount = check.amount("amount", form.amount, required=True)
        signed_on = check.date("signed_on", form.signed_on)
        start = check.date("start_date", form.start_date, required=True)
        end = check.date("end_date", form.end_date, required=True)
        check.date_order("end_date", start, end)
        notes = check.text("notes", form.notes, max_length=20_000)
        if (
            form.project_id is None
            or not find(session, Project, form.project_id)
            or not sees_project(session, self.actor, form.project_id)
        ):
            check.fail("project_id", _("Choose the project this grant funds."))
        if form.donor_id is None or not find(session, Organisation, form.donor_id):
            check.fail("donor_id", _("Choose the donor."))
        if form.contact_person_id is not None and not _can_be_contact(session, grant, form):
            check.fail(
                "contact_person_id",
                _("The contact person was archived or removed; choose another person."),
            )
        if number and session.scalar(
            select(Grant.id).where(Grant.contract_number == number, Grant.id != grant.id)
        ):
            check.fail(
                "contract_number",
                _("Another grant already has the contract number {number}.").format(number=number),
            )
        if grant.id is not None:
            _check_what_the_grant_holds(session, grant, check, currency, amount, start, end)
            _check_donor_template(session, grant, form.donor_id, check)
        if check.errors:
            raise ValidationError(check.errors)
        grant.contract_number = number or ""
        grant.title = title
        grant.currency = currency or ""
        grant.amount = amount  # type: ignore[assignment]
        grant.signed_on = signed_on
        grant.start_date = start  # type: ignore[assignment]
        grant.end_date = end  # type: ignore[assignment]
        grant.notes = notes
        grant.project_id = form.project_id  # type: ignore[assignment]
        grant.donor_id = form.donor_id  # type: ignore[assignment]
        grant.contact_person_id = form.contact_person_id
        grant.search_key = search_key_of(grant.contract_number, grant.title)


def _can_be_contact(session: Session, grant: Grant, form: GrantForm) -> bool:
    """A person on record, not archived unless already the grant's contact person."""
    person = find(session, Person, form.contact_person_id)
    if person is None:
        return False
    return not person.is_archived or person.id == grant.contact_person_id


def _check_donor_template(
    session: Session, grant: Grant, donor_id: int | None, check: Checker
) -> None:
    """Refuse another donor whose budget template the grant's lines do not sit under."""
    if donor_id is None or donor_id == grant.donor_id or "donor_id" in check.errors:
        return
    template = donor_template(session, donor_id)
    if templates_in_use(session, grant.donor_id, grant.id) - {template.id}:
        check.fail(
            "donor_id",
            _(
                "This donor uses the budget template {template}, and the grant's budget "
                "lines sit under other headings; move them first."
            ).format(template=template.name(current_language())),
        )


def _check_what_the_grant_holds(
    session: Session,
    grant: Grant,
    check: Checker,
    currency: str | None,
    amount: Decimal | None,
    start: date | None,
    end: date | None,
) -> None:
    """Refuse a change that would leave budget lines, expenditures or periods outside the
    grant's amount, dates or currency."""
    language = current_language()
    budgeted = money(
        session.scalar(select(func.sum(BudgetLine.amount)).where(BudgetLine.grant_id == grant.id))
    )
    if amount is not None and amount < budgeted:
        check.fail(
            "amount",
            _(
                "The budget lines already total {total}; lower them before lowering the "
                "grant amount."
            ).format(total=format_money(budgeted, grant.currency, language)),
        )
    instalments = money(
        session.scalar(select(func.sum(Instalment.amount)).where(Instalment.grant_id == grant.id))
    )
    if amount is not None and amount < instalments:
        check.fail(
            "amount",
            _("The instalments already total {total}; the grant amount cannot be less.").format(
                total=format_money(instalments, grant.currency, language)
            ),
        )
    first_spent, last_spent, spent = session.execute(
        select(
            func.min(Expenditure.spent_on),
            func.max(Expenditure.spent_on),
            func.count(Expenditure.id),
        ).where(Expenditure.grant_id == grant.id)
    ).one()
    if currency and spent and currency != grant.currency:
        check.fail(
            "currency",
            _(
                "Expenditures were already converted into {currency}; the contract currency "
                "can no longer change."
            ).format(currency=grant.currency),
        )
    first_period, last_period = session.execute(
        select(func.min(ReportingPeriod.start_date), func.max(ReportingPeriod.end_date)).where(
            ReportingPeriod.grant_id == grant.id
        )
    ).one()
    firsts = [day for day in (first_spent, first_period) if day is not None]
    lasts = [day for day in (last_spent, last_period) if day is not None]
    if start and firsts and start > min(firsts):
        check.fail(
            "start_date",
            _(
                "An expenditure or a reporting period of this grant begins on {date}; the "
                "grant cannot start after it."
            ).format(date=format_date(min(firsts), language)),
        )
    if end and lasts and end < max(lasts):
        check.fail(
            "end_date",
            _(
                "An expenditure or a reporting period of this grant ends on {date}; the grant "
                "cannot end before it."
            ).format(date=format_date(max(lasts), language)),
        )
