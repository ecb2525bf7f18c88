"""The import figure: 10,000 activities with their participants read from a CSV file,
checked and saved, beside a raw ``executemany`` of the same rows.

The file is made from the scale's own activities, before timing, in the layout of
``docs/import-samples/activities.csv`` (the same header, so the import guesses every
column): project code, type, the titles in every language the activity has, start and end
date, municipality, venue, the community of its largest participant line, women, men, other
gender and the headcount (their sum).  A scale with fewer than 10,000 activities repeats
them; every title gets the file's and the row's number, so no row repeats another or an
activity already stored, and every import reads a file of its own: titles never seen
before, as a new file's are, whose sort keys and folded words the process has not yet
worked out and remembered (importing one file again and again took 0.3–0.4 s less).

The figure is what the import dialog asks of the service when Import is pressed on a file:
``read_table`` of the file, ``guess`` of the columns and ``run`` (every row validated and
all of them saved, each with its audit entry, in one transaction, or none).  The dialog's
Check button is a look before importing, not a step of it; a file checked first is
imported too, in each run, and its three steps (read, ``check``, then ``run`` saving what
the check accepted) are in the figure's detail.  The dialog's wizard is skipped: it calls
exactly these, off the GUI thread, with a progress callback, which the figure passes too.
Each run works on a copy of the scale's database made once in a temporary folder; after
each import, outside the timing, the imported activities are deleted again (their
participant lines go with them; the audit entries stay, since the audit log refuses
deletion, and only make that table grow by 10,000 rows an import).

The floor inserts the very rows the import stored (read back after an untimed run) into
``activities`` and ``participant_counts`` with the DBAPI connection's own ``executemany``, in
one transaction, reading the new activities' ids back for their lines, and enters them into
the trigram table as the import does (its insert trigger set aside, one ``INSERT … SELECT``):
what storing the records costs, with their indexes, and nothing else (no reading,
validation, duplicate check, sort keys or audit entries).
"""

import csv
import sqlite3
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.measure import Figure, Target
from desktop.services.imports.activities import ActivityImport
from desktop.services.imports.base import ImportOutcome, RowError
from desktop.services.imports.reading import read_table
from desktop.store.database import Database, open_database

ROWS = 10_000
TARGET = Target(seconds=2.0)
FLOOR = (
    "the activities and participant lines the import stored, inserted with the DBAPI's "
    "executemany in one transaction (new ids read back for the lines, the trigram table "
    "filled in one statement as the import fills it)"
)
HEADER = (
    "Project",
    "Type",
    "Title in English",
    "Title in Albanian",
    "Title in Serbian, Cyrillic script",
    "Title in Serbian, Latin script",
    "Start",
    "End",
    "Municipality",
    "Venue",
    "Community of the participants",
    "Women",
    "Men",
    "Other gender or not stated",
    "Headcount (sign-in sheet)",
    "Description",
)
_SOURCE = """
SELECT p.code, t.name_en, a.name_en, a.name_sq, a.name_sr, a.name_sr_latn,
       a.start_date, a.end_date, m.name_en, a.venue,
       (SELECT c.name_en FROM participant_counts pc JOIN communities c ON c.id = pc.community_id
         WHERE pc.activity_id = a.id ORDER BY pc.count DESC, pc.id LIMIT 1),
       (SELECT coalesce(sum(count), 0) FROM participant_counts
         WHERE activity_id = a.id AND gender = 'female'),
       (SELECT coalesce(sum(count), 0) FROM participant_counts
         WHERE activity_id = a.id AND gender = 'male'),
       (SELECT coalesce(sum(count), 0) FROM participant_counts
         WHERE activity_id = a.id AND gender IN ('other', 'undisclosed'))
FROM activities a
JOIN projects p ON p.id = a.project_id
JOIN activity_types t ON t.id = a.activity_type_id
LEFT JOIN municipalities m ON m.id = a.municipality_id
WHERE a.archived_at IS NULL AND p.archived_at IS NULL
ORDER BY a.id
LIMIT ?
"""
_LAST_ID = "SELECT coalesce(max(id), 0) FROM activities"
_UUIDS_AFTER = "SELECT uuid, id FROM activities WHERE id > ?"
_TRIGGER = "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?"
_SEARCH_INSERT = "activities_search_insert"
_LEARN = (
    "INSERT INTO activities_search(rowid, search_key) "
    "SELECT id, search_key || '  ' FROM activities WHERE id > ?"
)


