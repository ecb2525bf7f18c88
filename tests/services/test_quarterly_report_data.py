"""The quarterly report's figures are the records' own, on both databases.

Each figure is worked out here record by record (the project's activities and their
participant lines, the grant's budget lines and expenditures, the cases, the approved
indicator values), not by the report's queries, for every period of the demo grant, in
English and in Serbian Cyrillic (whose names go through the other fallback chain).
"""

from collections import defaultdict
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.domain.activity import Activity
from desktop.domain.case import CASE_CATEGORY_LABELS, Case
from desktop.domain.grant import BudgetLine, Expenditure, Grant
from desktop.domain.period import ReportingPeriod
from desktop.domain.person import Gender
from desktop.domain.project import PartnerRole
from desktop.domain.reference import Municipality
from desktop.domain.research import OutputStatus, ResearchOutput
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
)
from desktop.services.reports import ReportService
from desktop.store.database import Database
from desktop.store.demo import load_demo

CONTRACT = "2025/461-198"
CENT = Decimal("0.01")


def _overlaps(activity: Activity, period: ReportingPeriod) -> bool:
    return activity.start_date <= period.end_date and activity.end_date >= period.start_date


def _activities(session: Session, grant: Grant, period: ReportingPeriod, language: str) -> object:
    activities = sorted(
        (
            activity
            for activity in session.scalars(
                select(Activity).where(Activity.project_id == grant.project_id)
            )
            if activity.archived_at is None and _overlaps(activity, period)
        ),
        key=lambda activity: (activity.start_date, activity.id),
    )
    rows = []
    communities: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0])
    names: dict[int, tuple[int, int, str]] = {}
    for activity in activities:
        by_gender = [0, 0, 0]
        for line in activity.participants:
            column = {Gender.FEMALE: 0, Gender.MALE: 1}.get(line.gender, 2)
            by_gender[column] += line.count
            communities[line.community_id][column] += line.count
            community = line.community
            names[community.id] = (community.sort_order, community.id, community.name(language))
        rows.append(
            ActivityRow(
                activity.start_date,
                activity.end_date,
                activity.name(language),
                activity.activity_type.name(language),
                activity.municipality.name(language) if activity.municipality else "",
                *by_gender,
            )
        )
    community_rows = [
        CommunityRow(names[key][2], *counts)
        for key, counts in sorted(communities.items(), key=lambda item: names[item[0]][:2])
        if sum(counts)
    ]
    return rows, community_rows


def _budget(session: Session, grant: Grant, period: ReportingPeriod, language: str) -> object:
    lines = list(session.scalars(select(BudgetLine).where(BudgetLine.grant_id == grant.id)))
    figures: dict[int, list[Decimal]] = defaultdict(lambda: [Decimal(0)] * 3)
    headings = {line.heading_id: line.heading for line in lines}
    for line in lines:
        figures[line.heading_id][0] += line.amount
    for spent in session.scalars(select(Expenditure).where(Expenditure.grant_id == grant.id)):
        heading = spent.budget_line.heading_id
        if period.start_date <= spent.spent_on <= period.end_date:
            figures[heading][1] += spent.amount
        if spent.spent_on <= period.end_date:
            figures[heading][2] += spent.amount
    ordered = sorted(headings.values(), key=lambda heading: (heading.sort_order, heading.id))
    return [
        BudgetRow(heading.name(language), *(value.quantize(CENT) for value in figures[heading.id]))
        for heading in ordered
    ]


def _cases(session: Session, grant: Grant, period: ReportingPeriod, language: str) -> object:
    def within(day: date | None) -> int:
        return int(day is not None and period.start_date <= day <= period.end_date)

    by_category: dict[object, list[int]] = defaultdict(lambda: [0, 0])
    by_municipality: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for case in session.scalars(select(Case).where(Case.project_id == grant.project_id)):
        if case.archived_at is not None:
            continue
        for counts in (
            by_category[case.category],
            by_municipality[case.municipality.name(language)],
        ):
            counts[0] += within(case.opened_on)
            counts[1] += within(case.resolved_on)
    translate = translator_for(language).gettext
    categories = [
        CaseCountRow(translate(label), *by_category[category])
        for category, label in CASE_CATEGORY_LABELS.items()
        if any(by_category.get(category, ()))
    ]
    municipalities = sorted(
        (CaseCountRow(name, *counts) for name, counts in by_municipality.items() if any(counts)),
        key=lambda row: sort_key(row.label, language),
    )
    return categories, municipalities


