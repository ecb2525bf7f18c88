"""The Dashboard's figures on the demo office, each checked against a direct SQL query, and
followed as the office records an activity and closes a case."""

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import select, text

from desktop.domain import Municipality, Organisation, Project
from desktop.domain.activity import Activity, AgeBand
from desktop.domain.case import Case, CaseStatus
from desktop.domain.grant import Expenditure, Grant
from desktop.domain.person import Gender
from desktop.domain.user import Role
from desktop.services.activities import (
    ActivityFilters,
    ActivityForm,
    ActivityService,
    ParticipantLine,
)
from desktop.services.actor import Actor
from desktop.services.cases import ACTIVE_STATUSES, CaseQuery, CaseService
from desktop.services.dashboard import DashboardFigures, DashboardService
from desktop.services.reference import ReferenceService
from desktop.store.database import Database
from desktop.store.demo import DEMO_TODAY, load_demo
from tests.sql_log import sqlite_plan, statements_sent

TODAY = DEMO_TODAY  # 2026-10-20
FIRST, LAST = date(2026, 1, 1), date(2026, 12, 31)


@pytest.fixture
def demo(db: Database) -> Database:
    load_demo(db, today=TODAY)
    return db


def _sql(db: Database, statement: str, **params: Any) -> list[Any]:
    with db.transaction() as session:
        return list(session.execute(text(statement), params))


def _figures(db: Database, language: str = "en") -> DashboardFigures:
    return DashboardService(db).figures(TODAY, language)


def test_burn_rate_of_each_running_grant(demo: Database) -> None:
    figures = _figures(demo)
    expected = _sql(
        demo,
        """
        SELECT g.contract_number, g.amount, g.start_date, g.end_date,
               (SELECT COALESCE(SUM(e.amount), 0) FROM expenditures e
                 WHERE e.grant_id = g.id AND e.spent_on <= :today)
          FROM grants g
         WHERE g.archived_at IS NULL AND g.start_date <= :today AND g.end_date >= :today
         ORDER BY g.end_date, g.contract_number
        """,
        today=TODAY,
    )
    assert len(expected) == 3  # the research grant ended in the summer
    assert [g.contract_number for g in figures.grants] == [row[0] for row in expected]
    for burn, (_number, amount, start, end, spent) in zip(figures.grants, expected, strict=True):
        start, end = _as_date(start), _as_date(end)
        assert burn.budget == Decimal(str(amount))
        assert burn.spent == Decimal(str(spent)).quantize(Decimal("0.01"))
        assert burn.spent_share == (burn.spent / burn.budget).quantize(Decimal("0.0001"))
        elapsed = Decimal((TODAY - start).days + 1) / Decimal((end - start).days + 1)
        assert burn.time_share == elapsed.quantize(Decimal("0.0001"))
        assert 0 < burn.spent_share < burn.time_share < 1  # the demo spends behind time
    assert figures.grants[-1].contract_number == "2025/461-198"


def test_indicator_progress_counts_approved_values_only(demo: Database) -> None:
    figures = _figures(demo)
    expected = _sql(
        demo,
        """
        SELECT p.code, i.id, i.baseline, i.target,
               COALESCE(SUM(CASE WHEN v.status = 'approved' THEN v.value END), 0)
          FROM indicators i
          JOIN results r ON r.id = i.result_id
          JOIN projects p ON p.id = r.project_id
          LEFT JOIN indicator_values v ON v.indicator_id = i.id
         WHERE p.archived_at IS NULL AND p.status = 'active' AND i.target IS NOT NULL
         GROUP BY p.code, i.id, i.baseline, i.target
        """,
    )
    by_id = {row[1]: row for row in expected}
    shown = [
        (project.code, indicator)
        for project in figures.progress
        for indicator in project.indicators
    ]
    assert sorted(indicator.indicator_id for _code, indicator in shown) == sorted(by_id)
    assert len({code for code, _indicator in shown}) == 3  # the completed project is left out
    for code, indicator in shown:
        project_code, _id, baseline, target, approved = by_id[indicator.indicator_id]
        start = Decimal(str(baseline or 0))
        assert code == project_code
        assert indicator.target == Decimal(str(target))
        assert indicator.achieved == start + Decimal(str(approved))
        assert indicator.share == (
            (indicator.achieved - start) / (indicator.target - start)
        ).quantize(Decimal("0.0001"))
    # Drafts and submitted values of the third quarter do not count.
    unreviewed = _sql(demo, "SELECT COUNT(*) FROM indicator_values WHERE status <> 'approved'")
    assert unreviewed[0][0] > 0


