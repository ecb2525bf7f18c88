"""The figures of the Dashboard: where the money, the results, the people, the cases and the
next reports stand on one day.

Every figure is an aggregate computed by the database, so the page costs the same on the
demo and on an office's ten years of records; Python only names and orders what comes back.
The rules match the rest of the application: spent is converted expenditure up to the day,
progress counts approved values only (from the baseline, as the quarterly report does), and
participants are those of the activities that began in the year.

The two charts of records that grow with the office are bounded: the grants running today
(941 at 1,000,000 activities) and the indicators of the active projects (5,508) would be
thousands of bars no one reads, each formatted and laid out, so the Dashboard shows the
``GRANTS_SHOWN`` grants ending soonest and the ``INDICATORS_SHOWN`` indicators furthest
behind their targets, and says how many more there are.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import ColumnElement, Select, and_, case, func, literal_column, select
from sqlalchemy.orm import Session

from desktop.domain.case import Case, CaseStatus
from desktop.domain.grant import Expenditure, Grant
from desktop.domain.multilingual import NAME_LANGUAGES, name_column, resolve_name
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
# The grants ending soonest and the indicators furthest behind that the charts show (the
# demo office's 3 running grants and 17 indicators are all shown).
GRANTS_SHOWN = 10
INDICATORS_SHOWN = 20
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
    grants: tuple[GrantBurn, ...]  # running grants, ending soonest first, at most GRANTS_SHOWN
    # the INDICATORS_SHOWN indicators furthest behind their targets, in their active projects
    # by code
    progress: tuple[ProjectProgress, ...]
    participation: ParticipantTotals  # the year's activities and people
    by_municipality: tuple[MunicipalityTotals, ...]  # most people first
    by_quarter: tuple[QuarterParticipation, ...]  # Q1..Q4, empty quarters included
    cases: CaseCounts
    deadlines: tuple[Deadline, ...]  # reports due from today on, soonest first
    grants_running: int = 0  # every grant running today, shown or not
    indicators_with_targets: int = 0  # every indicator progress could show

    @property
    def year(self) -> int:
        return self.today.year

    @property
    def grants_not_shown(self) -> int:
        return max(0, self.grants_running - len(self.grants))

    @property
    def indicators_not_shown(self) -> int:
        shown = sum(len(project.indicators) for project in self.progress)
        return max(0, self.indicators_with_targets - shown)


class DashboardService(Service):
    @requires(Permission.READ_RECORDS)
    def figures(self, today: date, language: str) -> DashboardFigures:
        """Everything the Dashboard shows, as it stands on ``today``, named in ``language``."""
        participants = ActivityService(self.db, self.actor).participant_totals(
            ActivityFilters(date_from=date(today.year, 1, 1), date_to=date(today.year, 12, 31)),
            language,
        )
        quarters = {entry.quarter: entry.totals for entry in participants.by_quarter}
        with self.unit_of_work(read_only=True) as session:
            running = _running(today, self.actor)
            with_targets = _with_targets(self.actor)
            return DashboardFigures(
                today=today,
                language=language,
                grants=_burn(session, today, language, running),
                progress=_progress(session, language, with_targets),
                participation=participants.overall,
                by_municipality=tuple(participants.by_municipality),
                by_quarter=tuple(
                    QuarterParticipation(quarter, quarters.get(quarter, ParticipantTotals()))
                    for quarter in range(1, 5)
                ),
                cases=_cases(session, today, self.actor),
                deadlines=_deadlines(session, today, language, self.actor),
                grants_running=_count(session, running),
                indicators_with_targets=_count(session, with_targets),
            )


def _count(session: Session, statement: Select) -> int:
    return session.scalar(select(func.count()).select_from(statement.subquery())) or 0


def _running(today: date, actor: Actor) -> Select:
    """The ids of the grants running on ``today`` (not archived) in ``actor``'s scope."""
    return (
        select(Grant.id)
        .join(Project, Grant.project_id == Project.id)
        .where(Grant.archived_at.is_(None), Grant.start_date <= today, Grant.end_date >= today)
        .where(scope_condition(actor, Project.id))
    )


def _with_targets(actor: Actor) -> Select:
    """The ids of the indicators with a target in the active projects in ``actor``'s scope."""
    return (
        select(Indicator.id)
        .join(Result, Indicator.result_id == Result.id)
        .join(Project, Result.project_id == Project.id)
        .where(
            Project.archived_at.is_(None),
            Project.status == ProjectStatus.ACTIVE,
            Indicator.target.is_not(None),
            scope_condition(actor, Project.id),
        )
    )


