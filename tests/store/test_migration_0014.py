"""Revision 0014 (the import's and the Dashboard's indexes) on a database with records:
going down to 0013 gives back the indexes it replaced; coming up again makes each new index
with its columns in order, on both databases, and leaves no index it replaced."""

import warnings

from sqlalchemy import inspect
from sqlalchemy.exc import SAWarning

from desktop.store import schema
from desktop.store.database import Database
from desktop.store.demo import load_demo
from tests.store.test_migration_0012 import _indexes

_NEW = {
    ("activities", "ix_activities_project_day"): ["project_id", "start_date"],
    ("expenditures", "ix_expenditures_burn"): ["grant_id", "spent_on", "amount"],
    ("reporting_periods", "ix_reporting_periods_due_on"): ["due_on"],
}
_REPLACED = {
    ("activities", "ix_activities_project_id"): ["project_id"],
    ("expenditures", "ix_expenditures_grant_id"): ["grant_id"],
}
_PARTICIPATION_0012 = [
    "start_date",
    "archived_at",
    "municipality_id",
    "participants_women",
    "participants_men",
    "participants_recorded",
    "participants_total",
]


def _columns_of_indexes(db: Database) -> dict[tuple[str, str], list[str]]:
    """(table, index name) -> its columns, for the plain-column indexes of the tables."""
    with db.engine.connect() as connection, warnings.catch_warnings():
        warnings.simplefilter("ignore", SAWarning)  # the indexes on expressions are left out
        inspector = inspect(connection)
        return {
            (table, index["name"]): list(index["column_names"])
            for table in ("activities", "expenditures", "reporting_periods")
            for index in inspector.get_indexes(table)
            if index["name"] and None not in index["column_names"]
        }


def test_down_to_0013_and_up_replaces_the_indexes(db: Database) -> None:
    load_demo(db)
    before = _columns_of_indexes(db)
    assert _NEW.items() <= before.items()
    assert before[("activities", "ix_activities_participation")] == [
        *_PARTICIPATION_0012,
        "project_id",
    ]
    assert not _REPLACED.keys() & before.keys()

    schema.downgrade(db.url, "0013")
    down = _columns_of_indexes(db)
    assert _REPLACED.items() <= down.items()
    assert not _NEW.keys() & down.keys()
    assert down[("activities", "ix_activities_participation")] == _PARTICIPATION_0012
    every_activity_index = _indexes(db)

    schema.upgrade(db.url)
    assert _columns_of_indexes(db) == before
    assert _indexes(db) == (every_activity_index - {"ix_activities_project_id"}) | {
        "ix_activities_project_day"
    }