_PER_ACTIVITY = """
    WITH per AS (
      SELECT a.id, a.municipality_id,
             CASE WHEN a.start_date < :q2 THEN 1 WHEN a.start_date < :q3 THEN 2
                  WHEN a.start_date < :q4 THEN 3 ELSE 4 END AS quarter,
             (SELECT COALESCE(SUM(c.count), 0) FROM participant_counts c
               WHERE c.activity_id = a.id AND c.gender = 'female') AS women,
             (SELECT COALESCE(SUM(c.count), 0) FROM participant_counts c
               WHERE c.activity_id = a.id AND c.gender = 'male') AS men,
             COALESCE(a.participants_total,
                      (SELECT COALESCE(SUM(c.count), 0) FROM participant_counts c
                        WHERE c.activity_id = a.id)) AS total
        FROM activities a
       WHERE a.archived_at IS NULL AND a.start_date >= :first AND a.start_date <= :last)
    SELECT {key}, COUNT(*), SUM(women), SUM(men), SUM(total) FROM per GROUP BY {key}
"""


def _participation(db: Database, key: str) -> dict[Any, tuple[int, int, int, int]]:
    rows = _sql(
        db,
        _PER_ACTIVITY.format(key=key),
        q2=date(2026, 4, 1),
        q3=date(2026, 7, 1),
        q4=date(2026, 10, 1),
        first=FIRST,
        last=LAST,
    )
    return {row[0]: tuple(int(figure) for figure in row[1:]) for row in rows}


def test_activities_and_participants_per_municipality_and_quarter(demo: Database) -> None:
    figures = _figures(demo)
    places = _participation(demo, "municipality_id")
    assert {
        entry.municipality_id: (
            entry.totals.activities,
            entry.totals.women,
            entry.totals.men,
            entry.totals.total,
        )
        for entry in figures.by_municipality
    } == places
    totals = [entry.totals.total for entry in figures.by_municipality]
    assert totals == sorted(totals, reverse=True)
    with demo.transaction() as session:
        prishtine = session.scalar(select(Municipality.id).where(Municipality.code == "prishtine"))
    assert figures.by_municipality[0].municipality_id == prishtine
    assert figures.by_municipality[0].name == "Prishtinë/Priština"

    quarters = _participation(demo, "quarter")
    assert [entry.quarter for entry in figures.by_quarter] == [1, 2, 3, 4]
    for entry in figures.by_quarter:
        totals_of = entry.totals
        expected = quarters.get(entry.quarter, (0, 0, 0, 0))
        assert (totals_of.activities, totals_of.women, totals_of.men, totals_of.total) == expected
    assert figures.participation.activities == sum(q[0] for q in quarters.values()) == 50


def test_cases_by_status_and_overdue(demo: Database) -> None:
    figures = _figures(demo)
    counted = dict(
        _sql(demo, "SELECT status, COUNT(*) FROM cases WHERE archived_at IS NULL GROUP BY status")
    )
    assert [status for status, _count in figures.cases.by_status] == list(CaseStatus)
    assert {status.value: count for status, count in figures.cases.by_status if count} == counted
    assert figures.cases.open == sum(
        counted.get(status, 0) for status in ("open", "in_progress", "referred")
    )
    [(overdue,)] = _sql(
        demo,
        """
        SELECT COUNT(*) FROM cases
         WHERE archived_at IS NULL AND due_on < :today
           AND status IN ('open', 'in_progress', 'referred')
        """,
        today=TODAY,
    )
    assert figures.cases.overdue == overdue == 4
    overdue_listed = CaseService(demo).count(CaseQuery(today=TODAY).with_filter("overdue", True))
    assert overdue_listed == figures.cases.overdue


