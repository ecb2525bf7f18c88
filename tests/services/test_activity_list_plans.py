"""The activities list's quicker ways to its first page (docs/PERFORMANCE.md, issue 7):
sorting by type or municipality through a rank of the names, and a search that walks the
sort's index when it matches many activities.  Each must list exactly what the plain
query lists (the joined name's order; a ``LIKE`` over every key), in every language, on
both databases, and read the index it was written for."""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import event, select, update

from desktop.domain.activity import Activity
from desktop.domain.multilingual import NAME_LANGUAGES
from desktop.domain.reference import ActivityType, Municipality
from desktop.services.activities import ActivityService
from desktop.services.listing import ListQuery, localized_name
from desktop.store.database import Database
from desktop.store.demo import load_demo
from tests.services.test_activities import Setting


@contextmanager
def _statements(db: Database) -> Iterator[list[tuple[str, Any]]]:
    """The SQL the services send, with its parameters, while the block runs."""
    sent: list[tuple[str, Any]] = []

    def keep(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_args: Any) -> None:
        sent.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", keep)
    try:
        yield sent
    finally:
        event.remove(db.engine, "before_cursor_execute", keep)


def _sqlite_plan(db: Database, statement: str, parameters: Any) -> str:
    with db.engine.connect() as connection:
        rows = connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters)
        return " | ".join(row[3] for row in rows)


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


def test_the_type_and_municipality_sorts_read_the_narrow_index_alone(db: Database) -> None:
    """The page's ids are chosen from the index the count reads, sorted by a number: no
    activity type or municipality is joined, and no name compared, for every activity."""
    if not db.is_sqlite:
        pytest.skip("PostgreSQL plans by its statistics; the SQL is the same")
    service = ActivityService(db)
    service.create(Setting(db).form())
    for sort in ("type", "municipality"):
        with _statements(db) as sent:
            service.page(ListQuery(sort=sort, language="sr"))
        (statement, parameters), *_ = (item for item in sent if "LIMIT" in item[0])
        chosen = statement[statement.index("IN (SELECT") :]
        assert "activity_types" not in chosen and "municipalities" not in chosen, chosen
        assert "COLLATE" not in chosen, chosen
        plan = _sqlite_plan(db, statement, parameters)
        assert "SCAN activities USING COVERING INDEX ix_activities_listed" in plan, plan
