"""The figures of the EU financial report: a grant's budget against what was spent, under
its donor's budget template, with the exchange rates used and the instalments received.

Every figure is summed by the database: expenditure per budget line (in the period and to
its end), converted expenditure per currency, rate and month.  The report adds those up
per heading in ``Decimal``, so each total it prints equals the sum of the expenditures
recorded.  A donor without a profile reports under the "simple" template, unless all the
grant's lines sit under another template's headings; a line left under a heading of
another template still counts, under its own heading, before the totals.
"""

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlalchemy import and_, case, extract, func, select
from sqlalchemy.orm import Session

from desktop.domain.grant import BudgetLine, Expenditure, Grant, Instalment
from desktop.domain.organisation import DonorProfile, Organisation
from desktop.domain.period import ReportingPeriod
from desktop.domain.project import PartnerRole, Project
from desktop.domain.reference import BudgetHeading, BudgetTemplate
from desktop.i18n import translator_for
from desktop.reports.eu_financial_data import (
    EuFinancialReport,
    Figures,
    Heading,
    HeadingKind,
    InstalmentRow,
    LineRow,
    RateUsed,
)
from desktop.services.base import Service
from desktop.services.currency import money
from desktop.services.permissions import Permission, requires
from desktop.services.report_formats import check_report_language
from desktop.services.report_subject import grant_and_period
from desktop.store.database import Database

# The template of a donor without a profile (the donor profiles' service says the same).
DEFAULT_TEMPLATE = "simple"
_DIGITS = re.compile(r"(\d+)")


class EuFinancialReportService(Service):
    @requires(Permission.READ_RECORDS)
    def build(self, grant_id: int, period_id: int, language: str) -> EuFinancialReport:
        """The figures of one grant's financial report for one reporting period."""
        check_report_language(language)
        with self.unit_of_work(read_only=True) as session:
            grant, period = grant_and_period(session, grant_id, period_id, actor=self.actor)
            profile = session.scalars(
                select(DonorProfile).where(DonorProfile.organisation_id == grant.donor_id)
            ).first()
            template = (
                profile.budget_template
                if profile is not None
                else _template_of_lines(session, grant)
            )
            project = grant.project
            return EuFinancialReport(
                language=language,
                contract_number=grant.contract_number,
                title=(grant.title or "").strip() or project.name(language),
                donor=grant.donor.name(language),
                coordinator=_coordinator(project, language),
                period_label=period.label,
                period_start=period.start_date,
                period_end=period.end_date,
                grant_start=grant.start_date,
                grant_end=grant.end_date,
                currency=grant.currency,
                grant_amount=grant.amount,
                template_name=template.name(language),
                headings=_headings(session, grant, period, template, language),
                indirect_limit=template.indirect_limit,
                rates=_rates(session, grant, period),
                instalments=_instalments(session, grant, period),
                donor_logo=profile.logo if profile is not None else None,
                generated_on=date.today(),
                project_title=project.name(language),
            )


def eu_financial_data(
    db: Database, grant_id: int, period_id: int, language: str, internal: bool
) -> EuFinancialReport:
    """The report formats' builder: the financial report has no small counts to hide, so
    ``internal`` changes nothing."""
    return EuFinancialReportService(db).build(grant_id, period_id, language)


def _template_of_lines(session: Session, grant: Grant) -> BudgetTemplate:
    """For a donor without a profile: the template all the grant's lines are under, if they
    are under one (a grant budgeted under the EU headings before its donor got a profile),
    and otherwise the simple one."""
    used = list(
        session.scalars(
            select(BudgetTemplate)
            .join(BudgetHeading, BudgetHeading.template_id == BudgetTemplate.id)
            .join(BudgetLine, BudgetLine.heading_id == BudgetHeading.id)
            .where(BudgetLine.grant_id == grant.id)
            .distinct()
        )
    )
    if len(used) == 1:
        return used[0]
    return session.scalars(
        select(BudgetTemplate).where(BudgetTemplate.code == DEFAULT_TEMPLATE)
    ).one()


def _coordinator(project: Project, language: str) -> str:
    """The lead organisation, named on the project or as its lead partner."""
    lead: Organisation | None = project.lead_organisation
    if lead is None:
        lead = next((p.organisation for p in project.partners if p.role == PartnerRole.LEAD), None)
    return lead.name(language) if lead is not None else ""


def _code_order(code: str) -> tuple[object, ...]:
    """ "1.2" before "1.10": the numeric parts of a code compare as numbers."""
    return tuple(int(part) if part.isdigit() else part for part in _DIGITS.split(code))


def _heading_name(heading: BudgetHeading, language: str) -> str:
    """The heading's name without the number the donor's form prints in front of it."""
    name = heading.name(language)
    if heading.number:
        prefix = re.compile(rf"^\s*{re.escape(heading.number)}\.?\s+")
        name = prefix.sub("", name, count=1) or name
    return name