def test_next_report_deadlines_soonest_first(demo: Database) -> None:
    figures = _figures(demo, "sq")
    expected = _sql(
        demo,
        """
        SELECT rp.id, rp.due_on, g.contract_number
          FROM reporting_periods rp JOIN grants g ON g.id = rp.grant_id
         WHERE rp.due_on >= :today AND g.archived_at IS NULL
         ORDER BY rp.due_on, g.contract_number, rp.start_date
        """,
        today=TODAY,
    )
    assert [d.period_id for d in figures.deadlines] == [row[0] for row in expected][:6]
    first = figures.deadlines[0]
    assert (first.label, first.due_on, first.days_left) == ("2026-Q3", date(2026, 10, 30), 10)
    assert all(d.due_on >= TODAY for d in figures.deadlines)
    with demo.transaction() as session:
        project = session.scalar(select(Project).where(Project.code == first.project_code))
        assert first.project == project.name("sq")


def test_figures_follow_a_new_activity_and_a_closed_case(demo: Database) -> None:
    before = _figures(demo)
    reference = ReferenceService(demo)
    municipalities = {choice.code: choice.id for choice in reference.municipalities("en")}
    types = {choice.code: choice.id for choice in reference.activity_types("en")}
    communities = {choice.code: choice.id for choice in reference.communities("en")}
    with demo.transaction() as session:
        project_id = session.scalar(select(Project.id).where(Project.code == "CSK-2025-03"))
    community = next(iter(communities))
    ActivityService(demo).create(
        ActivityForm(
            name_en="Dialogue event with the police in Zvečan",
            project_id=project_id,
            activity_type_id=next(iter(types.values())),
            municipality_id=municipalities["zvecan"],
            start_date=date(2026, 10, 15),
            end_date=date(2026, 10, 15),
            participants=[
                ParticipantLine(Gender.FEMALE, AgeBand.FROM_18_TO_29, community, 7),
                ParticipantLine(Gender.MALE, AgeBand.FROM_30_TO_44, community, 5),
            ],
        )
    )
    cases = CaseService(demo)
    [resolved] = cases.page(CaseQuery(search="CS-2026-001"))
    assert resolved.status == CaseStatus.RESOLVED
    version = cases.get(resolved.id).version
    cases.change_status(
        resolved.id, CaseStatus.CLOSED, "Parents confirmed the lamps work.", version
    )

    after = _figures(demo)
    place = {e.municipality_id: e.totals for e in after.by_municipality}[municipalities["zvecan"]]
    place_before = {e.municipality_id: e.totals for e in before.by_municipality}[
        municipalities["zvecan"]
    ]
    assert (place.activities, place.women, place.men, place.total) == (
        place_before.activities + 1,
        place_before.women + 7,
        place_before.men + 5,
        place_before.total + 12,
    )
    q4_before, q4_after = before.by_quarter[3].totals, after.by_quarter[3].totals
    assert (q4_after.activities, q4_after.total) == (q4_before.activities + 1, q4_before.total + 12)
    assert after.by_quarter[:3] == before.by_quarter[:3]
    assert after.cases.count(CaseStatus.RESOLVED) == before.cases.count(CaseStatus.RESOLVED) - 1
    assert after.cases.count(CaseStatus.CLOSED) == before.cases.count(CaseStatus.CLOSED) + 1
    assert after.cases.open == before.cases.open


def test_figures_are_named_in_the_asked_language(demo: Database) -> None:
    serbian = _figures(demo, "sr")
    english = _figures(demo, "en")
    assert serbian.by_municipality[0].name == "Приштина"
    assert english.grants[0].project != serbian.grants[0].project
    assert [g.spent for g in english.grants] == [g.spent for g in serbian.grants]


def _as_date(value: Any) -> date:
    """SQLite hands a date column back to a text query as ISO text."""
    return value if isinstance(value, date) else date.fromisoformat(value)


