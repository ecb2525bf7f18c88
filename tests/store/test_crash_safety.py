"""Point 2: a process killed with SIGKILL while it writes leaves a sound database holding
the whole of its transaction or none of it.

Three kinds of writer are killed at random moments after they have started writing: a
large import (organisations with their audit entries, inserted in batches in one
transaction), an import of activities (stored by a writer thread while the rows after are
checked, in one transaction) and a long edit (every organisation changed, validated and
audited in one unit of work, flushed to the file as it goes).  After each kill the file
must pass SQLite's ``integrity_check`` and ``foreign_key_check`` and the rows of the killed
transaction must be all there (it had committed) or all absent; a run that reported its
commit before the kill must be all there.  A first run of each writer is timed, unkilled,
so the kills fall inside the writing and a few just after the commit.

The writers are forked from a fork server that has imported the app once, so each kill
costs milliseconds, not an interpreter's start.  The kill points come from a seeded
random generator; the seed is in every failure message (``CSODESK_CRASH_SEED`` replays it).
"""

import multiprocessing
import os
import random
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from desktop.domain.activity import Activity, ParticipantCount
from desktop.domain.audit import AuditAction, AuditEntry
from desktop.domain.organisation import Organisation
from desktop.domain.reference import ActivityType
from desktop.services.activities import ActivityService
from desktop.services.imports.organisations import OrganisationImport
from desktop.services.listing import ListQuery
from desktop.services.projects import ProjectService
from desktop.store.backups import find_damage, list_backups, newest_good_backup
from desktop.store.collations import register_sqlite_collations
from desktop.store.database import Database, copy_sqlite
from desktop.store.demo import load_demo
from tests.postgres_server import PostgresServer
from tests.store import crash_workloads
from tests.store.crash_workloads import COMMITTED, WRITING
from tests.store.disk_tools import dump

SQLITE_KILLS = 10  # per writer: 30 kills a run on SQLite
POSTGRES_KILLS = 3
IMPORT_ROWS = 700  # two batches of the import's 500
ACTIVITY_ROWS = 1_200  # three batches, the first stored while the rest are checked
EDITED_ORGANISATIONS = 200
POSTGRES_ROWS = 200  # a server takes an import faster; its kills only need to land in it
WAIT_LIMIT = 120.0  # seconds for a child to start writing or to finish: a sign of a hang
SEED = int(os.environ.get("CSODESK_CRASH_SEED", random.randrange(1_000_000)))


@pytest.fixture(scope="module")
def fork_server() -> Any:
    """Children forked from a server that imported the app once, not from pytest (whose
    threads and open files a fork would copy)."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([crash_workloads.__name__])
    return context


@dataclass(frozen=True)
class Outcome:
    committed: bool  # the child said it had committed before it died
    writing_seconds: float  # from its first write to its commit (an unkilled run)


def run_child(
    context: Any,
    target: Callable[..., None],
    args: tuple[Any, ...],
    marker: Path,
    kill_after: float | None,
) -> Outcome:
    """Start ``target`` in a child; once it writes, kill it after ``kill_after`` seconds
    (``None``: let it finish)."""
    marker.unlink(missing_ok=True)
    child = context.Process(target=target, args=(*args,))
    child.start()
    try:
        started = _wait_for(marker, WRITING, child)
        if kill_after is None:
            finished = _wait_for(marker, COMMITTED, child)
            child.join(WAIT_LIMIT)
            assert child.exitcode == 0, f"the unkilled writer failed (exit {child.exitcode})"
            return Outcome(True, finished - started)
        time.sleep(kill_after)
        child.kill()
        child.join(WAIT_LIMIT)
        return Outcome(COMMITTED in _read(marker), 0.0)
    finally:
        if child.is_alive():
            child.kill()
            child.join()


def _read(marker: Path) -> bytes:
    return marker.read_bytes() if marker.exists() else b""


def _wait_for(marker: Path, line: bytes, child: Any) -> float:
    deadline = time.monotonic() + WAIT_LIMIT
    while line not in _read(marker):
        if not child.is_alive() and line not in _read(marker):
            raise AssertionError(f"the writer ended (exit {child.exitcode}) before {line!r}")
        if time.monotonic() > deadline:
            raise AssertionError(f"the writer did not reach {line!r} in {WAIT_LIMIT} s")
        time.sleep(0.002)
    return time.monotonic()


def kill_points(rng: random.Random, writing_seconds: float, kills: int) -> list[float]:
    """Moments spread over the writing, about one in eight just past the commit."""
    return [rng.uniform(0.0, writing_seconds * 1.15) for _ in range(kills)]


def assert_sound_sqlite(path: Path, context: str) -> None:
    """What SQLite itself says about the file after recovering the killed writer's WAL."""
    with closing(sqlite3.connect(path)) as connection:
        register_sqlite_collations(connection)
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)], context
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == [], context


def imported(db: Database, tag: str) -> tuple[int, int]:
    """How many organisations of the import ``tag`` exist, and how many creation entries
    the audit log holds for them."""
    prefix = crash_workloads.import_name(tag, 0)[:-5]
    ids = select(Organisation.id).where(Organisation.name_en.like(f"{prefix}%"))
    with db.transaction() as session:
        return _counted(session, ids), _created(session, Organisation, ids)


