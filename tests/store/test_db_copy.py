"""``csodesk db copy``: a laptop's office moves onto the shared server and back without a
row, a byte of an attachment or an audit entry changed, and a copy that cannot be proven
equal, or should not begin, leaves nothing behind.

The office is the demo with what the demo lacks: attachments of known bytes, audit entries of
real edits, text a hostile or careless user typed, an archived project and a result whose
parent was created after it (so its parent comes later in key order).  The PostgreSQL
database copied into runs in a time zone other than UTC, so a timestamp read in the wrong
zone would show.
"""

import hashlib
import os
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError

from desktop.domain import Attachment, AuditEntry, Project
from desktop.domain.results import ResultLevel
from desktop.services.activities import ActivityService
from desktop.services.attachments import AttachmentService
from desktop.services.audit_log import AuditLogService
from desktop.services.grant_summary import GrantSummaryService
from desktop.services.grants import GrantService
from desktop.services.listing import ListQuery
from desktop.services.projects import ProjectForm, ProjectService
from desktop.services.results import ResultForm, ResultsService
from desktop.store.checksums import TableChecksum
from desktop.store.copy import (
    CopyFailed,
    CopyMismatch,
    CopyRefused,
    copy_database,
    model_tables,
)
from desktop.store.database import Database, copy_sqlite, open_database
from desktop.store.demo import load_demo
from desktop.store.engine import make_engine
from desktop.store.errors import DatabaseUnavailable
from desktop.store.location import resolve_url
from tests.data.revisions.make_revision_databases import fixture_path
from tests.postgres_server import PostgresServer

HOSTILE = (
    'Robert\'); DROP TABLE projects;-- "quoted" \\back\\slash\t'
    "Çështja e Mitrovicës — Митровица 🕊️ \u202eevil\u202c % _ ' ; $1 {name}"
)
BLOBS = {
    "every-byte.bin": bytes(range(256)) * 4,
    "Извештај — raporti 2026.pdf": os.urandom(300_000),
    "empty.txt": b"",
}


@pytest.fixture
def office(tmp_path: Path, migrated_sqlite: Path) -> Path:
    """A laptop's file: the demo office, attachments, audit entries and hostile text."""
    path = tmp_path / "laptop.sqlite3"
    copy_sqlite(migrated_sqlite, path)
    db = open_database(str(path))
    try:
        load_demo(db, today=date(2026, 11, 28))
        projects = ProjectService(db)
        created = projects.create(
            ProjectForm(
                code="HOSTILE-1",
                name_en=HOSTILE,
                name_sq=HOSTILE,
                summary=HOSTILE,
                start_date=date(2026, 1, 1),
                end_date=date(2027, 6, 30),
            )
        )
        details = projects.get(created)
        projects.update(
            created, ProjectForm(**{**details.form.__dict__, "name_sr": HOSTILE}), details.version
        )
        projects.archive(created)
        attachments = AttachmentService(db)
        folder = tmp_path / "files"
        folder.mkdir()
        for name, content in BLOBS.items():
            (folder / name).write_bytes(content)
            attachments.add("projects", details.uuid, folder / name)
        _parent_after_child(db)
    finally:
        db.close()
    return path


def _parent_after_child(db: Database) -> None:
    """An outcome moved under an overall objective created after it."""
    results = ResultsService(db)
    with db.transaction() as session:
        project_id = session.scalar(select(Project.id).where(Project.code == "HOSTILE-1"))
    first = results.create_result(
        project_id, ResultForm(level=ResultLevel.OBJECTIVE, code="OO1", name_en="Safer towns")
    )
    outcome = results.create_result(
        project_id,
        ResultForm(level=ResultLevel.OUTCOME, parent_id=first, code="OC1", name_en="Dialogue"),
    )
    later = results.create_result(
        project_id, ResultForm(level=ResultLevel.OBJECTIVE, code="OO2", name_en="Trust")
    )
    details = results.get_result(outcome)
    results.update_result(
        outcome, ResultForm(**{**details.form.__dict__, "parent_id": later}), details.version
    )


@pytest.fixture
def empty_server_database(postgres: PostgresServer) -> Iterator[str]:
    """An empty database (no schema at all) on the test server, in Belgrade's time zone."""
    name = f"csodesk_copy_{uuid.uuid4().hex[:10]}"
    url = postgres.create_database(name)
    with postgres.admin() as connection:
        connection.execute(f"ALTER DATABASE \"{name}\" SET timezone TO 'Europe/Belgrade'")
    yield url
    postgres.drop_database(name)


def _every_row(value: str) -> dict[str, tuple[int, str]]:
    """Each table's row count and checksum, read afresh (not by the copy's own code path)."""
    engine = make_engine(resolve_url(value))
    try:
        sums: dict[str, tuple[int, str]] = {}
        with engine.connect() as connection:
            for table in model_tables():
                checksum = TableChecksum()
                ordered = select(table).order_by(*table.primary_key.columns)
                checksum.add_all(connection.execute(ordered))
                sums[table.name] = (checksum.rows, checksum.hexdigest())
        return sums
    finally:
        engine.dispose()