def _indicators(
    session: Session, grant: Grant, period: ReportingPeriod, language: str
) -> list[IndicatorRow]:
    indicators = session.scalars(
        select(Indicator)
        .join(Result, Indicator.result_id == Result.id)
        .where(Result.project_id == grant.project_id)
        .order_by(Result.sort_order, Result.code, Indicator.code)
    )
    rows = []
    for indicator in indicators:
        approved = [
            value
            for value in session.scalars(
                select(IndicatorValue).where(IndicatorValue.indicator_id == indicator.id)
            )
            if value.status == ValueStatus.APPROVED and value.period.grant_id == grant.id
        ]
        now = [value.value for value in approved if value.period_id == period.id]
        to_date = [value.value for value in approved if value.period.end_date <= period.end_date]
        rows.append(
            IndicatorRow(
                indicator.code,
                indicator.name(language),
                indicator.unit or "",
                indicator.baseline,
                indicator.target,
                now[0].quantize(CENT) if now else None,
                (indicator.baseline or Decimal(0)) + sum(to_date, Decimal(0)).quantize(CENT)
                if to_date
                else None,
            )
        )
    return rows


def _research(session: Session, grant: Grant, period: ReportingPeriod, language: str) -> object:
    outputs = session.scalars(
        select(ResearchOutput).where(ResearchOutput.project_id == grant.project_id)
    )
    published = sorted(
        (
            output
            for output in outputs
            if output.archived_at is None
            and output.status == OutputStatus.PUBLISHED
            and output.published_on is not None
            and period.start_date <= output.published_on <= period.end_date
        ),
        key=lambda output: output.published_on or date.min,
    )
    return [(output.name(language), output.published_on) for output in published]


@pytest.mark.parametrize("language", ["en", "sr"])
def test_every_figure_of_every_period_is_the_records_own(db: Database, language: str) -> None:
    load_demo(db)
    service = ReportService(db)
    with db.transaction() as session:
        grant = session.scalars(select(Grant).where(Grant.contract_number == CONTRACT)).one()
        periods = list(
            session.scalars(
                select(ReportingPeriod)
                .where(ReportingPeriod.grant_id == grant.id)
                .order_by(ReportingPeriod.start_date)
            )
        )
        project = grant.project
        cover = (
            project.name(language),
            grant.donor.name(language),
            project.lead_organisation.name(language) if project.lead_organisation else "",
            [
                partner.organisation.name(language)
                for partner in sorted(project.partners, key=lambda partner: partner.id)
                if partner.role != PartnerRole.LEAD
            ],
            [m.name(language) for m in sorted(project.municipalities, key=_municipality_order)],
        )
        expected = [
            (
                period.id,
                _activities(session, grant, period, language),
                _budget(session, grant, period, language),
                _cases(session, grant, period, language),
                _indicators(session, grant, period, language),
                _research(session, grant, period, language),
            )
            for period in periods
        ]
    seen = {"activities": 0, "communities": 0, "budget": 0, "cases": 0, "research": 0}
    for period_id, activities, budget, cases, indicators, research in expected:
        report: QuarterlyReport = service.quarterly(grant.id, period_id, language)

        assert (
            report.project_title,
            report.donor,
            report.lead_organisation,
            report.partners,
            report.municipalities,
        ) == cover

        assert (report.activities, report.communities) == activities
        assert report.budget == budget
        assert (report.cases_by_category, report.cases_by_municipality) == cases
        assert report.indicators == indicators
        assert [(row.title, row.published_on) for row in report.research] == research
        seen["activities"] += len(report.activities)
        seen["communities"] += len(report.communities)
        seen["budget"] += sum(row.spent_in_period > 0 for row in report.budget)
        seen["cases"] += len(report.cases_by_municipality)
        seen["research"] += len(report.research)
    # The demo gives every table something to compare in at least one period.
    assert all(seen.values()), seen
    assert cover[3] and cover[4]


def _municipality_order(municipality: Municipality) -> tuple[int, int]:
    return municipality.sort_order, municipality.id
