"""The data of the logframe report: a project's results matrix at the end of a period.

Current values are counted as the quarterly report counts them: the baseline plus the
approved values of the grant's reporting periods that ended by the end of this one, so a
draft or a returned value never reaches a donor.  The breakdown by sex is printed only
where every one of those values recorded it and the baseline adds nobody unrecorded;
otherwise a partial "7 women, 5 men" would not add up to the value beside it.
"""

from datetime import date
from decimal import Decimal

from sqlalchemy import ColumnElement, case, distinct, func, select
from sqlalchemy.orm import Session

from desktop.domain.activity import Activity, ParticipantCount
from desktop.domain.grant import Grant
from desktop.domain.organisation import DonorProfile
from desktop.domain.period import ReportingPeriod
from desktop.domain.person import Gender
from desktop.domain.reference import ActivityType
from desktop.domain.results import Indicator, IndicatorValue, Result, ValueStatus
from desktop.reports.logframe_data import (
    ActivityTypeSummary,
    Figure,
    Level,
    LogframeIndicator,
    LogframeReport,
    LogframeResult,
)
from desktop.services.base import Service
from desktop.services.permissions import Permission, requires
from desktop.services.report_formats import check_report_language
from desktop.services.report_subject import grant_and_period
from desktop.store.database import Database

_LEVEL_ORDER = {Level.OBJECTIVE: 0, Level.OUTCOME: 1, Level.OUTPUT: 2}


class LogframeReportService(Service):
    @requires(Permission.READ_RECORDS)
    def build(
        self, grant_id: int, period_id: int, language: str, internal: bool = False
    ) -> LogframeReport:
        """The matrix of ``grant_id``'s project as it stood at the end of ``period_id``.

        ``internal`` changes nothing here: the matrix holds no breakdown small enough to
        identify anyone; it is accepted so every format is built the same way.
        """
        del internal
        check_report_language(language)
        with self.unit_of_work(read_only=True) as session:
            grant, period = grant_and_period(session, grant_id, period_id, actor=self.actor)
            project = grant.project
            profile = session.scalar(
                select(DonorProfile).where(DonorProfile.organisation_id == grant.donor_id)
            )
            return LogframeReport(
                language=language,
                project_title=project.name(language),
                project_code=project.code,
                contract_number=grant.contract_number,
                donor=grant.donor.name(language),
                period_label=period.label,
                period_start=period.start_date,
                period_end=period.end_date,
                results=_results(session, grant, period, language),
                activities=_activities(session, grant, period, language),
                logo=profile.logo if profile is not None else None,
                generated_on=date.today(),
            )


def _results(
    session: Session, grant: Grant, period: ReportingPeriod, language: str
) -> list[LogframeResult]:
    counted = (
        select(
            IndicatorValue.indicator_id.label("indicator_id"),
            func.sum(IndicatorValue.value).label("value"),
            func.sum(IndicatorValue.women).label("women"),
            func.sum(IndicatorValue.men).label("men"),
            func.count().label("values"),
            func.count(IndicatorValue.women).label("with_women"),
            func.count(IndicatorValue.men).label("with_men"),
        )
        .join(ReportingPeriod, IndicatorValue.period_id == ReportingPeriod.id)
        .where(
            IndicatorValue.status == ValueStatus.APPROVED,
            ReportingPeriod.grant_id == grant.id,
            ReportingPeriod.end_date <= period.end_date,
        )
        .group_by(IndicatorValue.indicator_id)
        .subquery()
    )
    statement = (
        select(Result, Indicator, counted)
        .outerjoin(Indicator, Indicator.result_id == Result.id)
        .outerjoin(counted, counted.c.indicator_id == Indicator.id)
        .where(Result.project_id == grant.project_id)
        .order_by(Result.sort_order, Result.code, Indicator.code)
    )
    results: dict[int, tuple[Result, list[LogframeIndicator]]] = {}
    for row in session.execute(statement):
        result, indicator = row.Result, row.Indicator
        _result, indicators = results.setdefault(result.id, (result, []))
        if indicator is None:
            continue
        indicators.append(
            LogframeIndicator(
                code=indicator.code,
                name=indicator.name(language),
                unit=indicator.unit or "",
                baseline=indicator.baseline,
                baseline_year=indicator.baseline_year,
                current=_current(
                    indicator.baseline,
                    row.value,
                    row.women if row.with_women == row.values else None,
                    row.men if row.with_men == row.values else None,
                ),
                target=indicator.target,
                target_year=indicator.target_year,
                means_of_verification=indicator.means_of_verification or "",
            )
        )
    ordered = sorted(results.values(), key=lambda pair: _LEVEL_ORDER[Level(pair[0].level.value)])
    return [
        LogframeResult(
            level=Level(result.level.value),
            code=result.code,
            text=result.name(language),
            assumptions=result.assumptions or "",
            indicators=indicators,
        )
        for result, indicators in ordered
    ]


def _current(baseline: Decimal | None, value: object, women: object, men: object) -> Figure:
    if value is None:
        return Figure(None)
    total = (baseline or Decimal(0)) + _decimal(value)
    if women is None or men is None or baseline:
        return Figure(total)
    return Figure(total, _decimal(women), _decimal(men))


def _activities(
    session: Session, grant: Grant, period: ReportingPeriod, language: str
) -> list[ActivityTypeSummary]:
    """Each kind of activity the project carried out by the end of the period."""

    def counted(gender: Gender) -> ColumnElement[int]:
        return func.coalesce(
            func.sum(case((ParticipantCount.gender == gender, ParticipantCount.count), else_=0)),
            0,
        )

    statement = (
        select(
            ActivityType,
            func.count(distinct(Activity.id)),
            func.coalesce(func.sum(ParticipantCount.count), 0),
            counted(Gender.FEMALE),
            counted(Gender.MALE),
        )
        .join(Activity, Activity.activity_type_id == ActivityType.id)
        .outerjoin(ParticipantCount, ParticipantCount.activity_id == Activity.id)
        .where(
            Activity.project_id == grant.project_id,
            Activity.archived_at.is_(None),
            Activity.start_date <= period.end_date,
        )
        .group_by(ActivityType.id)
        .order_by(ActivityType.sort_order, ActivityType.id)
    )
    return [
        ActivityTypeSummary(
            activity_type=activity_type.name(language),
            activities=int(activities),
            participants=int(participants),
            women=int(women),
            men=int(men),
        )
        for activity_type, activities, participants, women, men in session.execute(statement)
    ]


def _decimal(value: object) -> Decimal:
    """Sums come back as Decimal on PostgreSQL and sometimes as int or float on SQLite."""
    return Decimal(str(value)).quantize(Decimal("0.01"))


def logframe_data(
    db: Database, grant_id: int, period_id: int, language: str, internal: bool
) -> LogframeReport:
    """The registry's builder (``desktop.services.report_formats``)."""
    return LogframeReportService(db).build(grant_id, period_id, language, internal)