def _counted(session: Session, ids: Select[Any]) -> int:
    return session.scalar(select(func.count()).select_from(ids.subquery())) or 0


def _created(session: Session, model: type, ids: Select[Any]) -> int:
    """The audit log's creation entries for the ``model`` records ``ids`` selects."""
    entries = select(func.count()).select_from(AuditEntry)
    return (
        session.scalar(
            entries.where(
                AuditEntry.action == AuditAction.CREATE,
                AuditEntry.entity == model.__tablename__,  # type: ignore[attr-defined]
                AuditEntry.entity_id.in_(ids),
            )
        )
        or 0
    )


def edit_state(db: Database) -> tuple[dict[str, int], int, set[int]]:
    """The organisations' notes (value -> how many), the audit log's update entries, and
    the organisations' versions."""
    with db.transaction() as session:
        notes = dict(
            session.execute(
                select(Organisation.notes, func.count()).group_by(Organisation.notes)
            ).all()
        )
        updates = session.scalar(
            select(func.count())
            .select_from(AuditEntry)
            .where(AuditEntry.action == AuditAction.UPDATE)
        )
        versions = set(session.scalars(select(Organisation.version).distinct()))
    return notes, updates or 0, versions


def kill_imports(
    fork_server: Any,
    db: Database,
    url: str,
    tmp_path: Path,
    kills: int,
    check_file: Callable[[str], None],
    rows: int = IMPORT_ROWS,
) -> list[Outcome]:
    rng = random.Random(SEED)
    marker = tmp_path / "import.marker"
    timing = run_child(
        fork_server, crash_workloads.run_import, (url, marker, "timed", rows), marker, None
    )
    assert imported(db, "timed") == (rows, rows)
    outcomes = []
    for number, delay in enumerate(kill_points(rng, timing.writing_seconds, kills)):
        tag = f"k{number}"
        args = (url, marker, tag, rows)
        outcome = run_child(fork_server, crash_workloads.run_import, args, marker, delay)
        context = f"seed {SEED}, import killed after {delay:.3f} s, outcome {outcome}"
        check_file(context)
        saved, audited = imported(db, tag)
        assert saved in (0, rows), context
        assert audited == saved, context
        if outcome.committed:
            assert saved == rows, context
        outcomes.append(outcome)
    return outcomes


def activities_imported(db: Database, tag: str) -> tuple[int, int, int, int]:
    """How many activities of the import ``tag`` exist, their creation entries in the audit
    log, their participant lines and how many of them a search finds."""
    prefix = crash_workloads.activity_title(tag, 0)[:-5]
    ids = select(Activity.id).where(Activity.name_en.like(f"{prefix}%"))
    lines = select(ParticipantCount.id).where(ParticipantCount.activity_id.in_(ids))
    with db.transaction() as session:
        stored = _counted(session, ids), _created(session, Activity, ids), _counted(session, lines)
    return (*stored, ActivityService(db).count(ListQuery(search=prefix)))


def kill_edits(
    fork_server: Any,
    db: Database,
    url: str,
    tmp_path: Path,
    kills: int,
    check_file: Callable[[str], None],
    organisations: int = EDITED_ORGANISATIONS,
) -> list[Outcome]:
    rng = random.Random(SEED + 1)
    marker = tmp_path / "edit.marker"
    _seed_organisations(db, organisations)
    timing = run_child(fork_server, crash_workloads.run_edit, (url, marker, "timed"), marker, None)
    notes, updates, versions = edit_state(db)
    assert notes == {"timed": organisations} and updates == organisations
    outcomes = []
    for number, delay in enumerate(kill_points(rng, timing.writing_seconds, kills)):
        before_notes, before_updates, before_versions = notes, updates, versions
        new = f"edit {number}"
        outcome = run_child(
            fork_server, crash_workloads.run_edit, (url, marker, new), marker, delay
        )
        context = f"seed {SEED}, edit killed after {delay:.3f} s, outcome {outcome}"
        check_file(context)
        notes, updates, versions = edit_state(db)
        whole = (
            {new: organisations},
            before_updates + organisations,
            {version + 1 for version in before_versions},
        )
        assert (notes, updates, versions) in (
            whole,
            (before_notes, before_updates, before_versions),
        ), context
        if outcome.committed:
            assert notes == {new: organisations}, context
        outcomes.append(outcome)
    return outcomes


def _seed_organisations(db: Database, count: int) -> None:
    service = OrganisationImport(db)
    table = crash_workloads.import_table("seed", count)
    assert service.run(table, service.guess(table)).errors == ()


@pytest.fixture
def sqlite_file(tmp_path: Path, migrated_sqlite: Path) -> Iterator[tuple[Database, Path]]:
    path = tmp_path / "crash.sqlite3"
    copy_sqlite(migrated_sqlite, path)
    db = crash_workloads.attach(str(path))
    yield db, path
    db.close()


