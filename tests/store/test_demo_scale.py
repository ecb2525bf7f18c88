"""The benchmark office as someone timing the lists meets it: what ``csodesk demo --scale``
leaves in an empty database, on SQLite and PostgreSQL.

That a load succeeds at all shows every row satisfies the schema's CHECKs and foreign keys;
these tests check what the schema cannot: that the figures add up the way the services and
reports add them up, and that the office is the same for the same seed.
"""

from collections import Counter
from dataclasses import asdict, replace
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import and_, func, select, text, true
from sqlalchemy.orm import Session

from desktop.domain import (
    Activity,
    Base,
    Expenditure,
    Gender,
    Grant,
    Indicator,
    IndicatorValue,
    Organisation,
    ParticipantCount,
    ParticipantRollup,
    Project,
    ReportingPeriod,
    Result,
)
from desktop.domain.activity import AgeBand
from desktop.domain.search import names_of, search_key_of
from desktop.i18n.folding import fold
from desktop.services.donor_profiles import donor_template
from desktop.services.listing import ListQuery
from desktop.services.organisations import OrganisationForm, OrganisationService
from desktop.services.projects import ProjectForm, ProjectService
from desktop.store.database import Database, open_database
from desktop.store.demo import load_demo
from desktop.store.demo_scale import ScaleSummary, load_scaled_demo
from desktop.store.errors import DatabaseNotEmpty

ACTIVITIES = 1_000
CENT = Decimal("0.01")


@pytest.fixture
def progress() -> list[tuple[int, int]]:
    return []


@pytest.fixture
def scaled(db: Database, progress: list[tuple[int, int]]) -> ScaleSummary:
    return load_scaled_demo(
        db, ACTIVITIES, progress=lambda done, total: progress.append((done, total))
    )


def _count(session: Session, model: Any) -> int:
    return session.scalar(select(func.count()).select_from(model)) or 0


def test_a_thousand_activities_come_with_an_office_in_proportion(
    db: Database, scaled: ScaleSummary
) -> None:
    with db.transaction() as session:
        assert _count(session, Activity) == ACTIVITIES == scaled.activities
        assert _count(session, Organisation) == 10
        assert _count(session, Project) == 3 == _count(session, Grant)
        assert _count(session, Expenditure) == 2 * ACTIVITIES
        rows = {table.name: _count(session, table) for table in Base.metadata.sorted_tables}
        per_activity = session.scalars(
            select(func.count())
            .select_from(ParticipantCount)
            .group_by(ParticipantCount.activity_id)
        ).all()
    written = {name: count for name, count in asdict(scaled).items() if name in rows}
    assert written == {name: rows[name] for name in written}
    assert (rows["people"], rows["research_outputs"], rows["cases"]) == (25, 10, 20)
    assert rows["results"] == 6 * 3 and rows["indicators"] == 6 * 3
    assert rows["indicator_values"] > 0 and rows["narrative_texts"] > 0
    assert rows["case_status_changes"] >= rows["cases"]
    # A few counts per activity, never the whole gender × age × community grid.
    assert len(per_activity) == ACTIVITIES and 1 <= min(per_activity) <= max(per_activity) <= 12
    assert 2.5 <= sum(per_activity) / ACTIVITIES <= 5


def test_progress_climbs_to_the_whole(
    scaled: ScaleSummary, progress: list[tuple[int, int]]
) -> None:
    done = [step for step, _total in progress]
    total = progress[-1][1]
    assert done == sorted(done) and progress[-1] == (total, total)
    assert total > ACTIVITIES and {whole for _step, whole in progress} == {total}


def test_breakdowns_add_up_but_for_the_few_flagged_incomplete(
    db: Database, scaled: ScaleSummary
) -> None:
    counted = (
        select(ParticipantCount.activity_id, func.sum(ParticipantCount.count).label("counted"))
        .group_by(ParticipantCount.activity_id)
        .subquery()
    )
    with db.transaction() as session:
        differing = session.scalar(
            select(func.count())
            .select_from(Activity)
            .join(counted, counted.c.activity_id == Activity.id)
            .where(Activity.participants_total != counted.c.counted)
        )
        people = session.scalar(select(func.sum(ParticipantCount.count)))
        short = session.scalar(
            select(func.count())
            .select_from(Activity)
            .join(counted, counted.c.activity_id == Activity.id)
            .where(Activity.participants_total < counted.c.counted)
        )
    assert differing == scaled.incomplete_activities
    assert 0.01 * ACTIVITIES <= differing <= 0.06 * ACTIVITIES
    assert people == scaled.participants
    assert short == 0  # the sign-in sheet had more people than the breakdown, never fewer


