"""PostgreSQL's row-level security keeps a partner's user to their organisation's projects
when they connect with their own database role, outside the application (revision 0009).

Each test makes real login roles on the test server (roles belong to the whole server, so
their names are unique per test and they are dropped afterwards), signs in as them with
psycopg and tries to read and write around the scope.
"""

import io
import uuid
from collections.abc import Callable, Iterator

import psycopg
import pytest
from psycopg import errors as pg_errors
from sqlalchemy import select
from sqlalchemy.engine import make_url

from desktop.cli import main
from desktop.domain import Organisation, Project
from desktop.domain.user import Role, User
from desktop.store.database import Database, open_database
from desktop.store.demo import load_demo
from desktop.store.roles import (
    DatabaseAccessError,
    grant_database_access,
    revoke_database_access,
)
from tests.postgres_server import PostgresServer

PASSWORD = "correct horse battery"

# The project each row of a table belongs to, by the shortest path, written independently of
# the policies so that the test can catch a policy following the wrong path.
PROJECT_OF: dict[str, str] = {
    "projects": "SELECT id FROM projects",
    "project_partners": "SELECT project_id FROM project_partners",
    "project_municipalities": "SELECT project_id FROM project_municipalities",
    "project_thematic_areas": "SELECT project_id FROM project_thematic_areas",
    "grants": "SELECT project_id FROM grants",
    "activities": "SELECT project_id FROM activities",
    "results": "SELECT project_id FROM results",
    "research_outputs": "SELECT project_id FROM research_outputs",
    "cases": "SELECT project_id FROM cases",
    **{
        table: f"SELECT g.project_id FROM {table} x JOIN grants g ON g.id = x.grant_id"
        for table in ("budget_lines", "instalments", "expenditures", "reporting_periods")
    },
    "narrative_texts": "SELECT g.project_id FROM narrative_texts x "
    "JOIN reporting_periods p ON p.id = x.period_id JOIN grants g ON g.id = p.grant_id",
    "participant_counts": "SELECT a.project_id FROM participant_counts x "
    "JOIN activities a ON a.id = x.activity_id",
    "indicators": "SELECT r.project_id FROM indicators x JOIN results r ON r.id = x.result_id",
    "indicator_values": "SELECT r.project_id FROM indicator_values x "
    "JOIN indicators i ON i.id = x.indicator_id JOIN results r ON r.id = i.result_id",
    "research_output_indicators": "SELECT o.project_id FROM research_output_indicators x "
    "JOIN research_outputs o ON o.id = x.research_output_id",
    "case_status_changes": "SELECT c.project_id FROM case_status_changes x "
    "JOIN cases c ON c.id = x.case_id",
    "case_actions": "SELECT c.project_id FROM case_actions x JOIN cases c ON c.id = x.case_id",
}

ZAJEDNO = "Zajedno"  # the demo's partner CSO in projects CSK-2025-01 and CSK-2025-03
IN_SCOPE = {"CSK-2025-01", "CSK-2025-03"}

Connect = Callable[[str], psycopg.Connection]


@pytest.fixture
def server_db(postgres_url: str) -> Iterator[Database]:
    database = open_database(postgres_url)
    load_demo(database)
    yield database
    database.close()


@pytest.fixture
def make_user(server_db: Database) -> Iterator[Callable[..., str]]:
    """Makes a CSO Desk user with a login role of their own; drops the roles afterwards."""
    made: list[str] = []

    def make(organisation: str | None, role: Role = Role.STAFF, name: str | None = None) -> str:
        username = name or f"rls_{role.value}_{uuid.uuid4().hex[:10]}"
        with server_db.transaction() as session:
            organisation_id = (
                session.scalar(select(Organisation.id).where(Organisation.acronym == organisation))
                if organisation
                else None
            )
            session.add(
                User(
                    username=username,
                    full_name=username,
                    role=role,
                    organisation_id=organisation_id,
                )
            )
        made.append(username)
        assert grant_database_access(server_db, username, PASSWORD)
        return username

    yield make
    for username in made:
        revoke_database_access(server_db, username)


