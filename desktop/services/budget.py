"""A grant's budget lines, each under one of the donor's headings.

A line's amount is its quantity times its unit cost when both are given ("24 months at
3,200.00"), or the amount typed for a lump sum. The lines together may never promise more
than the contract holds: a line that would lift the budget above the grant amount is
refused, with the figures, before anything is written. A grants manager moving money
between lines lowers one line first and then raises the other, the order in which the
donor's own budget-modification form is filled; an over-committed budget never reaches a
financial report.

A line sits under a heading of its grant's donor's budget template
(``desktop.services.donor_profiles``: the profile's, else "simple") that carries lines; the
subtotals and totals of a template are computed by the reports and take none.
"""

import re
from dataclasses import dataclass
from decimal import Decimal
from uuid import UUID

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.domain.grant import BudgetLine, Expenditure, Grant
from desktop.domain.reference import BudgetHeading
from desktop.i18n import _, current_language
from desktop.i18n.formatting import format_money
from desktop.services.currency import cents, money, read_quantity
from desktop.services.donor_profiles import donor_template
from desktop.services.errors import RefusedError, ValidationError
from desktop.services.grant_parts import GrantPartService
from desktop.services.permissions import Permission, requires
from desktop.services.reference import HeadingChoice, ReferenceService
from desktop.services.validation import MAX_MONEY, Checker, find


@dataclass
class BudgetLineForm:
    """What a user fills in for a line; the amount is read only without quantity and
    unit cost."""

    heading_id: int | None = None
    code: str = ""
    description: str = ""
    unit: str = ""
    quantity: Decimal | str | None = None
    unit_cost: Decimal | str | None = None
    amount: Decimal | str | None = None


@dataclass(frozen=True)
class BudgetLineDetails:
    id: int
    uuid: UUID
    version: int
    grant_id: int
    form: BudgetLineForm


@dataclass(frozen=True)
class BudgetLineRow:
    id: int
    version: int
    heading_id: int
    heading: str
    code: str
    description: str
    unit: str
    quantity: Decimal | None
    unit_cost: Decimal | None
    amount: Decimal
    spent: Decimal
    currency: str

    @property
    def label(self) -> str:
        """How the line is named in a choice: "1.2 Project officers …"."""
        return f"{self.code} {self.description}"


def line_amount(quantity: Decimal | None, unit_cost: Decimal | None) -> Decimal | None:
    """Quantity × unit cost to the cent, or ``None`` unless both are given."""
    if quantity is None or unit_cost is None:
        return None
    return cents(quantity * unit_cost)


def code_order(code: str) -> tuple[tuple[int, int | str], ...]:
    """ "1.2" before "1.10": numbers in a code compare as numbers."""
    return tuple(
        (0, int(part)) if part.isdigit() else (1, part.casefold())
        for part in re.findall(r"\d+|[^\d.\s]+", code)
    )


def _missing_line() -> str:
    return _("The budget line was not found; it may have been deleted.")


