"""The activities list's quicker ways to its first page (docs/PERFORMANCE.md, issue 7):
sorting by type or municipality through a rank of the names, and a search that walks the
sort's index when it matches many activities.  Each must list exactly what the plain
query lists (the joined name's order; a ``LIKE`` over every key), in every language, on
both databases, and read the index it was written for."""

import itertools
from dataclasses import replace
from typing import Any

import pytest
from sqlalchemy import select, update

from desktop.domain.activity import Activity
from desktop.domain.multilingual import NAME_LANGUAGES
from desktop.domain.reference import ActivityType, Municipality
from desktop.i18n.folding import fold
from desktop.services.activities import ActivityService
from desktop.services.listing import ListQuery, localized_name
from desktop.store.database import Database
from desktop.store.demo import load_demo
from desktop.store.demo_scale import load_scaled_demo
from tests.list_pages import ids_page_by_page
from tests.services.test_activities import Setting
from tests.sql_log import sqlite_plan, statements_sent


def _all_ids(service: ActivityService, query: ListQuery) -> list[int]:
    rows, offset = [], 0
    while page := service.page(query, offset, 150):
        rows += [row.id for row in page]
        offset += len(page)
    return rows


# -- sorting by type or municipality ---------------------------------------------------


def _office_with_ties(db: Database) -> None:
    """The demo office, plus what makes a rank go wrong if anything does: activities with
    no municipality, two municipalities named alike in Albanian (their activities must
    interleave by id), and one whose names are blank (it sorts with "no municipality")."""
    load_demo(db)
    setting = Setting(db)
    service = ActivityService(db)
    for number in range(3):
        service.create(setting.form(name_en=f"Walk {number}", municipality_id=None))
    with db.transaction() as session:
        used = list(
            session.scalars(
                select(Activity.municipality_id)
                .where(Activity.municipality_id.is_not(None))
                .group_by(Activity.municipality_id)
                .order_by(Activity.municipality_id)
            )
        )
        assert len(used) >= 3
        first, second, blank = used[:3]
        name = session.scalar(select(Municipality.name_sq).where(Municipality.id == first))
        session.execute(update(Municipality).where(Municipality.id == second).values(name_sq=name))
        session.execute(
            update(Municipality)
            .where(Municipality.id == blank)
            .values(name_en=" ", name_sq="", name_sr=None, name_sr_latn=None)
        )


def _by_joined_name(db: Database, sort: str, language: str, descending: bool) -> list[int]:
    """The order the list had before: the joined name in the language's collation, ties
    by id in the sort's direction, as ``ActivityService.page`` breaks them."""
    model, column = {
        "type": (ActivityType, Activity.activity_type_id),
        "municipality": (Municipality, Activity.municipality_id),
    }[sort]
    name = localized_name(model, language)
    order = (name.desc(), Activity.id.desc()) if descending else (name.asc(), Activity.id.asc())
    statement = (
        select(Activity.id)
        .outerjoin(model, column == model.id)  # type: ignore[attr-defined]
        .where(Activity.archived_at.is_(None))
        .order_by(*order)
    )
    with db.transaction() as session:
        return list(session.scalars(statement))


@pytest.mark.parametrize("sort", ["type", "municipality"])
def test_sorting_by_type_or_municipality_keeps_the_order_of_their_names(
    db: Database, sort: str
) -> None:
    _office_with_ties(db)
    service = ActivityService(db)
    for language in NAME_LANGUAGES:
        for descending in (False, True):
            query = ListQuery(sort=sort, language=language, descending=descending)
            expected = _by_joined_name(db, sort, language, descending)
            assert len(expected) > 50
            assert _all_ids(service, query) == expected, (sort, language, descending)
            assert ids_page_by_page(service, query, 7) == expected, (sort, language, descending)