@pytest.fixture
def connect(postgres: PostgresServer, postgres_url: str) -> Iterator[Connect]:
    opened: list[psycopg.Connection] = []
    database = make_url(postgres_url).database

    def connect_as(username: str) -> psycopg.Connection:
        connection = psycopg.connect(
            host=str(postgres.socket_dir),
            port=postgres.port,
            user=username,
            password=PASSWORD,
            dbname=database,
            autocommit=True,
        )
        opened.append(connection)
        return connection

    yield connect_as
    for connection in opened:
        connection.close()


def _project_ids(connection: psycopg.Connection, table: str) -> list[int | None]:
    return sorted(
        (row[0] for row in connection.execute(PROJECT_OF[table])), key=lambda key: key or 0
    )


def _codes(db: Database, codes: set[str]) -> set[int]:
    with db.transaction() as session:
        return set(session.scalars(select(Project.id).where(Project.code.in_(codes))))


def _owner(postgres: PostgresServer, postgres_url: str) -> psycopg.Connection:
    return psycopg.connect(
        host=str(postgres.socket_dir),
        port=postgres.port,
        user="postgres",
        dbname=make_url(postgres_url).database,
        autocommit=True,
    )


def test_a_partners_user_reads_only_their_projects_rows_in_every_table(
    server_db: Database,
    make_user: Callable[..., str],
    connect: Connect,
    postgres: PostgresServer,
    postgres_url: str,
) -> None:
    scope = _codes(server_db, IN_SCOPE)
    partner = connect(make_user(ZAJEDNO))
    with _owner(postgres, postgres_url) as owner:
        for table in PROJECT_OF:
            everything = _project_ids(owner, table)
            expected = [project for project in everything if project in scope]
            assert _project_ids(partner, table) == expected, table
    # the demo gives the test something to hide: rows both in and out of scope
    with _owner(postgres, postgres_url) as owner:
        for table in ("projects", "grants", "activities", "cases", "indicator_values"):
            everything = _project_ids(owner, table)
            assert 0 < len([p for p in everything if p in scope]) < len(everything), table
    # cases and research outputs without a project are the lead office's
    assert partner.execute("SELECT count(*) FROM cases WHERE project_id IS NULL").fetchone() == (0,)


def test_the_lead_office_and_administrators_read_everything(
    make_user: Callable[..., str], connect: Connect, postgres: PostgresServer, postgres_url: str
) -> None:
    lead_office = connect(make_user(None))
    partner_admin = connect(make_user(ZAJEDNO, Role.ADMIN))
    with _owner(postgres, postgres_url) as owner:
        for table in PROJECT_OF:
            everything = _project_ids(owner, table)
            assert _project_ids(lead_office, table) == everything, table
            assert _project_ids(partner_admin, table) == everything, table


def test_a_partners_user_cannot_change_or_add_rows_of_other_projects(
    server_db: Database,
    make_user: Callable[..., str],
    connect: Connect,
    postgres: PostgresServer,
    postgres_url: str,
) -> None:
    scope = _codes(server_db, IN_SCOPE)
    other = min(_codes(server_db, {"CSK-2025-02", "CSK-2026-01"}))
    mine = min(scope)
    partner = connect(make_user(ZAJEDNO))
    with _owner(postgres, postgres_url) as owner:
        before = owner.execute(
            "SELECT id, venue, project_id FROM activities ORDER BY id"
        ).fetchall()
        changed = partner.execute("UPDATE activities SET venue = 'moved'").rowcount
        assert changed == len([row for row in before if row[2] in scope])
        after = owner.execute("SELECT id, venue, project_id FROM activities ORDER BY id").fetchall()
        assert [row for row in after if row[2] not in scope] == [
            row for row in before if row[2] not in scope
        ]
        assert (
            partner.execute("UPDATE projects SET summary = 'x' WHERE id = %s", (other,)).rowcount
            == 0
        )
        (other_grant,) = owner.execute(
            "SELECT id FROM grants WHERE project_id = %s", (other,)
        ).fetchone()
        spent = owner.execute(
            "SELECT count(*) FROM expenditures WHERE grant_id = %s", (other_grant,)
        )
        assert spent.fetchone()[0] > 0
        deleted = partner.execute("DELETE FROM expenditures WHERE grant_id = %s", (other_grant,))
        assert deleted.rowcount == 0
        with pytest.raises(pg_errors.InsufficientPrivilege):
            partner.execute(
                "UPDATE activities SET project_id = %s WHERE project_id = %s", (other, mine)
            )
        with pytest.raises(pg_errors.InsufficientPrivilege):
            partner.execute(
                "INSERT INTO results (uuid, created_at, updated_at, version, project_id, "
                "level, code, sort_order) SELECT gen_random_uuid(), now(), now(), 1, %s, "
                "level, 'X9', 99 FROM results LIMIT 1",
                (other,),
            )
        assert owner.execute("SELECT count(*) FROM results WHERE code = 'X9'").fetchone() == (0,)