def test_each_grants_burn_is_the_sum_of_its_expenditures_to_the_day(demo: Database) -> None:
    figures = _figures(demo)
    spent: dict[int, Decimal] = {}
    later: dict[int, int] = {}
    with demo.transaction() as session:
        for expenditure in session.scalars(select(Expenditure)):
            if expenditure.spent_on <= TODAY:
                spent[expenditure.grant_id] = spent.get(expenditure.grant_id, Decimal(0)) + (
                    expenditure.amount
                )
            else:
                later[expenditure.grant_id] = later.get(expenditure.grant_id, 0) + 1
        running = {
            grant.id: grant
            for grant in session.scalars(select(Grant))
            if grant.archived_at is None and grant.start_date <= TODAY <= grant.end_date
        }
    assert {burn.grant_id for burn in figures.grants} == set(running)
    for burn in figures.grants:
        assert burn.spent == spent.get(burn.grant_id, Decimal(0)).quantize(Decimal("0.01"))
        assert burn.budget == running[burn.grant_id].amount
        assert burn.currency == running[burn.grant_id].currency
    assert sum(burn.spent for burn in figures.grants) > 0


def _scope_of(db: Database, organisation_id: int) -> set[int]:
    """The projects an organisation leads or partners, found by walking every project."""
    with db.transaction() as session:
        return {
            project.id
            for project in session.scalars(select(Project))
            if project.lead_organisation_id == organisation_id
            or any(partner.organisation_id == organisation_id for partner in project.partners)
        }


def _a_partner_with_some_projects(db: Database) -> tuple[Actor, set[int]]:
    with db.transaction() as session:
        organisations = list(session.scalars(select(Organisation.id).order_by(Organisation.id)))
        every = set(session.scalars(select(Project.id)))
    for organisation_id in organisations:
        scope = _scope_of(db, organisation_id)
        if scope and scope != every:
            return Actor("arta", Role.STAFF, organisation_id=organisation_id), scope
    raise AssertionError("the demo has no partner organisation with only some projects")


def test_a_scoped_officer_sees_the_lead_offices_figures_restricted_to_their_projects(
    demo: Database,
) -> None:
    officer, scope = _a_partner_with_some_projects(demo)
    lead = _figures(demo)
    theirs = DashboardService(demo, officer).figures(TODAY, "en")
    with demo.transaction() as session:
        project_of_grant = {
            grant_id: project_id
            for grant_id, project_id in session.execute(select(Grant.id, Grant.project_id))
        }
        activities = [
            activity
            for activity in session.scalars(select(Activity))
            if activity.archived_at is None
            and FIRST <= activity.start_date <= LAST
            and activity.project_id in scope
        ]
        cases = [
            case
            for case in session.scalars(select(Case))
            if case.archived_at is None and case.project_id in scope
        ]
    assert theirs.grants == tuple(
        burn for burn in lead.grants if project_of_grant[burn.grant_id] in scope
    )
    assert theirs.progress == tuple(
        progress for progress in lead.progress if progress.project_id in scope
    )
    # the chosen organisation has some of the active projects with targets, not all
    assert 0 < len(theirs.progress) < len(lead.progress)
    people = theirs.participation
    assert people.activities == len(activities) > 0
    assert people.women == sum(activity.participants_women for activity in activities)
    assert people.men == sum(activity.participants_men for activity in activities)
    assert people.total == sum(
        activity.participants_recorded
        if activity.participants_total is None
        else activity.participants_total
        for activity in activities
    )
    assert people.activities < lead.participation.activities
    for entry in theirs.by_quarter:
        assert entry.totals.activities == sum(
            1 for activity in activities if (activity.start_date.month + 2) // 3 == entry.quarter
        )
    assert {status: count for status, count in theirs.cases.by_status if count} == {
        status: sum(1 for case in cases if case.status == status)
        for status in {case.status for case in cases}
    }
    assert theirs.cases.overdue == sum(
        1
        for case in cases
        if case.status in ACTIVE_STATUSES and case.due_on is not None and case.due_on < TODAY
    )
    assert {deadline.grant_id for deadline in theirs.deadlines} <= {
        grant for grant, project in project_of_grant.items() if project in scope
    }


