"""The floors of the list figures: the same first page in raw SQL, written by hand and run
through the benchmark engine's own DBAPI connection (its collations registered), with no
ORM, no row objects and no widgets.

Each query selects what the list shows (the activity, its type's, municipality's and
project's names, its participant figures; an expenditure with its line, heading and
currency) for the first ``PAGE_SIZE`` rows of the list's order, ties broken by id in the
same direction.  Like the service, the page's ids are chosen first by the sort key alone
and only those rows are joined: the cheapest plain SQL for that page.  The participant
figures are read from the sums stored on the activity when the schema has them (revision
0011), else added up from the participant counts, as the service of that schema does.
"""

from dataclasses import dataclass
from typing import Any

from desktop.domain.multilingual import NAME_FALLBACKS, name_column
from desktop.services.activities_search import trigram_match
from desktop.services.listing import PAGE_SIZE, search_words
from desktop.store.collations import collation_name
from desktop.store.database import Database

LANGUAGE = "en"
_STORED_SUMS = ("participants_women", "participants_men", "participants_recorded")


@dataclass(frozen=True)
class PageQuery:
    """One raw page query and its parameters."""

    sql: str
    parameters: tuple[Any, ...] = ()

    def rows(self, connection: Any) -> list[tuple[Any, ...]]:
        cursor = connection.cursor()
        try:
            cursor.execute(self.sql, self.parameters)
            return cursor.fetchall()
        finally:
            cursor.close()


def _localized(alias: str) -> str:
    """The name in the benchmark's language with its fallback chain, spelt as the title
    indexes spell it (schema 0006)."""
    chain = ", ".join(
        f"nullif(trim({alias}.{name_column(code)}), '')" for code in NAME_FALLBACKS[LANGUAGE]
    )
    return f"coalesce({chain}, '') COLLATE {collation_name(LANGUAGE)}"


def _sum(alias: str, gender: str | None) -> str:
    which = f" AND c.gender = '{gender}'" if gender else ""
    return (
        "(SELECT coalesce(sum(c.count), 0) FROM participant_counts c "
        f"WHERE c.activity_id = {alias}.id{which})"
    )


def has_stored_sums(db: Database) -> bool:
    """Whether the activities carry their participant sums (schema revision 0011)."""
    connection = db.engine.raw_connection()
    try:
        cursor = connection.cursor()
        cursor.execute("PRAGMA table_info(activities)")
        names = {row[1] for row in cursor.fetchall()}
        cursor.close()
    finally:
        connection.close()
    return set(_STORED_SUMS) <= names


def _figures(stored: bool) -> tuple[str, str, str]:
    """Women, men and everyone recorded, for the activity aliased ``a``."""
    if stored:
        return tuple(f"a.{name}" for name in _STORED_SUMS)  # type: ignore[return-value]
    return _sum("a", "female"), _sum("a", "male"), _sum("a", None)


# The join each sort needs to read its key, by the list's sort key.
_JOINS = {
    "type": "JOIN activity_types t ON t.id = a.activity_type_id",
    "municipality": "LEFT JOIN municipalities m ON m.id = a.municipality_id",
    "project": "JOIN projects p ON p.id = a.project_id",
}


def _activity_order(sort: str, stored: bool) -> str:
    women, men, recorded = _figures(stored)
    orders = {
        "start_date": "a.start_date",
        "name": _localized("a"),
        "type": _localized("t"),
        "municipality": _localized("m"),
        "project": "p.code",
        "women": women,
        "men": men,
        "total": f"coalesce(a.participants_total, {recorded})",
        "incomplete": f"(a.participants_total IS NOT NULL AND a.participants_total != {recorded})",
    }
    return orders[sort]


def activities_page(
    sort: str, descending: bool = False, search: str = "", stored: bool = True
) -> PageQuery:
    """The first page of the activities list sorted by ``sort`` (a ``Column.sort_key`` of
    the Activities page), narrowed by ``search`` as the SQLite service narrows it: the FTS5
    trigram table names the candidates (by the trigrams that cover each word, as the service
    asks for them), then the folded search key is compared."""
    order = _activity_order(sort, stored)
    direction = "DESC" if descending else "ASC"
    conditions = ["a.archived_at IS NULL"]
    parameters: list[Any] = []
    words = search_words(search)
    match = trigram_match(words)
    if match is not None:
        conditions.append(
            "a.id IN (SELECT rowid FROM activities_search WHERE activities_search MATCH ?)"
        )
        parameters.append(match)
    for word in words:
        conditions.append("a.search_key LIKE ? ESCAPE '/'")
        escaped = word.replace("/", "//").replace("%", "/%").replace("_", "/_")
        parameters.append(f"%{escaped}%")
    women, men, recorded = _figures(stored)
    chosen = (
        f"SELECT a.id FROM activities a {_JOINS.get(sort, '')} "
        f"WHERE {' AND '.join(conditions)} "
        f"ORDER BY {order} {direction}, a.id {direction} LIMIT {PAGE_SIZE}"
    )
    sql = (
        "SELECT a.id, a.start_date, a.end_date, a.name_en, a.name_sq, a.name_sr, "
        "a.name_sr_latn, a.participants_total, a.archived_at, "
        "t.name_en, t.name_sq, t.name_sr, t.name_sr_latn, "
        "m.name_en, m.name_sq, m.name_sr, m.name_sr_latn, p.code, "
        f"{women}, {men}, {recorded} "
        "FROM activities a "
        "JOIN activity_types t ON t.id = a.activity_type_id "
        "JOIN projects p ON p.id = a.project_id "
        "LEFT JOIN municipalities m ON m.id = a.municipality_id "
        f"WHERE a.id IN ({chosen}) "
        f"ORDER BY {order} {direction}, a.id {direction}"
    )
    return PageQuery(sql, tuple(parameters))


def expenditures_page(grant_id: int) -> PageQuery:
    """The first page of one grant's expenditures, by date as the tab first shows them."""
    return PageQuery(
        "SELECT e.id, e.uuid, e.version, e.spent_on, e.description, e.supplier, "
        "e.invoice_reference, e.original_currency, e.original_amount, e.rate, e.amount, "
        "l.code, h.name_en, h.name_sq, h.name_sr, h.name_sr_latn, g.currency "
        "FROM expenditures e "
        "JOIN budget_lines l ON l.id = e.budget_line_id "
        "JOIN budget_headings h ON h.id = l.heading_id "
        "JOIN grants g ON g.id = e.grant_id "
        f"WHERE e.grant_id = ? ORDER BY e.spent_on, e.id LIMIT {PAGE_SIZE}",
        (grant_id,),
    )


def largest_expenditure_grant(db: Database) -> tuple[int, str, int]:
    """The grant with the most expenditures: its id, contract number and that number."""
    connection = db.engine.raw_connection()
    try:
        return PageQuery(
            "SELECT g.id, g.contract_number, count(e.id) AS spent FROM grants g "
            "JOIN expenditures e ON e.grant_id = g.id WHERE g.archived_at IS NULL "
            "GROUP BY g.id ORDER BY spent DESC, g.id LIMIT 1"
        ).rows(connection)[0]
    finally:
        connection.close()
