"""Indexes that the import's duplicate check and the Dashboard read instead of table rows.

Every index costs each inserted row, so two of these replace an index that had the same
leading column, and the activities and expenditures keep as many indexes as before:

- ``ix_activities_project_day (project_id, start_date)`` replaces ``ix_activities_project_id``.
  The import's duplicate check reads only the activities on the (project, start date)
  pairs its file names, each pair one index search, instead of every stored title; a
  project's activities and the foreign key's checks read it as they read the old one.
- ``ix_expenditures_burn (grant_id, spent_on, amount)`` replaces ``ix_expenditures_grant_id``:
  the Dashboard's burn of each running grant (its expenditures up to a day, added up) is
  read from the index alone, without each expenditure's table row.
- ``ix_activities_participation`` (revision 0012) ends in ``project_id``: the participants
  of a user scoped to an organisation's projects are read from the index alone too.
- ``ix_reporting_periods_due_on (due_on)``: the next report deadlines are a range search,
  not a scan of every reporting period.

The same on both databases.  Going down gives back the indexes of revision 0013.

Revision ID: 0014
Revises: 0013
Create Date: 2026-11-28 22:15:00
"""

from collections.abc import Sequence

from alembic import op

from desktop.store.migrations import list_indexes

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    connection = op.get_bind()
    op.create_index("ix_activities_project_day", "activities", ["project_id", "start_date"])
    op.drop_index("ix_activities_project_id", table_name="activities")
    op.create_index("ix_expenditures_burn", "expenditures", ["grant_id", "spent_on", "amount"])
    op.drop_index("ix_expenditures_grant_id", table_name="expenditures")
    list_indexes.drop_participation_index(connection)
    list_indexes.create_participation_index(connection, with_project=True)
    op.create_index("ix_reporting_periods_due_on", "reporting_periods", ["due_on"])
    if connection.dialect.name == "postgresql":
        op.execute("ANALYZE activities")
        op.execute("ANALYZE expenditures")


def downgrade() -> None:
    connection = op.get_bind()
    op.drop_index("ix_reporting_periods_due_on", table_name="reporting_periods")
    list_indexes.drop_participation_index(connection)
    list_indexes.create_participation_index(connection, with_project=False)
    op.create_index("ix_expenditures_grant_id", "expenditures", ["grant_id"])
    op.drop_index("ix_expenditures_burn", table_name="expenditures")
    op.create_index("ix_activities_project_id", "activities", ["project_id"])
    op.drop_index("ix_activities_project_day", table_name="activities")