@dataclass
class ImportedRows:
    """What an import stored: the activities' INSERT and rows (without their ids), and the
    participant lines' with each activity id replaced by the UUID of its activity, so the
    floor can give them its own ids."""

    activities: tuple[str, list[tuple[Any, ...]]]
    lines: tuple[str, list[tuple[Any, ...]]]


def import_figures(db: Database, scale: int, runs: int, rows: int = ROWS) -> list[Figure]:
    """Importing ``rows`` activities into a copy of ``db``, ``runs`` times, and its floor."""
    source = db.path
    if source is None:
        raise ValueError("the import benchmark copies an SQLite database file")
    with tempfile.TemporaryDirectory(prefix="csodesk-bench-import-") as directory:
        folder = Path(directory)
        copy = open_database(str(copy_database(source, folder / "copy.sqlite")))
        try:
            samples, floors, parts = _measure(copy, _Files(db, folder, rows), runs)
        finally:
            copy.close()
    return [
        Figure(
            name=f"import {rows:,} activities",
            scale=scale,
            samples=tuple(samples),
            floor_samples=tuple(floors),
            floor=FLOOR,
            target=TARGET,
            detail=(
                f"{rows:,} CSV rows with {parts['lines']:,} participant lines; median "
                f"read {parts['read'] * 1000:.0f} ms, import (every row checked and saved) "
                f"{parts['run'] * 1000:.0f} ms; with Check pressed first, check "
                f"{parts['check'] * 1000:.0f} ms, then import "
                f"{parts['checked run'] * 1000:.0f} ms"
            ),
        )
    ]


def write_csv(db: Database, path: Path, rows: int, file_number: int = 1) -> int:
    """``rows`` activities of ``db`` as import file number ``file_number`` (see the
    module's docstring)."""
    connection = db.engine.raw_connection()
    try:
        source = connection.cursor().execute(_SOURCE, (rows,)).fetchall()
    finally:
        connection.close()
    if not source:
        raise ValueError("the database has no activities to copy into an import file")
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file, delimiter=";")
        writer.writerow(HEADER)
        for number in range(1, rows + 1):
            row = _csv_row(source[(number - 1) % len(source)], f"{file_number}.{number}")
            writer.writerow(row)
    return rows


def copy_database(source: Path, target: Path) -> Path:
    """A consistent copy of an SQLite file (its write-ahead log included), through SQLite's
    backup, so a file another process has open is copied as it stands."""
    with (
        sqlite3.connect(f"file:{source}?mode=ro", uri=True) as origin,
        sqlite3.connect(target) as copy,
    ):
        origin.backup(copy)
    origin.close()
    copy.close()
    return target


def import_file(db: Database, path: Path, *, check_first: bool = False) -> dict[str, float]:
    """The import dialog's service calls on ``path``, each timed: Import pressed at once,
    or (``check_first``) after Check; the import must succeed."""
    importer = ActivityImport(db)
    times: dict[str, float] = {}
    started = time.perf_counter()
    table = read_table(path)
    mapping = importer.guess(table)
    times["read"] = time.perf_counter() - started
    errors: tuple[RowError, ...] = ()
    if check_first:
        errors = importer.check(table, mapping, _progress)
        times["check"] = time.perf_counter() - started - times["read"]
    before_run = time.perf_counter()
    outcome: ImportOutcome = importer.run(table, mapping, _progress)
    times["run"] = time.perf_counter() - before_run
    if errors or outcome.errors or outcome.imported != len(table.rows):
        first = (errors or outcome.errors)[:3]
        raise RuntimeError(f"the benchmark's import file was refused: {first}")
    return times


def insert_raw(db: Database, rows: ImportedRows) -> None:
    """The floor (see the module's docstring)."""
    activity_sql, activities = rows.activities
    line_sql, lines = rows.lines
    connection = db.engine.raw_connection()
    try:
        cursor = connection.cursor()
        # one transaction, as the import's: the driver's connection is in autocommit
        cursor.execute("BEGIN IMMEDIATE")
        before = cursor.execute(_LAST_ID).fetchone()[0]
        trigger = cursor.execute(_TRIGGER, (_SEARCH_INSERT,)).fetchone()[0]
        cursor.execute(f"DROP TRIGGER {_SEARCH_INSERT}")
        cursor.executemany(activity_sql, activities)
        cursor.execute(_LEARN, (before,))
        cursor.execute(trigger)
        ids = dict(cursor.execute(_UUIDS_AFTER, (before,)).fetchall())
        cursor.executemany(line_sql, [(ids[line[0]], *line[1:]) for line in lines])
        connection.commit()
    finally:
        connection.close()


