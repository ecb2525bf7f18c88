"""Random searches of the activities list find exactly the activities whose search key
holds every folded word, whichever way the service reads to find them.

On SQLite a search page is found by reading in date order, through the trigram table's
candidates (a few trigrams of each word), or by comparing every key in the keys' index
(words too short for a trigram): each way must list the same rows as comparing every key
in Python, in the unsearched list's order, and the count must agree with the page.  The
texts drawn are pieces of the keys themselves (so that most searches find something), one
or two letters, words found nowhere, Cyrillic and accented letters, punctuation, ``%``,
``_`` and quotes, with and without a filter; the office is a scaled demo of 300
activities, some renamed with such characters, so that common words are read in date
order and rare ones through the trigram table.  PostgreSQL runs the same checks over its own plan.
"""

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from desktop.domain.activity import Activity
from desktop.services.activities import ActivityService
from desktop.services.listing import ListQuery, search_words
from desktop.store.database import Database
from desktop.store.demo_scale import load_scaled_demo
from tests.list_pages import ids_page_by_page
from tests.sql_log import statements_sent

# Titles with what a search must treat as plain characters, given to a few activities.
_ODD_TITLES = (
    "Обука за 50% жена у Приштини",
    "Trajnim për të rinjtë_në Gjakovë",
    'Radionica "O\'Brien" – 100% mladi',
    "Çështje të sigurisë në Štrpce / Shtërpcë",
)
_ODD_TEXTS = (
    "%",
    "_",
    "50%",
    "%_",
    "'",
    '"',
    "o'b",
    '"o',
    "–",
    "/",
    "рине",
    "приштини",
    "ПРИШ",
    "Štr",
    "çësh",
    "ë",
    "zz",
    "qqq",
    "trajnim zz",
    "a b",
)
_SORTS = ("start_date", "name", "type", "municipality", "project", "women", "total")


@pytest.fixture
def office(db: Database) -> Iterator[Database]:
    """A scaled demo of 300 activities, a few renamed, every ninth archived."""
    load_scaled_demo(db, 300)
    service = ActivityService(db)
    with db.transaction() as session:
        ids = list(session.scalars(select(Activity.id).order_by(Activity.id)))
    for activity_id, title in zip(ids[5::70], _ODD_TITLES, strict=False):
        details = service.get(activity_id)
        service.update(activity_id, replace(details.form, name_en=title), details.version)
    for activity_id in ids[::9]:
        service.archive(activity_id)
    yield db


def _keys(db: Database) -> dict[int, tuple[str, bool]]:
    with db.transaction() as session:
        rows = session.execute(select(Activity.id, Activity.search_key, Activity.archived_at))
        return {row.id: (row.search_key, row.archived_at is not None) for row in rows}


def _filters(db: Database) -> list[tuple[tuple[str, Any], ...]]:
    """No filter, or one of the list's filters set to a value some activities have: a
    project, a type, a municipality, or the start dates of a year."""
    with db.transaction() as session:
        first = session.execute(
            select(
                Activity.project_id,
                Activity.activity_type_id,
                Activity.municipality_id,
                Activity.start_date,
            ).order_by(Activity.id.desc())
        ).first()
    assert first is not None
    year = first.start_date.year
    return [
        (),
        (("project_id", first.project_id),),
        (("activity_type_id", first.activity_type_id),),
        (("municipality_id", first.municipality_id),),
        (("date_from", date(year, 1, 1)), ("date_to", date(year, 12, 31))),
    ]


def _texts(keys: list[str]) -> st.SearchStrategy[str]:
    """Pieces of the keys (one to twelve characters from anywhere in one), one or two
    of those as words; two trigrams of one key from different places, written as one word
    (the trigram table names that key, the comparison must drop it); the odd texts."""
    piece = st.builds(
        lambda key, start, length: key[start : start + length],
        st.sampled_from(keys),
        st.integers(0, 200),
        st.integers(1, 12),
    ).filter(str.strip)
    words = st.lists(piece, min_size=1, max_size=2).map(" ".join)
    apart = st.builds(
        lambda key, first, second: key[first : first + 3] + key[second : second + 3],
        st.sampled_from(keys),
        st.integers(0, 100),
        st.integers(0, 100),
    ).filter(lambda text: " " not in text)
    # The last one or two letters of a key: since schema 0013 they begin a trigram of the
    # padded key, through which a short text is looked up in the trigram table.
    ends = st.builds(
        lambda key, length: key[-length:], st.sampled_from(keys), st.integers(1, 2)
    ).filter(str.strip)
    short = st.text(alphabet="abcdeghijklmnoprstuvzëçшђžqxyw", min_size=1, max_size=2)
    return st.one_of(words, apart, ends, short, st.sampled_from(_ODD_TEXTS), st.text(max_size=4))


