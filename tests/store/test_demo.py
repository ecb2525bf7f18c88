"""The demo office as a user meets it: what `csodesk demo` leaves in an empty database.

Each test loads the demo into a fresh SQLite file and a fresh PostgreSQL database; that the
load succeeds at all shows the data satisfies every CHECK and foreign key of the schema.
"""

import re
from collections import Counter
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from desktop.domain import (
    Activity,
    Base,
    Case,
    CaseStatus,
    Expenditure,
    Gender,
    Grant,
    Indicator,
    IndicatorValue,
    NarrativeSection,
    NarrativeText,
    Organisation,
    OrganisationKind,
    ParticipantCount,
    PeriodKind,
    Person,
    Project,
    ReportingPeriod,
    ResearchOutput,
    Result,
    ResultLevel,
    User,
    ValueStatus,
)
from desktop.domain.multilingual import MultilingualName
from desktop.domain.research import OutputStatus, OutputType
from desktop.domain.search import names_of, search_key_of
from desktop.services.activities import ActivityService
from desktop.services.donor_profiles import donor_template
from desktop.services.grants import GrantService
from desktop.services.listing import ListQuery, search_condition
from desktop.services.projects import ProjectService
from desktop.services.research import ResearchOutputService
from desktop.store.database import Database, open_database
from desktop.store.demo import DEMO_TODAY, load_demo
from desktop.store.errors import DatabaseNotEmpty

FIRST_CONTRACT = "2025/461-198"
CYRILLIC = re.compile("[\u0400-\u04ff]")


def _all(session: Session, model: type[Any]) -> list[Any]:
    return list(session.scalars(select(model).order_by(model.id)))


def _row_counts(db: Database) -> dict[str, int]:
    with db.transaction() as session:
        return {
            table.name: session.scalar(select(func.count()).select_from(table)) or 0
            for table in Base.metadata.sorted_tables
        }


def test_each_project_has_a_grant_whose_budget_and_instalments_add_up(db: Database) -> None:
    load_demo(db)
    with db.transaction() as session:
        projects = _all(session, Project)
        assert len(projects) >= 3
        for project in projects:
            grants = session.scalars(select(Grant).where(Grant.project_id == project.id)).all()
            assert grants, project.code
            for grant in grants:
                assert grant.currency == "EUR"
                assert project.start_date <= grant.start_date <= grant.end_date
                assert grant.signed_on is not None and grant.signed_on <= grant.start_date
                assert sum(line.amount for line in grant.budget_lines) == grant.amount
                # Every line under a heading of the donor's template that carries lines, one
                # of them the share for indirect (or, on the simple template, administrative)
                # costs.
                template = donor_template(session, grant.donor_id)
                headings = {line.heading for line in grant.budget_lines}
                assert {heading.template_id for heading in headings} == {template.id}
                assert all(heading.carries_lines for heading in headings)
                assert {heading.code for heading in headings} & {
                    "eu_10_indirect",
                    "simple_5_administration",
                }
                assert 2 <= len(grant.instalments) <= 3
                assert sum(i.amount for i in grant.instalments) == grant.amount
                assert grant.instalments[0].received_on is not None


def test_every_expenditure_is_its_original_amount_times_the_rate(db: Database) -> None:
    load_demo(db)
    with db.transaction() as session:
        expenditures = _all(session, Expenditure)
        assert len(expenditures) >= 24
        assert {e.original_currency for e in expenditures} >= {"EUR", "RSD", "USD"}
        spent: Counter[int] = Counter()
        for e in expenditures:
            expected = (e.original_amount * e.rate).quantize(Decimal("0.01"), ROUND_HALF_UP)
            assert e.amount == expected, e.description
            assert e.budget_line.grant_id == e.grant_id
            assert e.grant.start_date <= e.spent_on <= e.grant.end_date, e.description
            spent[e.budget_line_id] += e.amount
        for expenditure in expenditures:
            line = expenditure.budget_line
            assert spent[line.id] <= line.amount, f"{line.code} {line.description} overspent"