class BudgetService(GrantPartService):
    @requires(Permission.READ_RECORDS)
    def lines(self, grant_id: int, language: str) -> list[BudgetLineRow]:
        """Every line of the grant, by heading and then by code, with what was spent on it."""
        spent = (
            select(Expenditure.budget_line_id, func.sum(Expenditure.amount).label("spent"))
            .where(Expenditure.grant_id == grant_id)
            .group_by(Expenditure.budget_line_id)
            .subquery()
        )
        statement = (
            select(BudgetLine, BudgetHeading, Grant.currency, spent.c.spent)
            .join(BudgetHeading, BudgetLine.heading_id == BudgetHeading.id)
            .join(Grant, BudgetLine.grant_id == Grant.id)
            .outerjoin(spent, spent.c.budget_line_id == BudgetLine.id)
            .where(BudgetLine.grant_id == grant_id)
        )
        with self.unit_of_work(read_only=True) as session:
            self._grant(session, grant_id)
            rows = [
                BudgetLineRow(
                    id=line.id,
                    version=line.version,
                    heading_id=heading.id,
                    heading=heading.name(language),
                    code=line.code,
                    description=line.description,
                    unit=line.unit or "",
                    quantity=line.quantity,
                    unit_cost=line.unit_cost,
                    amount=line.amount,
                    spent=money(amount_spent),
                    currency=currency,
                )
                for line, heading, currency, amount_spent in session.execute(statement)
            ]
            # the heading's place in the donor's list decides the order
            order = {
                heading_id: position
                for position, heading_id in enumerate(
                    session.scalars(
                        select(BudgetHeading.id).order_by(
                            BudgetHeading.sort_order, BudgetHeading.id
                        )
                    )
                )
            }
        return sorted(rows, key=lambda row: (order[row.heading_id], code_order(row.code)))

    @requires(Permission.READ_RECORDS)
    def heading_choices(self, grant_id: int, language: str) -> list[HeadingChoice]:
        """The headings the grant's lines may go under: those of its donor's template
        that carry lines, in the order of the donor's form."""
        with self.unit_of_work(read_only=True) as session:
            grant = self._grant(session, grant_id)
            code = donor_template(session, grant.donor_id).code
        return ReferenceService(self.db, self.actor).budget_headings(language, code)

    @requires(Permission.READ_RECORDS)
    def get(self, line_id: int) -> BudgetLineDetails:
        with self.unit_of_work(read_only=True) as session:
            line = self._part(session, BudgetLine, line_id, _missing_line())
            form = BudgetLineForm(
                heading_id=line.heading_id,
                code=line.code,
                description=line.description,
                unit=line.unit or "",
                quantity=line.quantity,
                unit_cost=line.unit_cost,
                amount=line.amount,
            )
            return BudgetLineDetails(line.id, line.uuid, line.version, line.grant_id, form)

    @requires(Permission.EDIT_RECORDS)
    def create(self, grant_id: int, form: BudgetLineForm) -> int:
        with self.unit_of_work() as session:
            grant = self._grant(session, grant_id)
            line = BudgetLine(grant_id=grant.id)
            self._apply(session, grant, line, form)
            return self._created(session, line)

    @requires(Permission.EDIT_RECORDS)
    def update(self, line_id: int, form: BudgetLineForm, expected_version: int) -> None:
        with self.unit_of_work() as session:
            line = self._part(session, BudgetLine, line_id, _missing_line(), expected_version)
            before = self._state(line)
            self._apply(session, line.grant, line, form)
            self._updated(session, line, before)

    @requires(Permission.EDIT_RECORDS)
    def delete(self, line_id: int, expected_version: int) -> None:
        """Remove a line typed by mistake; a line with expenditures stays."""
        with self.unit_of_work() as session:
            line = self._part(session, BudgetLine, line_id, _missing_line(), expected_version)
            used = session.scalar(
                select(func.count(Expenditure.id)).where(Expenditure.budget_line_id == line.id)
            )
            if used:
                raise RefusedError(
                    _(
                        "Budget line {code} has expenditures; move them to another line "
                        "before deleting it."
                    ).format(code=line.code)
                )
            self._deleted(session, line)

    def _apply(
        self, session: Session, grant: Grant, line: BudgetLine, form: BudgetLineForm
    ) -> None:
        """Check the whole form, then copy it onto ``line``; raises before any change."""
        check = Checker()
        code = check.text("code", form.code, required=True, max_length=64)
        description = check.text("description", form.description, required=True)
        unit = check.text("unit", form.unit, max_length=64)
        quantity = read_quantity(check, "quantity", form.quantity)
        unit_cost = check.amount("unit_cost", form.unit_cost)
        _check_heading(session, grant, form.heading_id, check)
        amount = self._amount(check, form, quantity, unit_cost)
        if code and session.scalar(
            select(BudgetLine.id).where(
                BudgetLine.grant_id == grant.id,
                BudgetLine.code == code,
                BudgetLine.id != line.id,
            )
        ):
            check.fail(
                "code",
                _("Another line of this grant already has the code {code}.").format(code=code),
            )
        if amount is not None:
            self._check_total(session, grant, line, amount, check)
        if check.errors:
            raise ValidationError(check.errors)
        line.heading_id = form.heading_id  # type: ignore[assignment]
        line.code = code or ""
        line.description = description or ""
        line.unit = unit
        line.quantity = quantity
        line.unit_cost = unit_cost
        line.amount = amount  # type: ignore[assignment]

    @staticmethod
    def _amount(
        check: Checker,
        form: BudgetLineForm,
        quantity: Decimal | None,
        unit_cost: Decimal | None,
    ) -> Decimal | None:
        if "quantity" in check.errors or "unit_cost" in check.errors:
            return None
        computed = line_amount(quantity, unit_cost)
        if computed is None:
            return check.amount("amount", form.amount, required=True)
        if computed > MAX_MONEY:
            check.fail("amount", _("The amount is too large."))
            return None
        return computed

    @staticmethod
    def _check_total(
        session: Session, grant: Grant, line: BudgetLine, amount: Decimal, check: Checker
    ) -> None:
        others = session.scalar(
            select(func.coalesce(func.sum(BudgetLine.amount), 0)).where(
                BudgetLine.grant_id == grant.id, BudgetLine.id != line.id
            )
        )
        total = money(others) + amount
        if total > grant.amount:
            language = current_language()
            check.fail(
                "amount",
                _(
                    "With this line the budget would total {total}, more than the grant "
                    "amount of {amount}. Lower another line first, or raise the grant amount."
                ).format(
                    total=format_money(total, grant.currency, language),
                    amount=format_money(grant.amount, grant.currency, language),
                ),
            )


def _check_heading(session: Session, grant: Grant, heading_id: int | None, check: Checker) -> None:
    heading = find(session, BudgetHeading, heading_id) if heading_id is not None else None
    if heading is None:
        check.fail("heading_id", _("Choose the budget heading."))
        return
    language = current_language()
    template = donor_template(session, grant.donor_id)
    if heading.template_id != template.id:
        # L10N: {template} is a donor's budget template, such as "Simple budget"
        check.fail(
            "heading_id",
            _(
                "The heading “{heading}” is not in the donor's budget template ({template}); "
                "choose one of its headings."
            ).format(heading=heading.name(language), template=template.name(language)),
        )
    elif not heading.carries_lines:
        check.fail(
            "heading_id",
            _(
                "“{heading}” is a total the reports compute; choose a heading budget lines "
                "go under."
            ).format(heading=heading.name(language)),
        )
