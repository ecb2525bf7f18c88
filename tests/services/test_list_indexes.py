"""The indexes of schema 0005 behind the activities list (the title's rebuilt in each
language's collation by 0006): the trigram search stays in step with every write, finds
what the plain comparison finds, and the sort and count use the indexes they were built
for."""

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import delete, select, text

from desktop.domain.activity import Activity
from desktop.domain.multilingual import NAME_LANGUAGES
from desktop.i18n.collation import sort_key_for
from desktop.services.activities import ActivityService
from desktop.services.imports.activities import ActivityImport
from desktop.services.imports.reading import read_table
from desktop.services.listing import TRIGRAM, ListQuery
from desktop.store import schema
from desktop.store.database import Database
from desktop.store.demo import load_demo
from desktop.store.demo_scale import load_scaled_demo
from desktop.store.migrations.list_indexes import SEARCH_PADDING
from tests.services.test_activities import Setting
from tests.sql_log import statements_sent


@pytest.fixture
def setting(db: Database) -> Setting:
    return Setting(db)


def _titles(service: ActivityService, search: str, **query: object) -> list[str]:
    return [row.title for row in service.page(ListQuery(search=search, **query))]  # type: ignore[arg-type]


def _trigram_rows(db: Database, word: str) -> list[int]:
    """What SQLite's trigram table itself answers for ``word`` (three letters or more):
    the rows that hold every trigram of it."""
    pieces = {word[start : start + TRIGRAM] for start in range(len(word) - TRIGRAM + 1)}
    match = " ".join('"{}"'.format(piece.replace('"', '""')) for piece in sorted(pieces))
    with db.engine.connect() as connection:
        return list(
            connection.execute(
                text("SELECT rowid FROM activities_search WHERE activities_search MATCH :p"),
                {"p": match},
            ).scalars()
        )


def assert_trigram_table_holds_the_keys(db: Database) -> int:
    """The trigram table (contentless since schema 0013, fed each key and two spaces) lists
    exactly the trigrams of the padded keys, and each names exactly the activities whose
    padded key holds it (its MATCH against a comparison of every key: FTS5's own
    'integrity-check' cannot read a contentless table's keys).  Returns the trigrams
    compared."""
    with db.engine.connect() as connection:
        padded = {
            row.id: row.search_key + SEARCH_PADDING
            for row in connection.execute(text("SELECT id, search_key FROM activities"))
        }
        connection.execute(
            text(
                "CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_terms "
                "USING fts5vocab(main, activities_search, row)"
            )
        )
        terms = set(
            connection.execute(text("SELECT term FROM temp.search_terms WHERE doc > 0")).scalars()
        )
    expected: dict[str, set[int]] = {}
    for activity_id, key in padded.items():
        for start in range(len(key) - TRIGRAM + 1):
            expected.setdefault(key[start : start + TRIGRAM], set()).add(activity_id)
    assert terms == set(expected)
    for term, ids in expected.items():
        assert set(_trigram_rows(db, term)) == ids, term
    return len(expected)


def test_a_created_renamed_and_archived_activity_is_found_as_it_now_is(
    db: Database, setting: Setting
) -> None:
    service = ActivityService(db)
    activity = service.create(setting.form(name_en="Roundtable in Gjakova", name_sq="", name_sr=""))
    assert _titles(service, "gjakov") == ["Roundtable in Gjakova"]
    assert service.count(ListQuery(search="roundtable gjakov")) == 1

    details = service.get(activity)
    service.update(
        activity,
        setting.form(name_en="Hearing in Đakovica", name_sq="", name_sr=""),
        details.version,
    )
    assert _titles(service, "gjakov") == []
    assert service.count(ListQuery(search="roundtable")) == 0
    assert _titles(service, "djakov") == ["Hearing in Đakovica"]
    assert _titles(service, "Ђаковиц") == ["Hearing in Đakovica"]

    service.archive(activity)
    assert service.count(ListQuery(search="djakov")) == 0
    assert _titles(service, "djakov", include_archived=True) == ["Hearing in Đakovica"]
    service.restore(activity)
    assert service.count(ListQuery(search="djakov")) == 1


