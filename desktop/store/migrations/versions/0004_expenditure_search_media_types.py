"""Expenditures found by any spelling; attachments keep long media types.

Expenditures get the folded search key the other lists have, so "carshia" finds the
supplier "Çarshia"; an attachment's media type may be as long as RFC 6838 allows (Office's
own types run past 64 characters).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28 08:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from desktop.i18n.folding import fold

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_SEARCHED = ("description", "supplier", "invoice_reference")


def _backfill() -> None:
    table = sa.table(
        "expenditures",
        sa.column("id"),
        sa.column("search_key"),
        *(sa.column(name) for name in _SEARCHED),
    )
    connection = op.get_bind()
    rows = connection.execute(sa.select(table.c.id, *(table.c[name] for name in _SEARCHED)))
    for row in rows.all():
        key = fold(" ".join(str(value) for value in row[1:] if value))
        connection.execute(table.update().where(table.c.id == row[0]).values(search_key=key))


def upgrade() -> None:
    with op.batch_alter_table("expenditures") as batch_op:
        batch_op.add_column(sa.Column("search_key", sa.Text(), nullable=False, server_default=""))
        batch_op.create_index(batch_op.f("ix_expenditures_search_key"), ["search_key"])
    _backfill()
    with op.batch_alter_table("expenditures") as batch_op:
        batch_op.alter_column("search_key", server_default=None)
    with op.batch_alter_table("attachments") as batch_op:
        batch_op.alter_column(
            "media_type", existing_type=sa.String(64), type_=sa.String(255), existing_nullable=False
        )


def downgrade() -> None:
    with op.batch_alter_table("attachments") as batch_op:
        batch_op.alter_column(
            "media_type", existing_type=sa.String(255), type_=sa.String(64), existing_nullable=False
        )
    with op.batch_alter_table("expenditures") as batch_op:
        batch_op.drop_index(batch_op.f("ix_expenditures_search_key"))
        batch_op.drop_column("search_key")
