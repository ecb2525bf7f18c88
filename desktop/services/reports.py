"""Donor reports: gathering a period's figures and texts, in the report's language.

The report's language is chosen per report, independent of the interface; names and
narratives follow that language's fallback chain.  Only approved indicator values reach a
report, so a draft never appears in front of a donor.
"""

import os
import tempfile
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import ColumnElement, and_, case, func, select
from sqlalchemy.orm import Session, joinedload, selectinload

from desktop.domain.activity import Activity, ParticipantCount
from desktop.domain.case import CASE_CATEGORY_LABELS, Case
from desktop.domain.grant import BudgetLine, Expenditure, Grant
from desktop.domain.multilingual import NAME_LANGUAGES, name_column, resolve_name
from desktop.domain.organisation import DonorProfile, Organisation
from desktop.domain.period import NarrativeSection, NarrativeText, ReportingPeriod
from desktop.domain.person import Gender
from desktop.domain.project import PartnerRole, Project, ProjectPartner
from desktop.domain.reference import ActivityType, BudgetHeading, Community, Municipality
from desktop.domain.research import OUTPUT_TYPE_LABELS, OutputStatus, ResearchOutput
from desktop.domain.results import Indicator, IndicatorValue, Result, ValueStatus
from desktop.i18n import translator_for
from desktop.i18n.collation import sort_key
from desktop.reports.data import (
    ActivityRow,
    BudgetRow,
    CaseCountRow,
    CommunityRow,
    IndicatorRow,
    QuarterlyReport,
    ResearchRow,
)
from desktop.services.base import Service
from desktop.services.period_activities import activities_in_period, participants_counted
from desktop.services.permissions import Permission, requires
from desktop.services.report_formats import check_report_language
from desktop.services.report_subject import grant_and_period


class ReportService(Service):
    @requires(Permission.READ_RECORDS)
    def quarterly(
        self, grant_id: int, period_id: int, language: str, internal: bool = False
    ) -> QuarterlyReport:
        """The figures and texts of one grant's quarterly progress report.

        ``internal`` keeps small counts exact, for a report that stays in the office.
        """
        check_report_language(language)
        with self.unit_of_work(read_only=True) as session:
            grant, period = grant_and_period(session, grant_id, period_id, actor=self.actor)
            project = _project(session, grant)
            partners = [
                partner.organisation.name(language)
                for partner in sorted(project.partners, key=lambda p: p.id)
                if partner.role != PartnerRole.LEAD
            ]
            narratives = _narratives(session, period, language)
            cases_by_category, cases_by_municipality = _cases(session, grant, period, language)
            return QuarterlyReport(
                language=language,
                project_title=project.name(language),
                project_code=project.code,
                contract_number=grant.contract_number,
                donor=grant.donor.name(language),
                lead_organisation=_lead_name(project.lead_organisation, project.partners, language),
                partners=partners,
                period_label=period.label,
                period_start=period.start_date,
                period_end=period.end_date,
                project_start=project.start_date,
                project_end=project.end_date,
                currency=grant.currency,
                municipalities=[m.name(language) for m in project.municipalities],
                summary=narratives.get(NarrativeSection.SUMMARY, ""),
                activities=_activities(session, grant, period, language),
                indicators=_indicators(session, grant, period, language),
                budget=_budget(session, grant, period, language),
                research=_research(session, grant, period, language),
                communities=_communities(session, grant, period, language),
                cases_by_category=cases_by_category,
                cases_by_municipality=cases_by_municipality,
                challenges=narratives.get(NarrativeSection.CHALLENGES, ""),
                next_steps=narratives.get(NarrativeSection.NEXT_STEPS, ""),
                generated_on=date.today(),
                internal=internal,
                donor_logo=session.scalar(
                    select(DonorProfile.logo).where(DonorProfile.organisation_id == grant.donor_id)
                ),
            )

    @requires(Permission.READ_RECORDS)
    def render_quarterly(self, grant_id: int, period_id: int, language: str, target: Path) -> None:
        """Write the quarterly report as a PDF; a failure never leaves half a file behind."""
        from desktop.reports.quarterly import render_quarterly

        report = self.quarterly(grant_id, period_id, language)
        target = Path(target)
        handle, temporary = tempfile.mkstemp(
            prefix=".csodesk-", suffix=".pdf", dir=target.parent if target.parent.exists() else None
        )
        os.close(handle)
        try:
            render_quarterly(report, Path(temporary))
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise


def _project(session: Session, grant: Grant) -> Project:
    """The grant's project with its lead, partners (with their organisations) and
    municipalities read in three statements, where reading them as the cover asks for
    them took one more for every partner."""
    return session.scalars(
        select(Project)
        .where(Project.id == grant.project_id)
        .options(
            joinedload(Project.lead_organisation),
            selectinload(Project.partners).joinedload(ProjectPartner.organisation),
            selectinload(Project.municipalities),
        )
    ).one()


