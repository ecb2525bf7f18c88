"""Every schema revision's own database, full of demo data, upgrades to head and keeps every
row, every value and every attachment byte.

The databases in tests/data/revisions were written by the code of each revision (see
``make_revision_databases.py`` there).  On SQLite the file itself is upgraded; on PostgreSQL
a database is built at the same revision by the migrations, filled with the file's rows,
and upgraded in turn.
"""

import gzip
import hashlib
import shutil
import uuid
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, MetaData, Table, Uuid, select, text
from sqlalchemy.engine import make_url

from desktop.domain.activity import TITLE_KEY_COLUMNS, title_keys
from desktop.i18n.folding import fold
from desktop.store import schema
from desktop.store.database import open_database
from desktop.store.engine import make_engine
from desktop.store.location import sqlite_url
from desktop.store.maintenance import check_database
from desktop.store.migrations import HEAD, REVISIONS, in_models
from tests.data.revisions.make_revision_databases import fixture_path
from tests.postgres_server import PostgresServer

Rows = dict[str, dict[tuple[Any, ...], dict[str, Any]]]

# The shipped reference lists are refreshed after every upgrade (their names, order and
# place in a budget form come from resources/data): there a row keeps its id and its code,
# which is what records point at.
_REFERENCE_TABLES = frozenset(
    {
        "municipalities",
        "communities",
        "activity_types",
        "budget_templates",
        "budget_headings",
        "thematic_areas",
    }
)
_REFERENCE_KEPT = frozenset({"id", "code"})
# Values a revision rebuilds on purpose: (table, column) -> the revision that does.
_REBUILT = {
    ("cases", "search_key"): "0010",
    **{("activities", column): "0015" for column in TITLE_KEY_COLUMNS.values()},
}


def _tables(engine: Engine) -> list[Table]:
    metadata = MetaData()
    with warnings.catch_warnings():
        # Reflection skips revision 0005's expression indexes, with a warning: not rows.
        warnings.simplefilter("ignore")
        metadata.reflect(engine)
    return [
        table
        for table in metadata.sorted_tables
        if table.name != schema.VERSION_TABLE and in_models(table, table.name, "table", True, None)
    ]


def _plain(value: Any) -> Any:
    if isinstance(value, uuid.UUID):
        return value.hex
    if isinstance(value, memoryview):
        return bytes(value)
    return value


def _rows(engine: Engine) -> Rows:
    """Every row of every table, by primary key."""
    result: Rows = {}
    with engine.connect() as connection:
        for table in _tables(engine):
            key = [column.name for column in table.primary_key.columns] or [
                column.name for column in table.columns
            ]
            rows = connection.execute(select(table)).mappings()
            result[table.name] = {
                tuple(_plain(row[name]) for name in key): {
                    name: _plain(value) for name, value in row.items()
                }
                for row in rows
            }
    return result


def _assert_kept(before: Rows, after: Rows) -> None:
    for table, rows in before.items():
        assert table in after, f"table {table} disappeared"
        assert set(rows) <= set(after[table]), f"rows of {table} disappeared"
        for key, row in rows.items():
            upgraded = after[table][key]
            for column, value in row.items():
                if (
                    column not in upgraded
                    or (table in _REFERENCE_TABLES and column not in _REFERENCE_KEPT)
                    or (table, column) in _REBUILT
                ):
                    continue
                assert upgraded[column] == value, f"{table} {key} {column} changed"


def _assert_attachments_intact(before: Rows, after: Rows) -> None:
    attachments = after["attachments"]
    assert len(attachments) >= 3
    for key, row in before["attachments"].items():
        content = attachments[key]["content"]
        assert content == row["content"]
        assert hashlib.sha256(content).hexdigest() == row["sha256"]
        assert len(content) == row["size"]


@pytest.fixture(params=REVISIONS)
def revision_file(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[str, Path]]:
    revision = request.param
    source = fixture_path(revision)
    assert source.exists(), f"revision {revision} has no checked-in database: run {source.parent}"
    target = tmp_path / f"revision-{revision}.sqlite3"
    with gzip.open(source, "rb") as zipped, target.open("wb") as out:
        shutil.copyfileobj(zipped, out)
    yield revision, target


