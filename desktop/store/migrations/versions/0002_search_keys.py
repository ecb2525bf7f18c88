"""Search keys for organisations and projects.

A search key holds a record's code and names in every language, folded to lower-case Latin
without accents, so that "prishtine", "Priština" and "Приштина" find the same record with
one indexed comparison on SQLite and PostgreSQL alike.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28 07:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from desktop.i18n.folding import fold

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TABLES = {
    "organisations": ("acronym", "name_en", "name_sq", "name_sr", "name_sr_latn"),
    "projects": ("code", "name_en", "name_sq", "name_sr", "name_sr_latn"),
}


def _backfill(table_name: str, columns: tuple[str, ...]) -> None:
    table = sa.table(
        table_name, sa.column("id"), sa.column("search_key"), *(sa.column(name) for name in columns)
    )
    connection = op.get_bind()
    rows = connection.execute(sa.select(table.c.id, *(table.c[name] for name in columns)))
    for row in rows.all():
        key = fold(" ".join(str(value) for value in row[1:] if value))
        connection.execute(table.update().where(table.c.id == row[0]).values(search_key=key))


def upgrade() -> None:
    for table_name, columns in _TABLES.items():
        with op.batch_alter_table(table_name) as batch_op:
            batch_op.add_column(
                sa.Column("search_key", sa.Text(), nullable=False, server_default="")
            )
            batch_op.create_index(batch_op.f(f"ix_{table_name}_search_key"), ["search_key"])
        _backfill(table_name, columns)
        with op.batch_alter_table(table_name) as batch_op:
            batch_op.alter_column("search_key", server_default=None)


def downgrade() -> None:
    for table_name in _TABLES:
        with op.batch_alter_table(table_name) as batch_op:
            batch_op.drop_index(batch_op.f(f"ix_{table_name}_search_key"))
            batch_op.drop_column("search_key")
