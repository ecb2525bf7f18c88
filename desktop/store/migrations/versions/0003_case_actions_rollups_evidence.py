"""Follow-up on cases, participant roll-ups and research evidence.

Cases get follow-up actions; activities keep the headcount their participant breakdown must
add up to; indicators can count participants; a reviewed indicator value keeps who reviewed
it; research outputs link to the indicators they verify.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28 07:14:38.872713
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "case_actions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.Uuid(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("responsible", sa.String(length=500), nullable=True),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("done_on", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_case_actions_case_id_cases")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_actions")),
        sa.UniqueConstraint("uuid", name=op.f("uq_case_actions_uuid")),
    )
    with op.batch_alter_table("case_actions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_case_actions_case_id"), ["case_id"], unique=False)

    op.create_table(
        "research_output_indicators",
        sa.Column("research_output_id", sa.Integer(), nullable=False),
        sa.Column("indicator_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["indicator_id"],
            ["indicators.id"],
            name=op.f("fk_research_output_indicators_indicator_id_indicators"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["research_output_id"],
            ["research_outputs.id"],
            name=op.f("fk_research_output_indicators_research_output_id_research_outputs"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "research_output_id", "indicator_id", name=op.f("pk_research_output_indicators")
        ),
    )
    with op.batch_alter_table("activities", schema=None) as batch_op:
        batch_op.add_column(sa.Column("participants_total", sa.Integer(), nullable=True))
        batch_op.create_check_constraint(
            op.f("ck_activities_total_not_negative"),
            "participants_total IS NULL OR participants_total >= 0",
        )

    with op.batch_alter_table("indicator_values", schema=None) as batch_op:
        batch_op.add_column(sa.Column("reviewed_by_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_indicator_values_reviewed_by_id_users"),
            "users",
            ["reviewed_by_id"],
            ["id"],
        )

    with op.batch_alter_table("indicators", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "rollup",
                sa.Enum(
                    "none",
                    "all",
                    "women",
                    "men",
                    "youth",
                    name=op.f("ck_indicators_rollup"),
                    native_enum=False,
                    create_constraint=True,
                    length=32,
                ),
                nullable=False,
                server_default="none",
            )
        )
        batch_op.add_column(sa.Column("rollup_activity_type_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_indicators_rollup_activity_type_id_activity_types"),
            "activity_types",
            ["rollup_activity_type_id"],
            ["id"],
        )


def downgrade() -> None:
    with op.batch_alter_table("indicators", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_indicators_rollup_activity_type_id_activity_types"), type_="foreignkey"
        )
        batch_op.drop_column("rollup_activity_type_id")
        batch_op.drop_constraint(op.f("ck_indicators_rollup"), type_="check")
        batch_op.drop_column("rollup")

    with op.batch_alter_table("indicator_values", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_indicator_values_reviewed_by_id_users"), type_="foreignkey"
        )
        batch_op.drop_column("reviewed_at")
        batch_op.drop_column("reviewed_by_id")

    with op.batch_alter_table("activities", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_activities_total_not_negative"), type_="check")
        batch_op.drop_column("participants_total")

    op.drop_table("research_output_indicators")
    with op.batch_alter_table("case_actions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_case_actions_case_id"))

    op.drop_table("case_actions")
