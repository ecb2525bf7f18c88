"""How the SQLite search of the activities list asks for its page (desktop/services/
activities_search.py): which trigrams it looks up, and which index each way reads.  The rows
themselves are compared with every key in tests/properties/test_search_properties.py."""

from dataclasses import replace
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import func, select

from desktop.domain.activity import Activity
from desktop.services.activities import ActivityService
from desktop.services.activities_search import covering_trigrams, trigram_match
from desktop.services.listing import ListQuery
from desktop.store.database import Database
from desktop.store.demo_scale import load_scaled_demo
from tests.sql_log import statements_sent


def test_the_trigrams_asked_for_cover_every_letter_of_each_word() -> None:
    assert covering_trigrams("mitrovic") == ["mit", "rov", "vic"]
    assert covering_trigrams("trajnim") == ["tra", "jni", "nim"]
    assert covering_trigrams("abcd") == ["abc", "bcd"]
    assert covering_trigrams("abc") == ["abc"]
    assert covering_trigrams("ab") == []
    for word in ("prishtina", "konsultim", "50%_x", "zz'q\"", "ђурђевдан"):
        covered = set()
        for piece in covering_trigrams(word):
            start = word.index(piece)
            covered |= set(range(start, start + len(piece)))
        assert covered == set(range(len(word))), word


def test_the_trigram_query_quotes_each_trigram() -> None:
    assert trigram_match(["mitrovic", "work", "ko"]) == '"mit" "ork" "rov" "vic" "wor"'
    assert trigram_match(['o"brien']) == '"ien" "o""b" "rie"'
    assert trigram_match(["ko", "a"]) is None


def _plans_of_walks(db: Database, query: ListQuery, limit: int) -> list[str]:
    """The plans of the statements that read in date order (their stretch of dates is
    marked for SQLite's planner as ``likelihood(…)``)."""
    with statements_sent(db) as sent:
        ActivityService(db).page(query, 0, limit)
    walks = [item for item in sent if "likelihood(" in item[0]]
    return [_plan(db, statement, parameters) for statement, parameters in walks]


def _plan(db: Database, statement: str, parameters: Any) -> str:
    with db.engine.connect() as connection:
        rows = connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters)
        return " | ".join(row[3] for row in rows)


def _largest(db: Database, column: Any) -> tuple[int, int]:
    """The value of ``column`` most activities have, and how many have it."""
    with db.transaction() as session:
        value, count = session.execute(
            select(column, func.count()).group_by(column).order_by(func.count().desc()).limit(1)
        ).one()
    return value, count


def test_the_walk_keeps_to_the_start_date_index_under_a_filter_with_an_index(
    db: Database,
) -> None:
    """A type filter has an index of its own (``ix_activities_listed``), which SQLite's planner
    would read whole and sort by date; the walk's stretch of dates is read instead."""
    if not db.is_sqlite:
        pytest.skip("only SQLite chooses between the ways; PostgreSQL's planner does")
    load_scaled_demo(db, 400)
    activity_type, activities = _largest(db, Activity.activity_type_id)
    assert activities > 21  # more than √(1 × 400): the filter leaves too many to compare
    query = ListQuery(
        sort="start_date",
        descending=True,
        search="a",
        filters=(("activity_type_id", activity_type),),
    )
    walks = _plans_of_walks(db, query, 1)
    assert walks, "a common word under a broad filter is read in date order"
    assert all("ix_activities_start_date" in plan for plan in walks), walks
    assert not any("ix_activities_listed" in plan for plan in walks), walks


def test_a_filter_that_leaves_few_activities_compares_their_keys_at_once(db: Database) -> None:
    """A week's activities are fewer than √(wanted × N): their keys are compared at once,
    with no walk in date order, which would otherwise be tried for a page of one."""
    if not db.is_sqlite:
        pytest.skip("only SQLite chooses between the ways; PostgreSQL's planner does")
    load_scaled_demo(db, 400)
    with db.transaction() as session:
        latest = session.scalar(select(func.max(Activity.start_date)))
    week = (("date_from", latest - timedelta(days=6)), ("date_to", latest))
    query = ListQuery(sort="start_date", descending=True, search="a")
    assert _plans_of_walks(db, query, 1)  # without the filter: read in date order
    assert _plans_of_walks(db, replace(query, filters=week), 1) == []
