"""The import benchmark still runs: on the small demo it writes an import file the import
reads whole, imports it into a copy (never into the database it was given) beside the raw
insert of the same rows, and the floor stores what the import stored.  No time is asserted."""

from pathlib import Path

from sqlalchemy import func, select

from bench.imports import (
    HEADER,
    _rolled_back,
    _stored_rows,
    copy_database,
    import_figures,
    import_file,
    insert_raw,
    write_csv,
)
from desktop.domain.activity import Activity, ParticipantCount
from desktop.services.imports.activities import ActivityImport
from desktop.services.imports.reading import read_table
from desktop.store.database import Database, open_database
from desktop.store.demo import load_demo

ROWS = 120


def test_the_import_file_fills_every_field_the_import_knows(
    sqlite_db: Database, tmp_path: Path
) -> None:
    load_demo(sqlite_db)
    path = tmp_path / "activities.csv"
    write_csv(sqlite_db, path, ROWS)
    table = read_table(path)
    mapping = ActivityImport(sqlite_db).guess(table)

    assert table.header == HEADER
    assert len(table.rows) == ROWS
    assert all(column is not None for column in mapping.values())
    assert ActivityImport(sqlite_db).check(table, mapping) == ()


def test_import_figures_import_into_a_copy_beside_the_floor(sqlite_db: Database) -> None:
    load_demo(sqlite_db)
    with sqlite_db.transaction() as session:
        before = session.scalar(select(func.count()).select_from(Activity))
    figures = import_figures(sqlite_db, scale=50, runs=2, rows=ROWS)

    [figure] = figures
    assert figure.name == f"import {ROWS} activities"
    assert len(figure.samples) == 2 and len(figure.floor_samples) == 2
    assert min(figure.samples) > 0 and min(figure.floor_samples) > 0
    assert "participant lines" in figure.detail and "with Check pressed first" in figure.detail
    assert figure.target.seconds == 2.0
    with sqlite_db.transaction() as session:
        assert session.scalar(select(func.count()).select_from(Activity)) == before


def test_the_floor_stores_the_rows_the_import_stored(sqlite_db: Database, tmp_path: Path) -> None:
    load_demo(sqlite_db)
    path = tmp_path / "activities.csv"
    write_csv(sqlite_db, path, ROWS)
    copy = open_database(str(copy_database(sqlite_db.path, tmp_path / "copy.sqlite")))
    try:
        with _rolled_back(copy) as last:
            import_file(copy, path)
            imported = _stored(copy, last)
            found = _found(copy)
            rows = _stored_rows(copy, last)
        assert _stored(copy, last) == []
        with _rolled_back(copy) as last:
            insert_raw(copy, rows)
            floor = _stored(copy, last)
            assert _found(copy) == found > 0  # the trigram table learnt them as well
    finally:
        copy.close()
    assert len(imported) == ROWS
    assert floor == imported


def _found(db: Database) -> int:
    """How many activities a search finds through the trigram table."""
    with db.engine.connect() as connection:
        return connection.exec_driver_sql(
            "SELECT count(*) FROM activities_search WHERE activities_search MATCH 'raj'"
        ).scalar_one()


def _stored(db: Database, last: int) -> list[tuple[object, ...]]:
    """What a reader finds of the activities above id ``last``, ids left out."""
    with db.transaction() as session:
        activities = session.execute(
            select(Activity.uuid, Activity.name_en, Activity.start_date, Activity.search_key)
            .where(Activity.id > last)
            .order_by(Activity.uuid)
        ).all()
        lines = session.execute(
            select(Activity.uuid, ParticipantCount.gender, ParticipantCount.count)
            .join(ParticipantCount, ParticipantCount.activity_id == Activity.id)
            .where(Activity.id > last)
        ).all()
    by_activity: dict[object, list[tuple[object, ...]]] = {}
    for uuid, gender, count in lines:
        by_activity.setdefault(uuid, []).append((gender, count))
    return [(*row, sorted(by_activity.get(row[0], []))) for row in activities]