def _lead_name(lead: Organisation | None, partners: list[ProjectPartner], language: str) -> str:
    if lead is not None:
        return lead.name(language)
    for partner in partners:
        if partner.role == PartnerRole.LEAD:
            return partner.organisation.name(language)
    return ""


def _narratives(
    session: Session, period: ReportingPeriod, language: str
) -> dict[NarrativeSection, str]:
    texts: dict[NarrativeSection, dict[str, str | None]] = {}
    for narrative in session.scalars(
        select(NarrativeText).where(NarrativeText.period_id == period.id)
    ):
        texts.setdefault(narrative.section, {})[narrative.language] = narrative.text
    return {section: resolve_name(by_language, language) for section, by_language in texts.items()}


def _activities(
    session: Session, grant: Grant, period: ReportingPeriod, language: str
) -> list[ActivityRow]:
    """The period's activities with their participants by gender, read as plain columns
    (building an ORM record for every activity, type and municipality cost more than the
    query itself).  The counts are the breakdown's sums stored on each activity (schema
    0011), which every writer of a breakdown keeps in the same transaction, as the
    activities list shows them; adding up the participant lines again cost a join and a
    grouping of every line of the period."""
    statement = (
        select(
            Activity.start_date,
            Activity.end_date,
            *_name_columns(Activity),
            *_name_columns(ActivityType),
            *_name_columns(Municipality),
            Activity.participants_women,
            Activity.participants_men,
            Activity.participants_recorded,
        )
        .join(ActivityType, Activity.activity_type_id == ActivityType.id)
        .outerjoin(Municipality, Activity.municipality_id == Municipality.id)
        .where(*activities_in_period(grant, period))
        .order_by(Activity.start_date, Activity.id)
    )
    rows = []
    for start, end, *names, women, men, recorded in session.execute(statement):
        title, activity_type, municipality = (
            _name(names[index : index + _NAMES], language) for index in range(0, 3 * _NAMES, _NAMES)
        )
        rows.append(
            ActivityRow(
                start=start,
                end=end,
                title=title,
                activity_type=activity_type,
                municipality=municipality,
                women=women,
                men=men,
                other=recorded - women - men,
            )
        )
    return rows


_NAMES = len(NAME_LANGUAGES)


def _name_columns(entity: Any) -> list[Any]:
    """A multilingual record's names, in ``NAME_LANGUAGES`` order, for ``_name``."""
    return [getattr(entity, name_column(code)) for code in NAME_LANGUAGES]


def _name(names: Sequence[str | None], language: str) -> str:
    """The name ``_name_columns`` read, in ``language`` (as ``MultilingualName.name``)."""
    return resolve_name(dict(zip(NAME_LANGUAGES, names, strict=True)), language)


def _communities(
    session: Session, grant: Grant, period: ReportingPeriod, language: str
) -> list[CommunityRow]:
    """The period's participants by community, in the activities table's period."""
    statement = (
        select(
            *_name_columns(Community),
            participants_counted(Gender.FEMALE),
            participants_counted(Gender.MALE),
            participants_counted(Gender.OTHER, Gender.UNDISCLOSED),
        )
        .join(ParticipantCount, ParticipantCount.community_id == Community.id)
        .join(Activity, ParticipantCount.activity_id == Activity.id)
        .where(*activities_in_period(grant, period))
        .group_by(Community.id)
        .having(func.sum(ParticipantCount.count) > 0)
        .order_by(Community.sort_order, Community.id)
    )
    return [
        CommunityRow(_name(names, language), int(women), int(men), int(other))
        for *names, women, men, other in session.execute(statement)
    ]


def _cases(
    session: Session, grant: Grant, period: ReportingPeriod, language: str
) -> tuple[list[CaseCountRow], list[CaseCountRow]]:
    """Cases opened and resolved in the period, by category and by municipality; nothing
    about people.  One grouped read of the project's cases serves both tables."""

    def within(column: ColumnElement[date | None]) -> ColumnElement[int]:
        return func.coalesce(
            func.sum(case((column.between(period.start_date, period.end_date), 1), else_=0)), 0
        )

    statement = (
        select(
            Case.category,
            Municipality.id,
            *_name_columns(Municipality),
            within(Case.opened_on),
            within(Case.resolved_on),
        )
        .join(Municipality, Case.municipality_id == Municipality.id)
        .where(Case.project_id == grant.project_id, Case.archived_at.is_(None))
        .group_by(Case.category, Municipality.id)
    )
    by_category: dict[Any, list[int]] = {}
    by_municipality: dict[Any, list[int]] = {}
    names: dict[Any, str] = {}
    for category, municipality_id, *municipality, opened, resolved in session.execute(statement):
        for counts in (
            by_category.setdefault(category, [0, 0]),
            by_municipality.setdefault(municipality_id, [0, 0]),
        ):
            counts[0] += int(opened)
            counts[1] += int(resolved)
        names[municipality_id] = _name(municipality, language)
    translate = translator_for(language).gettext
    categories = [
        CaseCountRow(translate(label), *by_category[category])
        for category, label in CASE_CATEGORY_LABELS.items()
        if any(by_category.get(category, ()))
    ]
    municipalities = sorted(
        (
            CaseCountRow(names[key], opened, resolved)
            for key, (opened, resolved) in by_municipality.items()
            if opened or resolved
        ),
        key=lambda row: sort_key(row.label, language),
    )
    return categories, municipalities


