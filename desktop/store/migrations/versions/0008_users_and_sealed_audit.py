"""Sign-in and a sealed audit log.

- ``users.password_hash`` (an Argon2id hash, empty until a password is set) and
  ``users.organisation_id`` (the organisation a user works for, which limits what staff of
  a partner organisation see on a shared server); the ``translator`` role.
- ``cases.raised_by_contact``: how to reach the person who raised a case (a phone number,
  an address), as confidential as their name.
- ``audit_entries.action`` gains ``view``: reading who raised a case is recorded too.
- The audit log cannot be changed: triggers refuse every ``UPDATE`` and ``DELETE`` of
  ``audit_entries``, whoever sends it, app or not.  SQLite rebuilds a table to alter it,
  which drops its triggers: a later revision that alters ``audit_entries`` in batch mode
  must call ``seal_audit_log()`` again (and ``unseal_audit_log()`` before, on PostgreSQL).

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-28 12:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_ROLES_BEFORE = ("admin", "manager", "staff", "viewer")
_ROLES = (*_ROLES_BEFORE, "translator")
_ACTIONS_BEFORE = ("create", "update", "archive", "restore", "delete")
_ACTIONS = (*_ACTIONS_BEFORE, "view")
_REFUSAL = "audit entries cannot be changed or deleted"


def _in(column: str, values: Sequence[str]) -> str:
    return f"{column} IN ({', '.join(repr(value) for value in values)})"


def seal_audit_log() -> None:
    """Triggers that refuse any change to an audit entry once written."""
    if op.get_bind().dialect.name == "sqlite":
        for event in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER audit_entries_no_{event.lower()} BEFORE {event} "
                f"ON audit_entries BEGIN SELECT RAISE(ABORT, '{_REFUSAL}'); END"
            )
        return
    op.execute(
        "CREATE FUNCTION audit_entries_sealed() RETURNS trigger LANGUAGE plpgsql AS $$ "
        f"BEGIN RAISE EXCEPTION '{_REFUSAL}' USING ERRCODE = 'insufficient_privilege'; END $$"
    )
    op.execute(
        "CREATE TRIGGER audit_entries_sealed BEFORE UPDATE OR DELETE OR TRUNCATE "
        "ON audit_entries FOR EACH STATEMENT EXECUTE FUNCTION audit_entries_sealed()"
    )


def unseal_audit_log() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS audit_entries_no_update")
        op.execute("DROP TRIGGER IF EXISTS audit_entries_no_delete")
        return
    op.execute("DROP TRIGGER IF EXISTS audit_entries_sealed ON audit_entries")
    op.execute("DROP FUNCTION IF EXISTS audit_entries_sealed()")


def upgrade() -> None:
    op.add_column("cases", sa.Column("raised_by_contact", sa.String(length=500), nullable=True))
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("password_hash", sa.String(length=500), nullable=True))
        batch_op.add_column(sa.Column("organisation_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_users_organisation_id_organisations"),
            "organisations",
            ["organisation_id"],
            ["id"],
        )
        batch_op.drop_constraint(op.f("ck_users_role"), type_="check")
        batch_op.create_check_constraint(op.f("ck_users_role"), _in("role", _ROLES))
    with op.batch_alter_table("audit_entries", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_audit_entries_action"), type_="check")
        batch_op.create_check_constraint(op.f("ck_audit_entries_action"), _in("action", _ACTIONS))
    seal_audit_log()


def downgrade() -> None:
    unseal_audit_log()
    op.execute("DELETE FROM audit_entries WHERE action = 'view'")
    with op.batch_alter_table("audit_entries", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_audit_entries_action"), type_="check")
        batch_op.create_check_constraint(
            op.f("ck_audit_entries_action"), _in("action", _ACTIONS_BEFORE)
        )
    op.execute("UPDATE users SET role = 'viewer' WHERE role = 'translator'")
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_users_role"), type_="check")
        batch_op.create_check_constraint(op.f("ck_users_role"), _in("role", _ROLES_BEFORE))
        batch_op.drop_constraint(
            batch_op.f("fk_users_organisation_id_organisations"), type_="foreignkey"
        )
        batch_op.drop_column("organisation_id")
        batch_op.drop_column("password_hash")
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_column("raised_by_contact")
