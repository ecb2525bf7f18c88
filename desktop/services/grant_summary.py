"""Where a grant stands: its budget by heading, what was spent and received, and how far
the money has gone against how far the time has.

A manager reads the burn rate as two shares side by side: 40 % spent with 60 % of the
time gone means activities are behind; the reverse means the money may run out first.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select

from desktop.domain.grant import BudgetLine, Expenditure, Instalment
from desktop.domain.reference import BudgetHeading
from desktop.services.currency import money
from desktop.services.grant_parts import GrantPartService
from desktop.services.permissions import Permission, requires

SHARE = Decimal("0.0001")  # shares to a hundredth of a per cent


def share(part: Decimal, whole: Decimal) -> Decimal | None:
    """``part`` as a share of ``whole`` (0.25 for a quarter); ``None`` for a zero whole."""
    if not whole:
        return None
    return (part / whole).quantize(SHARE)


def time_elapsed(start: date, end: date, as_of: date) -> Decimal:
    """The share of the days from ``start`` to ``end`` (both counted) gone by ``as_of``."""
    if as_of < start:
        return Decimal(0)
    if as_of >= end:
        return Decimal(1)
    return (Decimal((as_of - start).days + 1) / Decimal((end - start).days + 1)).quantize(SHARE)


@dataclass(frozen=True)
class HeadingSummary:
    heading_id: int
    name: str
    budget: Decimal
    spent: Decimal

    @property
    def spent_share(self) -> Decimal | None:
        return share(self.spent, self.budget)


@dataclass(frozen=True)
class GrantSummary:
    grant_id: int
    contract_number: str
    title: str
    project: str
    donor: str
    currency: str
    amount: Decimal
    start_date: date
    end_date: date
    archived: bool
    as_of: date
    budgeted: Decimal  # the budget lines' total
    spent: Decimal  # converted expenditures up to ``as_of``
    received: Decimal  # instalments received up to ``as_of``
    instalments_total: Decimal  # every instalment, received or still due
    headings: tuple[HeadingSummary, ...]

    @property
    def unallocated(self) -> Decimal:
        """What the budget lines have not yet placed of the grant amount."""
        return self.amount - self.budgeted

    @property
    def remaining(self) -> Decimal:
        return self.amount - self.spent

    @property
    def spent_share(self) -> Decimal | None:
        return share(self.spent, self.amount)

    @property
    def time_share(self) -> Decimal:
        return time_elapsed(self.start_date, self.end_date, self.as_of)


class GrantSummaryService(GrantPartService):
    @requires(Permission.READ_RECORDS)
    def summary(self, grant_id: int, language: str, as_of: date | None = None) -> GrantSummary:
        as_of = as_of or date.today()
        with self.unit_of_work(read_only=True) as session:
            grant = self._grant(session, grant_id)
            spent_by_line = (
                select(
                    Expenditure.budget_line_id.label("line_id"),
                    func.sum(Expenditure.amount).label("spent"),
                )
                .where(Expenditure.grant_id == grant.id, Expenditure.spent_on <= as_of)
                .group_by(Expenditure.budget_line_id)
                .subquery()
            )
            by_heading = session.execute(
                select(
                    BudgetHeading,
                    func.sum(BudgetLine.amount),
                    func.coalesce(func.sum(spent_by_line.c.spent), 0),
                )
                .join(BudgetLine, BudgetLine.heading_id == BudgetHeading.id)
                .outerjoin(spent_by_line, spent_by_line.c.line_id == BudgetLine.id)
                .where(BudgetLine.grant_id == grant.id)
                .group_by(BudgetHeading.id)
                .order_by(BudgetHeading.sort_order, BudgetHeading.id)
            ).all()
            headings = tuple(
                HeadingSummary(heading.id, heading.name(language), money(budget), money(spent))
                for heading, budget, spent in by_heading
            )
            received, planned = session.execute(
                select(
                    func.coalesce(
                        func.sum(Instalment.amount).filter(Instalment.received_on <= as_of), 0
                    ),
                    func.coalesce(func.sum(Instalment.amount), 0),
                ).where(Instalment.grant_id == grant.id)
            ).one()
            return GrantSummary(
                grant_id=grant.id,
                contract_number=grant.contract_number,
                title=grant.title or "",
                project=grant.project.name(language),
                donor=grant.donor.name(language),
                currency=grant.currency,
                amount=grant.amount,
                start_date=grant.start_date,
                end_date=grant.end_date,
                archived=grant.is_archived,
                as_of=as_of,
                budgeted=sum((h.budget for h in headings), Decimal(0)),
                spent=sum((h.spent for h in headings), Decimal(0)),
                received=money(received),
                instalments_total=money(planned),
                headings=headings,
            )
