"""The activities' stored title keys in ``desktop.i18n.collation``'s shorter code.

Revision 0012's keys spelled out each level of the collation: two or three bytes of UTF-8
for each letter's weight, a byte for each letter's accents and case up to the last accent
or capital, then the text itself: 280-360 bytes for the benchmark's titles, in four
columns and four indexes, which every inserted activity wrote.  The keys of this revision
code the same levels in the same order (one byte for most letters, a few bytes for the
accents and the case, and the text only when its levels do not spell it): 40-90 bytes.
Their plain comparison orders every pair of titles exactly as before (the property tests
of ``tests/i18n/test_collation_word_by_word.py`` hold the new key to the old one), so the
collated indexes SQLite builds on ``sort_key`` need no ``REINDEX``.

Every activity's four keys are filled again, in batches of ``_BATCH`` by id (one ``SELECT``
and one ``executemany`` of ``UPDATE``s each), the version and ``updated_at`` left alone, as
revision 0012 filled them.  The four title-key indexes are dropped first and made again
after: at 1,000,000 activities that is faster than moving each activity's entries in
four indexes in the order of the ids (see docs/PERFORMANCE.md).

Going down fills the keys of revision 0012 again
(``desktop.store.migrations.title_keys_0012``, a frozen copy of that key) the same way.

Revision ID: 0015
Revises: 0014
Create Date: 2026-11-29 02:00:00
"""

from collections.abc import Callable, Mapping, Sequence

import sqlalchemy as sa
from alembic import op

from desktop.domain.activity import title_keys
from desktop.store.migrations import list_indexes, title_keys_0012

revision: str = "0015"
down_revision: str | None = "0014"
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

_Keys = Callable[[Mapping[str, str | None]], dict[str, str]]


def upgrade() -> None:
    _refill(op.get_bind(), title_keys)


def downgrade() -> None:
    _refill(op.get_bind(), title_keys_0012.title_keys)


def _refill(connection: sa.Connection, keys_of: _Keys) -> None:
    list_indexes.drop_title_key_indexes(connection)
    after = 0
    while rows := connection.execute(_READ, {"after": after, "batch": _BATCH}).all():
        updates = [
            {"id": activity_id, **keys_of({"en": en, "sq": sq, "sr": sr, "sr_Latn": sr_latn})}
            for activity_id, en, sq, sr, sr_latn in rows
        ]
        connection.execute(_WRITE, updates)
        after = rows[-1][0]
    list_indexes.create_title_key_indexes(connection)
    if connection.dialect.name == "postgresql":
        op.execute("ANALYZE activities")