def _views(value: str) -> dict[str, object]:
    """What a user sees: the projects list, a grant's summary, the audit log, the files."""
    db = open_database(value)
    try:
        query = ListQuery(include_archived=True, sort="name")
        grants = GrantService(db)
        summary = GrantSummaryService(db).summary(
            grants.find("2025/461-198"), "sq", as_of=date(2026, 11, 28)
        )
        audit = AuditLogService(db)
        with db.transaction() as session:
            files = {
                row.filename: (row.content, row.sha256)
                for row in session.scalars(select(Attachment))
            }
        return {
            "projects": ProjectService(db).page(query, limit=100),
            "summary": summary,
            "audit": audit.page(ListQuery(sort="at"), limit=1000),
            "files": files,
        }
    finally:
        db.close()


def test_laptop_to_server_and_back_keeps_every_row_and_view(
    office: Path, empty_server_database: str, tmp_path: Path
) -> None:
    before = _every_row(str(office))
    views = _views(str(office))
    assert views["files"] and len(views["audit"]) >= 5  # type: ignore[arg-type]
    shown: list[tuple[str, str, int]] = []

    there = copy_database(
        str(office), empty_server_database, progress=lambda *step: shown.append(step)
    )
    back_file = tmp_path / "back" / "laptop.sqlite3"
    back = copy_database(empty_server_database, str(back_file), batch_rows=7)

    tables = [table.name for table in model_tables()]
    assert [step[1] for step in shown if step[0] == "copied"] == tables
    assert [step[1] for step in shown if step[0] == "checked"] == tables
    assert {t.table: (t.rows, t.checksum) for t in there.tables} == before
    assert back.tables == there.tables
    assert _every_row(empty_server_database) == before
    assert _every_row(str(back_file)) == before
    assert _views(empty_server_database) == views
    assert _views(str(back_file)) == views
    for name, content in BLOBS.items():
        stored, digest = views["files"][name]  # type: ignore[index]
        assert stored == content and digest == hashlib.sha256(content).hexdigest()


def test_the_copies_work_on(office: Path, empty_server_database: str, tmp_path: Path) -> None:
    """On the server new records get fresh ids and the audit log stays sealed; on the file
    copied back the activities' search (its trigram table) finds what it found before."""
    copy_database(str(office), empty_server_database)
    back_file = tmp_path / "back.sqlite3"
    copy_database(empty_server_database, str(back_file))

    server = open_database(empty_server_database)
    try:
        with server.transaction() as session:
            highest = session.scalar(select(func.max(Project.id)))
            audit_count = session.scalar(select(func.count()).select_from(AuditEntry))
        created = ProjectService(server).create(
            ProjectForm(
                code="NEW-1",
                name_en="New on server",
                start_date=date(2027, 1, 1),
                end_date=date(2027, 12, 31),
            )
        )
        assert created == highest + 1
        with (
            pytest.raises(DBAPIError, match="audit entries cannot be changed"),
            server.engine.begin() as connection,
        ):
            connection.execute(text("UPDATE audit_entries SET username = 'someone'"))
        with server.transaction() as session:
            assert session.scalar(select(func.count()).select_from(AuditEntry)) == audit_count + 1
    finally:
        server.close()

    assert _search(office) == _search(back_file)
    assert all(_search(office))


def _search(path: Path) -> tuple[list[int], list[int]]:
    """The activities a part of a word finds, and those two letters find."""
    db = open_database(str(path))
    try:
        activities = ActivityService(db)
        return (
            [row.id for row in activities.page(ListQuery(search="itrov"), limit=200)],
            [row.id for row in activities.page(ListQuery(search="mi"), limit=200)],
        )
    finally:
        db.close()


def _file_state(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir()) if path.is_file()}


def test_a_target_that_holds_data_is_refused_and_unchanged(
    office: Path, empty_server_database: str, tmp_path: Path, migrated_sqlite: Path
) -> None:
    copy_database(str(office), empty_server_database)
    on_server = _every_row(empty_server_database)
    with pytest.raises(CopyRefused, match="already holds data"):
        copy_database(str(office), empty_server_database)
    assert _every_row(empty_server_database) == on_server

    filled = tmp_path / "filled"
    filled.mkdir()
    copy_sqlite(office, filled / "other.sqlite3")
    state = _file_state(filled)
    with pytest.raises(CopyRefused, match="already holds data"):
        copy_database(empty_server_database, str(filled / "other.sqlite3"))
    assert _file_state(filled) == state


