"""A grant's expenditures: each invoice in its own currency, the rate used and what it
comes to in the contract currency.

The service, not the form, converts: the converted amount is the original amount times
the rate, rounded half-up to the cent, so an auditor who repeats the multiplication gets
the stored figure. An expenditure must fall within the grant's dates and on one of the
grant's own budget lines; overspending a line is recorded (it happened) and shows in the
grant's summary.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any
from uuid import UUID

from sqlalchemy import ColumnElement, Row, Select, and_, func, select
from sqlalchemy.orm import Session

from desktop.domain.attachment import Attachment
from desktop.domain.audit import AuditAction
from desktop.domain.grant import DEFAULT_CURRENCY, BudgetLine, Expenditure, Grant
from desktop.domain.multilingual import NAME_LANGUAGES, name_column, resolve_name
from desktop.domain.period import ReportingPeriod
from desktop.domain.reference import BudgetHeading
from desktop.domain.search import expenditure_search_key
from desktop.i18n import _, current_language
from desktop.i18n.formatting import format_date
from desktop.services import audit
from desktop.services.currency import convert, money, read_currency, read_rate
from desktop.services.errors import ValidationError
from desktop.services.grant_parts import GrantPartService
from desktop.services.listing import PAGE_SIZE, ListQuery, in_language, search_condition
from desktop.services.permissions import Permission, requires
from desktop.services.scope import scope_condition
from desktop.services.validation import MAX_MONEY, Checker, find


@dataclass
class ExpenditureForm:
    """What a user types for an invoice; amount and rate as typed, read by the service."""

    spent_on: date | str | None = None
    budget_line_id: int | None = None
    description: str = ""
    supplier: str = ""
    invoice_reference: str = ""
    original_currency: str = DEFAULT_CURRENCY
    original_amount: Decimal | str | None = None
    rate: Decimal | str | None = None


@dataclass(frozen=True)
class ExpenditureDetails:
    id: int
    uuid: UUID
    version: int
    grant_id: int
    currency: str  # the grant's contract currency
    amount: Decimal  # converted into it
    form: ExpenditureForm


@dataclass(frozen=True)
class ExpenditureRow:
    id: int
    uuid: UUID
    version: int
    spent_on: date
    line_code: str
    heading: str
    description: str
    supplier: str
    invoice_reference: str
    original_currency: str
    original_amount: Decimal
    rate: Decimal
    amount: Decimal
    currency: str


_SORTS: dict[str, Any] = {
    "spent_on": Expenditure.spent_on,
    "line": BudgetLine.code,
    "invoice_reference": Expenditure.invoice_reference,
    "original_amount": Expenditure.original_amount,
    "amount": Expenditure.amount,
}


# Sorted in the list's alphabetical order.
_TEXTS: dict[str, Any] = {
    "description": Expenditure.description,
    "supplier": Expenditure.supplier,
}

# What a row shows, read as columns: building 200 rows from whole expenditure, line and
# heading records took 45–65 ms at 100,000 activities where the same page's SQL takes
# 3–15 ms.  The heading follows as its id and its four names, resolved once per heading.
_ROW_COLUMNS = (
    Expenditure.id,
    Expenditure.uuid,
    Expenditure.version,
    Expenditure.spent_on,
    BudgetLine.code,
    Expenditure.description,
    Expenditure.supplier,
    Expenditure.invoice_reference,
    Expenditure.original_currency,
    Expenditure.original_amount,
    Expenditure.rate,
    Expenditure.amount,
    Grant.currency,
)
_HEADING_COLUMNS = (
    BudgetHeading.id,
    *(getattr(BudgetHeading, name_column(language)) for language in NAME_LANGUAGES),
)
_HEADING_ID = len(_ROW_COLUMNS)


def _missing() -> str:
    return _("The expenditure was not found; it may have been deleted.")


class ExpenditureService(GrantPartService):
    @requires(Permission.READ_RECORDS)
    def count(self, grant_id: int, query: ListQuery) -> int:
        statement = self._filtered(grant_id, query).with_only_columns(func.count(Expenditure.id))
        with self.unit_of_work(read_only=True) as session:
            return session.scalar(statement) or 0

    @requires(Permission.READ_RECORDS)
    def total(self, grant_id: int, query: ListQuery) -> Decimal:
        """What the listed expenditures come to in the contract currency."""
        statement = self._filtered(grant_id, query).with_only_columns(
            func.coalesce(func.sum(Expenditure.amount), 0)
        )
        with self.unit_of_work(read_only=True) as session:
            return money(session.scalar(statement))

    @requires(Permission.READ_RECORDS)
    def page(
        self,
        grant_id: int,
        query: ListQuery,
        offset: int = 0,
        limit: int = PAGE_SIZE,
    ) -> list[ExpenditureRow]:
        if query.sort in _TEXTS:
            order = in_language(_TEXTS[query.sort], query.language)
        else:
            order = _SORTS.get(query.sort, Expenditure.spent_on)
        order = order.desc() if query.descending else order.asc()
        statement = (
            self._filtered(grant_id, query)
            .with_only_columns(*_ROW_COLUMNS, *_HEADING_COLUMNS)
            .order_by(order, Expenditure.id)
            .offset(offset)
            .limit(limit)
        )
        with self.unit_of_work(read_only=True) as session:
            found = session.execute(statement).all()
        headings = _heading_names(found, query.language)
        return [_row(row, headings[row[_HEADING_ID]]) for row in found]

    @requires(Permission.READ_RECORDS)
    def listing(self, grant_id: int) -> "ExpenditureListing":
        """The grant's expenditures as a list a table pages through."""
        return ExpenditureListing(self, grant_id)

    def _filtered(self, grant_id: int, query: ListQuery) -> Select:
        """The grant's expenditures narrowed by the search and the query's filters
        ``period``, ``budget_line`` and ``heading`` (ids)."""
        statement = (
            select(Expenditure, BudgetLine, BudgetHeading, Grant.currency)
            .join(BudgetLine, Expenditure.budget_line_id == BudgetLine.id)
            .join(BudgetHeading, BudgetLine.heading_id == BudgetHeading.id)
            .join(Grant, Expenditure.grant_id == Grant.id)
            .where(Expenditure.grant_id == grant_id, _matching(query.search))
            .where(scope_condition(self.actor, Grant.project_id))
        )
        line_id = query.filter_value("budget_line")
        if line_id is not None:
            statement = statement.where(Expenditure.budget_line_id == line_id)
        heading_id = query.filter_value("heading")
        if heading_id is not None:
            statement = statement.where(BudgetLine.heading_id == heading_id)
        period_id = query.filter_value("period")
        if period_id is not None:
            period = (
                select(ReportingPeriod.start_date, ReportingPeriod.end_date)
                .where(ReportingPeriod.id == period_id)
                .subquery()
            )
            statement = statement.join(
                period,
                and_(
                    Expenditure.spent_on >= period.c.start_date,
                    Expenditure.spent_on <= period.c.end_date,
                ),
            )
        return statement

    @requires(Permission.READ_RECORDS)
    def get(self, expenditure_id: int) -> ExpenditureDetails:
        with self.unit_of_work(read_only=True) as session:
            expenditure = self._part(session, Expenditure, expenditure_id, _missing())
            form = ExpenditureForm(
                spent_on=expenditure.spent_on,
                budget_line_id=expenditure.budget_line_id,
                description=expenditure.description,
                supplier=expenditure.supplier or "",
                invoice_reference=expenditure.invoice_reference or "",
                original_currency=expenditure.original_currency,
                original_amount=expenditure.original_amount,
                rate=expenditure.rate,
            )
            return ExpenditureDetails(
                expenditure.id,
                expenditure.uuid,
                expenditure.version,
                expenditure.grant_id,
                expenditure.grant.currency,
                expenditure.amount,
                form,
            )

    @requires(Permission.EDIT_RECORDS)
    def create(self, grant_id: int, form: ExpenditureForm) -> int:
        with self.unit_of_work() as session:
            grant = self._grant(session, grant_id)
            expenditure = Expenditure(grant_id=grant.id)
            self._apply(session, grant, expenditure, form)
            return self._created(session, expenditure)

    @requires(Permission.EDIT_RECORDS)
    def update(self, expenditure_id: int, form: ExpenditureForm, expected_version: int) -> None:
        with self.unit_of_work() as session:
            expenditure = self._part(
                session, Expenditure, expenditure_id, _missing(), expected_version
            )
            before = self._state(expenditure)
            self._apply(session, expenditure.grant, expenditure, form)
            self._updated(session, expenditure, before)

    @requires(Permission.EDIT_RECORDS)
    def delete(self, expenditure_id: int, expected_version: int) -> None:
        """Remove an expenditure entered by mistake, with the invoices attached to it."""
        with self.unit_of_work() as session:
            expenditure = self._part(
                session, Expenditure, expenditure_id, _missing(), expected_version
            )
            for attachment in session.scalars(
                select(Attachment).where(
                    Attachment.entity == Expenditure.__tablename__,
                    Attachment.entity_uuid == expenditure.uuid,
                )
            ):
                audit.record(session, self.actor, AuditAction.DELETE, attachment, _file(attachment))
                session.delete(attachment)
            self._deleted(session, expenditure)

    def _apply(
        self, session: Session, grant: Grant, expenditure: Expenditure, form: ExpenditureForm
    ) -> None:
        """Check the whole form, convert, then copy it; raises before any change."""
        check = Checker()
        spent_on = check.date("spent_on", form.spent_on, required=True)
        description = check.text("description", form.description, required=True)
        supplier = check.text("supplier", form.supplier)
        invoice = check.text("invoice_reference", form.invoice_reference, max_length=64)
        currency = read_currency(check, "original_currency", form.original_currency)
        original = check.amount("original_amount", form.original_amount, required=True)
        rate: Decimal | None = Decimal(1)
        if currency is not None and currency != grant.currency:
            rate = read_rate(check, "rate", form.rate)
        if spent_on is not None and not grant.start_date <= spent_on <= grant.end_date:
            language = current_language()
            check.fail(
                "spent_on",
                _(
                    "The grant runs from {start} to {end}; an expenditure on {date} is outside it."
                ).format(
                    start=format_date(grant.start_date, language),
                    end=format_date(grant.end_date, language),
                    date=format_date(spent_on, language),
                ),
            )
        line = find(session, BudgetLine, form.budget_line_id) if form.budget_line_id else None
        if line is None or line.grant_id != grant.id:
            check.fail("budget_line_id", _("Choose a budget line of this grant."))
        amount = convert(original, rate) if original is not None and rate is not None else None
        if amount is not None and amount > MAX_MONEY:
            check.fail("original_amount", _("The converted amount is too large."))
        if check.errors:
            raise ValidationError(check.errors)
        expenditure.spent_on = spent_on  # type: ignore[assignment]
        expenditure.budget_line_id = form.budget_line_id  # type: ignore[assignment]
        expenditure.description = description or ""
        expenditure.supplier = supplier
        expenditure.invoice_reference = invoice
        expenditure.original_currency = currency or ""
        expenditure.original_amount = original  # type: ignore[assignment]
        expenditure.rate = rate  # type: ignore[assignment]
        expenditure.amount = amount  # type: ignore[assignment]
        expenditure.search_key = expenditure_search_key(description, supplier, invoice)