def test_activities_take_place_across_municipalities_including_prishtine(db: Database) -> None:
    load_demo(db)
    with db.transaction() as session:
        activities = _all(session, Activity)
        assert len(activities) >= 40
        places = {a.municipality.code for a in activities if a.municipality}
        assert places >= {"prishtine", "mitrovice-veri", "zvecan", "gracanice", "prizren"}
        assert {a.activity_type.code for a in activities} >= {
            "public_consultation",
            "training",
            "campaign",
            "dialogue_event",
            "mcsc_meeting",
        }
        quarters = {(a.start_date.month - 1) // 3 + 1 for a in activities}
        assert {a.start_date.year for a in activities} == {2026}
        assert quarters == {1, 2, 3, 4}
        for activity in activities:
            partners = {p.organisation_id for p in activity.project.partners}
            assert activity.carried_out_by_id in partners, activity.name_en
            assert activity.start_date <= activity.end_date <= DEMO_TODAY
            assert activity.project.start_date <= activity.start_date <= activity.project.end_date


def test_participants_are_counted_by_gender_age_and_community(db: Database) -> None:
    load_demo(db)
    with db.transaction() as session:
        north_mixed = False
        communities: set[str] = set()
        for activity in _all(session, Activity):
            assert sum(p.count for p in activity.participants) > 0, activity.name_en
            assert all(p.count > 0 for p in activity.participants)
            assert {p.gender for p in activity.participants} >= {Gender.FEMALE, Gender.MALE}
            present = {p.community.code for p in activity.participants}
            communities |= present
            if activity.municipality.code == "mitrovice-veri":
                north_mixed |= {"albanian", "serb"} <= present
        assert north_mixed
        assert communities >= {"albanian", "serb", "roma", "ashkali", "egyptian", "bosniak"}
        women = session.scalar(
            select(func.sum(ParticipantCount.count)).where(ParticipantCount.gender == Gender.FEMALE)
        )
        total = session.scalar(select(func.sum(ParticipantCount.count)))
        assert 0.35 < women / total < 0.6


def test_names_are_in_albanian_serbian_cyrillic_and_english(db: Database) -> None:
    load_demo(db)
    with db.transaction() as session:
        for model in (Organisation, Project, Activity, Result, Indicator, ResearchOutput):
            records: list[MultilingualName] = _all(session, model)
            assert records, model.__name__
            for record in records:
                assert record.name_en and record.name_sq and record.name_sr, record.name_en
                assert CYRILLIC.search(record.name_sr), record.name_sr
                assert not CYRILLIC.search(record.name("sr_Latn")), record.name_en
        organisations = _all(session, Organisation)
        # Both paths to Serbian Latin: typed by the user, and derived from the Cyrillic.
        assert any(o.name_sr_latn for o in organisations)
        assert any(o.name_sr_latn is None for o in organisations)
        assert any(o.acronym for o in organisations)
        kinds = {o.kind for o in organisations}
        assert kinds == set(OrganisationKind) - {OrganisationKind.OTHER}
        names = {o.name_en for o in organisations}
        assert "European Union Office in Kosovo" in names
        assert "Kosovo Police" in names
        research = _all(session, ResearchOutput)
        assert any("Приштина" in r.name_sr for r in research)
        people = _all(session, Person)
        assert {p.gender for p in people} == {Gender.FEMALE, Gender.MALE}


def test_the_first_grant_has_what_its_2026_q1_report_needs(db: Database) -> None:
    load_demo(db)
    grants = GrantService(db)
    grant_id = grants.find(FIRST_CONTRACT)
    period_id = grants.find_period(grant_id, "2026-Q1")
    with db.transaction() as session:
        grant = session.get(Grant, grant_id)
        period = session.get(ReportingPeriod, period_id)
        assert (period.start_date, period.end_date) == (date(2026, 1, 1), date(2026, 3, 31))
        assert period.due_on == date(2026, 4, 30)
        in_period = [
            a
            for a in _all(session, Activity)
            if a.project_id == grant.project_id
            and period.start_date <= a.start_date <= period.end_date
        ]
        assert "prishtine" in {a.municipality.code for a in in_period}
        values = session.scalars(
            select(IndicatorValue).where(IndicatorValue.period_id == period.id)
        ).all()
        assert len(values) >= 3
        assert {v.status for v in values} == {ValueStatus.APPROVED}
        spent = session.scalars(
            select(Expenditure).where(
                Expenditure.grant_id == grant.id,
                Expenditure.spent_on.between(period.start_date, period.end_date),
            )
        ).all()
        assert len(spent) >= 5
        published = session.scalars(
            select(ResearchOutput).where(
                ResearchOutput.project_id == grant.project_id,
                ResearchOutput.published_on.between(period.start_date, period.end_date),
            )
        ).all()
        assert published
        for label in ("2026-Q1", "2026-Q2", "2026-Q3"):
            texts = session.scalars(
                select(NarrativeText)
                .join(ReportingPeriod)
                .where(ReportingPeriod.grant_id == grant.id, ReportingPeriod.label == label)
            ).all()
            written = {(t.language, t.section) for t in texts if t.text.strip()}
            for language in ("en", "sq"):
                for section in (
                    NarrativeSection.SUMMARY,
                    NarrativeSection.CHALLENGES,
                    NarrativeSection.NEXT_STEPS,
                ):
                    assert (language, section) in written, (label, language, section)


def test_reporting_periods_are_the_quarters_of_2026(db: Database) -> None:
    load_demo(db)
    with db.transaction() as session:
        periods = _all(session, ReportingPeriod)
        for period in periods:
            assert re.fullmatch(r"2026-Q[1-4]", period.label)
            assert period.kind == PeriodKind.QUARTERLY
            assert period.due_on == period.end_date + timedelta(days=30)
            assert period.grant.start_date <= period.start_date <= period.end_date
            assert period.end_date <= period.grant.end_date
        first = [p.label for p in periods if p.grant.contract_number == FIRST_CONTRACT]
        assert first == ["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"]


def test_each_project_has_a_results_framework_with_values(db: Database) -> None:
    load_demo(db)
    with db.transaction() as session:
        for project in _all(session, Project):
            results = session.scalars(select(Result).where(Result.project_id == project.id))
            levels = Counter(r.level for r in results)
            assert levels[ResultLevel.OBJECTIVE] == 1, project.code
            assert 1 <= levels[ResultLevel.OUTCOME] <= 2, project.code
            assert 2 <= levels[ResultLevel.OUTPUT] <= 3, project.code
            for result in session.scalars(select(Result).where(Result.project_id == project.id)):
                assert 1 <= len(result.indicators) <= 2, (project.code, result.code)
                if result.level != ResultLevel.OBJECTIVE:
                    assert result.parent is not None and result.parent.project_id == project.id
                for indicator in result.indicators:
                    assert indicator.unit and indicator.means_of_verification
                    assert indicator.baseline is not None
                    assert indicator.target > indicator.baseline
        statuses: dict[str, set[ValueStatus]] = {}
        for value in _all(session, IndicatorValue):
            assert value.period.grant.project_id == value.indicator.result.project_id
            statuses.setdefault(value.period.label, set()).add(value.status)
        assert statuses["2026-Q1"] == statuses["2026-Q2"] == {ValueStatus.APPROVED}
        assert statuses["2026-Q3"] == {ValueStatus.SUBMITTED, ValueStatus.DRAFT}


def test_research_outputs_are_reports_briefs_and_a_survey(db: Database) -> None:
    load_demo(db)
    with db.transaction() as session:
        outputs = _all(session, ResearchOutput)
        assert len(outputs) >= 6
        assert {o.output_type for o in outputs} >= {
            OutputType.RESEARCH_REPORT,
            OutputType.POLICY_BRIEF,
            OutputType.SURVEY,
        }
        published = [o for o in outputs if o.status == OutputStatus.PUBLISHED]
        assert len(published) >= 3
        for output in outputs:
            assert output.authors and output.languages
            is_published = output.status == OutputStatus.PUBLISHED
            assert (output.published_on is not None) == is_published, output.name_en
            if is_published:
                assert output.published_on.year == 2026
                assert output.publisher and output.place
        assert sum(1 for o in outputs if o.doi or o.isbn) >= 2
        for output in outputs:
            if output.isbn:
                digits = [int(c) for c in output.isbn if c.isdigit()]
                assert len(digits) == 13
                assert sum(d * (3 if i % 2 else 1) for i, d in enumerate(digits)) % 10 == 0


def test_cases_are_followed_from_open_to_their_status(db: Database) -> None:
    today = date(2026, 12, 1)
    load_demo(db, today=today)
    with db.transaction() as session:
        cases = _all(session, Case)
        assert len(cases) >= 10
        assert len({c.municipality_id for c in cases}) >= 5
        assert {c.status for c in cases} == set(CaseStatus)
        overdue = [
            c
            for c in cases
            if c.due_on < today and c.status not in (CaseStatus.RESOLVED, CaseStatus.CLOSED)
        ]
        assert overdue
        admin = session.scalar(select(User))
        for case in cases:
            steps = case.history
            assert steps[0].status == CaseStatus.OPEN, case.reference
            assert steps[-1].status == case.status, case.reference
            assert [s.changed_at for s in steps] == sorted(s.changed_at for s in steps)
            assert steps[0].changed_at.date() == case.opened_on <= today
            assert steps[-1].changed_at.date() <= today
            assert all(s.changed_by_id == admin.id for s in steps)
            resolved = [s.changed_at.date() for s in steps if s.status == CaseStatus.RESOLVED]
            assert case.resolved_on == (resolved[0] if resolved else None)
            if CaseStatus.REFERRED in {s.status for s in steps}:
                assert case.referred_to is not None
                assert case.referred_to.kind == OrganisationKind.INSTITUTION
        assert max(c.opened_on for c in cases) >= today - timedelta(days=14)


def test_a_second_load_is_refused_and_changes_nothing(db: Database) -> None:
    load_demo(db)
    before = _row_counts(db)
    with pytest.raises(DatabaseNotEmpty) as refused:
        load_demo(db)
    assert db.description in str(refused.value)
    assert "already holds data" in str(refused.value)
    assert _row_counts(db) == before


def test_a_database_holding_any_organisation_is_refused(db: Database) -> None:
    with db.transaction() as session:
        session.add(Organisation(name_en="Our own CSO", kind=OrganisationKind.PARTNER_CSO))
    before = _row_counts(db)
    with pytest.raises(DatabaseNotEmpty):
        load_demo(db)
    assert _row_counts(db) == before


def test_the_summary_counts_what_was_written(db: Database) -> None:
    summary = load_demo(db)
    counts = _row_counts(db)
    assert summary.organisations == counts["organisations"] >= 8
    assert summary.people == counts["people"] >= 5
    assert summary.projects == counts["projects"] >= 3
    assert summary.grants == counts["grants"] >= 3
    assert summary.budget_lines == counts["budget_lines"]
    assert summary.instalments == counts["instalments"]
    assert summary.expenditures == counts["expenditures"]
    assert summary.reporting_periods == counts["reporting_periods"]
    assert summary.narrative_texts == counts["narrative_texts"]
    assert summary.activities == counts["activities"] >= 40
    assert summary.results == counts["results"]
    assert summary.indicators == counts["indicators"]
    assert summary.indicator_values == counts["indicator_values"]
    assert summary.research_outputs == counts["research_outputs"] >= 6
    assert summary.cases == counts["cases"] >= 10
    assert summary.users == counts["users"] == 1
    with db.transaction() as session:
        assert summary.participants == session.scalar(select(func.sum(ParticipantCount.count)))


def test_records_are_found_by_any_spelling_as_typed_ones_are(db: Database) -> None:
    load_demo(db)
    with db.transaction() as session:
        for organisation in _all(session, Organisation):
            assert organisation.search_key == search_key_of(
                organisation.acronym, *names_of(organisation)
            )
        for project in _all(session, Project):
            assert project.search_key == search_key_of(project.code, *names_of(project))
        for grant in _all(session, Grant):
            assert grant.search_key == search_key_of(grant.contract_number, grant.title)
        for typed in ("Prishtinë", "prishtine", "Priština", "Приштина"):
            found = session.scalars(
                select(ResearchOutput).where(search_condition(ResearchOutput.search_key, typed))
            ).all()
            assert any("Приштина" in output.name_sr for output in found), typed
    rows = ProjectService(db).page(ListQuery(search="безбедност заједнице", language="sr"))
    assert "CSK-2025-01" in {row.code for row in rows}


def test_the_sqlite_file_passes_its_own_checks(sqlite_db: Database) -> None:
    load_demo(sqlite_db)
    with sqlite_db.engine.connect() as connection:
        assert connection.execute(text("PRAGMA foreign_key_check")).all() == []
        assert connection.execute(text("PRAGMA integrity_check")).scalar() == "ok"


def test_the_demo_is_the_same_every_time(tmp_path: Path) -> None:
    """Two loads write the same rows, but for the random UUIDs and the time of writing."""
    snapshots = []
    for name in ("first", "second"):
        db = open_database(str(tmp_path / f"{name}.sqlite3"))
        try:
            load_demo(db)
            snapshots.append(_snapshot(db))
        finally:
            db.close()
    assert snapshots[0] == snapshots[1]


def _snapshot(db: Database) -> dict[str, list[tuple[Any, ...]]]:
    varying = {"uuid", "created_at", "updated_at"}
    with db.engine.connect() as connection:
        return {
            table.name: [
                tuple(row)
                for row in connection.execute(
                    select(*(c for c in table.columns if c.name not in varying)).order_by(
                        *table.primary_key.columns
                    )
                )
            ]
            for table in Base.metadata.sorted_tables
        }


def test_demo_records_saved_back_unchanged_are_no_change(db: Database) -> None:
    """The demo is written as the services would write it: saving a record back as it is
    changes nothing — no new version a colleague's editor would trip over."""
    load_demo(db)
    services = (ProjectService(db), GrantService(db), ActivityService(db))
    with db.transaction() as session:
        first = {
            ProjectService: session.scalar(select(func.min(Project.id))),
            GrantService: session.scalar(select(func.min(Grant.id))),
            ActivityService: session.scalar(select(func.min(Activity.id))),
        }
        outputs = list(session.scalars(select(ResearchOutput.id)))
    research = ResearchOutputService(db)
    for output_id in outputs:
        stored = research.get(output_id)
        research.update(output_id, stored.form, stored.version)
        assert research.get(output_id).version == stored.version, output_id
    for service in services:
        record_id = first[type(service)]
        stored = service.get(record_id)
        service.update(record_id, stored.form, stored.version)
        assert service.get(record_id).version == stored.version, type(service).__name__