def test_the_type_and_municipality_sorts_read_the_narrow_index_alone(db: Database) -> None:
    """No activity type or municipality is joined, and no name compared, for every
    activity: each sort reads one type's or one municipality's activities at a time through
    an index that leads with it (the type: the narrow index the count reads; the
    municipality: ``ix_activities_by_municipality``, schema 0012), and the page then takes
    those ids."""
    if not db.is_sqlite:
        pytest.skip("PostgreSQL plans by its statistics and sorts by the rank")
    service = ActivityService(db)
    service.create(Setting(db).form())

    for sort, column, index in (
        ("type", "activity_type_id", "ix_activities_listed"),
        ("municipality", "municipality_id", "ix_activities_by_municipality"),
    ):
        with statements_sent(db) as sent:
            service.page(ListQuery(sort=sort, language="sr", descending=True))
        groups = [item for item in sent if f"activities.{column} IN" in item[0]]
        assert groups, sort
        for statement, parameters in groups:
            assert "activity_types" not in statement and "COLLATE" not in statement
            assert "municipalities" not in statement
            plan = sqlite_plan(db, statement, parameters)
            assert f"COVERING INDEX {index} ({column}=?" in plan, plan
        page = next(
            item for item in reversed(sent) if "FROM activities JOIN activity_types" in item[0]
        )
        assert "SCAN activities" not in sqlite_plan(db, *page)


# -- searching -------------------------------------------------------------------------

SEARCHES = (
    "trajnim",  # one activity in eight: read in order at 1,000,000
    "prishtin",
    "Приштина",
    "kon",
    "training women",
    "mitrovic work",
    "a",  # one letter: no trigram
    "ko ve",
    "zz",
    "50%",
    '"kon',
    "zzzqqq",
)


def _keys(db: Database, include_archived: bool) -> dict[int, str]:
    statement = select(Activity.id, Activity.search_key)
    if not include_archived:
        statement = statement.where(Activity.archived_at.is_(None))
    with db.transaction() as session:
        return dict(session.execute(statement).all())


def _compare_searches(db: Database, page_size: int) -> list[str]:
    """Every search, in every language, newest and oldest first, with and without the
    archived, page after page: the rows of the unsearched list in its order, kept where
    the key holds every word.  Returns the SQL sent, to tell which ways were taken."""
    service = ActivityService(db)
    combinations = zip(
        NAME_LANGUAGES, (True, False, True, False), (False, False, True, True), strict=True
    )
    with statements_sent(db) as sent:
        for language, descending, include_archived in combinations:
            keys = _keys(db, include_archived)
            listing = ListQuery(
                sort="start_date",
                descending=descending,
                language=language,
                include_archived=include_archived,
            )
            whole = _all_ids(service, listing)
            for typed in SEARCHES:
                words = fold(typed).split()
                expected = [i for i in whole if all(w in keys[i] for w in words)]
                found = ids_page_by_page(service, replace(listing, search=typed), page_size)
                assert found == expected, (typed, language, descending, include_archived)
    return [statement for statement, _parameters in sent]


def _archive_some(db: Database) -> None:
    service = ActivityService(db)
    with db.transaction() as session:
        ids = list(session.scalars(select(Activity.id).order_by(Activity.id)))
    for activity in ids[::9]:
        service.archive(activity)


def test_a_search_lists_what_a_comparison_of_every_key_lists_in_the_demo(db: Database) -> None:
    load_demo(db)
    _archive_some(db)
    _compare_searches(db, 7)


def test_a_search_lists_the_same_whichever_way_it_reads_the_scaled_office(db: Database) -> None:
    """With pages of 7 among 400 activities, common words are read in date order, rare
    ones through the trigram table, deep pages fall back to it: the rows never differ."""
    load_scaled_demo(db, 400)
    _archive_some(db)
    sent = _compare_searches(db, 7)
    if db.is_sqlite:
        walked = [s for s in sent if "LIKE" in s and "activities.start_date >=" in s]
        probed = [s for s in sent if "activities_search MATCH ? LIMIT" in s]
        assert walked and probed