def test_every_expenditure_is_its_original_amount_times_the_rate(
    db: Database, scaled: ScaleSummary
) -> None:
    with db.transaction() as session:
        expenditures = session.scalars(select(Expenditure)).all()
        assert {e.original_currency for e in expenditures} >= {"EUR", "RSD", "USD"}
        for expenditure in expenditures:
            expected = (expenditure.original_amount * expenditure.rate).quantize(
                CENT, ROUND_HALF_UP
            )
            assert expenditure.amount == expected, expenditure.invoice_reference
            assert expenditure.search_key == search_key_of(
                expenditure.description, expenditure.supplier, expenditure.invoice_reference
            )
            assert expenditure.budget_line.grant_id == expenditure.grant_id
            grant = expenditure.grant
            assert grant.start_date <= expenditure.spent_on <= grant.end_date


def test_budget_lines_and_instalments_add_up_to_each_grant(
    db: Database, scaled: ScaleSummary
) -> None:
    with db.transaction() as session:
        for grant in session.scalars(select(Grant)):
            lines = grant.budget_lines
            assert sum(line.amount for line in lines) == grant.amount > 0
            assert sum(part.amount for part in grant.instalments) == grant.amount
            direct = sum(line.amount for line in lines if line.heading.code != "eu_10_indirect")
            (indirect,) = [line for line in lines if line.heading.code == "eu_10_indirect"]
            assert indirect.amount == (direct * Decimal("0.07")).quantize(CENT, ROUND_HALF_UP)
            template = donor_template(session, grant.donor_id)  # the donor's, as services check
            for line in lines:
                assert line.heading.template_id == template.id and line.heading.carries_lines
                if line.quantity is not None:
                    assert line.amount == (line.quantity * line.unit_cost).quantize(CENT)


def test_participant_indicators_count_the_activities_of_each_quarter(
    db: Database, scaled: ScaleSummary
) -> None:
    """What the results service rolls up: the participants of the project's activities of
    the indicator's type that began in the period, by gender or age as the indicator asks."""
    who = {
        ParticipantRollup.ALL: true(),
        ParticipantRollup.WOMEN: ParticipantCount.gender == Gender.FEMALE,
        ParticipantRollup.YOUTH: ParticipantCount.age_band.in_(
            [AgeBand.UNDER_18, AgeBand.FROM_18_TO_29]
        ),
    }
    checked = Counter[ParticipantRollup]()
    with db.transaction() as session:
        values = session.execute(
            select(IndicatorValue, Indicator, ReportingPeriod, Result.project_id)
            .join(Indicator, IndicatorValue.indicator_id == Indicator.id)
            .join(Result, Indicator.result_id == Result.id)
            .join(ReportingPeriod, IndicatorValue.period_id == ReportingPeriod.id)
            .where(Indicator.rollup != ParticipantRollup.NONE)
        ).all()
        for value, indicator, period, project_id in values:
            counted = session.scalar(
                select(func.coalesce(func.sum(ParticipantCount.count), 0))
                .join(Activity, ParticipantCount.activity_id == Activity.id)
                .where(
                    and_(
                        Activity.project_id == project_id,
                        Activity.activity_type_id == indicator.rollup_activity_type_id,
                        Activity.start_date.between(period.start_date, period.end_date),
                        who[indicator.rollup],
                    )
                )
            )
            assert value.value == counted, (indicator.code, period.label)
            checked[indicator.rollup] += 1
    assert set(checked) == set(who)


