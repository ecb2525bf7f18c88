"""The activities list sorts by its participant figures through an index.

Sorting the list by women, men, total or breakdown added up the participant table for
every activity before it could show the first 200 (0.2 s at 100,000 activities, about 2 s
at 1,000,000).  This revision stores the breakdown's sums on the activity
(``participants_women``, ``participants_men`` and ``participants_recorded``, everyone of any
gender), fills them from ``participant_counts`` with one ``UPDATE``, and indexes each sort
the list offers, as ``desktop.store.migrations.list_indexes.PARTICIPANT_SORTS`` spells it:
the three sums, the total (the headcount where given, otherwise the breakdown) and the
"incomplete" flag (a headcount the breakdown does not add up to).

Every writer of a breakdown keeps the sums in the same transaction
(``Activity.count_participants``; the benchmark loader adds them up as it draws them).  The
new columns need no grant or policy of their own on PostgreSQL: revision 0009 grants the
group role whole tables, and the activities' policy covers every column of a row.

Going down drops the indexes and the columns.

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-28 15:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from desktop.store.migrations import list_indexes

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_COLUMNS = ("participants_women", "participants_men", "participants_recorded")

# One pass over the activities, each adding up its own lines through the unique index that
# leads with activity_id; an activity without lines keeps its zeros.
_FILL = """
UPDATE activities SET (participants_women, participants_men, participants_recorded) = (
    SELECT coalesce(sum(CASE WHEN gender = 'female' THEN count ELSE 0 END), 0),
           coalesce(sum(CASE WHEN gender = 'male' THEN count ELSE 0 END), 0),
           coalesce(sum(count), 0)
    FROM participant_counts WHERE participant_counts.activity_id = activities.id
)
WHERE EXISTS (SELECT 1 FROM participant_counts WHERE participant_counts.activity_id = activities.id)
"""


def upgrade() -> None:
    for column in _COLUMNS:
        op.add_column(
            "activities",
            sa.Column(column, sa.Integer(), nullable=False, server_default="0"),
        )
    op.execute(_FILL)
    connection = op.get_bind()
    list_indexes.create_participant_sort_indexes(connection)
    if connection.dialect.name == "postgresql":
        op.execute("ANALYZE activities")


def downgrade() -> None:
    list_indexes.drop_participant_sort_indexes(op.get_bind())
    for column in reversed(_COLUMNS):
        op.drop_column("activities", column)
