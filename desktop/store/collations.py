"""The database's alphabetical orders: one collation per interface language.

Lists sort in the database, so the database must know each language's alphabet
(``desktop.i18n.collation``).  PostgreSQL has ICU's collations, created by schema revision
0006 under the names below; SQLite has none, so every connection CSO Desk opens to an
SQLite file registers the same names, comparing ``desktop.i18n.collation.sort_key``.

An SQLite connection without them cannot sort by them, and cannot write to the
activities table either, whose title indexes (revision 0006) use them: the ``sqlite3``
shell reports "no such collation sequence".
"""

import sqlite3

from desktop.i18n.collation import comparison_for

COLLATIONS = {
    "en": "csodesk_en",
    "sq": "csodesk_sq",
    "sr": "csodesk_sr",
    "sr_Latn": "csodesk_sr_latn",
}
# ICU's locale for each collation (PostgreSQL).
ICU_LOCALES = {"en": "en", "sq": "sq", "sr": "sr-Cyrl", "sr_Latn": "sr-Latn"}


def collation_name(language: str) -> str:
    """The collation that sorts ``language``'s lists; English's for an unknown language."""
    return COLLATIONS.get(language, COLLATIONS["en"])


def register_sqlite_collations(connection: sqlite3.Connection) -> None:
    """Teach one SQLite connection every language's order."""
    for language, name in COLLATIONS.items():
        connection.create_collation(name, comparison_for(language))