def _indicators(
    session: Session, grant: Grant, period: ReportingPeriod, language: str
) -> list[IndicatorRow]:
    approved = and_(
        IndicatorValue.indicator_id == Indicator.id,
        IndicatorValue.status == ValueStatus.APPROVED,
    )
    this_period = (
        select(IndicatorValue.value)
        .where(approved, IndicatorValue.period_id == period.id)
        .scalar_subquery()
    )
    to_date = (
        select(func.sum(IndicatorValue.value))
        .join(ReportingPeriod, IndicatorValue.period_id == ReportingPeriod.id)
        .where(
            approved,
            ReportingPeriod.grant_id == grant.id,
            ReportingPeriod.end_date <= period.end_date,
        )
        .scalar_subquery()
    )
    statement = (
        select(
            Indicator.code,
            *_name_columns(Indicator),
            Indicator.unit,
            Indicator.baseline,
            Indicator.target,
            this_period,
            to_date,
        )
        .join(Result, Indicator.result_id == Result.id)
        .where(Result.project_id == grant.project_id)
        .order_by(Result.sort_order, Result.code, Indicator.code)
    )
    return [
        IndicatorRow(
            code=code,
            name=_name(names, language),
            unit=unit or "",
            baseline=baseline,
            target=target,
            this_period=_decimal(value) if value is not None else None,
            cumulative=(
                (baseline or Decimal(0)) + _decimal(cumulative) if cumulative is not None else None
            ),
        )
        for code, *names, unit, baseline, target, value, cumulative in session.execute(statement)
    ]


def _budget(
    session: Session, grant: Grant, period: ReportingPeriod, language: str
) -> list[BudgetRow]:
    """Budget and spending by heading: the grant's expenditures are added up in one pass,
    grouped by their line's heading (a subquery per heading read them all twice each)."""
    budgeted = (
        select(BudgetLine.heading_id, func.sum(BudgetLine.amount).label("budget"))
        .where(BudgetLine.grant_id == grant.id)
        .group_by(BudgetLine.heading_id)
        .subquery()
    )
    spent = (
        select(
            BudgetLine.heading_id,
            func.sum(
                case(
                    (
                        Expenditure.spent_on.between(period.start_date, period.end_date),
                        Expenditure.amount,
                    ),
                    else_=0,
                )
            ).label("in_period"),
            func.sum(
                case((Expenditure.spent_on <= period.end_date, Expenditure.amount), else_=0)
            ).label("to_date"),
        )
        .join(BudgetLine, Expenditure.budget_line_id == BudgetLine.id)
        .where(Expenditure.grant_id == grant.id)
        .group_by(BudgetLine.heading_id)
        .subquery()
    )
    statement = (
        select(*_name_columns(BudgetHeading), budgeted.c.budget, spent.c.in_period, spent.c.to_date)
        .join(budgeted, budgeted.c.heading_id == BudgetHeading.id)
        .outerjoin(spent, spent.c.heading_id == BudgetHeading.id)
        .order_by(BudgetHeading.sort_order, BudgetHeading.id)
    )
    return [
        BudgetRow(
            heading=_name(names, language),
            budget=_decimal(budget),
            spent_in_period=_decimal(in_period),
            spent_to_date=_decimal(to_date),
        )
        for *names, budget, in_period, to_date in session.execute(statement)
    ]


def _research(
    session: Session, grant: Grant, period: ReportingPeriod, language: str
) -> list[ResearchRow]:
    translate = translator_for(language).gettext
    statement = (
        select(
            *_name_columns(ResearchOutput),
            ResearchOutput.output_type,
            ResearchOutput.authors,
            ResearchOutput.published_on,
        )
        .where(
            ResearchOutput.project_id == grant.project_id,
            ResearchOutput.archived_at.is_(None),
            ResearchOutput.status == OutputStatus.PUBLISHED,
            ResearchOutput.published_on.between(period.start_date, period.end_date),
        )
        .order_by(ResearchOutput.published_on)
    )
    return [
        ResearchRow(
            title=_name(names, language),
            output_type=translate(OUTPUT_TYPE_LABELS[output_type]),
            authors=resolve_name({"en": authors}, language),
            published_on=published_on,
        )
        for *names, output_type, authors, published_on in session.execute(statement)
    ]


def _decimal(value: object) -> Decimal:
    """Sums come back as Decimal on PostgreSQL and sometimes as int or float on SQLite."""
    if value is None:
        return Decimal(0)
    return Decimal(str(value)).quantize(Decimal("0.01"))
