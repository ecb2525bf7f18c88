"""Revision 0012 (title sort keys) on a database with activities: going down to 0011 gives
back the collated title indexes and leaves no key; coming up again fills every activity's
keys and sorts each language's titles
as its collation does; on both databases."""

from sqlalchemy import inspect, select, text

from desktop.domain.activity import TITLE_KEY_COLUMNS, Activity
from desktop.domain.multilingual import NAME_LANGUAGES
from desktop.services.activities import ActivityService
from desktop.services.listing import ListQuery, localized_name
from desktop.store import schema
from desktop.store.database import Database
from desktop.store.demo import load_demo
from tests.services.test_activities_title_keys import _assert_keys_match_titles


def _indexes(db: Database) -> set[str]:
    """The names of the activities' indexes, those on expressions too."""
    query = (
        "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'activities'"
        if db.is_sqlite
        else "SELECT indexname FROM pg_indexes WHERE tablename = 'activities'"
    )
    with db.engine.connect() as connection:
        return set(connection.execute(text(query)).scalars())


def _columns(db: Database) -> set[str]:
    with db.engine.connect() as connection:
        return {column["name"] for column in inspect(connection).get_columns("activities")}


def _by_collation(db: Database, language: str) -> list[int]:
    with db.transaction() as session:
        order = (localized_name(Activity, language), Activity.id)
        return list(session.scalars(select(Activity.id).order_by(*order)))


def test_down_to_0011_and_up_fills_every_key_in_the_collations_order(db: Database) -> None:
    load_demo(db)
    with db.transaction() as session:
        session.execute(text("UPDATE activities SET name_sq = '  ' || name_sq WHERE id % 7 = 0"))
    orders = {language: _by_collation(db, language) for language in NAME_LANGUAGES}
    schema.downgrade(db.url, "0011")
    assert not set(TITLE_KEY_COLUMNS.values()) & _columns(db)
    assert {f"ix_activities_sort_name_{code.lower()}" for code in NAME_LANGUAGES} <= _indexes(db)
    assert "ix_activities_by_municipality" not in _indexes(db)

    schema.upgrade(db.url)
    assert _assert_keys_match_titles(db) == 50
    indexes = _indexes(db)
    assert {f"ix_activities_title_key_{code.lower()}" for code in NAME_LANGUAGES} <= indexes
    assert {"ix_activities_by_municipality", "ix_activities_participation"} <= indexes
    assert not any(name.startswith("ix_activities_sort_name_") for name in indexes)
    service = ActivityService(db)
    for language, expected in orders.items():
        rows = service.page(ListQuery(sort="name", language=language), 0, 1000)
        assert [row.id for row in rows] == expected, language
