"""The figures of the Dashboard: where the money, the results, the people, the cases and the
next reports stand on one day.

Every figure is an aggregate computed by the database, so the page costs the same on the
demo and on an office's ten years of records; Python only names and orders what comes back.
The rules match the rest of the application: spent is converted expenditure up to the day,
progress counts approved values only (from the baseline, as the quarterly report does), and
participants are those of the activities that began in the year.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from desktop.domain.case import Case, CaseStatus
from desktop.domain.grant import Expenditure, Grant
from desktop.domain.period import PeriodKind, ReportingPeriod
from desktop.domain.project import Project, ProjectStatus
from desktop.domain.results import Indicator, IndicatorValue, Result, ValueStatus
from desktop.services.activities import (
    ActivityFilters,
    ActivityService,
    MunicipalityTotals,
    ParticipantTotals,
)
from desktop.services.actor import Actor
from desktop.services.base import Service
from desktop.services.cases import ACTIVE_STATUSES
from desktop.services.permissions import Permission, requires
from desktop.services.scope import scope_condition

DEADLINES_SHOWN = 6
CENT = Decimal("0.01")
SHARE = Decimal("0.0001")  # shares to a hundredth of a per cent


def money(value: Decimal | float | int | None) -> Decimal:
    """A sum read back as a Decimal to the cent (SQLite may hand back a float for a SUM)."""
    return Decimal(str(value or 0)).quantize(CENT)


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
class GrantBurn:
    """How far a running grant's money has gone against how far its time has."""

    grant_id: int
    contract_number: str
    project: str
    currency: str
    budget: Decimal  # the grant amount
    spent: Decimal  # converted expenditures up to the day
    start_date: date
    end_date: date
    spent_share: Decimal | None  # None for a grant of no amount
    time_share: Decimal


@dataclass(frozen=True)
class IndicatorProgress:
    indicator_id: int
    code: str
    name: str
    unit: str
    baseline: Decimal | None
    target: Decimal
    achieved: Decimal  # baseline plus every approved value
    share: Decimal | None  # of the way from baseline to target; None when they are equal


@dataclass(frozen=True)
class ProjectProgress:
    project_id: int
    code: str
    name: str
    indicators: tuple[IndicatorProgress, ...]


@dataclass(frozen=True)
class QuarterParticipation:
    quarter: int  # 1..4 of the dashboard's year
    totals: ParticipantTotals


@dataclass(frozen=True)
class CaseCounts:
    by_status: tuple[tuple[CaseStatus, int], ...]  # every status, in workflow order
    open: int  # open, in progress or referred
    overdue: int  # of those, past their due date

    def count(self, status: CaseStatus) -> int:
        return dict(self.by_status).get(status, 0)


@dataclass(frozen=True)
class Deadline:
    period_id: int
    label: str
    kind: PeriodKind
    start_date: date
    end_date: date
    due_on: date
    days_left: int
    grant_id: int
    contract_number: str
    project_code: str
    project: str


@dataclass(frozen=True)
class DashboardFigures:
    today: date
    language: str
    grants: tuple[GrantBurn, ...]  # running grants, ending soonest first
    progress: tuple[ProjectProgress, ...]  # active projects, by code
    participation: ParticipantTotals  # the year's activities and people
    by_municipality: tuple[MunicipalityTotals, ...]  # most people first
    by_quarter: tuple[QuarterParticipation, ...]  # Q1..Q4, empty quarters included
    cases: CaseCounts
    deadlines: tuple[Deadline, ...]  # reports due from today on, soonest first

    @property
    def year(self) -> int:
        return self.today.year


class DashboardService(Service):
    @requires(Permission.READ_RECORDS)
    def figures(self, today: date, language: str) -> DashboardFigures:
        """Everything the Dashboard shows, as it stands on ``today``, named in ``language``."""
        participants = ActivityService(self.db, self.actor).participant_totals(
            ActivityFilters(date_from=date(today.year, 1, 1), date_to=date(today.year, 12, 31)),
            language,
        )
        quarters = {entry.quarter: entry.totals for entry in participants.by_quarter}
        with self.unit_of_work() as session:
            return DashboardFigures(
                today=today,
                language=language,
                grants=_burn(session, today, language, self.actor),
                progress=_progress(session, language, self.actor),
                participation=participants.overall,
                by_municipality=tuple(participants.by_municipality),
                by_quarter=tuple(
                    QuarterParticipation(quarter, quarters.get(quarter, ParticipantTotals()))
                    for quarter in range(1, 5)
                ),
                cases=_cases(session, today, self.actor),
                deadlines=_deadlines(session, today, language, self.actor),
            )


