"""``csodesk db init-server`` and ``csodesk db copy`` as an office's IT volunteer runs them
(docs/SHARED_SERVER.md): on an empty database owned by an ordinary role (no superuser),
the schema, the row-level security and an administrator who signs in; a second run, another
program's tables, an SQLite file and a bad password are refused with one sentence and
nothing changed; a laptop's file is copied onto the server with its progress and its check
printed.
"""

import io
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from desktop.cli import main
from desktop.domain.user import Role
from desktop.services.server_init import scope_tables
from desktop.services.sign_in import needs_first_administrator, sign_in
from desktop.store.database import Database, open_database
from desktop.store.demo import load_demo
from desktop.store.engine import make_engine
from desktop.store.location import resolve_url
from tests.postgres_server import PostgresServer

PASSWORD = "Mitrovica-bridge-2026"


@pytest.fixture
def office_database(postgres: PostgresServer) -> Iterator[str]:
    """An empty database owned by its own login role, as the guide has the volunteer make:
    the URL CSO Desk connects with names that role, not the server's superuser."""
    suffix = uuid.uuid4().hex[:8]
    owner, name = f"csodesk_owner_{suffix}", f"csodesk_office_{suffix}"
    with postgres.admin() as connection:
        connection.execute(f"CREATE ROLE {owner} LOGIN CREATEROLE PASSWORD '{PASSWORD}'")
        connection.execute(f"CREATE DATABASE {name} OWNER {owner}")
    yield f"postgresql://{owner}@/{name}?host={postgres.socket_dir}&port={postgres.port}"
    postgres.drop_database(name)
    with postgres.admin() as connection:
        connection.execute(f"DROP ROLE {owner}")


def _run(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    *arguments: str,
    stdin: str = "",
) -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main(list(arguments))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _tables(url: str) -> list[str]:
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


def test_init_server_makes_schema_security_and_an_administrator_once(
    office_database: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, err = _run(
        capsys,
        monkeypatch,
        "db",
        "init-server",
        office_database,
        "--admin",
        "ardita",
        "--full-name",
        "Ardita Berisha",
        "--password-stdin",
        stdin=PASSWORD + "\n",
    )
    assert (code, err) == (0, "")
    scoped = scope_tables()
    assert f"Row-level security is on for {len(scoped)} tables" in out
    assert "db grant-access USERNAME" in out
    assert "ardita can sign in as administrator now" in out

    engine = make_engine(resolve_url(office_database))
    try:
        with engine.connect() as connection:
            secured = set(
                connection.execute(
                    text(
                        "SELECT c.relname FROM pg_class c JOIN pg_policies p "
                        "ON p.tablename = c.relname AND p.policyname = 'organisation_scope' "
                        "WHERE c.relrowsecurity"
                    )
                ).scalars()
            )
    finally:
        engine.dispose()
    assert secured == scoped and {"projects", "cases", "audit_entries"} <= scoped

    db = open_database(office_database)
    try:
        actor = sign_in(db, "ardita", PASSWORD)
        assert actor.role == Role.ADMIN
        assert not needs_first_administrator(db)
        load_demo(db)  # a working, empty office: the demo fills only an empty database
    finally:
        db.close()

    tables = _tables(office_database)

    def no_prompt(_prompt: str = "") -> str:
        raise AssertionError("a password was asked for a database that cannot take it")

    monkeypatch.setattr("getpass.getpass", no_prompt)
    code, out, err = _run(
        capsys, monkeypatch, "db", "init-server", office_database, "--admin", "intruder"
    )
    assert (code, out) == (1, "")
    assert "already holds a CSO Desk database (schema 0015); nothing was changed" in err
    assert _tables(office_database) == tables
    db = open_database(office_database)
    try:
        with pytest.raises(Exception, match="not right"):
            sign_in(db, "intruder", PASSWORD)
    finally:
        db.close()


def test_init_server_refusals_change_nothing(
    office_database: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    code, out, err = _run(
        capsys,
        monkeypatch,
        "db",
        "init-server",
        office_database,
        "--admin",
        "ardita",
        "--password-stdin",
        stdin="short\n",
    )
    assert (code, out) == (1, "")
    assert err.startswith("csodesk: password: Use at least 10 characters.")
    assert _tables(office_database) == []

    typed = iter([PASSWORD, PASSWORD + "?"])
    monkeypatch.setattr("getpass.getpass", lambda _prompt="": next(typed))
    code, out, err = _run(
        capsys, monkeypatch, "db", "init-server", office_database, "--admin", "ardita"
    )
    assert (code, err) == (1, "csodesk: The two passwords differ; nothing was changed.\n")
    assert _tables(office_database) == []

    def no_terminal(_prompt: str = "") -> str:
        raise EOFError

    monkeypatch.setattr("getpass.getpass", no_terminal)
    code, out, err = _run(
        capsys, monkeypatch, "db", "init-server", office_database, "--admin", "ardita"
    )
    assert code == 1 and "use --password-stdin" in err
    assert _tables(office_database) == []

    laptop = tmp_path / "office.sqlite3"
    code, out, err = _run(
        capsys, monkeypatch, "db", "init-server", str(laptop), "--admin", "ardita"
    )
    assert code == 1
    assert "an SQLite file is created by opening it" in err
    assert not laptop.exists()

    engine = make_engine(resolve_url(office_database))
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE invoices (id integer PRIMARY KEY)"))
    engine.dispose()
    code, out, err = _run(
        capsys,
        monkeypatch,
        "db",
        "init-server",
        office_database,
        "--admin",
        "ardita",
        "--password-stdin",
        stdin=PASSWORD + "\n",
    )
    assert code == 1
    assert "holds tables that are not CSO Desk's (invoices); nothing was changed" in err
    assert _tables(office_database) == ["invoices"]


def test_copy_moves_a_laptop_onto_an_empty_server_database_and_back(
    office_database: str,
    sqlite_db: Database,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    load_demo(sqlite_db)
    laptop = str(sqlite_db.path)
    sqlite_db.close()

    code, out, err = _run(capsys, monkeypatch, "db", "copy", laptop, office_database)
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].startswith(f"Copying {laptop} into postgresql+psycopg://csodesk_owner_")
    assert "  projects: 4 rows copied" in lines
    assert "  activities: 50 rows copied" in lines
    assert "Read back and checked, table by table:" in lines
    assert lines[-1].endswith("each table's row count and checksum equal.")
    projects_line = next(line for line in lines if line.split()[:1] == ["projects"])
    assert projects_line.split()[1] == "4" and "SHA-256" in projects_line

    code, out, err = _run(capsys, monkeypatch, "db", "copy", laptop, office_database)
    assert (code, out.splitlines()[1:]) == (1, [])
    assert "already holds data" in err

    back = tmp_path / "back.sqlite3"
    code, out, err = _run(capsys, monkeypatch, "db", "copy", office_database, str(back))
    assert (code, err) == (0, "")
    db = open_database(str(back))
    try:
        with db.transaction() as session:
            assert session.execute(text("SELECT count(*) FROM projects")).scalar() == 4
    finally:
        db.close()

    code, out, err = _run(
        capsys, monkeypatch, "db", "copy", str(tmp_path / "nothing.sqlite3"), str(back)
    )
    assert code == 1 and "nothing to copy" in err
