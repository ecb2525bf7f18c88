"""What every list shares: a query (search, filters, archived or not, sort) and its SQL
pieces.

Lists are paged, filtered and sorted in the database, so a list of a million rows costs
what a list of ten does.  A filter is a name the list's service knows ("status",
"municipality", "project", ...) and a value; ``None`` means "any".
"""

from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import ColumnElement, and_, func, true
from sqlalchemy.orm import InstrumentedAttribute

from desktop.domain.multilingual import NAME_FALLBACKS, name_column
from desktop.i18n.folding import fold

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


def search_condition(search_key: InstrumentedAttribute[str], text: str) -> ColumnElement[bool]:
    """Every word of ``text`` must occur in the folded search key."""
    words = fold(text).split()
    if not words:
        return true()
    return and_(*(search_key.contains(word, autoescape=True) for word in words))


def localized_name(model: type, language: str) -> ColumnElement[str]:
    """The name in ``language`` with its fallback chain, as an SQL expression for sorting
    (lower-cased, so "NGO Zajedno" does not sort before "Network for Peace")."""
    chain = NAME_FALLBACKS.get(language, NAME_FALLBACKS["en"])
    columns = [func.nullif(func.trim(getattr(model, name_column(code))), "") for code in chain]
    return func.lower(func.coalesce(*columns, ""))
