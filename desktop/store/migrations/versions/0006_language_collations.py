"""Lists sort in each language's alphabetical order.

Until this revision lists sorted lower-cased names in binary order: "Çaji" after "Zana",
"Dhimitri" before "Dyqan" in Albanian, Serbian Cyrillic in Unicode's order rather than the
azbuka's.  Now the services sort names and titles in the collation of the list's language
(``desktop.store.collations``; ``desktop.services.listing.localized_name``):

- on PostgreSQL this revision creates the ICU collations ``csodesk_en``, ``csodesk_sq``,
  ``csodesk_sr`` (``sr-Cyrl``) and ``csodesk_sr_latn`` (``sr-Latn``).  A server built
  without ICU gets collations copied from "C" under the same names, so the SQL still runs,
  in binary order;
- SQLite has no collations of its own: every connection CSO Desk opens registers the same
  names, comparing ``desktop.i18n.collation.sort_key``, which follows ICU.

The activities' title indexes of revision 0005 are rebuilt in these collations, so that
sorting by title still reads an index (``desktop.store.migrations.list_indexes``).
Because of them, an SQLite connection that has not registered the collations (the
``sqlite3`` shell, another tool) can read the activities but cannot insert or change one:
it fails with "no such collation sequence".  Use CSO Desk, or register the collations
(``desktop.store.collations.register_sqlite_collations``).

Rebuilding the four indexes took 7 s for an office of 100,000 activities on SQLite (the
collation is Python code called for each comparison); see docs/PERFORMANCE.md.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-28 10:30:00
"""

from collections.abc import Sequence

from alembic import op
from sqlalchemy import Connection, text

from desktop.store.collations import COLLATIONS, ICU_LOCALES
from desktop.store.migrations import list_indexes

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    connection = op.get_bind()
    if connection.dialect.name == "postgresql":
        _create_collations(connection)
    list_indexes.drop_sort_name_indexes(connection)
    list_indexes.create_sort_name_indexes(connection, collated=True)
    if connection.dialect.name == "postgresql":
        op.execute("ANALYZE activities")


def downgrade() -> None:
    connection = op.get_bind()
    list_indexes.drop_sort_name_indexes(connection)
    list_indexes.create_sort_name_indexes(connection, collated=False)
    if connection.dialect.name == "postgresql":
        for name in COLLATIONS.values():
            op.execute(f"DROP COLLATION IF EXISTS {name}")


def _create_collations(connection: Connection) -> None:
    has_icu = connection.execute(
        text("SELECT EXISTS (SELECT 1 FROM pg_collation WHERE collprovider = 'i')")
    ).scalar()
    for language, name in COLLATIONS.items():
        if has_icu:
            definition = f"(provider = icu, locale = '{ICU_LOCALES[language]}')"
        else:
            definition = 'FROM "C"'
        op.execute(f"CREATE COLLATION IF NOT EXISTS {name} {definition}")