def _burn(session: Session, today: date, language: str, running: Select) -> tuple[GrantBurn, ...]:
    """The ``GRANTS_SHOWN`` grants of ``running`` that end soonest, with what was spent up
    to ``today``: the sums are added for those grants only (941 running grants at
    1,000,000 activities).

    Each running grant's expenditures are added up through its own index entries: a sum
    grouped over every grant's expenditures (200,000 at 100,000 activities, most of them of
    grants long finished) took about six times as long.  Only the columns shown are read:
    a whole grant row carries its notes and title.
    """
    spent = (
        select(func.coalesce(func.sum(Expenditure.amount), 0))
        .where(Expenditure.grant_id == Grant.id, Expenditure.spent_on <= today)
        .correlate(Grant)
        .scalar_subquery()
    )
    rows = session.execute(
        select(
            Grant.id,
            Grant.contract_number,
            Grant.currency,
            Grant.amount,
            Grant.start_date,
            Grant.end_date,
            spent,
            *_name_columns(Project),
        )
        .join(Project, Grant.project_id == Project.id)
        .where(
            Grant.id.in_(
                running.order_by(Grant.end_date, Grant.contract_number).limit(GRANTS_SHOWN)
            )
        )
        .order_by(Grant.end_date, Grant.contract_number)
    )
    return tuple(
        GrantBurn(
            grant_id=grant_id,
            contract_number=contract_number,
            project=_name(names, language),
            currency=currency,
            budget=budget,
            spent=money(amount),
            start_date=start_date,
            end_date=end_date,
            spent_share=share(money(amount), budget),
            time_share=time_elapsed(start_date, end_date, today),
        )
        for grant_id, contract_number, currency, budget, start_date, end_date, amount, *names in (
            rows
        )
    )


def _progress(session: Session, language: str, with_targets: Select) -> tuple[ProjectProgress, ...]:
    """The ``INDICATORS_SHOWN`` indicators of ``with_targets`` furthest behind, against
    their approved values: the smallest share of the way from baseline to target first (an
    indicator whose target is its baseline last), then in the chart's order.

    Each indicator's approved values are added up through its own index entries, and only
    the columns shown are read: a sum grouped over every indicator's values, and whole
    project and indicator records (5,500 of them at 1,000,000 activities, 30 MB of Python
    objects at the peak), grew with the office rather than with what the chart shows.
    """
    approved = (
        select(func.coalesce(func.sum(IndicatorValue.value), 0))
        .where(
            IndicatorValue.indicator_id == Indicator.id,
            IndicatorValue.status == ValueStatus.APPROVED,
        )
        .correlate(Indicator)
        .scalar_subquery()
    )
    chart_order = (Project.code, Result.sort_order, Result.code, Indicator.code)
    start = func.coalesce(Indicator.baseline, literal_column("0"))
    behind = approved / func.nullif(Indicator.target - start, literal_column("0"))
    furthest_behind = (
        with_targets.order_by(behind.is_(None), behind, *chart_order)
        .limit(INDICATORS_SHOWN)
        .scalar_subquery()
    )
    project_names = _name_columns(Project)
    indicator_names = _name_columns(Indicator)
    rows = session.execute(
        select(
            Project.id,
            Project.code,
            Indicator.id,
            Indicator.code,
            Indicator.unit,
            Indicator.baseline,
            Indicator.target,
            approved,
            *project_names,
            *indicator_names,
        )
        .join(Result, Result.project_id == Project.id)
        .join(Indicator, Indicator.result_id == Result.id)
        .where(Indicator.id.in_(furthest_behind))
        .order_by(*chart_order)
    )
    width = len(NAME_LANGUAGES)
    projects: dict[int, tuple[str, str, list[IndicatorProgress]]] = {}
    for project_id, project_code, indicator_id, code, unit, baseline, target, total, *names in rows:
        start = baseline or Decimal(0)
        achieved = start + Decimal(str(total)).quantize(CENT)
        if project_id not in projects:
            projects[project_id] = (project_code, _name(names[:width], language), [])
        projects[project_id][2].append(
            IndicatorProgress(
                indicator_id=indicator_id,
                code=code,
                name=_name(names[width:], language),
                unit=unit or "",
                baseline=baseline,
                target=target,
                achieved=achieved,
                share=share(achieved - start, target - start),
            )
        )
    return tuple(
        ProjectProgress(project_id, code, name, tuple(indicators))
        for project_id, (code, name, indicators) in projects.items()
    )


def _name_columns(model: type) -> list[ColumnElement[str | None]]:
    """``model``'s four name columns, in ``NAME_LANGUAGES`` order."""
    return [getattr(model, name_column(language)) for language in NAME_LANGUAGES]


def _name(names: Sequence[str | None], language: str) -> str:
    """The name shown in ``language`` of four names read by ``_name_columns``."""
    return resolve_name(dict(zip(NAME_LANGUAGES, names, strict=True)), language)


def _cases(session: Session, today: date, actor: Actor) -> CaseCounts:
    """Cases by status and the overdue ones among them, in one pass over the cases."""
    overdue_now = case((and_(Case.due_on < today, Case.status.in_(ACTIVE_STATUSES)), 1), else_=0)
    counted = {
        status: (int(count), int(overdue or 0))
        for status, count, overdue in session.execute(
            select(Case.status, func.count(Case.id), func.sum(overdue_now))
            .where(Case.archived_at.is_(None), scope_condition(actor, Case.project_id))
            .group_by(Case.status)
        )
    }
    by_status = tuple((status, counted.get(status, (0, 0))[0]) for status in CaseStatus)
    return CaseCounts(
        by_status=by_status,
        open=sum(count for status, count in by_status if status in ACTIVE_STATUSES),
        overdue=sum(overdue for _count, overdue in counted.values()),
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