def test_a_deleted_activity_leaves_the_trigram_table_too(db: Database, setting: Setting) -> None:
    service = ActivityService(db)
    activity = service.create(setting.form(name_en="Walk through Junik", name_sq="", name_sr=""))
    with db.transaction() as session:
        session.execute(delete(Activity).where(Activity.id == activity))
    assert service.count(ListQuery(search="junik")) == 0
    if db.is_sqlite:
        assert _trigram_rows(db, "junik") == []
        assert_trigram_table_holds_the_keys(db)  # none left: the table holds no trigram


def test_the_search_finds_what_a_comparison_of_every_key_finds(db: Database) -> None:
    """Short words, several words, wildcards typed as text: the same rows as a plain LIKE
    over every key, which is what the search meant before the trigram index."""
    load_demo(db)
    service = ActivityService(db)
    with db.transaction() as session:
        keys = dict(
            session.execute(
                select(Activity.id, Activity.search_key).where(Activity.archived_at.is_(None))
            ).all()
        )
    assert keys
    for typed in ("prishtin", "kon", "ko ve", "training women", "50%", "a_b", "zzz", '"kon'):
        found = {row.id for row in _all_pages(service, ListQuery(search=typed))}
        assert len(found) == service.count(ListQuery(search=typed)), typed
        words = typed.split()
        assert found == {id_ for id_, key in keys.items() if all(w in key for w in words)}
    assert service.count(ListQuery(search="Приштина")) == service.count(
        ListQuery(search="pristina")
    )


def _all_pages(service: ActivityService, query: ListQuery) -> list:
    rows, offset = [], 0
    while page := service.page(query, offset, 200):
        rows += page
        offset += len(page)
    return rows


def test_an_upgrade_to_0005_indexes_the_activities_already_there(db: Database) -> None:
    load_demo(db)
    service = ActivityService(db)
    before = {word: service.count(ListQuery(search=word)) for word in ("prishtin", "trajnim")}
    assert before["prishtin"] > 0
    schema.downgrade(db.url, "0004")
    schema.upgrade(db.url)
    assert {word: service.count(ListQuery(search=word)) for word in before} == before


def _plan(db: Database, statement: str, parameters: Any) -> str:
    """What the database would read to answer ``statement``."""
    with db.engine.connect() as connection:
        if db.is_sqlite:
            rows = connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters)
            return " ".join(row[3] for row in rows)
        connection.exec_driver_sql("SET enable_seqscan = off")  # a test's table is tiny
        rows = connection.exec_driver_sql(f"EXPLAIN {statement}", parameters)
        return " ".join(row[0] for row in rows)


@pytest.mark.parametrize("language", NAME_LANGUAGES)
def test_sorting_by_title_reads_the_index_of_the_language(
    db: Database, setting: Setting, language: str
) -> None:
    """The services' sort expression must match the index's text exactly, or the list
    sorts every row again (only the 200 rows chosen through the index are sorted)."""
    service = ActivityService(db)
    service.create(setting.form())
    with statements_sent(db) as sent:
        service.page(ListQuery(sort="name", language=language))
    (statement, parameters), *_ = (item for item in sent if "ORDER BY" in item[0])
    plan = _plan(db, statement, parameters)
    assert f"ix_activities_title_key_{language.lower()}" in plan, plan


def test_the_activities_are_counted_from_the_narrow_index(db: Database) -> None:
    if not db.is_sqlite:
        pytest.skip("PostgreSQL counts as its statistics say; the index is there for it")
    with statements_sent(db) as sent:
        ActivityService(db).count(ListQuery())
    (statement, parameters), *_ = (item for item in sent if "count(" in item[0])
    # ix_activities_listed, or one of revision 0011's participant sorts' indexes, which are
    # as narrow and hold archived_at too: either way the table itself is not read
    plan = _plan(db, statement, parameters)
    assert "SCAN activities USING COVERING INDEX ix_activities_" in plan, plan


