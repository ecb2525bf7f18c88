"""Lists of a million activities open, sort and search at once.

The activities list is the one that grows without bound (a busy office records thousands a
year; the benchmark office has 100,000 and 1,000,000).  Before this revision, opening it
read the whole table: the count scanned every row, sorting by title sorted every row, and a
search compared every row's key.  This revision adds what each of those needs:

- an index per interface language on the title as the list sorts it
  (``desktop.services.listing.localized_name``: lower-cased, with that language's
  fallbacks), so the first page by title is the first 200 entries of an index;
- a narrow index on what the list counts and filters by (archived or not, type, project,
  municipality), so a count reads that index rather than the table;
- a trigram index on every search key, so a search for part of a word need not read every
  row: on PostgreSQL pg_trgm's GIN index, which ``LIKE '%…%'`` uses as it is; on SQLite an
  FTS5 table with the trigram tokenizer mirroring ``activities.search_key`` (kept in step by
  triggers), which the activities search asks for candidates
  (``desktop.services.listing.search_condition``);
- on PostgreSQL, fresh planner statistics (``ANALYZE``).  SQLite gets none on purpose:
  statistics taken while a database is small mislead its planner once the database has
  grown (SQLite does not refresh them), and a sampled ``ANALYZE`` misjudged how few
  activities are archived; without statistics these indexes are chosen as intended.

Figures (SQLite, count + first page of 200, before -> after) are in docs/PERFORMANCE.md.

The SQL of the activities' indexes is in ``desktop.store.migrations.list_indexes``, which the
benchmark loader also uses.  A later revision that rebuilds the activities table in SQLite's
batch mode drops the triggers with the old table and must create them again.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-28 09:40:00
"""

from collections.abc import Sequence

from alembic import op
from sqlalchemy import Connection, text
from sqlalchemy.exc import DBAPIError

from desktop.store.migrations import list_indexes

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_SEARCHED_TABLES = (
    "organisations",
    "people",
    "projects",
    "grants",
    "activities",
    "cases",
    "research_outputs",
    "expenditures",
)


def upgrade() -> None:
    connection = op.get_bind()
    list_indexes.create_activity_indexes(connection)
    if connection.dialect.name == "sqlite":
        list_indexes.create_sqlite_search(connection)
    elif connection.dialect.name == "postgresql":
        if _has_trigrams(connection):
            for table in _SEARCHED_TABLES:
                op.execute(
                    f"CREATE INDEX ix_{table}_search_trigram ON {table} "
                    "USING gin (search_key gin_trgm_ops)"
                )
        op.execute("ANALYZE")


def downgrade() -> None:
    connection = op.get_bind()
    if connection.dialect.name == "sqlite":
        list_indexes.drop_sqlite_search(connection)
    else:
        for table in _SEARCHED_TABLES:
            op.execute(f"DROP INDEX IF EXISTS ix_{table}_search_trigram")
    list_indexes.drop_activity_indexes(connection)


def _has_trigrams(connection: Connection) -> bool:
    """Whether pg_trgm is (or could be made) available; a server without PostgreSQL's
    contrib modules, or a user who may not create it, keeps the plain search, only slower."""
    available = connection.execute(
        text("SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'")
    ).scalar()
    if not available:
        return False
    savepoint = connection.begin_nested()
    try:
        connection.execute(text("CREATE EXTENSION IF NOT EXISTS pg_trgm"))
    except DBAPIError:
        savepoint.rollback()
        return False
    savepoint.commit()
    return True