def test_a_partners_user_reads_only_their_own_user_row_and_no_password_hashes(
    make_user: Callable[..., str], connect: Connect
) -> None:
    username = make_user(ZAJEDNO)
    make_user(None)
    partner = connect(username)
    assert partner.execute("SELECT username FROM users").fetchall() == [(username,)]
    with pytest.raises(pg_errors.InsufficientPrivilege):
        partner.execute("SELECT password_hash FROM users")
    lead_office = connect(make_user(None))
    assert len(lead_office.execute("SELECT username FROM users").fetchall()) >= 3
    with pytest.raises(pg_errors.InsufficientPrivilege):
        lead_office.execute("UPDATE users SET role = 'admin'")


def test_a_partners_user_reads_and_writes_audit_entries_of_their_scope_only_and_deletes_none(
    server_db: Database,
    make_user: Callable[..., str],
    connect: Connect,
    postgres: PostgresServer,
    postgres_url: str,
) -> None:
    mine = min(_codes(server_db, IN_SCOPE))
    other = min(_codes(server_db, {"CSK-2025-02"}))
    entry = (
        "INSERT INTO audit_entries (at, username, action, entity, entity_id, changes) "
        "VALUES (now(), 'someone', 'update', %s, %s, '{}')"
    )
    with _owner(postgres, postgres_url) as owner:
        for entity, key in (("projects", mine), ("projects", other), ("organisations", 1)):
            owner.execute(entry, (entity, key))
        owner.execute(
            entry,
            (
                "cases",
                owner.execute("SELECT min(id) FROM cases WHERE project_id IS NULL").fetchone()[0],
            ),
        )
        total = owner.execute("SELECT count(*) FROM audit_entries").fetchone()[0]
    partner = connect(make_user(ZAJEDNO))
    seen = set(partner.execute("SELECT entity, entity_id FROM audit_entries").fetchall())
    assert ("projects", mine) in seen
    assert ("organisations", 1) in seen
    assert ("projects", other) not in seen
    assert not any(entity == "cases" for entity, _key in seen)
    partner.execute(entry, ("projects", mine))
    with pytest.raises(pg_errors.InsufficientPrivilege):
        partner.execute(entry, ("projects", other))
    with pytest.raises(pg_errors.InsufficientPrivilege):
        partner.execute("DELETE FROM audit_entries")
    with pytest.raises(pg_errors.InsufficientPrivilege):
        partner.execute("UPDATE audit_entries SET username = 'nobody'")
    with _owner(postgres, postgres_url) as owner:
        assert owner.execute("SELECT count(*) FROM audit_entries").fetchone() == (total + 1,)


def test_switching_to_the_group_role_does_not_widen_the_scope(
    server_db: Database, make_user: Callable[..., str], connect: Connect
) -> None:
    partner = connect(make_user(ZAJEDNO))
    partner.execute("SET ROLE csodesk_users")
    seen = {row[0] for row in partner.execute("SELECT code FROM projects")}
    assert seen == IN_SCOPE


