"""The activities import finds a stored duplicate by reading only the (project, date) pairs
its file names, a few hundred pairs a statement, each through the index on both columns."""

from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.domain.activity import Activity
from desktop.domain.project import Project
from desktop.services.activities import ActivityService
from desktop.services.imports import activities as imports
from desktop.services.imports.activities import ActivityImport
from desktop.services.imports.reading import read_table
from desktop.services.listing import ListQuery
from desktop.store.database import Database
from desktop.store.demo import load_demo
from tests.services.test_import_activities import write_csv
from tests.sql_log import sqlite_plan, statements_sent


def _latest_of_the_last_project(db: Database) -> tuple[str, str, date]:
    """The Albanian name of the project with the highest id, the English title and the
    start date of its latest activity: the pair that sorts last among the file's."""
    with db.transaction() as session:
        _id, name, title, start = session.execute(
            select(Project.id, Project.name_sq, Activity.name_en, Activity.start_date)
            .join(Activity, Activity.project_id == Project.id)
            .order_by(Project.id.desc(), Activity.start_date.desc())
            .limit(1)
        ).one()
    return name, title, start


def test_a_stored_duplicate_in_the_last_of_several_lookups_is_found(
    db: Database, tmp_path: Path
) -> None:
    load_demo(db)
    project, title, start = _latest_of_the_last_project(db)
    fresh = 2 * imports._DAYS_PER_QUERY + 7  # three statements, the last one short
    first_day = date(2031, 1, 1)
    rows = [["Project", "Type", "Title", "Start"]]
    rows += [
        ["CSK-2025-01", "training", f"Training {n}", (first_day + timedelta(n)).isoformat()]
        for n in range(fresh)
    ]
    # the project by its Albanian name, the date day first, the title in capitals
    rows.append([project, "training", title.upper(), start.strftime("%d.%m.%Y")])
    table = read_table(write_csv(tmp_path / "a.csv", rows, sep=","))
    importer = ActivityImport(db)

    errors = importer.check(table, importer.guess(table))

    assert [(error.row, error.column) for error in errors] == [(fresh + 2, "C: Title")]
    assert "already has an activity" in errors[0].message


def test_the_stored_titles_of_the_files_days_are_read_through_the_index(
    db: Database, tmp_path: Path
) -> None:
    if not db.is_sqlite:
        pytest.skip("the plan of SQLite's statement; PostgreSQL's planner chooses its own")
    load_demo(db)
    rows = [["Project", "Type", "Title", "Start"]]
    rows += [["CSK-2025-01", "training", f"Training {n}", f"2026-0{n + 1}-15"] for n in range(3)]
    table = read_table(write_csv(tmp_path / "a.csv", rows, sep=","))
    importer = ActivityImport(db)
    with statements_sent(db) as sent:
        assert importer.check(table, importer.guess(table)) == ()
    [(statement, parameters)] = [item for item in sent if item[0].startswith("WITH days")]
    plan = sqlite_plan(db, statement, parameters)
    assert "USING INDEX ix_activities_project_day (project_id=? AND start_date=?)" in plan
    assert "SCAN a" not in plan


def test_a_stored_activity_retitled_between_check_and_run_is_still_refused(
    db: Database, tmp_path: Path
) -> None:
    """``run`` reuses what ``check`` accepted only when the activities stored on the
    file's days are as they were: one of them renamed meanwhile to a row's title is a
    duplicate the run finds."""
    load_demo(db)
    service = ActivityService(db)
    known = service.page(ListQuery(sort="start_date"), 0, 1)[0]
    details = service.get(known.id)
    day = details.form.start_date.isoformat()
    rows = [
        ["Project", "Type", "Title", "Start"],
        [known.project_code, "training", "A title nobody has used", day],
        ["CSK-2025-01", "training", "Another new title", "2031-01-01"],
    ]
    table = read_table(write_csv(tmp_path / "a.csv", rows, sep=","))
    importer = ActivityImport(db)
    mapping = importer.guess(table)
    assert importer.check(table, mapping) == ()
    service.update(
        known.id, replace(details.form, name_en="A TITLE NOBODY HAS USED"), details.version
    )

    outcome = importer.run(table, mapping)

    assert outcome.imported == 0
    assert [(error.row, error.column) for error in outcome.errors] == [(2, "C: Title")]
    assert "already has an activity" in outcome.errors[0].message