def test_every_search_lists_exactly_the_keys_that_hold_its_words(office: Database) -> None:
    service = ActivityService(office)
    keys = _keys(office)
    # The unsearched lists' orders, once per sort, direction and archived or not.
    orders: dict[tuple[Any, ...], list[int]] = {}

    def unsearched(query: ListQuery) -> list[int]:
        index = (query.sort, query.descending, query.include_archived, query.filters)
        if index not in orders:
            orders[index] = ids_page_by_page(service, replace(query, search=""), 500)
        return orders[index]

    broad = _filters(office)[1]  # a project's activities: more than a page of 7 holds

    # Each way at least once, whatever else is drawn: a short word common enough to read
    # the filtered activities in date order, a short text no key holds, a rare one listed
    # from the vocabulary, and a short word in another order (the latest keys sampled).
    @settings(max_examples=100)
    @example("a", "start_date", True, False, 7, broad)
    @example("zz", "start_date", True, False, 7, ())
    @example(_rare_short(keys), "start_date", False, True, 7, ())
    @example("e", "name", False, False, 7, ())
    @given(
        typed=_texts([key for key, _archived in keys.values()]),
        sort=st.sampled_from(_SORTS),
        descending=st.booleans(),
        include_archived=st.booleans(),
        size=st.sampled_from((7, 200)),
        filters=st.sampled_from(_filters(office)),
    )
    def check(
        typed: str,
        sort: str,
        descending: bool,
        include_archived: bool,
        size: int,
        filters: tuple[tuple[str, Any], ...],
    ) -> None:
        query = ListQuery(
            sort=sort,
            descending=descending,
            include_archived=include_archived,
            search=typed,
            filters=filters,
        )
        words = search_words(typed)
        expected = [
            activity
            for activity in unsearched(query)
            if all(word in keys[activity][0] for word in words)
        ]
        assert ids_page_by_page(service, query, size) == expected
        assert service.count(query) == len(expected)

    with statements_sent(office) as sent:
        check()
    if office.is_sqlite:  # each of SQLite's ways was taken by some of the searches
        ways = _ways([statement for statement, _parameters in sent])
        assert ways == set(_WAYS), ways


def _rare_short(keys: dict[int, tuple[str, bool]]) -> str:
    """Two letters that one to three keys hold, the last two of one of them if possible."""
    texts = [key[-2:] for key, _archived in keys.values()] + [
        key[start : start + 2] for key, _archived in keys.values() for start in range(len(key))
    ]
    for text in texts:
        held = sum(text in key for key, _archived in keys.values())
        if text.strip() == text and len(text) == 2 and 1 <= held <= 3:
            return text
    raise AssertionError("no rare pair of letters in the office")


# What the SQL of each way holds (desktop/services/activities_search.py).
_WAYS = {
    "probed": "activities_search MATCH ? LIMIT",
    "walked in date order": "activities.start_date >=",
    "the candidates' ids": "json_each",
    "the trigram table's rows": "activities_search.activities_search MATCH",
    "the latest keys sampled": "FROM activities ORDER BY activities.start_date DESC LIMIT",
    "the short words' trigrams listed": "FROM temp.activities_search_terms WHERE term",
    "the filtered activities counted": "FROM (SELECT activities.id AS id FROM activities",
}


def _ways(sent: list[str]) -> set[str]:
    flat = [" ".join(statement.split()) for statement in sent]
    return {way for way, mark in _WAYS.items() if any(mark in statement for statement in flat)}


def test_odd_titles_are_found_by_their_own_characters(office: Database) -> None:
    """The renamed activities are found by their Cyrillic, accented and wildcard-like
    characters, as typed in any script, and a text they do not hold finds none of them."""
    service = ActivityService(office)
    keys = _keys(office)

    def found(typed: str) -> set[int]:
        query = ListQuery(search=typed, include_archived=True)
        return {row.id for row in service.page(query, 0, 500)}

    obuka = {activity for activity, (key, _archived) in keys.items() if "obuka za 50% zena" in key}
    assert obuka and obuka <= found("Обука за 50%") and obuka <= found("obuka 50%")
    assert obuka <= found("50%") and not obuka & found("50_")
    brien = found('"o\'brien"')
    assert len(brien) == 1 and brien <= found("100%")
    assert found("qqq") == set() and found("zz") == set()