class ExpenditureListing:
    """One grant's expenditures as a paged table reads them: ``count``/``page`` over a
    ``ListQuery`` carrying the search, the filters, the sort and the language."""

    def __init__(self, service: ExpenditureService, grant_id: int) -> None:
        self.service = service
        self.grant_id = grant_id

    def count(self, query: ListQuery) -> int:
        return self.service.count(self.grant_id, query)

    def page(
        self, query: ListQuery, offset: int = 0, limit: int = PAGE_SIZE
    ) -> list[ExpenditureRow]:
        return self.service.page(self.grant_id, query, offset, limit)

    def total(self, query: ListQuery) -> Decimal:
        return self.service.total(self.grant_id, query)


def _matching(text: str) -> ColumnElement[bool]:
    """Every word typed occurs in the supplier, the invoice reference or the description,
    whatever the accents, letter case or script ("carshia" finds "Çarshia")."""
    return search_condition(Expenditure.search_key, text)


def _heading_names(found: Sequence[Row[Any]], language: str) -> dict[int, str]:
    """Each heading of the page by its id, named in ``language``: a page of 200 rows has
    a handful of headings, and resolving a name may transliterate it."""
    headings: dict[int, str] = {}
    for row in found:
        heading_id = row[_HEADING_ID]
        if heading_id not in headings:
            names = dict(zip(NAME_LANGUAGES, row[_HEADING_ID + 1 :], strict=True))
            headings[heading_id] = resolve_name(names, language)
    return headings


def _row(columns: Row[Any], heading: str) -> ExpenditureRow:
    """A row of the list from the values of ``_ROW_COLUMNS``, in their order."""
    (
        expenditure_id,
        uuid,
        version,
        spent_on,
        line_code,
        description,
        supplier,
        invoice_reference,
        original_currency,
        original_amount,
        rate,
        amount,
        currency,
    ) = columns[:_HEADING_ID]
    return ExpenditureRow(
        id=expenditure_id,
        uuid=uuid,
        version=version,
        spent_on=spent_on,
        line_code=line_code,
        heading=heading,
        description=description,
        supplier=supplier or "",
        invoice_reference=invoice_reference or "",
        original_currency=original_currency,
        original_amount=original_amount,
        rate=rate,
        amount=amount,
        currency=currency,
    )


def _file(attachment: Attachment) -> audit.Snapshot:
    """What the audit log keeps of a removed invoice: everything but its bytes."""
    return {
        "entity": attachment.entity,
        "entity_uuid": str(attachment.entity_uuid),
        "filename": attachment.filename,
        "size": attachment.size,
        "sha256": attachment.sha256,
    }