def _burn(session: Session, today: date, language: str, actor: Actor) -> tuple[GrantBurn, ...]:
    """Grants running on ``today`` (not archived), with what was spent up to it.

    Each running grant's expenditures are added up through its own index entries: a sum
    grouped over every grant's expenditures (200,000 at 100,000 activities, most of them of
    grants long finished) took about six times as long.
    """
    spent = (
        select(func.coalesce(func.sum(Expenditure.amount), 0))
        .where(Expenditure.grant_id == Grant.id, Expenditure.spent_on <= today)
        .correlate(Grant)
        .scalar_subquery()
    )
    rows = session.execute(
        select(Grant, Project, spent)
        .join(Project, Grant.project_id == Project.id)
        .where(Grant.archived_at.is_(None), Grant.start_date <= today, Grant.end_date >= today)
        .where(scope_condition(actor, Project.id))
        .order_by(Grant.end_date, Grant.contract_number)
    )
    return tuple(
        GrantBurn(
            grant_id=grant.id,
            contract_number=grant.contract_number,
            project=project.name(language),
            currency=grant.currency,
            budget=grant.amount,
            spent=money(amount),
            start_date=grant.start_date,
            end_date=grant.end_date,
            spent_share=share(money(amount), grant.amount),
            time_share=time_elapsed(grant.start_date, grant.end_date, today),
        )
        for grant, project, amount in rows
    )


def _progress(session: Session, language: str, actor: Actor) -> tuple[ProjectProgress, ...]:
    """Indicators with a target in active projects, against their approved values."""
    approved = (
        select(IndicatorValue.indicator_id, func.sum(IndicatorValue.value).label("total"))
        .where(IndicatorValue.status == ValueStatus.APPROVED)
        .group_by(IndicatorValue.indicator_id)
        .subquery()
    )
    rows = session.execute(
        select(Project, Indicator, func.coalesce(approved.c.total, 0))
        .join(Result, Result.project_id == Project.id)
        .join(Indicator, Indicator.result_id == Result.id)
        .outerjoin(approved, approved.c.indicator_id == Indicator.id)
        .where(
            Project.archived_at.is_(None),
            Project.status == ProjectStatus.ACTIVE,
            Indicator.target.is_not(None),
            scope_condition(actor, Project.id),
        )
        .order_by(Project.code, Result.sort_order, Result.code, Indicator.code)
    )
    projects: dict[int, tuple[Project, list[IndicatorProgress]]] = {}
    for project, indicator, total in rows:
        start = indicator.baseline or Decimal(0)
        achieved = start + Decimal(str(total)).quantize(CENT)
        target: Decimal = indicator.target  # type: ignore[assignment]
        projects.setdefault(project.id, (project, []))[1].append(
            IndicatorProgress(
                indicator_id=indicator.id,
                code=indicator.code,
                name=indicator.name(language),
                unit=indicator.unit or "",
                baseline=indicator.baseline,
                target=target,
                achieved=achieved,
                share=share(achieved - start, target - start),
            )
        )
    return tuple(
        ProjectProgress(project.id, project.code, project.name(language), tuple(indicators))
        for project, indicators in projects.values()
    )


def _cases(session: Session, today: date, actor: Actor) -> CaseCounts:
    in_use = and_(Case.archived_at.is_(None), scope_condition(actor, Case.project_id))
    counted = dict(
        session.execute(
            select(Case.status, func.count(Case.id)).where(in_use).group_by(Case.status)
        ).all()
    )
    overdue = session.scalar(
        select(func.count(Case.id)).where(
            in_use, and_(Case.due_on < today, Case.status.in_(ACTIVE_STATUSES))
        )
    )
    by_status = tuple((status, int(counted.get(status, 0))) for status in CaseStatus)
    return CaseCounts(
        by_status=by_status,
        open=sum(count for status, count in by_status if status in ACTIVE_STATUSES),
        overdue=int(overdue or 0),
    )


def _deadlines(session: Session, today: date, language: str, actor: Actor) -> tuple[Deadline, ...]:
    rows = session.execute(
        select(ReportingPeriod, Grant, Project)
        .join(Grant, ReportingPeriod.grant_id == Grant.id)
        .join(Project, Grant.project_id == Project.id)
        .where(ReportingPeriod.due_on >= today, Grant.archived_at.is_(None))
        .where(scope_condition(actor, Project.id))
        .order_by(ReportingPeriod.due_on, Grant.contract_number, ReportingPeriod.start_date)
        .limit(DEADLINES_SHOWN)
    )
    return tuple(
        Deadline(
            period_id=period.id,
            label=period.label,
            kind=period.kind,
            start_date=period.start_date,
            end_date=period.end_date,
            due_on=period.due_on,  # type: ignore[arg-type]
            days_left=(period.due_on - today).days,  # type: ignore[operator]
            grant_id=grant.id,
            contract_number=grant.contract_number,
            project_code=project.code,
            project=project.name(language),
        )
        for period, grant, project in rows
    )