def _page_plans(db: Database, typed: str) -> tuple[str, str]:
    """The plans of the walk in date order (if one was tried) and of the page's query,
    for the first 7 rows of ``typed``, newest first."""
    with statements_sent(db) as sent:
        ActivityService(db).page(ListQuery(search=typed, sort="start_date", descending=True), 0, 7)
    walks = [item for item in sent if "LIKE" in item[0] and "activities.start_date >=" in item[0]]
    page = next(item for item in reversed(sent) if "FROM activities JOIN activity_types" in item[0])
    return (sqlite_plan(db, *walks[0]) if walks else "", sqlite_plan(db, *page))


def test_each_way_to_a_search_page_reads_the_index_it_was_chosen_for(db: Database) -> None:
    if not db.is_sqlite:
        pytest.skip("only SQLite chooses between the ways; PostgreSQL's planner does")
    load_scaled_demo(db, 400)

    walk, page = _page_plans(db, "a")  # nearly every key: read newest first, each key
    # compared in the date walk's index (schema 0013), which covers an unfiltered walk
    assert "SEARCH activities USING COVERING INDEX ix_activities_start_date_key (" in walk
    assert "TEMP B-TREE" not in walk, walk
    assert "SCAN activities" not in page, page  # the 7 ids found, by rowid

    walk, page = _page_plans(db, "zzzqqq")  # no candidate: no walk, the trigram table's
    assert walk == ""
    assert "SCAN activities" not in page, page

    walk, page = _page_plans(db, "zz")  # too short for trigrams and found nowhere: the
    # trigram table's vocabulary (schema 0013) lists no trigram beginning with it, and the
    # page's condition is a constant false, which SQLite checks before reading any row
    assert walk == ""
    assert "ix_activities_search_key" not in page, page


# -- searching in another order than by date ---------------------------------------------

# The orders a common word's page may be read in through the sort's own index.
INDEXED_SORTS = ("name", "women", "total", "incomplete")


def _compare_sorted_searches(db: Database, page_size: int) -> list[tuple[str, Any]]:
    """Every search in each indexed order, both ways, page after page: the rows of the
    unsearched list in that order, kept where the key holds every word.  Returns the SQL
    sent (with its parameters), to tell which ways were taken."""
    service = ActivityService(db)
    keys = _keys(db, include_archived=False)
    with statements_sent(db) as sent:
        for sort, descending in itertools.product(INDEXED_SORTS, (False, True)):
            listing = ListQuery(sort=sort, descending=descending, language="sq")
            whole = _all_ids(service, listing)
            for typed in SEARCHES:
                words = fold(typed).split()
                expected = [i for i in whole if all(w in keys[i] for w in words)]
                found = ids_page_by_page(service, replace(listing, search=typed), page_size)
                assert found == expected, (typed, sort, descending)
    return sent


def test_a_search_in_another_order_lists_the_same_whichever_way_it_reads(db: Database) -> None:
    """Common words are read in the sort's own order, each activity looked up among the
    trigram table's candidates, where a sample says the page's matches come early; rare
    ones and late ones through the trigram table: the rows never differ."""
    load_scaled_demo(db, 400)
    _archive_some(db)
    sent = _compare_sorted_searches(db, 7)
    if db.is_sqlite:
        walks = [item for item in sent if "activities.id + 0 IN" in item[0]]
        probed = [item for item in sent if "activities_search MATCH ? LIMIT" in item[0]]
        assert walks and probed
        indexes = {
            "title_key_sq": "ix_activities_title_key_sq",
            "participants_women": "ix_activities_participants_women",
            "coalesce(": "ix_activities_participants_total",
            "participants_total IS NOT NULL": "ix_activities_participants_incomplete",
        }
        read = set()
        for statement, parameters in walks:
            plan = sqlite_plan(db, statement, parameters)
            order = statement.rsplit("ORDER BY", 1)[1]
            index = next(name for key, name in indexes.items() if key in order)
            # in the sort's order, with nothing left to sort but the page's own rows (the
            # plan's last step), and no candidate's row read before its place comes
            assert f"SCAN activities USING INDEX {index}" in plan, plan
            assert "TEMP B-TREE" not in plan.rsplit(" | ", 1)[0], plan
            read.add(index)
        assert len(read) >= 2, read


