"""The participant sums stored on each activity (schema 0011): every writer of a breakdown
keeps them equal to the breakdown, the audit log does not repeat them, and each
participant sort of the list reads its own index instead of adding up the participant
table."""

from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from desktop.domain.activity import Activity, ParticipantCount
from desktop.domain.audit import AuditAction, AuditEntry
from desktop.domain.person import Gender
from desktop.services.activities import ActivityService, ParticipantLine
from desktop.services.listing import ListQuery
from desktop.store import schema
from desktop.store.database import Database
from desktop.store.demo import load_demo
from desktop.store.demo_scale import load_scaled_demo
from desktop.store.migrations.list_indexes import PARTICIPANT_SORTS
from tests.services.test_activities import Setting
from tests.services.test_import_activities import ALBANIAN, ROWS, run, write_csv
from tests.services.test_list_indexes import _plan
from tests.sql_log import statements_sent

Sums = dict[int, tuple[int, int, int]]


def _stored(db: Database) -> Sums:
    """(women, men, everyone) as each activity stores them."""
    with db.transaction() as session:
        rows = session.execute(
            select(
                Activity.id,
                Activity.participants_women,
                Activity.participants_men,
                Activity.participants_recorded,
            )
        )
        return {activity: (women, men, everyone) for activity, women, men, everyone in rows}


def _counted(db: Database) -> Sums:
    """(women, men, everyone) added up from the participant table, zeros where none."""
    sums: Sums = {}
    with db.transaction() as session:
        for activity in session.scalars(select(Activity.id)):
            sums[activity] = (0, 0, 0)
        rows = session.execute(
            select(ParticipantCount.activity_id, ParticipantCount.gender, ParticipantCount.count)
        )
        for activity, gender, count in rows:
            women, men, everyone = sums[activity]
            sums[activity] = (
                women + (count if gender == Gender.FEMALE else 0),
                men + (count if gender == Gender.MALE else 0),
                everyone + count,
            )
    return sums


def _assert_in_step(db: Database) -> None:
    stored, counted = _stored(db), _counted(db)
    assert stored == counted
    assert any(everyone for _women, _men, everyone in stored.values())


def test_a_created_and_edited_breakdown_is_stored_added_up(db: Database) -> None:
    setting = Setting(db)
    service = ActivityService(db)
    activity = service.create(setting.form())
    assert _stored(db)[activity] == (21, 24, 48)
    _assert_in_step(db)

    form = service.get(activity).form
    form.participants = [
        ParticipantLine(Gender.FEMALE, "18_29", "serb", 30),
        ParticipantLine(Gender.OTHER, "30_44", "roma", 2),
    ]
    service.update(activity, form, service.get(activity).version)
    assert _stored(db)[activity] == (30, 0, 32)
    [row] = service.page(ListQuery())
    assert (row.women, row.men, row.recorded, row.total, row.incomplete) == (30, 0, 32, 50, True)

    form.participants = []
    form.participants_total = None
    service.update(activity, form, service.get(activity).version)
    assert _stored(db) == _counted(db) == {activity: (0, 0, 0)}


def test_the_demo_and_an_import_store_their_breakdowns_added_up(
    db: Database, tmp_path: Path
) -> None:
    load_demo(db)
    _assert_in_step(db)
    outcome = run(db, write_csv(tmp_path / "aktivitetet.csv", [ALBANIAN, *ROWS]))
    assert outcome.imported == 3
    _assert_in_step(db)
    women = [row.women for row in ActivityService(db).page(ListQuery(search="Gjakov"))]
    assert 14 in women  # the imported row's women, as its "Gra" column says


def test_the_benchmark_loader_stores_its_breakdowns_added_up(db: Database) -> None:
    load_scaled_demo(db, 300)
    _assert_in_step(db)


def test_the_audit_log_records_the_breakdown_not_its_sums(db: Database) -> None:
    setting = Setting(db)
    service = ActivityService(db)
    activity = service.create(setting.form())
    form = service.get(activity).form
    form.participants = [*form.participants[:-1], ParticipantLine(Gender.OTHER, "30_44", "roma", 5)]
    service.update(activity, form, service.get(activity).version)
    with db.transaction() as session:
        entries = session.execute(
            select(AuditEntry.action, AuditEntry.changes)
            .where(AuditEntry.entity == "activities", AuditEntry.entity_id == activity)
            .order_by(AuditEntry.id)
        ).all()
    assert [action for action, _changes in entries] == [AuditAction.CREATE, AuditAction.UPDATE]
    for _action, changes in entries:
        assert "participants" in changes
        assert not {"participants_women", "participants_men", "participants_recorded"} & set(
            changes
        )


def test_an_upgrade_to_0011_adds_up_the_breakdowns_already_there(db: Database) -> None:
    load_demo(db)
    unbroken = ActivityService(db).create(Setting(db).form(participants=[]))
    schema.downgrade(db.url, "0010")
    with db.engine.begin() as connection:  # a line an older version changed, sums unknown
        connection.execute(text("UPDATE participant_counts SET count = count + 1"))
    expected = _counted(db)
    schema.upgrade(db.url)
    assert _stored(db) == expected
    assert expected[unbroken] == (0, 0, 0)


@pytest.mark.parametrize("sort", sorted(PARTICIPANT_SORTS))
@pytest.mark.parametrize("descending", [False, True])
def test_each_participant_sort_reads_its_index(db: Database, sort: str, descending: bool) -> None:
    """The page's ids come from the sort's index in order: the service's sort expression
    must match the index's text, and its id tie-break the index's direction."""
    load_demo(db)
    service = ActivityService(db)
    query = ListQuery(sort=sort, descending=descending)
    with statements_sent(db) as sent:
        rows = service.page(query)
    (statement, parameters), *_ = (item for item in sent if "ORDER BY" in item[0])
    plan = _plan(db, statement, parameters)
    assert f"ix_activities_participants_{sort}" in plan, plan
    if db.is_sqlite:  # the page's ids in order, as read; only the 200 joined rows are sorted
        choosing = plan.split("LIST SUBQUERY")[1].split("SEARCH activity_types")[0]
        assert choosing.strip().endswith(f"INDEX ix_activities_participants_{sort}"), plan

    figure = {
        "women": lambda row: row.women,
        "men": lambda row: row.men,
        "recorded": lambda row: row.recorded,
        "total": lambda row: row.total,
        "incomplete": lambda row: row.incomplete,
    }[sort]
    keys = [(figure(row), row.id) for row in rows]
    assert keys == sorted(keys, reverse=descending)
    assert len(rows) == service.count(query)


def test_the_dashboard_totals_equal_the_participant_table(db: Database) -> None:
    load_demo(db)
    overall = ActivityService(db).participant_totals().overall
    with db.transaction() as session:
        listed = Activity.archived_at.is_(None)
        counted = session.execute(
            select(ParticipantCount.gender, func.sum(ParticipantCount.count))
            .join(Activity, ParticipantCount.activity_id == Activity.id)
            .where(listed)
            .group_by(ParticipantCount.gender)
        ).all()
        activities = session.scalar(select(func.count(Activity.id)).where(listed))
    by_gender = {Gender(gender): int(count) for gender, count in counted}
    assert overall.activities == activities
    assert overall.women == by_gender[Gender.FEMALE]
    assert overall.men == by_gender[Gender.MALE]
    assert overall.recorded == sum(by_gender.values())