def test_quarters_of_several_years_each_add_up_their_own_activities(demo: Database) -> None:
    reference = ReferenceService(demo)
    community = reference.communities("en")[0].code
    with demo.transaction() as session:
        project_id = session.scalar(select(Project.id).where(Project.code == "CSK-2025-03"))
    for day, women in ((date(2025, 12, 31), 4), (date(2025, 1, 1), 3), (date(2024, 7, 1), 2)):
        ActivityService(demo).create(
            ActivityForm(
                name_en=f"Town hall meeting of {day.isoformat()}",
                project_id=project_id,
                activity_type_id=reference.activity_types("en")[0].id,
                municipality_id=reference.municipalities("en")[0].id,
                start_date=day,
                end_date=day,
                participants=[
                    ParticipantLine(Gender.FEMALE, AgeBand.FROM_18_TO_29, community, women)
                ],
            )
        )
    summary = ActivityService(demo).participant_totals(ActivityFilters(), "en")
    expected: dict[tuple[int, int], list[int]] = {}
    with demo.transaction() as session:
        for activity in session.scalars(select(Activity)):
            if activity.archived_at is None:
                key = (activity.start_date.year, (activity.start_date.month + 2) // 3)
                counted = expected.setdefault(key, [0, 0])
                counted[0] += 1
                counted[1] += activity.participants_women
    assert [(entry.year, entry.quarter) for entry in summary.by_quarter] == sorted(expected)
    assert {
        (entry.year, entry.quarter): [entry.totals.activities, entry.totals.women]
        for entry in summary.by_quarter
    } == expected
    assert {(2024, 3), (2025, 1), (2025, 4), (2026, 4)} <= set(expected)


def test_the_years_participants_are_read_from_the_index_alone_on_sqlite(
    sqlite_db: Database,
) -> None:
    load_demo(sqlite_db, today=TODAY)
    with statements_sent(sqlite_db) as sent:
        _figures(sqlite_db)
    months = [item for item in sent if "participants_women" in item[0]]
    # one statement a month, each a range of the index alone, no month worked out per row
    assert len(months) == 12
    for statement, parameters in months:
        assert "USING COVERING INDEX ix_activities_participation" in sqlite_plan(
            sqlite_db, statement, parameters
        )
        assert "substr" not in statement.lower()


def test_the_year_read_month_by_month_adds_up_as_in_one_statement(
    demo: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop.services import activities_totals

    year = ActivityFilters(date_from=date(2026, 1, 1), date_to=date(2026, 12, 31))
    by_month = ActivityService(demo).participant_totals(year)
    monkeypatch.setattr(activities_totals, "MOST_MONTHS", 0)
    with statements_sent(demo) as sent:
        at_once = ActivityService(demo).participant_totals(year)
    assert len([item for item in sent if "participants_women" in item[0]]) == 1
    assert by_month == at_once
    assert by_month.overall.activities > 0
    assert len(by_month.by_quarter) == 4


def test_the_charts_show_the_grants_ending_soonest_and_the_indicators_furthest_behind(
    demo: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A large office runs hundreds of grants and thousands of indicators: the charts show
    a few, and the figures say how many more there are (bounds made small for the demo)."""
    from desktop.services import dashboard

    whole = _figures(demo)
    every_indicator = [
        (project.code, indicator) for project in whole.progress for indicator in project.indicators
    ]
    assert (whole.grants_running, whole.indicators_with_targets) == (3, len(every_indicator))
    assert whole.grants_not_shown == whole.indicators_not_shown == 0

    monkeypatch.setattr(dashboard, "GRANTS_SHOWN", 2)
    monkeypatch.setattr(dashboard, "INDICATORS_SHOWN", 5)
    bounded = _figures(demo)

    assert bounded.grants == whole.grants[:2]  # ending soonest, with the same sums
    assert (bounded.grants_running, bounded.grants_not_shown) == (3, 1)
    shares = sorted(
        indicator.share for _code, indicator in every_indicator if indicator.share is not None
    )
    shown = [indicator for project in bounded.progress for indicator in project.indicators]
    assert len(shown) == 5
    assert sorted(indicator.share for indicator in shown) == shares[:5]  # furthest behind
    # in the chart's order: projects by code, each with its indicators as before
    assert [indicator for _code, indicator in every_indicator if indicator in shown] == shown
    assert [project.code for project in bounded.progress] == sorted(
        {project.code for project in bounded.progress}
    )
    assert bounded.indicators_not_shown == len(every_indicator) - 5
    assert bounded.participation == whole.participation  # the rest is not bounded
    assert bounded.cases == whole.cases
