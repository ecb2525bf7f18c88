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

A later revision that rebuilds the activities table in SQLite's batch mode drops the
triggers with the old table and must create them again (``_create_sqlite_search``).

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-28 09:40:00
"""

from collections.abc import Sequence

from alembic import op
from sqlalchemy import Connection, text
from sqlalchemy.exc import DBAPIError

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Each interface language's fallback chain of name columns, as
# desktop.domain.multilingual.NAME_FALLBACKS had it when this revision was written; the
# sort expression must match the services' character for character to be used.
_NAME_CHAINS = {
    "en": ("name_en", "name_sq", "name_sr_latn", "name_sr"),
    "sq": ("name_sq", "name_en", "name_sr_latn", "name_sr"),
    "sr": ("name_sr", "name_sr_latn", "name_en", "name_sq"),
    "sr_latn": ("name_sr_latn", "name_sr", "name_en", "name_sq"),
}
# archived_at last: leading with it, "archived_at IS NULL" looks selective to SQLite's
# planner, which then reads every row through this index and sorts them all.
_LISTED = ("activity_type_id", "project_id", "municipality_id", "archived_at")
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
SQLITE_SEARCH_TABLE = "activities_search"
_TRIGGERS = ("activities_search_insert", "activities_search_update", "activities_search_delete")


def sort_name_sql(chain: Sequence[str]) -> str:
    """The sort expression of ``localized_name`` over ``chain``, as SQL text."""
    names = ", ".join(f"nullif(trim({column}), '')" for column in chain)
    return f"lower(coalesce({names}, ''))"


def upgrade() -> None:
    connection = op.get_bind()
    for language, chain in _NAME_CHAINS.items():
        op.execute(
            f"CREATE INDEX ix_activities_sort_name_{language} ON activities "
            f"({sort_name_sql(chain)})"
        )
    op.create_index("ix_activities_listed", "activities", list(_LISTED))
    if connection.dialect.name == "sqlite":
        _create_sqlite_search(connection)
    elif connection.dialect.name == "postgresql" and _has_trigrams(connection):
        for table in _SEARCHED_TABLES:
            op.execute(
                f"CREATE INDEX ix_{table}_search_trigram ON {table} "
                "USING gin (search_key gin_trgm_ops)"
            )
    if connection.dialect.name == "postgresql":
        op.execute("ANALYZE")


def downgrade() -> None:
    connection = op.get_bind()
    if connection.dialect.name == "sqlite":
        for trigger in _TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        op.execute(f"DROP TABLE IF EXISTS {SQLITE_SEARCH_TABLE}")
    else:
        for table in _SEARCHED_TABLES:
            op.execute(f"DROP INDEX IF EXISTS ix_{table}_search_trigram")
    op.drop_index("ix_activities_listed", "activities")
    for language in _NAME_CHAINS:
        op.execute(f"DROP INDEX ix_activities_sort_name_{language}")


def _create_sqlite_search(connection: Connection) -> None:
    """An external-content FTS5 table over ``activities.search_key``: it stores only the
    trigrams (``detail=none``, about 180 bytes an activity), reads the keys from the
    activities table, and answers ``LIKE '%…%'`` for patterns of three letters or more.
    """
    connection.execute(
        text(
            f"CREATE VIRTUAL TABLE {SQLITE_SEARCH_TABLE} USING fts5("
            "search_key, content='activities', content_rowid='id', "
            "tokenize='trigram', detail='none')"
        )
    )
    connection.execute(
        text(f"INSERT INTO {SQLITE_SEARCH_TABLE}({SQLITE_SEARCH_TABLE}) VALUES ('rebuild')")
    )
    forget = (
        f"INSERT INTO {SQLITE_SEARCH_TABLE}({SQLITE_SEARCH_TABLE}, rowid, search_key) "
        "VALUES ('delete', old.id, old.search_key);"
    )
    learn = f"INSERT INTO {SQLITE_SEARCH_TABLE}(rowid, search_key) VALUES (new.id, new.search_key);"
    insert, update, delete = _TRIGGERS
    for statement in (
        f"CREATE TRIGGER {insert} AFTER INSERT ON activities BEGIN {learn} END",
        f"CREATE TRIGGER {update} AFTER UPDATE OF search_key ON activities "
        f"BEGIN {forget} {learn} END",
        f"CREATE TRIGGER {delete} AFTER DELETE ON activities BEGIN {forget} END",
    ):
        connection.execute(text(statement))


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