SORTS = ("start_date", "name", "type", "municipality", "project", "women", "men", "total")


@pytest.mark.parametrize("descending", [False, True])
def test_pages_follow_one_another_in_every_sort(db: Database, descending: bool) -> None:
    """The page's rows are chosen by the sort alone and then read in full; page after page
    they must still add up to the whole list, in order, each activity once."""
    load_demo(db)
    service = ActivityService(db)
    for sort in SORTS:
        query = ListQuery(sort=sort, descending=descending, language="sq")
        whole = service.page(query, 0, 1000)
        assert len(whole) == service.count(query) > 7
        pieces = [
            row for offset in range(0, len(whole), 7) for row in service.page(query, offset, 7)
        ]
        assert [row.id for row in pieces] == [row.id for row in whole], sort
    women = [row.women for row in service.page(ListQuery(sort="women", descending=descending))]
    assert women == sorted(women, reverse=descending)
    titles = [row.title for row in service.page(ListQuery(sort="name", language="sq"))]
    assert titles == sorted(titles, key=sort_key_for("sq"))  # "Graçanicë" before "Gjilan"


def test_the_benchmark_loader_leaves_the_list_indexes_whole(db: Database) -> None:
    """The loader writes activities without the indexes and builds them afterwards: they
    must all be back, hold every loaded activity, and follow the activities typed in later."""
    load_scaled_demo(db, 300)
    setting = Setting(db)
    service = ActivityService(db)
    with db.transaction() as session:
        keys = list(session.scalars(select(Activity.search_key)))
    assert service.count(ListQuery(search="prishtin")) == sum("prishtin" in key for key in keys)
    activity = service.create(setting.form(name_en="Roundtable in Gjakova", name_sq="", name_sr=""))
    assert [row.id for row in service.page(ListQuery(search="roundtable gjakov"))] == [activity]
    with db.engine.connect() as connection:
        indexes = set(
            connection.execute(
                text("SELECT indexname FROM pg_indexes WHERE tablename = 'activities'")
                if not db.is_sqlite
                else text("SELECT name FROM sqlite_master WHERE tbl_name = 'activities'")
            ).scalars()
        )
    if db.is_sqlite:
        assert assert_trigram_table_holds_the_keys(db) > 0
        assert _trigram_rows(db, "gjakov") == [activity]
    assert {f"ix_activities_title_key_{code.lower()}" for code in NAME_LANGUAGES} <= indexes
    assert {"ix_activities_by_municipality", "ix_activities_participation"} <= indexes
    assert "ix_activities_listed" in indexes
    assert ("ix_activities_start_date_key" in indexes) == db.is_sqlite


def test_an_import_feeds_the_trigram_table_the_padded_keys(sqlite_db: Database) -> None:
    """The import fills the trigram table in one statement rather than through the
    trigger: it must feed the same padded keys, so that a short text the imported titles
    end with is found (schema 0013)."""
    load_demo(sqlite_db)
    table = read_table(Path(__file__).parents[2] / "docs" / "import-samples" / "activities.csv")
    importer = ActivityImport(sqlite_db)
    assert importer.run(table, importer.guess(table)).imported == 3
    assert assert_trigram_table_holds_the_keys(sqlite_db) > 1000
    service = ActivityService(sqlite_db)
    title = "Police and community meeting in Zvečan"
    [zvecan] = [row for row in service.page(ListQuery(search="zvecan")) if row.title == title]
    with sqlite_db.transaction() as session:
        key = session.scalar(select(Activity.search_key).where(Activity.id == zvecan.id))
    assert key is not None
    assert zvecan.id in {row.id for row in service.page(ListQuery(search=key[-2:]), 0, 1000)}
