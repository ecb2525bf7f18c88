"""Search keys: the folded text a record is found by.

Each record's key holds its codes and its names in every language, folded to lower-case
Latin without accents, so "prishtine", "Priština" and "Приштина" meet on one indexed column
on SQLite and PostgreSQL alike.  Services and the demo loader build keys the same way.
"""

from desktop.domain.multilingual import NAME_LANGUAGES, name_column
from desktop.i18n.folding import fold


def search_key_of(*parts: str | None) -> str:
    return fold(" ".join(part for part in parts if part))


def names_of(record: object) -> list[str | None]:
    """The record's names in every language, for its search key."""
    return [getattr(record, name_column(code)) for code in NAME_LANGUAGES]
