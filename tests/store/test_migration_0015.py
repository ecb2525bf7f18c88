"""Revision 0015 (the title keys' shorter code) on a database with activities: going down to
0014 fills every activity's keys of revision 0012 again and coming up fills the new ones,
the versions and times of change untouched, the title-key indexes made again; the list
sorts every language's titles in the same order with either keys; on both databases."""

from sqlalchemy import select, text

from desktop.domain.activity import TITLE_KEY_COLUMNS, Activity
from desktop.domain.multilingual import NAME_LANGUAGES, name_column
from desktop.services.activities import ActivityService
from desktop.services.listing import ListQuery
from desktop.store import schema
from desktop.store.database import Database
from desktop.store.demo import load_demo
from desktop.store.migrations import title_keys_0012
from tests.services.test_activities_title_keys import _assert_keys_match_titles
from tests.store.test_migration_0012 import _indexes


def _orders(db: Database) -> dict[str, list[int]]:
    service = ActivityService(db)
    orders = {}
    for language in NAME_LANGUAGES:
        rows = service.page(ListQuery(sort="name", language=language), 0, 100)
        orders[language] = [row.id for row in rows]
    return orders


def _changes(db: Database) -> list[tuple[int, int, object]]:
    with db.engine.connect() as connection:
        query = text("SELECT id, version, updated_at FROM activities ORDER BY id")
        return [tuple(row) for row in connection.execute(query)]


def _key_bytes(db: Database) -> int:
    with db.engine.connect() as connection:
        keys = connection.execute(
            text(f"SELECT {', '.join(TITLE_KEY_COLUMNS.values())} FROM activities")
        )
        return sum(len(key.encode()) for row in keys for key in row)


def _assert_keys_of_revision_0012(db: Database) -> None:
    with db.transaction() as session:
        for activity in session.scalars(select(Activity)):
            names = {code: getattr(activity, name_column(code)) for code in NAME_LANGUAGES}
            stored = {column: getattr(activity, column) for column in TITLE_KEY_COLUMNS.values()}
            assert stored == title_keys_0012.title_keys(names), activity.id


def test_down_to_0014_and_up_fills_the_keys_in_the_same_order(db: Database) -> None:
    load_demo(db)
    with db.transaction() as session:
        session.execute(
            text("UPDATE activities SET name_en = 'Đorđe ' || name_en WHERE id % 5 = 0")
        )
        session.execute(text("UPDATE activities SET name_sr = NULL WHERE id % 7 = 0"))
    for activity_id in (3, 4):  # equal letters: the accents, the case, the text decide
        with db.transaction() as session:
            session.execute(
                text("UPDATE activities SET name_sq = :title WHERE id = :id"),
                {
                    "title": "Takim\xa0në Prishtinë" if activity_id == 3 else "takim në Prishtinë",
                    "id": activity_id,
                },
            )
    with db.transaction() as session:
        for activity in session.scalars(select(Activity)):
            activity.set_title_keys()
    orders, changes, narrow = _orders(db), _changes(db), _key_bytes(db)
    title_key_indexes = {f"ix_activities_title_key_{code.lower()}" for code in NAME_LANGUAGES}

    schema.downgrade(db.url, "0014")
    _assert_keys_of_revision_0012(db)
    assert title_key_indexes <= _indexes(db)
    assert _changes(db) == changes
    assert _orders(db) == orders
    wide = _key_bytes(db)
    assert wide > 2.5 * narrow

    schema.upgrade(db.url)
    assert _assert_keys_match_titles(db) == 50
    assert title_key_indexes <= _indexes(db)
    assert _changes(db) == changes
    assert _orders(db) == orders
    assert _key_bytes(db) == narrow