def test_each_revision_file_is_at_its_revision_and_full(revision_file: tuple[str, Path]) -> None:
    revision, path = revision_file
    engine = make_engine(sqlite_url(path))
    try:
        with engine.connect() as connection:
            assert schema.current_revision(connection) == revision
            for table in ("projects", "activities", "cases", "attachments", "audit_entries"):
                count = connection.execute(text(f"SELECT count(*) FROM {table}")).scalar()
                assert count, f"{table} is empty in revision {revision}'s database"
    finally:
        engine.dispose()


def test_sqlite_file_of_each_revision_upgrades_keeping_every_row(
    revision_file: tuple[str, Path],
) -> None:
    _revision, path = revision_file
    engine = make_engine(sqlite_url(path))
    before = _rows(engine)
    engine.dispose()

    db = open_database(str(path))
    try:
        assert check_database(db) == []
        after = _rows(db.engine)
    finally:
        db.close()

    _assert_kept(before, after)
    _assert_attachments_intact(before, after)


def _copy_rows(source: Engine, target: Engine) -> None:
    """Fill ``target`` (a new database at the same revision) with ``source``'s rows only."""
    source_tables = {table.name: table for table in _tables(source)}
    target_tables = _tables(target)
    with source.connect() as reading, target.begin() as writing:
        for table in reversed(target_tables):  # rows a migration seeded (budget templates)
            if writing.execute(select(table).limit(1)).first() is not None:
                writing.execute(table.delete())
        for table in target_tables:
            rows = [
                dict(row) for row in reading.execute(select(source_tables[table.name])).mappings()
            ]
            if not rows:
                continue
            for row in rows:
                for column in table.columns:
                    if isinstance(column.type, Uuid) and isinstance(row.get(column.name), str):
                        row[column.name] = uuid.UUID(row[column.name])
            writing.execute(table.insert(), rows)
            if "id" in table.columns and table.columns["id"].primary_key:
                writing.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                        f"(SELECT max(id) FROM {table.name}))"
                    )
                )


def test_postgresql_database_of_each_revision_upgrades_keeping_every_row(
    revision_file: tuple[str, Path], postgres: PostgresServer
) -> None:
    revision, path = revision_file
    name = f"csodesk_revision_{revision}_{uuid.uuid4().hex[:8]}"
    url = make_url(postgres.create_database(name)).set(drivername="postgresql+psycopg")
    try:
        schema.upgrade(url, revision)
        source = make_engine(sqlite_url(path))
        target = make_engine(url)
        try:
            _copy_rows(source, target)
            before = _rows(target)
        finally:
            source.dispose()
            target.dispose()
        assert before["attachments"] and before["activities"]

        db = open_database(url)
        try:
            with db.engine.connect() as connection:
                assert schema.current_revision(connection) == HEAD
            after = _rows(db.engine)
        finally:
            db.close()

        _assert_kept(before, after)
        _assert_attachments_intact(before, after)
    finally:
        postgres.drop_database(name)


def test_after_the_upgrade_no_case_is_found_by_who_raised_it(
    revision_file: tuple[str, Path],
) -> None:
    """Revision 0010 rebuilt the search keys that held the names of people who raised cases."""
    _revision, path = revision_file
    db = open_database(str(path))
    try:
        with db.engine.connect() as connection:
            rows = connection.execute(
                text("SELECT raised_by, search_key FROM cases WHERE raised_by IS NOT NULL")
            ).all()
    finally:
        db.close()
    assert rows, "the demo's cases name who raised them"
    for raised_by, search_key in rows:
        assert fold(raised_by) not in search_key


def test_after_the_upgrade_every_title_key_is_the_heads(revision_file: tuple[str, Path]) -> None:
    """Revision 0015 filled the title keys of revision 0012 again in the shorter code."""
    _revision, path = revision_file
    columns = ", ".join(TITLE_KEY_COLUMNS.values())
    db = open_database(str(path))
    try:
        with db.engine.connect() as connection:
            rows = connection.execute(
                text(f"SELECT name_en, name_sq, name_sr, name_sr_latn, {columns} FROM activities")
            ).all()
    finally:
        db.close()
    assert rows, "the demo has activities"
    for en, sq, sr, sr_latn, *keys in rows:
        names = {"en": en, "sq": sq, "sr": sr, "sr_Latn": sr_latn}
        assert keys == list(title_keys(names).values())