def test_an_import_killed_at_random_moments_is_saved_whole_or_not_at_all(
    fork_server: Any, sqlite_file: tuple[Database, Path], tmp_path: Path
) -> None:
    db, path = sqlite_file
    outcomes = kill_imports(
        fork_server,
        db,
        str(path),
        tmp_path,
        SQLITE_KILLS,
        lambda context: assert_sound_sqlite(path, context),
    )
    assert len(outcomes) == SQLITE_KILLS
    assert not all(outcome.committed for outcome in outcomes), f"seed {SEED}: no kill hit a write"


def test_an_activity_import_killed_at_random_moments_is_saved_whole_or_not_at_all(
    fork_server: Any, sqlite_file: tuple[Database, Path], tmp_path: Path
) -> None:
    """Killed while its writer thread stores and its own thread checks, the import leaves
    all of its activities, audit entries, participant lines and search entries, or none."""
    db, path = sqlite_file
    load_demo(db)
    project = ProjectService(db).page(ListQuery(), 0, 1)[0].code
    with db.transaction() as session:
        kind = session.scalars(select(ActivityType.code)).first()
    rng = random.Random(SEED + 2)
    marker = tmp_path / "activities.marker"
    whole = (ACTIVITY_ROWS, ACTIVITY_ROWS, 2 * ACTIVITY_ROWS, ACTIVITY_ROWS)
    args: tuple[Any, ...] = (str(path), marker, "timed", ACTIVITY_ROWS, project, kind)
    timing = run_child(fork_server, crash_workloads.run_activity_import, args, marker, None)
    assert activities_imported(db, "timed") == whole
    outcomes = []
    for number, delay in enumerate(kill_points(rng, timing.writing_seconds, SQLITE_KILLS)):
        tag = f"k{number}"
        args = (str(path), marker, tag, ACTIVITY_ROWS, project, kind)
        outcome = run_child(fork_server, crash_workloads.run_activity_import, args, marker, delay)
        context = f"seed {SEED}, activity import killed after {delay:.3f} s, outcome {outcome}"
        assert_sound_sqlite(path, context)
        saved = activities_imported(db, tag)
        assert saved in ((0, 0, 0, 0), whole), context
        if outcome.committed:
            assert saved == whole, context
        outcomes.append(outcome)
    assert not all(outcome.committed for outcome in outcomes), f"seed {SEED}: no kill hit a write"


def test_a_long_edit_killed_at_random_moments_is_saved_whole_or_not_at_all(
    fork_server: Any, sqlite_file: tuple[Database, Path], tmp_path: Path
) -> None:
    db, path = sqlite_file
    outcomes = kill_edits(
        fork_server,
        db,
        str(path),
        tmp_path,
        SQLITE_KILLS,
        lambda context: assert_sound_sqlite(path, context),
    )
    assert len(outcomes) == SQLITE_KILLS
    assert not all(outcome.committed for outcome in outcomes), f"seed {SEED}: no kill hit a write"


BACKUP_KILLS = 6
BACKED_UP_ORGANISATIONS = 2000  # a file of a few megabytes: its copy and check take a while


def test_a_backup_killed_at_random_moments_leaves_the_database_and_the_backups_sound(
    fork_server: Any, sqlite_file: tuple[Database, Path], tmp_path: Path
) -> None:
    """Killing the copy (or its check) leaves no half-written file among the backups and
    the database itself untouched."""
    db, path = sqlite_file
    _seed_organisations(db, BACKED_UP_ORGANISATIONS)
    db.close()
    before = dump(path)
    rng = random.Random(SEED + 2)
    marker = tmp_path / "backup.marker"
    timing = run_child(fork_server, crash_workloads.run_backup, (str(path), marker), marker, None)
    outcomes = []
    for delay in kill_points(rng, timing.writing_seconds, BACKUP_KILLS):
        outcome = run_child(
            fork_server, crash_workloads.run_backup, (str(path), marker), marker, delay
        )
        context = f"seed {SEED}, backup killed after {delay:.3f} s, outcome {outcome}"
        assert_sound_sqlite(path, context)
        assert dump(path) == before, context
        backups = list_backups(path)
        for backup in backups:
            assert find_damage(backup.path, thorough=True) == [], context
            assert dump(backup.path) == before, context
        outcomes.append(outcome)
    assert newest_good_backup(path) is not None
    assert not all(outcome.committed for outcome in outcomes), f"seed {SEED}: no kill hit a copy"


def test_postgresql_rolls_back_a_client_killed_mid_transaction(
    fork_server: Any, postgres: PostgresServer, postgres_url: str, tmp_path: Path
) -> None:
    db = crash_workloads.attach(postgres_url)
    try:
        outcomes = kill_edits(
            fork_server, db, postgres_url, tmp_path, POSTGRES_KILLS, lambda _: None, POSTGRES_ROWS
        )
        outcomes += kill_imports(
            fork_server, db, postgres_url, tmp_path, POSTGRES_KILLS, lambda _: None, POSTGRES_ROWS
        )
    finally:
        db.close()
    assert not all(outcome.committed for outcome in outcomes), f"seed {SEED}: no kill hit a write"