def test_a_scoped_users_participants_read_the_participation_index_alone(db: Database) -> None:
    """The Dashboard's participants of a user scoped to an organisation: the year's
    activities read from ``ix_activities_participation``, which holds the project (schema
    0014), rather than the scope's activities through the project's index and their rows."""
    from desktop.domain.user import Role
    from desktop.services.activities import ActivityFilters
    from desktop.services.actor import Actor
    from desktop.store.demo import DEMO_TODAY

    if not db.is_sqlite:
        pytest.skip("PostgreSQL plans by its statistics")
    load_demo(db)
    officer = Actor("arta", Role.STAFF, organisation_id=1)
    year = ActivityFilters(
        date_from=DEMO_TODAY.replace(month=1, day=1), date_to=DEMO_TODAY.replace(month=12, day=31)
    )
    with statements_sent(db) as sent:
        ActivityService(db, officer).participant_totals(year)
    months = [item for item in sent if "sum(activities.participants" in item[0]]
    assert len(months) == 12  # the year is read a month at a time
    for statement, parameters in months:
        plan = sqlite_plan(db, statement, parameters)
        assert "USING COVERING INDEX ix_activities_participation" in plan, plan


# -- sorting by project ------------------------------------------------------------------


def _by_project_code(db: Database, descending: bool, visible: set[int] | None) -> list[int]:
    """The project sort's order as the plain query gives it: the project's code, then id,
    both in the sort's direction."""
    from desktop.domain.project import Project

    order = (Project.code, Activity.id)
    statement = (
        select(Activity.id)
        .join(Project, Activity.project_id == Project.id)
        .where(Activity.archived_at.is_(None))
        .order_by(*(column.desc() if descending else column.asc() for column in order))
    )
    if visible is not None:
        statement = statement.where(Activity.project_id.in_(visible))
    with db.transaction() as session:
        return list(session.scalars(statement))


def test_sorting_by_project_reads_one_project_at_a_time_in_the_order_of_codes(
    db: Database,
) -> None:
    """Page after page, both ways, for the lead office and for a scoped officer: the order
    of the project codes, ties by id; on SQLite each project's activities are read through
    the index that leads with the project, and no statement reads every activity."""
    from desktop.domain.project import Project, ProjectPartner
    from desktop.domain.user import Role
    from desktop.services.actor import Actor

    load_scaled_demo(db, 400)
    _archive_some(db)
    with db.transaction() as session:
        organisation = session.scalar(select(Project.lead_organisation_id).order_by(Project.id))
        led = set(
            session.scalars(select(Project.id).where(Project.lead_organisation_id == organisation))
        )
        partnered = set(
            session.scalars(
                select(ProjectPartner.project_id).where(
                    ProjectPartner.organisation_id == organisation
                )
            )
        )
    officer = Actor("arta", Role.STAFF, organisation_id=organisation)
    for actor, visible in ((None, None), (officer, led | partnered)):
        service = ActivityService(db, actor) if actor else ActivityService(db)
        for descending in (False, True):
            query = ListQuery(sort="project", descending=descending)
            expected = _by_project_code(db, descending, visible)
            assert len(expected) > 20
            with statements_sent(db) as sent:
                assert ids_page_by_page(service, query, 7) == expected, (actor, descending)
            if db.is_sqlite:
                for statement, parameters in sent:
                    if statement.startswith("SELECT") and "activities" in statement:
                        plan = sqlite_plan(db, statement, parameters)
                        assert "SCAN activities" not in plan, (statement, plan)