def test_attachments_follow_the_record_they_belong_to(
    server_db: Database,
    make_user: Callable[..., str],
    connect: Connect,
    postgres: PostgresServer,
    postgres_url: str,
) -> None:
    attach = (
        "INSERT INTO attachments (uuid, created_at, updated_at, version, entity, entity_uuid, "
        "filename, media_type, size, sha256, content) SELECT gen_random_uuid(), now(), now(), 1, "
        "'research_outputs', uuid, %s, 'application/pdf', 0, repeat('0', 64), '' "
        "FROM research_outputs WHERE project_id = %s LIMIT 1"
    )
    mine = min(_codes(server_db, IN_SCOPE))
    other = min(_codes(server_db, {"CSK-2025-02"}))
    with _owner(postgres, postgres_url) as owner:
        owner.execute(attach, ("mine.pdf", mine))
        owner.execute(attach, ("theirs.pdf", other))
    partner = connect(make_user(ZAJEDNO))
    assert partner.execute("SELECT filename FROM attachments").fetchall() == [("mine.pdf",)]


def test_granting_access_quotes_the_name_and_never_touches_other_roles(
    server_db: Database,
    make_user: Callable[..., str],
    connect: Connect,
    postgres: PostgresServer,
    postgres_url: str,
) -> None:
    odd = f'rls "x"; DROP TABLE projects; -- {uuid.uuid4().hex[:6]}'
    connect(make_user(ZAJEDNO, name=odd))
    with _owner(postgres, postgres_url) as owner:
        assert owner.execute("SELECT count(*) FROM projects").fetchone() == (4,)
        assert owner.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (odd,)).fetchone()
    with pytest.raises(DatabaseAccessError, match="no CSO Desk user"):
        grant_database_access(server_db, "nobody_at_all", PASSWORD)
    with server_db.transaction() as session:
        session.add(User(username="postgres", full_name="Server owner", role=Role.STAFF))
    with pytest.raises(DatabaseAccessError, match="not a CSO Desk user's"):
        grant_database_access(server_db, "postgres", PASSWORD)
    assert revoke_database_access(server_db, "postgres") is False
    with pytest.raises(DatabaseAccessError, match="at least"):
        grant_database_access(server_db, odd, "short")


def test_a_revoked_user_can_no_longer_connect(
    server_db: Database, make_user: Callable[..., str], connect: Connect
) -> None:
    username = make_user(ZAJEDNO)
    connect(username).close()
    assert revoke_database_access(server_db, username) is True
    with pytest.raises(psycopg.OperationalError):
        connect(username)
    # a second grant creates the role again, a third only changes the password
    assert grant_database_access(server_db, username, PASSWORD) is True
    assert grant_database_access(server_db, username, PASSWORD + "!") is False


def test_the_command_line_grants_and_revokes_a_users_role(
    server_db: Database,
    postgres_url: str,
    connect: Connect,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    username = f"rls_cli_{uuid.uuid4().hex[:10]}"
    with server_db.transaction() as session:
        session.add(User(username=username, full_name="Arta", role=Role.VIEWER))
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    try:
        assert main(["--db", postgres_url, "db", "grant-access", username, "--password-stdin"]) == 0
        assert "can now connect" in capsys.readouterr().out
        assert connect(username).execute("SELECT count(*) FROM projects").fetchone() == (4,)
    finally:
        assert main(["--db", postgres_url, "db", "revoke-access", username]) == 0
    assert "can no longer connect" in capsys.readouterr().out
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    assert main(["--db", postgres_url, "db", "grant-access", username, "--password-stdin"]) == 1
    assert "at least 12 characters" in capsys.readouterr().err


def test_an_sqlite_file_has_no_database_roles(sqlite_db: Database) -> None:
    with pytest.raises(DatabaseAccessError, match="only on a PostgreSQL server"):
        grant_database_access(sqlite_db, "admin", PASSWORD)


def test_the_command_line_refuses_an_sqlite_file_before_asking_a_password(
    sqlite_db: Database, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def no_terminal(_prompt: str = "") -> str:
        raise EOFError

    monkeypatch.setattr("getpass.getpass", no_terminal)
    assert sqlite_db.path is not None
    assert main(["--db", str(sqlite_db.path), "db", "grant-access", "admin"]) == 1
    assert "only on a PostgreSQL server" in capsys.readouterr().err