def test_a_source_at_an_older_schema_is_refused_and_nothing_is_made(
    tmp_path: Path, empty_server_database: str
) -> None:
    import gzip
    import shutil

    old = tmp_path / "old.sqlite3"
    with gzip.open(fixture_path("0014"), "rb") as zipped, old.open("wb") as out:
        shutil.copyfileobj(zipped, out)
    original = old.read_bytes()
    with pytest.raises(CopyRefused, match="db upgrade"):
        copy_database(str(old), str(tmp_path / "new.sqlite3"))
    with pytest.raises(CopyRefused, match="db upgrade"):
        copy_database(str(old), empty_server_database)
    assert old.read_bytes() == original
    assert sorted(path.name for path in tmp_path.iterdir()) == ["old.sqlite3"]
    assert _table_names(empty_server_database) == []


def _table_names(url: str) -> list[str]:
    engine = make_engine(resolve_url(url))
    try:
        with engine.connect() as connection:
            return list(
                connection.execute(
                    text(
                        "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() "
                        "ORDER BY tablename"
                    )
                ).scalars()
            )
    finally:
        engine.dispose()


def test_an_unreachable_server_is_refused_and_no_file_is_made(office: Path, tmp_path: Path) -> None:
    nowhere = "postgresql://csodesk@127.0.0.1:9/office?connect_timeout=2"
    with pytest.raises(DatabaseUnavailable):
        copy_database(nowhere, str(tmp_path / "copy.sqlite3"))
    assert not (tmp_path / "copy.sqlite3").exists()
    original = office.read_bytes()
    with pytest.raises(DatabaseUnavailable):
        copy_database(str(office), nowhere)
    assert office.read_bytes() == original


def test_other_programs_tables_a_missing_source_and_itself_are_refused(
    office: Path, empty_server_database: str, tmp_path: Path
) -> None:
    engine = make_engine(resolve_url(empty_server_database))
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE invoices (id integer PRIMARY KEY)"))
    engine.dispose()
    with pytest.raises(CopyRefused, match="not CSO Desk's \\(invoices\\)"):
        copy_database(str(office), empty_server_database)
    assert _table_names(empty_server_database) == ["invoices"]

    with pytest.raises(CopyRefused, match="nothing to copy"):
        copy_database(str(tmp_path / "missing.sqlite3"), str(tmp_path / "copy.sqlite3"))
    with pytest.raises(CopyRefused, match="same database"):
        copy_database(str(office), f"sqlite:///{office}")
    assert not (tmp_path / "missing.sqlite3").exists()
    assert not (tmp_path / "copy.sqlite3").exists()


def _garble_project_names(connection_sql: list[str], url: str) -> None:
    engine = make_engine(resolve_url(url))
    with engine.begin() as connection:
        for statement in connection_sql:
            connection.execute(text(statement))
    engine.dispose()


def test_a_copy_that_reads_back_different_is_undone(
    office: Path, empty_server_database: str, tmp_path: Path
) -> None:
    """A target that changes what it is given (here a trigger on it) fails the check after
    the copy, and keeps nothing of it: the server database stays empty, the file too."""
    open_database(empty_server_database).close()  # the schema, with no data
    _garble_project_names(
        [
            "CREATE FUNCTION garble() RETURNS trigger LANGUAGE plpgsql AS "
            "$$ BEGIN NEW.name_en := NEW.name_en || '!'; RETURN NEW; END $$",
            "CREATE TRIGGER garble BEFORE INSERT ON projects "
            "FOR EACH ROW EXECUTE FUNCTION garble()",
        ],
        empty_server_database,
    )
    empty = _every_row(empty_server_database)
    with pytest.raises(CopyMismatch, match="projects") as refused:
        copy_database(str(office), empty_server_database)
    assert refused.value.tables == ["projects"]
    assert _every_row(empty_server_database) == empty

    target = tmp_path / "target.sqlite3"
    open_database(str(target)).close()
    _garble_project_names(
        [
            "CREATE TRIGGER garble AFTER INSERT ON projects BEGIN "
            "UPDATE projects SET name_en = name_en || '!' WHERE id = new.id; END"
        ],
        str(target),
    )
    empty = _every_row(str(target))
    with pytest.raises(CopyMismatch, match="projects"):
        copy_database(str(office), str(target))
    assert _every_row(str(target)) == empty


def test_a_copy_the_target_refuses_half_way_is_undone(office: Path, tmp_path: Path) -> None:
    """A row the target will not take (here a trigger refuses the cases, late in the order)
    stops the copy with one sentence and leaves the target as it was."""
    target = tmp_path / "target.sqlite3"
    open_database(str(target)).close()
    _garble_project_names(
        [
            "CREATE TRIGGER no_cases BEFORE INSERT ON cases BEGIN "
            "SELECT RAISE(ABORT, 'cases are kept elsewhere'); END"
        ],
        str(target),
    )
    empty = _every_row(str(target))
    with pytest.raises(CopyFailed, match=r"failed and was undone.*cases are kept elsewhere"):
        copy_database(str(office), str(target))
    assert _every_row(str(target)) == empty
