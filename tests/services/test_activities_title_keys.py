"""The activities list sorts by title through the keys stored on each activity (schema
0012), in each language's alphabetical order: the same order as the language's collation
(Python's on SQLite, ICU's on PostgreSQL) sorted the titles before, ties by id."""

import sqlite3

import pytest
from sqlalchemy import select

from desktop.domain.activity import TITLE_KEY_COLUMNS, Activity, title_keys
from desktop.domain.multilingual import NAME_LANGUAGES, name_column
from desktop.i18n.collation import sort_key_for
from desktop.services.activities import ActivityService
from desktop.services.listing import ListQuery, localized_name
from desktop.store.database import Database
from desktop.store.demo import load_demo
from desktop.store.demo_scale import load_scaled_demo
from tests.services.test_activities import Setting

# (English, Albanian, Serbian Cyrillic, Serbian Latin): Albanian digraphs, the azbuka, the
# Serbian Latin letters, accents, case, digits, punctuation, spaces, and titles given in
# one language only (the others fall back along their chains).
TITLES = (
    ("Dyqan", "Dyqan", "", ""),
    ("Dhoma", "Dhoma", "", ""),
    ("Gusht", "Gusht", "", ""),
    ("Gjuha", "Gjuha", "", ""),
    ("Luma", "Luma", "", ""),
    ("Llapi", "Llapi", "", ""),
    ("Zana", "Zana", "", ""),
    ("Zhurma", "Zhurma", "", ""),
    ("Çaji", "Çaji", "", ""),
    ("Cana", "Cana", "", ""),
    ("Ëndrra", "ëndrra", "", ""),
    ("", "", "Љубав", "Ljubav"),
    ("", "", "Лука", "Luka"),
    ("", "", "Њива", "Njiva"),
    ("", "", "Нада", "Nada"),
    ("", "", "Ђак", "Đak"),
    ("", "", "Дан", "Dan"),
    ("", "", "Џеп", "Džep"),
    ("", "", "Чаша", "Čaša"),
    ("", "", "Ћуприја", "Ćuprija"),
    ("", "", "Шума", "Šuma"),
    ("Élan", "", "", ""),
    ("elan", "", "", ""),
    ("Elan", "", "", ""),
    ("apple", "", "", ""),
    ("Apple", "", "", ""),
    ("10 steps", "", "", ""),
    ("2 steps", "", "", ""),
    ("a-b", "", "", ""),
    ("a b", "", "", ""),
    ("ab", "", "", ""),
    ("  Trimmed", "", "", ""),
    ("Zveçan", "Zveçan", "Звечан", "Zvečan"),
    ("Zvečan", "", "", "Zvecan"),
    ("Dan", "", "", ""),
)


@pytest.fixture
def titled(db: Database) -> ActivityService:
    setting = Setting(db)
    service = ActivityService(db)
    for en, sq, sr, sr_latn in TITLES:
        service.create(setting.form(name_en=en, name_sq=sq, name_sr=sr, name_sr_latn=sr_latn))
    return service


@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("language", NAME_LANGUAGES)
def test_the_title_sort_is_the_collations_order(
    db: Database, titled: ActivityService, language: str, descending: bool
) -> None:
    by_collation = localized_name(Activity, language)
    order = (by_collation.desc(), Activity.id.desc()) if descending else (by_collation, Activity.id)
    with db.transaction() as session:
        expected = list(session.scalars(select(Activity.id).order_by(*order)))
    query = ListQuery(sort="name", language=language, descending=descending)
    assert [row.id for row in titled.page(query)] == expected
    # and the same, row by row, as Python sorts the titles the list shows
    with db.transaction() as session:
        names = {
            activity.id: activity.names()
            for activity in session.scalars(select(Activity).order_by(Activity.id))
        }
    key = sort_key_for(language)
    chains = {"en": "en sq sr_Latn sr", "sq": "sq en sr_Latn sr", "sr": "sr sr_Latn en sq"}
    chain = chains.get(language, "sr_Latn sr en sq").split()
    first = {
        record: next(
            (names[record][code] or "").strip(" ") for code in chain if names[record][code]
        )
        for record in names
    }
    python = sorted(names, key=lambda record: (key(first[record]), record), reverse=descending)
    assert expected == python


def test_the_keys_follow_the_titles(db: Database, titled: ActivityService) -> None:
    """An edited title gets new keys in the same transaction."""
    row = titled.page(ListQuery(sort="name", language="sq"))[0]
    details = titled.get(row.id)
    details.form.name_sq = "Zhvillimi"
    details.form.name_en = "Zhvillimi"
    titled.update(row.id, details.form, details.version)
    assert titled.page(ListQuery(sort="name", language="sq"))[-1].id == row.id
    _assert_keys_match_titles(db)


def test_every_demo_activity_has_its_titles_keys(db: Database) -> None:
    load_demo(db)
    assert _assert_keys_match_titles(db) == 50


def test_every_benchmark_activity_has_its_titles_keys(db: Database) -> None:
    load_scaled_demo(db, 200)
    assert _assert_keys_match_titles(db) == 200


def test_sqlite_writes_and_checks_activities_without_csodesk_collations(
    sqlite_db: Database,
) -> None:
    """No index of the activities uses a collation any longer: another tool can write one,
    and the damage check compares no title through Python."""
    ActivityService(sqlite_db).create(Setting(sqlite_db).form())
    assert sqlite_db.path is not None
    connection = sqlite3.connect(sqlite_db.path)
    try:
        connection.execute(
            "INSERT INTO activities (uuid, created_at, updated_at, version, name_en, project_id,"
            " activity_type_id, start_date, end_date, search_key) SELECT 'f' || substr(uuid, 2),"
            " created_at, updated_at, 1, 'Written by another tool', project_id,"
            " activity_type_id, start_date, end_date, 'written by another tool'"
            " FROM activities LIMIT 1"
        )
        connection.commit()
        assert connection.execute("PRAGMA quick_check").fetchall() == [("ok",)]
        sql = connection.execute(
            "SELECT group_concat(sql, ' ') FROM sqlite_master WHERE tbl_name = 'activities'"
        ).fetchone()[0]
    finally:
        connection.close()
    assert "COLLATE" not in sql.upper()


def _assert_keys_match_titles(db: Database) -> int:
    """Every activity's stored keys are those of its titles; how many activities."""
    with db.transaction() as session:
        activities = session.scalars(select(Activity)).all()
        for activity in activities:
            names = {code: getattr(activity, name_column(code)) for code in NAME_LANGUAGES}
            stored = {column: getattr(activity, column) for column in TITLE_KEY_COLUMNS.values()}
            assert stored == title_keys(names), activity.id
        return len(activities)