class _Files:
    """A new import file of the scale's activities for each import (see the module's
    docstring), written before it is timed."""

    def __init__(self, db: Database, folder: Path, rows: int) -> None:
        self.db, self.folder, self.rows = db, folder, rows
        self.written = 0

    def new(self) -> Path:
        self.written += 1
        path = self.folder / f"activities-{self.written}.csv"
        write_csv(self.db, path, self.rows, self.written)
        return path


def _measure(
    db: Database, files: _Files, runs: int
) -> tuple[list[float], list[float], dict[str, float]]:
    """Warm-up import (recording its INSERTs), warm-up floor, then ``runs`` of each in turn."""
    with _rolled_back(db) as before:
        import_file(db, files.new())
        rows = _stored_rows(db, before)
    with _rolled_back(db):
        insert_raw(db, rows)
    samples: list[float] = []
    floors: list[float] = []
    parts: dict[str, list[float]] = {"read": [], "run": [], "check": [], "checked run": []}
    for _run in range(runs):
        with _rolled_back(db):
            times = import_file(db, files.new())
        samples.append(sum(times.values()))
        parts["read"].append(times["read"])
        parts["run"].append(times["run"])
        with _rolled_back(db):
            checked = import_file(db, files.new(), check_first=True)
        parts["check"].append(checked["check"])
        parts["checked run"].append(checked["run"])
        with _rolled_back(db):
            started = time.perf_counter()
            insert_raw(db, rows)
            floors.append(time.perf_counter() - started)
    medians = {key: sorted(values)[len(values) // 2] for key, values in parts.items()}
    return samples, floors, {**medians, "lines": len(rows.lines[1])}


def _progress(_done: int, _total: int) -> bool:
    """What the dialog's progress bar is told; the figure never cancels."""
    return True


def _stored_rows(db: Database, before: int) -> ImportedRows:
    """The activities above id ``before`` and their participant lines, as the floor
    inserts them."""
    connection = db.engine.raw_connection()
    try:
        cursor = connection.cursor()
        columns = [row[1] for row in cursor.execute("PRAGMA table_info(activities)")]
        kept = [column for column in columns if column != "id"]
        activities = cursor.execute(
            f"SELECT {', '.join(kept)} FROM activities WHERE id > ? ORDER BY id", (before,)
        ).fetchall()
        line_columns = [row[1] for row in cursor.execute("PRAGMA table_info(participant_counts)")]
        line_kept = [column for column in line_columns if column not in ("id", "activity_id")]
        lines = cursor.execute(
            f"SELECT a.uuid, {', '.join('p.' + column for column in line_kept)} "
            "FROM participant_counts p JOIN activities a ON a.id = p.activity_id "
            "WHERE a.id > ? ORDER BY p.id",
            (before,),
        ).fetchall()
    finally:
        connection.close()
    marks = ", ".join("?" * len(kept))
    line_marks = ", ".join("?" * (len(line_kept) + 1))
    return ImportedRows(
        (f"INSERT INTO activities ({', '.join(kept)}) VALUES ({marks})", activities),
        (
            f"INSERT INTO participant_counts (activity_id, {', '.join(line_kept)}) "
            f"VALUES ({line_marks})",
            lines,
        ),
    )


@contextmanager
def _rolled_back(db: Database) -> Iterator[int]:
    """Deletes, on leaving, every activity added inside (their participant lines follow by
    cascade); yields the last activity id before it began."""
    connection = db.engine.raw_connection()
    try:
        before = connection.cursor().execute(_LAST_ID).fetchone()[0]
    finally:
        connection.close()
    yield before
    connection = db.engine.raw_connection()
    try:
        connection.cursor().execute("DELETE FROM activities WHERE id > ?", (before,))
        connection.commit()
    finally:
        connection.close()


def _csv_row(activity: tuple[Any, ...], number: str) -> list[str]:
    (
        project,
        kind,
        *titles,
        start,
        end,
        municipality,
        venue,
        community,
        women,
        men,
        other,
    ) = activity
    counted = (women, men, other) if community else (0, 0, 0)
    return [
        project,
        kind,
        *(f"{title} ({number})" if title else "" for title in titles),
        str(start)[:10],
        str(end)[:10] if end else "",
        municipality or "",
        venue or "",
        community or "",
        *(str(count) if count else "" for count in counted),
        str(sum(counted)) if community else "",
        "",
    ]
