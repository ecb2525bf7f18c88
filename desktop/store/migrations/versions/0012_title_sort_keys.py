"""The activities' titles sort by stored keys, not through collated indexes.

Revision 0006 indexed the titles in each language's collation.  On SQLite a collation is
Python code called at every comparison: each inserted activity cost some 4 × 17 calls into
Python to place it in the four title indexes, and every ``quick_check`` of the file walked
them the same way.  This revision stores the title's sort key in each interface language
(``title_key_en``, ``title_key_sq``, ``title_key_sr``, ``title_key_sr_latn``:
``desktop.domain.activity.title_keys``, ``desktop.i18n.collation.sort_key`` of the title
along the language's fallback chain), whose plain byte order is the language's
alphabetical order, and indexes those (with the id and ``archived_at``) in plain byte
order: BINARY on SQLite, the "C" collation on PostgreSQL (the columns are declared with
it).  The list sorts by them on both databases, so both give the same order.  The
collations stay, for every other name the lists sort.

It also adds ``ix_activities_by_municipality`` (the municipality sort reads a group of
activities at a time) and ``ix_activities_participation`` (the Dashboard's participant
figures of a year, read from the index alone).

The keys of the activities already there are filled in batches of ``_BATCH`` by id, each
one ``SELECT`` and one ``executemany`` of ``UPDATE``s; the version and ``updated_at`` are
left alone (the keys are derived, as the participant sums of 0011 are).  Every writer of a
title sets the keys in the same transaction (``Activity.set_title_keys``; the import and
the benchmark loader through ``title_keys``).  The keys it fills are this revision's
(``desktop.store.migrations.title_keys_0012``); revision 0015 fills them in a shorter code.

Going down drops the new indexes and columns and rebuilds revision 0006's collated ones.

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-28 18:45:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from desktop.store.migrations import list_indexes
from desktop.store.migrations.title_keys_0012 import title_keys

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_COLUMNS = tuple(list_indexes.TITLE_KEY_SORTS.values())
_BATCH = 5_000
_READ = sa.text(
    "SELECT id, name_en, name_sq, name_sr, name_sr_latn FROM activities "
    "WHERE id > :after ORDER BY id LIMIT :batch"
)
_WRITE = sa.text(
    "UPDATE activities SET "
    + ", ".join(f"{column} = :{column}" for column in _COLUMNS)
    + " WHERE id = :id"
)


def upgrade() -> None:
    connection = op.get_bind()
    key_type = sa.Text().with_variant(sa.Text(collation="C"), "postgresql")
    for column in _COLUMNS:
        op.add_column("activities", sa.Column(column, key_type, nullable=False, server_default=""))
    list_indexes.drop_sort_name_indexes(connection)
    _fill_keys(connection)
    list_indexes.create_title_key_indexes(connection)
    list_indexes.create_further_indexes(connection)
    if connection.dialect.name == "postgresql":
        op.execute("ANALYZE activities")


def downgrade() -> None:
    connection = op.get_bind()
    list_indexes.drop_further_indexes(connection)
    list_indexes.drop_title_key_indexes(connection)
    for column in reversed(_COLUMNS):
        op.drop_column("activities", column)
    list_indexes.create_sort_name_indexes(connection, collated=True)


def _fill_keys(connection: sa.Connection) -> None:
    after = 0
    while rows := connection.execute(_READ, {"after": after, "batch": _BATCH}).all():
        updates = []
        for activity_id, en, sq, sr, sr_latn in rows:
            keys = title_keys({"en": en, "sq": sq, "sr": sr, "sr_Latn": sr_latn})
            updates.append({"id": activity_id, **keys})
        connection.execute(_WRITE, updates)
        after = rows[-1][0]