def test_names_are_in_every_language_and_found_as_typed_ones_are(
    db: Database, scaled: ScaleSummary
) -> None:
    with db.transaction() as session:
        activities = session.scalars(select(Activity)).all()
        assert all(a.name_en and a.name_sq and a.name_sr for a in activities)
        latin = [a for a in activities if a.name_sr_latn]
        assert 0.3 * ACTIVITIES < len(latin) < 0.7 * ACTIVITIES  # typed for some, derived else
        assert all(a.name("sr_Latn") == a.name_sr_latn for a in latin[:50])
        for project in session.scalars(select(Project)):
            assert project.search_key == search_key_of(project.code, *names_of(project))
        for organisation in session.scalars(select(Organisation)):
            assert organisation.search_key == search_key_of(
                organisation.acronym, *names_of(organisation)
            )
        for grant in session.scalars(select(Grant)):
            assert grant.search_key == search_key_of(grant.contract_number, grant.title)
        project = session.scalars(select(Project).order_by(Project.id)).first()
        assert project is not None and project.name_sr
    # Typed in Cyrillic or in Latin without its diacritics, the Serbian title finds it.
    headline = project.name_sr.split(":")[0]
    for typed in (headline, fold(headline)):
        found = ProjectService(db).page(ListQuery(search=typed), 0, 200)
        assert project.id in {row.id for row in found}, typed


def test_records_typed_in_afterwards_get_keys_of_their_own(
    db: Database, scaled: ScaleSummary
) -> None:
    """The loader gives keys itself; PostgreSQL's sequences must have moved past them."""
    organisation = OrganisationService(db).create(
        OrganisationForm(name_en="Typed in after the benchmark", acronym="TIA")
    )
    project = ProjectService(db).create(
        ProjectForm(
            code="TYPED-1",
            name_en="Typed in after the benchmark",
            start_date=date(2026, 1, 1),
            end_date=date(2026, 12, 31),
        )
    )
    with db.transaction() as session:
        assert organisation == session.scalar(select(func.max(Organisation.id)))
        assert project == session.scalar(select(func.max(Project.id)))
        assert _count(session, Organisation) == 11


def test_the_sqlite_file_passes_its_own_checks_and_keeps_its_settings(
    sqlite_db: Database,
) -> None:
    load_scaled_demo(sqlite_db, ACTIVITIES)
    with sqlite_db.engine.connect() as connection:
        assert connection.execute(text("PRAGMA foreign_key_check")).all() == []
        assert connection.execute(text("PRAGMA integrity_check")).scalar() == "ok"
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL


def test_the_same_seed_gives_the_same_office(db: Database, tmp_path: Path) -> None:
    """Here and in an SQLite file: the seed decides, not the database or the time."""
    here = load_scaled_demo(db, 300, seed=7)
    again, other = (
        open_database(str(tmp_path / "again.sqlite3")),
        open_database(str(tmp_path / "other.sqlite3")),
    )
    try:
        there = load_scaled_demo(again, 300, seed=7)
        elsewhere = load_scaled_demo(other, 300, seed=8)
        titles = [_titles(database) for database in (db, again, other)]
    finally:
        again.close()
        other.close()
    assert replace(here, seconds=0) == replace(there, seconds=0)
    assert titles[0] == titles[1] and titles[0] != titles[2]
    assert replace(elsewhere, seconds=0) != replace(here, seconds=0)


def _titles(db: Database) -> list[tuple[str | None, ...]]:
    with db.transaction() as session:
        return [
            tuple(row)
            for row in session.execute(
                select(
                    Activity.name_en, Activity.name_sq, Activity.name_sr, Activity.name_sr_latn
                ).order_by(Activity.id)
            )
        ]


def test_a_database_with_work_is_refused_and_left_as_it_was(db: Database) -> None:
    load_demo(db)
    with db.transaction() as session:
        before = {table.name: _count(session, table) for table in Base.metadata.sorted_tables}
    with pytest.raises(DatabaseNotEmpty):
        load_scaled_demo(db, 200)
    with db.transaction() as session:
        after = {table.name: _count(session, table) for table in Base.metadata.sorted_tables}
    assert after == before


def test_even_one_activity_makes_a_whole_office(db: Database) -> None:
    summary = load_scaled_demo(db, 1)
    assert (summary.activities, summary.expenditures, summary.projects) == (1, 2, 3)
    assert summary.cases == 1 and summary.research_outputs == 1
    with pytest.raises(ValueError):
        load_scaled_demo(db, 0)
