"""What every list shares: a query (search, filters, archived or not, sort) and its SQL
pieces.

Lists are paged, filtered and sorted in the database, so a list of a million rows costs
what a list of ten does.  A filter is a name the list's service knows ("status",
"municipality", "project", ...) and a value; ``None`` means "any".

The SQL here is written to meet the indexes of schema revisions 0005 and 0006 (see
``desktop/store/migrations/versions/0005_list_indexes.py``, ``0006_language_collations.py``
and docs/PERFORMANCE.md): change an expression and the index that serves it no longer does.

Text columns sort in the list's language's alphabetical order (``in_language``): the
database's collation of that language (``desktop.store.collations``).
"""

from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import (
    Column,
    ColumnElement,
    FromClause,
    and_,
    column,
    func,
    literal_column,
    select,
    table,
    true,
)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import InstrumentedAttribute
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.visitors import InternalTraversal

from desktop.domain.multilingual import NAME_FALLBACKS, name_column
from desktop.i18n.folding import fold
from desktop.services.validation import clean_text
from desktop.store.collations import collation_name

PAGE_SIZE = 200


@dataclass(frozen=True)
class ListQuery:
    search: str = ""
    include_archived: bool = False
    sort: str = "name"
    descending: bool = False
    language: str = "en"
    filters: tuple[tuple[str, Any], ...] = ()

    def filter_value(self, name: str, default: Any = None) -> Any:
        """The value of filter ``name`` (``default`` when it is not set)."""
        return next((value for key, value in self.filters if key == name), default)

    def with_filter(self, name: str, value: Any) -> "ListQuery":
        """This query with filter ``name`` set to ``value`` (``None`` removes it)."""
        kept = tuple((key, old) for key, old in self.filters if key != name)
        return replace(self, filters=kept if value is None else (*kept, (name, value)))


# Tables whose search key SQLite also holds in an FTS5 trigram table (schema 0005), by
# the name of that table.  PostgreSQL's trigram indexes need no help: ``LIKE`` uses them.
SQLITE_TRIGRAM_TABLES = {"activities": "activities_search"}
TRIGRAM = 3  # the shortest piece of a word a trigram index can look up


MAX_SEARCH_LENGTH = 200  # the characters of a search that are read; a longer paste is cut


def search_words(text: str) -> list[str]:
    """The distinct folded words of a search, read from its first ``MAX_SEARCH_LENGTH``
    characters: a whole page pasted into the search box finds what its start finds, at
    once, instead of holding the list for a minute over thousands of words.  Control
    characters are dropped as the forms drop them (PostgreSQL refuses a NUL even in a
    search)."""
    return list(dict.fromkeys(fold(clean_text(text[:MAX_SEARCH_LENGTH])).split()))


def search_condition(
    search_key: InstrumentedAttribute[str] | ColumnElement[str], text: str, *, trigrams: bool = True
) -> ColumnElement[bool]:
    """Every word of ``text`` must occur in the folded search key.

    Where SQLite keeps a trigram table for the key, the rows it names as candidates are
    checked first, so the comparison reads only them instead of every row; ``trigrams=False``
    leaves that out, for a list that finds its page sooner by reading rows in its order and
    comparing each (``desktop.services.activities_search``).
    """
    words = search_words(text)
    if not words:
        return true()
    condition = and_(*(search_key.contains(word, autoescape=True) for word in words))
    candidates = _sqlite_candidates(search_key, words) if trigrams else None
    return condition if candidates is None else and_(candidates, condition)


def trigram_match(words: list[str]) -> str | None:
    """The FTS5 query naming the rows that hold every trigram of every word of three
    letters or more, or ``None`` when no word is that long."""
    pieces = sorted(
        {word[start : start + TRIGRAM] for word in words for start in range(len(word) - 2)}
    )
    return " ".join('"{}"'.format(piece.replace('"', '""')) for piece in pieces) or None


def _sqlite_candidates(
    search_key: InstrumentedAttribute[str] | ColumnElement[str], words: list[str]
) -> ColumnElement[bool] | None:
    """``id IN (rows of the trigram table holding every trigram of every long word)``, or
    ``None`` when the key has no trigram table or no word is long enough to look up.

    The trigram table answers from its index alone (it keeps no positions, so "abcd" also
    matches a key holding "bcd" and "abc" apart); the exact comparison then drops such
    rows.  Asking it for ``LIKE`` instead would have it read every candidate's key too."""
    key = search_key.expression  # a mapped attribute's column, or the column itself
    if not isinstance(key, Column):  # keys joined in SQL (people's)
        return None
    index = SQLITE_TRIGRAM_TABLES.get(key.table.name)
    wanted = trigram_match(words)
    if index is None or wanted is None:
        return None
    trigrams = table(index, column("rowid"), column(index))
    found = select(trigrams.c.rowid).where(trigrams.c[index].match(wanted))
    return SQLiteOnly(key.table.c.id.in_(found))


class SQLiteOnly(ColumnElement[bool]):
    """A condition SQLite evaluates and every other database reads as true."""

    inherit_cache = True
    _traverse_internals = [("condition", InternalTraversal.dp_clauseelement)]  # noqa: RUF012

    def __init__(self, condition: ColumnElement[bool]) -> None:
        self.condition = condition


@compiles(SQLiteOnly)
def _compile_elsewhere(element: SQLiteOnly, compiler: SQLCompiler, **kw: Any) -> str:
    return compiler.process(true(), **kw)


@compiles(SQLiteOnly, "sqlite")
def _compile_on_sqlite(element: SQLiteOnly, compiler: SQLCompiler, **kw: Any) -> str:
    return compiler.process(element.condition, **kw)


def localized_name(named: Any, language: str) -> ColumnElement[str]:
    """The name in ``language`` with its fallback chain, as an SQL expression for sorting
    in that language's alphabetical order (which compares letters before their case, so
    "NGO Zajedno" does not sort before "Network for Peace").  ``named`` holds the name
    columns: a mapped class, an alias of one, or a table.

    The empty strings are literals, not bound parameters: an index on this expression
    (schema 0006) is used only when the query spells it the same way."""
    chain = NAME_FALLBACKS.get(language, NAME_FALLBACKS["en"])
    empty = literal_column("''")
    names = named.c if isinstance(named, FromClause) else named
    columns = [func.nullif(func.trim(getattr(names, name_column(code))), empty) for code in chain]
    return in_language(func.coalesce(*columns, empty), language)


def in_language(text: ColumnElement[str], language: str) -> ColumnElement[str]:
    """``text`` sorted in ``language``'s alphabetical order rather than by code points."""
    return text.collate(collation_name(language))
