"""Organisation scope on a PostgreSQL server: row-level security.

The services already show a user of a partner organisation only the projects it takes part
in (``desktop/services/scope.py``).  This revision makes the server keep the same rule for
anyone who connects with their own database role (``desktop/store/roles.py`` creates one
per CSO Desk user), so that psql, a spreadsheet's ODBC link or a script cannot read around
the application.

- ``csodesk_user_organisation()``: the organisation of the CSO Desk user the connection
  signed in as (``session_user``, which ``SET ROLE`` cannot change), or NULL for the lead
  office, an administrator, the application's owner role or any role that is no CSO Desk
  user: NULL means "sees everything".
- ``csodesk_sees_project(id)``: true when that organisation is NULL, or partners in the
  project, or leads it; ``csodesk_sees_grant/period/activity/result/indicator/
  research_output/case(id)`` follow a record up to its project, and
  ``csodesk_sees_record(entity, id)`` / ``csodesk_sees_attachment(entity, uuid)`` do it for
  the audit log's and the attachments' (table name, key) pairs.  Each is ``STABLE``,
  ``SECURITY DEFINER`` (it reads ``users`` and the parent tables as their owner) with a fixed
  ``search_path``.
- Row-level security with a ``USING`` and a ``WITH CHECK`` policy on every table that belongs
  to a project; ``users``: a scoped user reads only their own row; ``audit_entries``: they
  read and insert only entries of their scope (revision 0008's triggers refuse every change).
  The tables' owner, the role the application itself connects as, is exempt and applies the
  scope in its services.
- The group role ``csodesk_users``, which each user's login role is a member of: SELECT,
  INSERT and UPDATE on the data tables, DELETE on the tables of a project's records (all
  filtered by the policies), SELECT and INSERT
  only on ``audit_entries``, SELECT on ``users`` without the password hashes, USAGE on the
  sequences.  Roles belong to the whole server, not one database: the group role is created
  when missing (when the migrating role may create roles) and never dropped, since other
  databases on the server may use it; a downgrade revokes what this database granted it.

Tables added by later revisions must get their own grants and, when they belong to a
project, their own policy.

On SQLite (one user per file) this revision does nothing.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-28 12:40:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

GROUP_ROLE = "csodesk_users"

# Every table whose rows belong to a project: the function that decides whether a parent is
# in scope, and the column naming that parent.
_BELONGS_TO: dict[str, tuple[str, str]] = {
    "projects": ("csodesk_sees_project", "id"),
    "project_partners": ("csodesk_sees_project", "project_id"),
    "project_municipalities": ("csodesk_sees_project", "project_id"),
    "project_thematic_areas": ("csodesk_sees_project", "project_id"),
    "grants": ("csodesk_sees_project", "project_id"),
    "budget_lines": ("csodesk_sees_grant", "grant_id"),
    "instalments": ("csodesk_sees_grant", "grant_id"),
    "expenditures": ("csodesk_sees_grant", "grant_id"),
    "reporting_periods": ("csodesk_sees_grant", "grant_id"),
    "narrative_texts": ("csodesk_sees_period", "period_id"),
    "activities": ("csodesk_sees_project", "project_id"),
    "participant_counts": ("csodesk_sees_activity", "activity_id"),
    "results": ("csodesk_sees_project", "project_id"),
    "indicators": ("csodesk_sees_result", "result_id"),
    "indicator_values": ("csodesk_sees_indicator", "indicator_id"),
    "research_outputs": ("csodesk_sees_project", "project_id"),
    "research_output_indicators": ("csodesk_sees_research_output", "research_output_id"),
    "cases": ("csodesk_sees_project", "project_id"),
    "case_status_changes": ("csodesk_sees_case", "case_id"),
    "case_actions": ("csodesk_sees_case", "case_id"),
}
# The link tables have no key of their own, so no audit entry or attachment names them.
_KEYLESS = ("project_municipalities", "project_thematic_areas", "research_output_indicators")

# The parents a record is followed up through, as (function suffix, table).
_PARENTS: tuple[tuple[str, str], ...] = (
    ("grant", "grants"),
    ("period", "reporting_periods"),
    ("activity", "activities"),
    ("result", "results"),
    ("indicator", "indicators"),
    ("research_output", "research_outputs"),
    ("case", "cases"),
)

_FUNCTIONS = (
    "csodesk_sees_attachment(character varying, uuid)",
    "csodesk_sees_record(character varying, integer)",
    *(f"csodesk_sees_{name}(integer)" for name, _table in reversed(_PARENTS)),
    "csodesk_sees_project(integer)",
    "csodesk_user_organisation()",
)

# A scoped user: the projects row they may write is one they see or one they lead; their
# own row of users; the audit entries of their scope.
_SPECIAL: dict[str, tuple[str, str]] = {
    "projects": (
        "csodesk_sees_project(id)",
        "csodesk_sees_project(id) OR lead_organisation_id = csodesk_user_organisation()",
    ),
    "users": (
        "csodesk_user_organisation() IS NULL OR username = session_user",
        "csodesk_user_organisation() IS NULL",
    ),
    "attachments": (
        "csodesk_sees_attachment(entity, entity_uuid)",
        "csodesk_sees_attachment(entity, entity_uuid)",
    ),
    "audit_entries": (
        "csodesk_sees_record(entity, entity_id)",
        "csodesk_sees_record(entity, entity_id)",
    ),
}


def _function(schema: str, signature: str, returns: str, body: str) -> None:
    op.execute(
        f"CREATE FUNCTION {signature} RETURNS {returns} LANGUAGE sql STABLE SECURITY DEFINER "
        f'SET search_path = "{schema}", pg_temp AS $$ {body} $$'
    )


def _by_entity(key: str) -> str:
    """CASE branches deciding whether the record of table ``entity`` whose ``key`` column
    equals the argument ``record`` is in scope."""
    return " ".join(
        f"WHEN '{table}' THEN {check}((SELECT {column} FROM {table} WHERE {key} = record))"
        for table, (check, column) in _BELONGS_TO.items()
        if table not in _KEYLESS
    )


def _create_functions(schema: str) -> None:
    _function(
        schema,
        "csodesk_user_organisation()",
        "integer",
        "SELECT organisation_id FROM users WHERE username = session_user "
        "AND organisation_id IS NOT NULL AND role <> 'admin'",
    )
    _function(
        schema,
        "csodesk_sees_project(project integer)",
        "boolean",
        "SELECT csodesk_user_organisation() IS NULL "
        "OR EXISTS (SELECT 1 FROM project_partners WHERE project_id = project "
        "AND organisation_id = csodesk_user_organisation()) "
        "OR EXISTS (SELECT 1 FROM projects WHERE id = project "
        "AND lead_organisation_id = csodesk_user_organisation())",
    )
    for name, table in _PARENTS:
        check, column = _BELONGS_TO[table]
        _function(
            schema,
            f"csodesk_sees_{name}(record integer)",
            "boolean",
            "SELECT csodesk_user_organisation() IS NULL OR "
            f"coalesce({check}((SELECT {column} FROM {table} WHERE id = record)), false)",
        )
    # Entries about users are the lead office's; those about organisations, people and
    # reference data are everyone's.
    _function(
        schema,
        "csodesk_sees_record(entity character varying, record integer)",
        "boolean",
        "SELECT csodesk_user_organisation() IS NULL OR coalesce(CASE entity "
        f"{_by_entity('id')} WHEN 'users' THEN false ELSE true END, false)",
    )
    _function(
        schema,
        "csodesk_sees_attachment(entity character varying, record uuid)",
        "boolean",
        "SELECT csodesk_user_organisation() IS NULL OR coalesce(CASE entity "
        f"{_by_entity('uuid')} WHEN 'users' THEN false ELSE true END, false)",
    )


def _create_group_role() -> None:
    """The group role, unless it exists already (another database on the server made it) or
    the migrating role may not create roles (then an administrator creates it later and
    runs this revision's grants by hand; see docs/RELIABILITY.md)."""
    op.execute(
        "DO $$ BEGIN "
        f"IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{GROUP_ROLE}') THEN "
        f"BEGIN CREATE ROLE {GROUP_ROLE} NOLOGIN; "
        "EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; "
        "WHEN insufficient_privilege THEN "
        f"RAISE WARNING 'cannot create the role {GROUP_ROLE}: no per-user database access'; "
        "END; END IF; END $$"
    )


def _grant_statements(schema: str, user_columns: Sequence[str]) -> list[str]:
    columns = ", ".join(f'"{column}"' for column in user_columns if column != "password_hash")
    return [
        f'GRANT USAGE ON SCHEMA "{schema}" TO {GROUP_ROLE}',
        f'GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA "{schema}" TO {GROUP_ROLE}',
        f"GRANT DELETE ON {', '.join(_BELONGS_TO)} TO {GROUP_ROLE}",
        f"REVOKE ALL ON users, audit_entries, alembic_version FROM {GROUP_ROLE}",
        f"GRANT SELECT ({columns}) ON users TO {GROUP_ROLE}",
        f"GRANT SELECT, INSERT ON audit_entries TO {GROUP_ROLE}",
        f"GRANT SELECT ON alembic_version TO {GROUP_ROLE}",
        f'GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA "{schema}" TO {GROUP_ROLE}',
    ]


def _revoke_statements(schema: str) -> list[str]:
    return [
        f'REVOKE ALL ON ALL TABLES IN SCHEMA "{schema}" FROM {GROUP_ROLE}',
        f'REVOKE ALL ON ALL SEQUENCES IN SCHEMA "{schema}" FROM {GROUP_ROLE}',
        f'REVOKE ALL ON SCHEMA "{schema}" FROM {GROUP_ROLE}',
    ]


def _when_group_role_exists(statements: Sequence[str]) -> None:
    quoted = " ".join(f"EXECUTE {_literal(statement)};" for statement in statements)
    op.execute(
        f"DO $$ BEGIN IF EXISTS (SELECT FROM pg_roles WHERE rolname = '{GROUP_ROLE}') THEN "
        f"{quoted} END IF; END $$"
    )


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    schema = bind.exec_driver_sql("SELECT current_schema()").scalar_one()
    user_columns = [
        row[0]
        for row in bind.exec_driver_sql(
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_schema = current_schema() AND table_name = 'users' "
            "ORDER BY ordinal_position"
        )
    ]
    _create_functions(schema)
    policies = {
        table: (f"{check}({column})",) * 2 for table, (check, column) in _BELONGS_TO.items()
    }
    policies.update(_SPECIAL)
    for table, (using, check) in policies.items():
        op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        op.execute(
            f"CREATE POLICY organisation_scope ON {table} USING ({using}) WITH CHECK ({check})"
        )
    _create_group_role()
    _when_group_role_exists(_grant_statements(schema, user_columns))


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    schema = bind.exec_driver_sql("SELECT current_schema()").scalar_one()
    for table in dict.fromkeys((*_BELONGS_TO, *_SPECIAL)):
        op.execute(f"DROP POLICY IF EXISTS organisation_scope ON {table}")
        op.execute(f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY")
    for signature in _FUNCTIONS:
        op.execute(f"DROP FUNCTION IF EXISTS {signature}")
    _when_group_role_exists(_revoke_statements(schema))
