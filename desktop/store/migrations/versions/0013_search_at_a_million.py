"""The activities search keeps its keystroke short at a million activities (SQLite only).

Two costs of ``desktop.services.activities_search`` that the code could not remove:

- The first page of a common word, newest first, reads the start date's index and compares
  each activity's key until the page is full, reading the wide table row of each.  The
  index ``ix_activities_start_date_key`` (start date, id, key, ``archived_at``) holds what
  that walk compares, so SQLite reads rows only for the page (≈ 8× less work).  The narrow
  ``ix_activities_start_date`` stays: the models declare it, and the queries that need only
  the date (the walk's bound, the Dashboard through ``ix_activities_participation``) keep
  their plans.
- A text of one or two letters has no trigram of its own, so every key was compared when
  it matched few activities (0.4 s at 1,000,000).  The trigram table is now fed each key
  followed by two spaces: every occurrence of a short text then begins some trigram, and
  the table's vocabulary lists those trigrams by prefix ("zz" none at all).  With the
  padding the table no longer mirrors the keys character for character, so it is made
  contentless (``content=''``); the triggers give FTS5's 'delete' the same padded text.
  Trigrams of a typed word (it holds no space) match exactly as before.

PostgreSQL is left as it is: its GIN trigram index serves ``LIKE`` for every length.

Going down drops the index and gives back revision 0005's table, rebuilt from the keys.

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-28 19:40:00
"""

from collections.abc import Sequence

from alembic import op

from desktop.store.migrations import list_indexes

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    connection = op.get_bind()
    if connection.dialect.name != "sqlite":
        return
    list_indexes.drop_sqlite_search(connection)
    list_indexes.create_padded_search(connection)
    list_indexes.create_start_date_key_index(connection)


def downgrade() -> None:
    connection = op.get_bind()
    if connection.dialect.name != "sqlite":
        return
    list_indexes.drop_start_date_key_index(connection)
    list_indexes.drop_sqlite_search(connection)
    list_indexes.create_sqlite_search(connection)
