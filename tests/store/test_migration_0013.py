"""Revision 0013 (the search at a million, SQLite only) on a database with activities:
going down to 0012 gives back revision 0005's trigram table, whole, without the date walk's
index; coming up again feeds the padded keys of every activity already there, and the
search lists what a comparison of every key lists, short texts too.  PostgreSQL's schema
is left as it was."""

from sqlalchemy import select, text

from desktop.domain.activity import Activity
from desktop.services.activities import ActivityService
from desktop.services.listing import ListQuery, search_words
from desktop.store import schema
from desktop.store.database import Database
from desktop.store.demo import load_demo
from tests.services.test_list_indexes import assert_trigram_table_holds_the_keys
from tests.store.test_migration_0012 import _indexes


def _found(db: Database, typed: str) -> set[int]:
    return {row.id for row in ActivityService(db).page(ListQuery(search=typed), 0, 1000)}


def _holding(db: Database, typed: str) -> set[int]:
    with db.transaction() as session:
        rows = session.execute(
            select(Activity.id, Activity.search_key).where(Activity.archived_at.is_(None))
        )
        return {
            row.id for row in rows if all(word in row.search_key for word in search_words(typed))
        }


def _table_sql(db: Database) -> str:
    with db.engine.connect() as connection:
        return connection.execute(
            text("SELECT sql FROM sqlite_master WHERE name = 'activities_search'")
        ).scalar_one()


def test_down_to_0012_and_up_feeds_every_padded_key(db: Database) -> None:
    load_demo(db)
    before = _indexes(db)
    schema.downgrade(db.url, "0012")
    assert "ix_activities_start_date_key" not in _indexes(db)
    if db.is_sqlite:
        assert "content='activities'" in _table_sql(db)
        with db.engine.begin() as connection:  # 0005's table mirrors the keys: FTS5 checks it
            connection.execute(
                text("INSERT INTO activities_search(activities_search) VALUES ('integrity-check')")
            )

    schema.upgrade(db.url)
    assert _indexes(db) == before
    if not db.is_sqlite:
        return
    assert "content=''" in _table_sql(db)
    assert assert_trigram_table_holds_the_keys(db) > 1000
    with db.transaction() as session:
        keys = list(session.scalars(select(Activity.search_key)))
    ends = {key[-2:] for key in keys} | {key[-1:] for key in keys}
    for typed in [*sorted(ends), "prishtin", "ko", "zz", "x", "ë"]:
        assert _found(db, typed) == _holding(db, typed), typed
    assert _found(db, "zz") == set()