def _line_rows(session: Session, grant: Grant, period: ReportingPeriod) -> dict[int, list[LineRow]]:
    """The grant's budget lines by heading id, each with what was spent on it."""
    spent = (
        select(
            Expenditure.budget_line_id.label("line_id"),
            func.sum(
                case(
                    (
                        and_(
                            Expenditure.spent_on >= period.start_date,
                            Expenditure.spent_on <= period.end_date,
                        ),
                        Expenditure.amount,
                    ),
                    else_=0,
                )
            ).label("in_period"),
            func.sum(
                case((Expenditure.spent_on <= period.end_date, Expenditure.amount), else_=0)
            ).label("cumulative"),
        )
        .where(Expenditure.grant_id == grant.id)
        .group_by(Expenditure.budget_line_id)
        .subquery()
    )
    statement = (
        select(BudgetLine, spent.c.in_period, spent.c.cumulative)
        .outerjoin(spent, spent.c.line_id == BudgetLine.id)
        .where(BudgetLine.grant_id == grant.id)
    )
    by_heading: dict[int, list[LineRow]] = defaultdict(list)
    for line, in_period, cumulative in session.execute(statement):
        by_heading[line.heading_id].append(
            LineRow(
                code=line.code,
                description=line.description,
                unit=line.unit or "",
                quantity=line.quantity,
                unit_rate=line.unit_cost,
                figures=Figures(money(line.amount), money(in_period), money(cumulative)),
            )
        )
    for lines in by_heading.values():
        lines.sort(key=lambda row: _code_order(row.code))
    return by_heading


def _headings(
    session: Session,
    grant: Grant,
    period: ReportingPeriod,
    template: BudgetTemplate,
    language: str,
) -> tuple[Heading, ...]:
    """The template's headings as a tree, each with its lines, in the template's order."""
    lines = _line_rows(session, grant, period)
    in_template = list(
        session.scalars(
            select(BudgetHeading)
            .where(BudgetHeading.template_id == template.id)
            .order_by(BudgetHeading.sort_order, BudgetHeading.id)
        )
    )
    known = {heading.id for heading in in_template}
    elsewhere = [
        heading
        for heading in session.scalars(
            select(BudgetHeading)
            .where(BudgetHeading.id.in_(list(lines)))
            .order_by(BudgetHeading.sort_order, BudgetHeading.id)
        )
        if heading.id not in known
    ]
    tree = _tree(in_template, lines, language)
    if elsewhere:
        # Lines under another template's headings: kept as top-level rows before the
        # template's first computed row, so every total includes them.
        strays = tuple(
            Heading(
                heading.number,
                _heading_name(heading, language),
                _kind(heading),
                tuple(lines[heading.id]),
            )
            for heading in elsewhere
        )
        position = next(
            (index for index, item in enumerate(tree) if not item.kind.carries_lines), len(tree)
        )
        tree = (*tree[:position], *strays, *tree[position:])
    if not any(heading.kind == HeadingKind.TOTAL for heading in tree):
        total = translator_for(language).gettext("Total")
        tree = (*tree, Heading("", total, HeadingKind.TOTAL))
    return tree


def _kind(heading: BudgetHeading) -> HeadingKind:
    return HeadingKind(heading.kind.value)


def _tree(
    headings: list[BudgetHeading], lines: dict[int, list[LineRow]], language: str
) -> tuple[Heading, ...]:
    children: dict[int | None, list[BudgetHeading]] = defaultdict(list)
    for heading in headings:
        children[heading.parent_id].append(heading)

    def node(heading: BudgetHeading) -> Heading:
        return Heading(
            heading.number,
            _heading_name(heading, language),
            _kind(heading),
            tuple(lines.get(heading.id, ())),
            tuple(node(child) for child in children.get(heading.id, ())),
        )

    return tuple(node(heading) for heading in children[None])


def _rates(session: Session, grant: Grant, period: ReportingPeriod) -> tuple[RateUsed, ...]:
    """Each (currency, rate) that expenditure to the end of the period was converted at."""
    year = extract("year", Expenditure.spent_on)
    month = extract("month", Expenditure.spent_on)
    statement = (
        select(
            Expenditure.original_currency,
            Expenditure.rate,
            year,
            month,
            func.count(Expenditure.id),
            func.sum(Expenditure.original_amount),
            func.sum(Expenditure.amount),
        )
        .where(
            Expenditure.grant_id == grant.id,
            Expenditure.spent_on <= period.end_date,
            Expenditure.original_currency != grant.currency,
        )
        .group_by(Expenditure.original_currency, Expenditure.rate, year, month)
    )
    totals: dict[tuple[str, Decimal], _RateTotals] = {}
    for currency, rate, in_year, in_month, count, original, converted in session.execute(statement):
        entry = totals.setdefault((currency, Decimal(rate)), _RateTotals())
        entry.months.add(date(int(in_year), int(in_month), 1))
        entry.expenditures += int(count)
        entry.original += money(original)
        entry.converted += money(converted)
    ordered = sorted(totals.items(), key=lambda item: (item[0][0], min(item[1].months)))
    return tuple(
        RateUsed(
            currency=currency,
            rate=rate,
            months=tuple(sorted(entry.months)),
            original_amount=entry.original,
            converted_amount=entry.converted,
            expenditures=entry.expenditures,
        )
        for (currency, rate), entry in ordered
    )


@dataclass
class _RateTotals:
    months: set[date] = field(default_factory=set)
    expenditures: int = 0
    original: Decimal = Decimal(0)
    converted: Decimal = Decimal(0)


def _instalments(
    session: Session, grant: Grant, period: ReportingPeriod
) -> tuple[InstalmentRow, ...]:
    """Every instalment, received only if it had arrived by the end of the period."""
    return tuple(
        InstalmentRow(
            number=instalment.number,
            due_on=instalment.due_on,
            received_on=(
                instalment.received_on
                if instalment.received_on is not None and instalment.received_on <= period.end_date
                else None
            ),
            amount=instalment.amount,
        )
        for instalment in session.scalars(
            select(Instalment).where(Instalment.grant_id == grant.id).order_by(Instalment.number)
        )
    )
